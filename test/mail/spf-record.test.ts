import { describe, expect, it } from 'vitest';
import { isSpfRecord, parseSpf } from '../../src/mail/spf-record.ts';

// "No clean record is ever failed": records as the large providers document them, and the corners of the
// RFC 7208 grammar, must all parse without an invalid term.
describe('parseSpf', () => {
  it.each([
    'v=spf1 include:spf.protection.outlook.com -all',
    'v=spf1 include:_spf.google.com ~all',
    'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx a:mail.example.com/28 mx:example.com//64 -all',
    'v=spf1 a/24 mx/24//64 ip6:::1 -all',
    'v=spf1 exists:%{i}._spf.mta.salesforce.com -all',
    'v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all',
    'v=spf1 exists:%{i}.%{d10}.%{o2r}.example.com -all',
    'v=spf1 redirect=_spf.example.com',
    'v=spf1 -all exp=explain._spf.%{d}',
    'v=spf1 a:%{d} ?all',
    'v=spf1 a:%{l/}.example.com mx:%{d/}/24 -all',
    'V=SPF1 MX -ALL',
    'v=spf1  mx   -all ',
    'v=spf1 ptr:example.com include:example.com. -all',
    'v=spf1 ip4:10.0.0.0/8 include:mailgun.org include:sendgrid.net include:servers.mcsv.net -all',
    'v=spf1',
  ])('reads %s without an invalid term', (record) => {
    expect(isSpfRecord(record)).toBe(true);
    expect(parseSpf(record).invalid).toEqual([]);
  });

  it('keeps a modifier nobody knows apart from errors (RFC 7208 §6)', () => {
    const record = parseSpf('v=spf1 moo.cow-far_out=man:dog/cat ip4:192.0.2.1 -all');
    expect(record.invalid).toEqual([]);
    expect(record.unknownModifiers).toEqual(['moo.cow-far_out=man:dog/cat']);
  });

  it('knows the failure-reporting modifiers ra=, rp= and rr= (RFC 6652 §3), in any case', () => {
    const record = parseSpf('v=spf1 mx -all ra=postmaster rp=100 RR=all');
    expect(record.invalid).toEqual([]);
    expect(record.unknownModifiers).toEqual([]);
  });

  it.each([
    ['v=spf1 ip4:192.0.2.1/032 -all', 'ip4:192.0.2.1/032'],
    ['v=spf1 a:example.123 -all', 'a:example.123'],
    ['v=spf1 include:com -all', 'include:com'],
    ['v=spf1 mx:example.com/24/64 -all', 'mx:example.com/24/64'],
    ['v=spf1 exists -all', 'exists'],
    ['v=spf1 ip6:2001:db8::/129 -all', 'ip6:2001:db8::/129'],
    ['v=spf1 a:%{c}.example.com -all', 'a:%{c}.example.com'],
    ['v=spf1 exists:%{i}.%{d0}.example.com -all', 'exists:%{i}.%{d0}.example.com'],
    ['v=spf1 a:%{d} exists:x.%{l0r} -all', 'exists:x.%{l0r}'],
    ['v=spf1 exp=a.example exp=b.example -all', 'exp=b.example'],
    ['v=spf1 mx -all\u00a0', '-all\u00a0'],
  ])('names the invalid term of %s', (record, term) => {
    expect(parseSpf(record).invalid).toEqual([term]);
  });

  it('is not an SPF record without exactly "v=spf1" and a space', () => {
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
    expect(isSpfRecord(' v=spf1 -all')).toBe(false);
    expect(isSpfRecord('spf2.0/pra -all')).toBe(false);
  });
});
