import { describe, expect, it } from 'vitest';
import { createTargetPolicy, parseDomain } from '../../src/mail/target-policy.ts';

// What /mailtest accepts as a domain, and which addresses it may connect to: never a port scanner.

describe('parseDomain', () => {
  it.each([
    ['agensi.gov.my', 'agensi.gov.my'],
    ['  Agensi.GOV.my.  ', 'agensi.gov.my'],
    ['kementerian-contoh.gov.my', 'kementerian-contoh.gov.my'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['PEJABAT.テスト', 'pejabat.xn--zckzah'],
    // Ideographic and full-width full stops separate labels (RFC 3490 §3.1, UTS #46).
    ['agensi\u3002gov\u3002my', 'agensi.gov.my'],
    ['agensi\uff0egov\uff0emy\uff0e', 'agensi.gov.my'],
    ['agensi\uff61gov\uff61my', 'agensi.gov.my'],
  ])('accepts %j as %s', (input, domain) => {
    expect(parseDomain(input)).toMatchObject({ ok: true, domain });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['.', 'empty'],
    ['127.0.0.1', 'ip_literal'],
    ['[127.0.0.1]', 'ip_literal'],
    ['::1', 'ip_literal'],
    ['[2001:db8::1]', 'ip_literal'],
    ['10.1.2.3', 'ip_literal'],
    ['localhost', 'single_label'],
    ['agensi', 'single_label'],
    ['agensi..gov.my', 'invalid'],
    ['-agensi.gov.my', 'invalid'],
    ['agensi-.gov.my', 'invalid'],
    ['agen si.gov.my', 'invalid'],
    ['agensi_mel.gov.my', 'invalid'],
    ['agensi.gov.my/path', 'invalid'],
    ['user@agensi.gov.my', 'invalid'],
    ['1.2.3.4.5', 'invalid'],
    [`${'a'.repeat(64)}.gov.my`, 'invalid'],
    [`${'abc.'.repeat(70)}my`, 'too_long'],
    ['x'.repeat(400), 'too_long'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseDomain(input)).toMatchObject({ ok: false, reason });
  });
});

describe('createTargetPolicy', () => {
  const policy = createTargetPolicy([]);

  it.each([
    '127.0.0.1',
    '127.0.1.1',
    '10.0.0.25',
    '172.16.5.4',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '2001:db8::25',
    '3fff::25',
    '5f00::25',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s by default', (address) => {
    expect(policy.allows(address)).toBe(false);
  });

  it.each(['203.106.93.94', '8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.4.4'])(
    'allows the public address %s',
    (address) => {
      expect(policy.allows(address)).toBe(true);
    },
  );

  it('allows what the configuration lists, and nothing next to it', () => {
    const tests = createTargetPolicy(['127.0.0.0/8', '10.20.0.0/16', 'fd00::/8']);
    expect(tests.allows('127.0.1.1')).toBe(true);
    expect(tests.allows('10.20.3.4')).toBe(true);
    expect(tests.allows('10.21.0.1')).toBe(false);
    expect(tests.allows('fd12::1')).toBe(true);
    expect(tests.allows('fe80::1')).toBe(false);
  });

  it('refuses a malformed allow-list entry at start rather than allowing too much', () => {
    expect(() => createTargetPolicy(['not/8'])).toThrow(/not an address block/);
  });
});
