import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { checkDns, type MxHost } from '../../src/mail/dns-checks.ts';
import type { DnsFailure } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { CLEAN, edit, mxList, run } from './dns-checks-bed.ts';
import { expectReadable, UNANSWERED, verdicts, withVerdict } from './readable.ts';

describe('checkDns', () => {
  it('passes a clean domain on every check and hands over the MX hosts in priority order', async () => {
    const { findings, mxHosts } = await run(CLEAN);
    expectReadable(findings);
    expect(withVerdict(findings, 'fail')).toEqual([]);
    expect(withVerdict(findings, 'warn')).toEqual([]);
    expect(verdicts(findings)).toEqual([
      'dns.address pass',
      'dns.mx pass',
      'dns.mx_host pass mx1.agensi.gov.my',
      'dns.mx_host pass mx2.agensi.gov.my',
      'dns.mx_redundancy pass',
      'dns.ptr pass 192.0.2.10',
      'dns.fcrdns pass 192.0.2.10',
      'dns.ptr pass 2001:db8::10',
      'dns.fcrdns pass 2001:db8::10',
      'dns.ptr pass 192.0.2.20',
      'dns.fcrdns pass 192.0.2.20',
    ]);
    expect(mxHosts).toEqual([
      { exchange: 'mx1.agensi.gov.my', priority: 10, addresses: ['192.0.2.10', '2001:db8::10'] },
      { exchange: 'mx2.agensi.gov.my', priority: 20, addresses: ['192.0.2.20'] },
    ]);
  });

  it('asks independent questions in parallel', async () => {
    const dns = fakeDns(CLEAN, { delayMs: 5 });
    await checkDns(dns, 'agensi.gov.my');
    expect(dns.peak()).toBeGreaterThanOrEqual(3);
  });

  it('asks for an internationalised domain in its A-label form', async () => {
    const table = { 'xn--bcher-kva.my': { mx: [{ exchange: 'mx.xn--bcher-kva.my', priority: 0 }] } };
    const dns = fakeDns(table);
    const { findings } = await checkDns(dns, 'Bücher.MY.');
    expect(dns.asked).toContain('mx xn--bcher-kva.my');
    expect(findings.find((f) => f.check === 'dns.mx')?.verdict).toBe('pass');
  });

  it.each([
    ['a domain that does not exist', {}, ['dns.domain fail']],
    [
      'no MX but an address: the implicit MX of RFC 5321 §5.1',
      { 'agensi.gov.my': { a: ['192.0.2.10'] }, '192.0.2.10': { ptr: ['agensi.gov.my'] } },
      [
        'dns.address pass',
        'dns.mx warn',
        'dns.mx_redundancy warn',
        'dns.ptr pass 192.0.2.10',
        'dns.fcrdns pass 192.0.2.10',
      ],
    ],
    ['no MX and no address', { 'agensi.gov.my': { txt: ['v=spf1 -all'] } }, ['dns.mx fail']],
    [
      'a null MX: the domain says it takes no mail',
      { 'agensi.gov.my': { mx: [{ exchange: '', priority: 0 }] } },
      ['dns.null_mx warn'],
    ],
    [
      'a root exchange at preference 10, which is no null MX (RFC 7505 §3): mail fails slowly',
      { 'agensi.gov.my': { mx: [{ exchange: '', priority: 10 }] } },
      ['dns.null_mx_invalid fail'],
    ],
    [
      'two root exchanges, not the single record RFC 7505 defines',
      { 'agensi.gov.my': { mx: mxList(['', 0], ['', 10]) } },
      ['dns.null_mx_invalid fail'],
    ],
    [
      'a null MX mixed with a real one',
      {
        'agensi.gov.my': { mx: mxList(['', 0], ['mx.agensi.gov.my', 10]) },
        'mx.agensi.gov.my': { a: ['192.0.2.10'] },
        '192.0.2.10': { ptr: ['mx.agensi.gov.my'] },
      },
      [
        'dns.mx pass',
        'dns.null_mx fail',
        'dns.mx_host pass mx.agensi.gov.my',
        'dns.mx_redundancy warn',
        'dns.ptr pass 192.0.2.10',
        'dns.fcrdns pass 192.0.2.10',
      ],
    ],
    [
      'an MX host that does not exist, and an MX written as an address',
      {
        'agensi.gov.my': { mx: mxList(['mx.hilang.gov.my', 10], ['192.0.2.1', 20]) },
      },
      ['dns.mx pass', 'dns.mx_host fail mx.hilang.gov.my', 'dns.mx_target fail 192.0.2.1'],
    ],
    [
      'an MX host that exists without an address, and one that is an alias',
      {
        'agensi.gov.my': { mx: mxList(['mx1.agensi.gov.my', 10], ['mx2.agensi.gov.my', 20]) },
        'mx1.agensi.gov.my': { txt: ['hello'] },
        'mx2.agensi.gov.my': { cname: ['real.agensi.gov.my'], a: ['192.0.2.20'] },
        '192.0.2.20': { ptr: ['real.agensi.gov.my'] },
        'real.agensi.gov.my': { a: ['192.0.2.20'] },
      },
      [
        'dns.mx pass',
        'dns.mx_host fail mx1.agensi.gov.my',
        'dns.mx_cname warn mx2.agensi.gov.my',
        'dns.mx_host pass mx2.agensi.gov.my',
        'dns.mx_redundancy warn',
        'dns.ptr pass 192.0.2.20',
        'dns.fcrdns pass 192.0.2.20',
      ],
    ],
    [
      'two MX names on one address: one server',
      {
        'agensi.gov.my': { mx: mxList(['a.agensi.gov.my', 10], ['b.agensi.gov.my', 10]) },
        'a.agensi.gov.my': { a: ['192.0.2.10'] },
        'b.agensi.gov.my': { a: ['192.0.2.10'] },
        '192.0.2.10': { ptr: ['a.agensi.gov.my'] },
      },
      [
        'dns.mx pass',
        'dns.mx_host pass a.agensi.gov.my',
        'dns.mx_host pass b.agensi.gov.my',
        'dns.mx_redundancy warn',
        'dns.ptr pass 192.0.2.10',
        'dns.fcrdns pass 192.0.2.10',
      ],
    ],
    [
      'no PTR, and a PTR name that does not lead back',
      edit(edit(CLEAN, '192.0.2.10', undefined), '192.0.2.20', { ptr: ['mail.isp.example'] }),
      [
        'dns.address pass',
        'dns.mx pass',
        'dns.mx_host pass mx1.agensi.gov.my',
        'dns.mx_host pass mx2.agensi.gov.my',
        'dns.mx_redundancy pass',
        'dns.ptr fail 192.0.2.10',
        'dns.ptr pass 2001:db8::10',
        'dns.fcrdns pass 2001:db8::10',
        'dns.ptr pass 192.0.2.20',
        'dns.fcrdns fail 192.0.2.20',
      ],
    ],
  ] as const)('%s', async (_name, table, expected) => {
    const { findings } = await run(table as DnsTable);
    expectReadable(findings);
    expect(verdicts(findings)).toEqual(expected);
  });

  describe('NXDOMAIN: the name does not exist, whatever other question timed out (RFC 8020 §2)', () => {
    it.each([
      ['MX NXDOMAIN, A and AAAA timed out', { a: 'timeout', aaaa: 'timeout', mx: 'nxdomain' }],
      ['A and AAAA NXDOMAIN, MX timed out', { a: 'nxdomain', aaaa: 'nxdomain', mx: 'timeout' }],
      ['A NXDOMAIN, AAAA and MX timed out', { a: 'nxdomain', aaaa: 'timeout', mx: 'servfail' }],
    ] as const)('fails a domain with %s', async (_what, entry) => {
      const { findings } = await run({ 'agensi.gov.my': entry });
      expect(verdicts(findings)).toEqual(['dns.domain fail']);
    });

    it('fails an MX host whose A is NXDOMAIN while its AAAA times out', async () => {
      const { findings } = await run({
        'agensi.gov.my': { mx: [{ exchange: 'mx.hilang.gov.my', priority: 10 }] },
        'mx.hilang.gov.my': { a: 'nxdomain', aaaa: 'timeout' },
      });
      expect(verdicts(findings)).toEqual(['dns.mx pass', 'dns.mx_host fail mx.hilang.gov.my']);
      expect(findings[1]?.params).toEqual({ host: 'mx.hilang.gov.my', answer: 'NXDOMAIN' });
    });
  });

  describe('an MX host that is an alias (RFC 2181 §10.3)', () => {
    const aliased = (chain: DnsTable) => ({
      'agensi.gov.my': { mx: [{ exchange: 'mx.agensi.gov.my', priority: 10 }] },
      '192.0.2.25': { ptr: ['real.cdn.example'] },
      ...chain,
    });
    const target = async (table: DnsTable) =>
      (await run(table)).findings.find((f) => f.check === 'dns.mx_cname')?.params.target;

    it('names the end of a CNAME chain as the name to put in the MX, not its first link', async () => {
      const table = aliased({
        'mx.agensi.gov.my': { cname: ['hop.cdn.example'], a: ['192.0.2.25'] },
        'hop.cdn.example': { cname: ['real.cdn.example'], a: ['192.0.2.25'] },
        'real.cdn.example': { a: ['192.0.2.25'] },
      });
      expect(await target(table)).toBe('real.cdn.example');
    });

    it('stops at a CNAME loop and still warns of the alias', async () => {
      const table = aliased({
        'mx.agensi.gov.my': { cname: ['x.cdn.example'], a: 'servfail' },
        'x.cdn.example': { cname: ['y.cdn.example'] },
        'y.cdn.example': { cname: ['x.cdn.example'] },
      });
      expect(await target(table)).toBe('x.cdn.example');
    });
  });

  it('examines and announces a host listed at two preferences once, at its best preference', async () => {
    const announced: MxHost[] = [];
    const table = {
      'agensi.gov.my': { mx: mxList(['mx.agensi.gov.my', 20], ['mx.agensi.gov.my', 10]) },
      'mx.agensi.gov.my': { a: ['192.0.2.25'] },
      '192.0.2.25': { ptr: ['mx.agensi.gov.my'] },
    };
    const { findings, mxHosts } = await checkDns(fakeDns(table), 'agensi.gov.my', (h) => announced.push(h));
    expect(verdicts(findings).filter((v) => v.startsWith('dns.mx_host'))).toEqual([
      'dns.mx_host pass mx.agensi.gov.my',
    ]);
    expect(announced.map((h) => h.priority)).toEqual([10]);
    expect(mxHosts).toHaveLength(1);
    // What the domain publishes is still shown as published.
    expect(findings.find((f) => f.check === 'dns.mx')?.params.count).toBe(2);
  });

  it('shows the root MX records that are no null MX, and what a null MX is', async () => {
    const { findings } = await run({ 'agensi.gov.my': { mx: [{ exchange: '', priority: 10 }] } });
    expectReadable(findings);
    expect(describeFinding(findings[0]!, 'en').text).toContain('publishes MX 10 .: only a single `MX 0 .`');
  });

  it.each(['timeout', 'blind'] as const)(
    "gives no fix for a check the DNS never answered (%s): nothing in the agency's zone was found wrong",
    async (failure) => {
      const { findings } = await run({ 'agensi.gov.my': { a: failure, aaaa: failure, mx: failure } });
      const untested = findings.filter((f) => f.verdict === 'untested');
      expect(untested.length).toBeGreaterThan(0);
      for (const f of untested) expect(describeFinding(f, 'en').fix, f.check).toBe('');
    },
  );

  it("says a resolver blind to the public DNS is mailops's setting, for its administrator", async () => {
    const { findings } = await run({ 'agensi.gov.my': { a: 'blind', aaaa: 'blind', mx: 'blind' } });
    const text = describeFinding(findings[0]!, 'ms').text;
    expect(text).toContain('ini tetapan mailops, bukan kesalahan agensi: pentadbir mailops menetapkan');
  });

  it('names the DNS answer when an MX host has no address', async () => {
    const { findings } = await run({
      'agensi.gov.my': { mx: [{ exchange: 'mx.hilang.gov.my', priority: 10 }] },
    });
    expect(findings.find((f) => f.check === 'dns.mx_host')?.params).toEqual({
      host: 'mx.hilang.gov.my',
      answer: 'NXDOMAIN',
    });
  });

  it.each(UNANSWERED)('says "could not test" when nothing is answered (%s)', async (failure) => {
    const everything = (name: string) => [name, { a: failure, aaaa: failure, mx: failure }] as const;
    const { findings } = await run(Object.fromEntries([everything('agensi.gov.my')]));
    expect(verdicts(findings)).toEqual(['dns.domain untested']);
  });

  it.each([
    [
      'the MX records',
      'agensi.gov.my',
      { a: ['203.0.113.5'], mx: 'timeout' },
      ['dns.mx untested', 'dns.mx_redundancy untested'],
    ],
    [
      'an MX host',
      'mx2.agensi.gov.my',
      { a: 'servfail', aaaa: 'servfail' },
      ['dns.mx_host untested mx2.agensi.gov.my'],
    ],
    [
      'the A records of a dual-stack MX host',
      'mx1.agensi.gov.my',
      { a: 'timeout', aaaa: ['2001:db8::10'] },
      ['dns.mx_host untested mx1.agensi.gov.my', 'dns.mx_redundancy untested'],
    ],
    ['a PTR', '192.0.2.20', { ptr: 'timeout' }, ['dns.ptr untested 192.0.2.20']],
  ] as const)(
    'reports %s that timed out as untested, never as fail',
    async (_what, name, entry, expected) => {
      const { findings } = await run(edit(CLEAN, name, entry as DnsTable[string]));
      expectReadable(findings);
      expect(withVerdict(findings, 'fail')).toEqual([]);
      for (const line of expected) expect(verdicts(findings)).toContain(line);
    },
  );

  it('reports forward confirmation as untested when the PTR name cannot be resolved', async () => {
    const table = edit(CLEAN, '192.0.2.20', { ptr: ['mx2.isp.example'] });
    const { findings } = await run(edit(table, 'mx2.isp.example', { a: 'timeout' }));
    expect(verdicts(findings)).toContain('dns.fcrdns untested 192.0.2.20');
  });

  // The property behind "trustworthy": whichever single question goes unanswered, nothing is failed.
  it.each(UNANSWERED)('never fails the clean domain when any one question gets %s', async (failure) => {
    for (const [name, entry] of Object.entries(CLEAN)) {
      for (const type of ['a', 'aaaa', 'mx', 'cname', 'ptr'] as const) {
        const table = edit(CLEAN, name, { ...entry, [type]: failure as DnsFailure });
        const { findings } = await run(table);
        expectReadable(findings);
        expect(withVerdict(findings, 'fail'), `${type} ${name}`).toEqual([]);
      }
    }
  });
});
