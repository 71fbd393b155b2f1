import { describe, expect, it } from 'vitest';
import type { DnsTable } from '../support/fake-dns.ts';
import { verdicts, withVerdict } from './readable.ts';
import { one, run, withRecord } from './spf-bed.ts';

// How the record ends for a server that is not the agency's (the "nobody else can send" good practice): the
// "all" it reaches, and any term before it that lets every server pass.

// What lets every server pass: a record ending in +all, a name with an address, a name that exists.
const OPEN: DnsTable = {
  'terbuka.example': { txt: ['v=spf1 +all'] },
  'mel.terbuka.example': { a: ['198.51.100.7'], aaaa: ['2001:db8:7::7'] },
  'ada.terbuka.example': { a: ['127.0.0.2'] },
};

describe('checkSpf', () => {
  it.each([
    ['-all', 'v=spf1 mx -all', 'spf.all pass'],
    ['~all', 'v=spf1 mx ~all', 'spf.all pass'],
    ['?all', 'v=spf1 mx ?all', 'spf.all warn'],
    ['+all', 'v=spf1 mx +all', 'spf.all fail'],
    ['a bare all, which is +all', 'v=spf1 mx all', 'spf.all fail'],
    ['no all and no redirect (neutral by default)', 'v=spf1 mx', 'spf.no_all warn'],
    ['a redirect to a record ending in ~all', 'v=spf1 mx redirect=_spf.penyedia.example', 'spf.all pass'],
  ])('judges the ending %s', async (_name, record, expected) => {
    expect(verdicts(await run(withRecord(record)))).toContain(expected);
  });

  it.each([
    ['an include of a record ending in +all', 'include:terbuka.example'],
    ['ip4:0.0.0.0/0', 'ip4:0.0.0.0/0'],
    ['ip6:::/0', 'ip6:::/0'],
    ['mx/0', 'mx/0'],
    ['a/0 on a name that has an address', 'a:mel.terbuka.example/0'],
    ['an exists on a name that resolves', 'exists:ada.terbuka.example'],
  ] as const)(
    'fails an ending of -all after %s, which lets every server pass, and names it',
    async (_name, term) => {
      const findings = await run(withRecord(`v=spf1 mx ${term} -all`, OPEN));
      expect(one(findings, 'spf.all')).toMatchObject({
        verdict: 'fail',
        params: { all: term, where: 'agensi.gov.my' },
      });
    },
  );

  it('fails a "?all" ending after a term that lets every server pass, rather than warn', async () => {
    const findings = await run(withRecord('v=spf1 include:terbuka.example ?all', OPEN));
    expect(one(findings, 'spf.all')).toMatchObject({
      verdict: 'fail',
      params: { all: 'include:terbuka.example' },
    });
  });

  it('names the term of a redirect target that lets every server pass', async () => {
    const findings = await run(
      withRecord('v=spf1 mx redirect=_spf.sasaran.example', {
        '_spf.sasaran.example': { txt: ['v=spf1 ip4:198.51.100.0/24 include:terbuka.example -all'] },
        ...OPEN,
      }),
    );
    expect(one(findings, 'spf.all')).toMatchObject({
      verdict: 'fail',
      params: { all: 'include:terbuka.example', where: '_spf.sasaran.example' },
    });
  });

  it('cannot test whether other servers may send when an include got no answer, and fails nothing', async () => {
    const findings = await run(
      withRecord('v=spf1 mx include:lambat.example -all', { 'lambat.example': { txt: 'timeout' } }),
    );
    expect(one(findings, 'spf.all')).toMatchObject({
      verdict: 'untested',
      params: { where: 'agensi.gov.my' },
    });
    expect(withVerdict(findings, 'fail')).toEqual([]);
  });

  it('names the redirect target as the record without "all", not the record that redirects', async () => {
    const findings = await run(
      withRecord('v=spf1 redirect=_spf.sasaran.example', {
        '_spf.sasaran.example': { txt: ['v=spf1 ip4:198.51.100.0/24'] },
      }),
    );
    expect(one(findings, 'spf.no_all')).toMatchObject({
      verdict: 'warn',
      params: { domain: '_spf.sasaran.example' },
    });
  });

  it('reads the "all" of the redirect target', async () => {
    const findings = await run(withRecord('v=spf1 redirect=_spf.penyedia.example'));
    expect(one(findings, 'spf.all')?.params).toEqual({ all: '~all', where: '_spf.penyedia.example' });
  });
});
