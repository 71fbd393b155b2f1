import { describe, expect, it } from 'vitest';
import { NOTE_KINDS } from '../../flows/shared-steps.ts';
import { SLA_STATES } from '../../flows/sla.ts';
import { ROLES } from '../../flows/types.ts';
import {
  CATALOG_MODULES,
  type Catalog,
  catalogProblems,
  hasMessage,
  placeholdersOf,
} from '../../src/i18n/index.ts';

describe('the message catalogs', () => {
  it('have the same keys and parameters in Malay and English, no empty texts and no key defined twice', () => {
    expect(catalogProblems()).toEqual([]);
  });

  it.each(CATALOG_MODULES.map((m) => [m.name, m.catalog] as const))('%s has texts', (_name, catalog) => {
    expect(Object.keys(catalog.ms).length).toBeGreaterThan(0);
  });

  it('label every kind of note, on a card and in the CLI', () => {
    for (const kind of NOTE_KINDS) {
      expect(hasMessage(`field.${kind}`), kind).toBe(true);
      expect(hasMessage(`cli.note.${kind}`), kind).toBe(true);
    }
  });

  it('name every role in both languages', () => {
    for (const role of ROLES) expect(hasMessage(`role.${role}`), role).toBe(true);
  });

  it('have a reminder and an escalation for every waiting state the SLA policy knows', () => {
    const states = new Set([...SLA_STATES.change_request, ...SLA_STATES.complaint]);
    for (const state of states) {
      expect(hasMessage(`sla.remind.${state}`), state).toBe(true);
      expect(hasMessage(`sla.escalate.${state}`), state).toBe(true);
    }
  });
});

describe('catalogProblems', () => {
  const good: Catalog = { ms: { a: 'Tiket {number}' }, en: { a: 'Ticket {number}' } };

  it('reports a key missing in one language', () => {
    const bad: Catalog = { ms: { a: 'x', b: 'y' }, en: { a: 'x' } };
    expect(catalogProblems([{ name: 'm', catalog: bad }])).toEqual(['m: "b" has no en text']);
  });

  it('reports parameters that differ between languages', () => {
    const bad: Catalog = { ms: { a: 'Tiket {number}' }, en: { a: 'Ticket {id}' } };
    expect(catalogProblems([{ name: 'm', catalog: bad }])).toEqual([
      'm: "a" has params {number} in ms but {id} in en',
    ]);
  });

  it('reports empty texts', () => {
    const bad: Catalog = { ms: { a: ' ' }, en: { a: 'A' } };
    expect(catalogProblems([{ name: 'm', catalog: bad }])).toEqual(['m: "a" has an empty text']);
  });

  it('reports a key defined by two modules', () => {
    expect(
      catalogProblems([
        { name: 'one', catalog: good },
        { name: 'two', catalog: good },
      ]),
    ).toEqual(['two: "a" is already defined by one']);
  });

  it('finds each placeholder once, in order', () => {
    expect(placeholdersOf('{b} {a} {b} {not a param')).toEqual(['a', 'b']);
  });
});
