import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/tickets/canonical-json.ts';

// The text the audit chain hashes. PostgreSQL's jsonb hands keys back in its own order, so an event must
// hash the same however its keys come back.

describe('canonicalJson', () => {
  it('writes the same text whatever the key order, at every depth', () => {
    const a = { type: 'approved', data: { section: 'C', by: { name: 'Zulkifli', id: 'zulkifli' } }, at: 1 };
    const b = { at: 1, data: { by: { id: 'zulkifli', name: 'Zulkifli' }, section: 'C' }, type: 'approved' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"at":1,"data":{"by":{"id":"zulkifli","name":"Zulkifli"},"section":"C"},"type":"approved"}',
    );
  });

  it('sorts keys inside objects that sit in arrays, but keeps the order of the array', () => {
    expect(canonicalJson([{ b: 2, a: 1 }, 'x', [{ d: 4, c: 3 }]])).toBe(
      '[{"a":1,"b":2},"x",[{"c":3,"d":4}]]',
    );
  });

  it('writes dates as ISO 8601 strings in UTC', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 1, 30, 0, 123));
    expect(canonicalJson({ at, nested: { at } })).toBe(
      '{"at":"2026-01-02T01:30:00.123Z","nested":{"at":"2026-01-02T01:30:00.123Z"}}',
    );
  });

  it('drops keys whose value is undefined, so a missing field and an undefined one hash alike', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined, e: 'x' } })).toBe('{"a":1,"c":{"e":"x"}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('keeps null values', () => {
    expect(canonicalJson({ comments: null })).toBe('{"comments":null}');
  });

  it('writes bigints (audit sequence numbers) as decimal strings', () => {
    expect(canonicalJson({ seq: 9_007_199_254_740_993n })).toBe('{"seq":"9007199254740993"}');
  });

  it('writes no whitespace', () => {
    expect(canonicalJson({ a: [1, 2], b: { c: 'd e' } })).toBe('{"a":[1,2],"b":{"c":"d e"}}');
  });

  it('keeps a __proto__ key read back from JSON, so it is covered by the hash', () => {
    expect(canonicalJson(JSON.parse('{"a":1,"__proto__":{"b":2}}'))).toBe('{"__proto__":{"b":2},"a":1}');
  });
});
