import { describe, expect, it } from 'vitest';
import { checkDns, type MxHost } from '../../src/mail/dns-checks.ts';
import type { DnsFailure } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { expectReadable, UNANSWERED, verdicts, withVerdict } from './readable.ts';

// A domain that meets every DNS element of Pekeliling 4(f)(iv) and 4(f)(v): two MX hosts on three addresses,
// each with a PTR whose name leads back to it.
const CLEAN: DnsTable = {
  'agensi.gov.my': {
    a: ['203.0.113.5'],
    mx: [
      { exchange: 'mx2.agensi.gov.my', priority: 20 },
      { exchange: 'mx1.agensi.gov.my', priority: 10 },
    ],
  },
  'mx1.agensi.gov.my': { a: ['192.0.2.10'], aaaa: ['2001:db8::10'] },
  'mx2.agensi.gov.my': { a: ['192.0.2.20'] },
  '192.0.2.10': { ptr: ['mx1.agensi.gov.my'] },
  '192.0.2.20': { ptr: ['mx2.agensi.gov.my'] },
  '2001:db8::10': { ptr: ['mx1.agensi.gov.my'] },
};

const run = (table: DnsTable, domain = 'agensi.gov.my') => checkDns(fakeDns(table), domain);

function edit(table: DnsTable, name: string, entry: DnsTable[string] | undefined): DnsTable {
  const copy: Record<string, DnsTable[string]> = { ...table };
  if (entry === undefined) delete copy[name];
  else copy[name] = entry;
  return copy;
}

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
      'a null MX mixed with a real one',
      {
        'agensi.gov.my': {
          mx: [
            { exchange: '', priority: 0 },
            { exchange: 'mx.agensi.gov.my', priority: 10 },
          ],
        },
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
        'agensi.gov.my': {
          mx: [
            { exchange: 'mx.hilang.gov.my', priority: 10 },
            { exchange: '192.0.2.1', priority: 20 },
          ],
        },
      },
      ['dns.mx pass', 'dns.mx_host fail mx.hilang.gov.my', 'dns.mx_target fail 192.0.2.1'],
    ],
    [
      'an MX host that exists without an address, and one that is an alias',
      {
        'agensi.gov.my': {
          mx: [
            { exchange: 'mx1.agensi.gov.my', priority: 10 },
            { exchange: 'mx2.agensi.gov.my', priority: 20 },
          ],
        },
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
        'agensi.gov.my': {
          mx: [
            { exchange: 'a.agensi.gov.my', priority: 10 },
            { exchange: 'b.agensi.gov.my', priority: 10 },
          ],
        },
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

  it('counts one MX host with an IPv4 and an IPv6 address as one server, not two', async () => {
    const { findings } = await run({
      'agensi.gov.my': { mx: [{ exchange: 'mx1.agensi.gov.my', priority: 10 }] },
      'mx1.agensi.gov.my': CLEAN['mx1.agensi.gov.my']!,
    });
    expect(verdicts(findings)).toContain('dns.mx_redundancy warn');
  });

  describe('MX addresses no sender on the Internet can reach (RFC 6890)', () => {
    const INTERNAL: DnsTable = {
      ...CLEAN,
      'mx2.agensi.gov.my': { a: ['10.20.0.25'] },
      '10.20.0.25': { ptr: ['mx2.agensi.gov.my'] },
    };
    const reachable = (address: string) => !address.startsWith('10.') && !address.startsWith('fd');
    const check = (table: DnsTable) => checkDns(fakeDns(table), 'agensi.gov.my', () => {}, { reachable });

    it('fails a host with only private addresses, and does not count it as a second server', async () => {
      const { findings, mxHosts } = await check(INTERNAL);
      expectReadable(findings);
      expect(verdicts(findings)).toContain('dns.mx_private fail mx2.agensi.gov.my');
      expect(verdicts(findings)).toContain('dns.mx_redundancy warn');
      expect(findings.find((f) => f.check === 'dns.mx_private')?.params).toEqual({
        host: 'mx2.agensi.gov.my',
        addresses: '10.20.0.25',
      });
      // The SMTP checks still hear of it: the target policy says why they cannot connect.
      expect(mxHosts.map((h) => h.exchange)).toEqual(['mx1.agensi.gov.my', 'mx2.agensi.gov.my']);
    });

    it('warns of a host with a private address beside a public one: senders wait for it to time out', async () => {
      const { findings } = await check({
        ...CLEAN,
        'mx1.agensi.gov.my': { a: ['192.0.2.10', '10.20.0.10'] },
      });
      expect(verdicts(findings)).toContain('dns.mx_private warn mx1.agensi.gov.my');
      expect(verdicts(findings)).toContain('dns.mx_redundancy pass');
    });

    it('asks no reverse lookup of an address no sender reaches: no ISP could add its PTR', async () => {
      const dns = fakeDns({ ...INTERNAL, 'mx1.agensi.gov.my': { a: ['192.0.2.10', '10.20.0.10'] } });
      const { findings } = await checkDns(dns, 'agensi.gov.my', () => {}, { reachable });
      expect(verdicts(findings)).toContain('dns.mx_private warn mx1.agensi.gov.my');
      expect(verdicts(findings)).toContain('dns.mx_private fail mx2.agensi.gov.my');
      expect(findings.filter((f) => f.subject?.startsWith('10.'))).toEqual([]);
      expect(dns.asked.filter((q) => q.startsWith('ptr 10.'))).toEqual([]);
    });

    it('says nothing of addresses the configuration lets mailops reach (allow_targets)', async () => {
      const { findings } = await checkDns(fakeDns(INTERNAL), 'agensi.gov.my', () => {}, {
        reachable: () => true,
      });
      expect(findings.filter((f) => f.check === 'dns.mx_private')).toEqual([]);
    });
  });

  describe('the A record the circular asks of every mail server (4(f)(v))', () => {
    const ONE_HOST = { mx: [{ exchange: 'mx.agensi.gov.my', priority: 10 }] };

    it('fails an MX host with AAAA records only: senders with IPv4 only cannot deliver to it', async () => {
      const { findings, mxHosts } = await run({
        'agensi.gov.my': ONE_HOST,
        'mx.agensi.gov.my': { aaaa: ['2001:db8::25'] },
        '2001:db8::25': { ptr: ['mx.agensi.gov.my'] },
      });
      expectReadable(findings);
      expect(verdicts(findings)).toContain('dns.mx_ipv4 fail mx.agensi.gov.my');
      expect(findings.filter((f) => f.check === 'dns.mx_host')).toEqual([]);
      expect(findings.find((f) => f.check === 'dns.mx_ipv4')?.params).toEqual({
        host: 'mx.agensi.gov.my',
        answer: 'NODATA',
      });
      // The SMTP checks still try the IPv6 address.
      expect(mxHosts[0]?.addresses).toEqual(['2001:db8::25']);
    });

    it('only warns of an IPv6-only backup MX when another MX host has an A record: the service still has one', async () => {
      const { findings } = await run({
        'agensi.gov.my': {
          mx: [
            { exchange: 'mx.agensi.gov.my', priority: 10 },
            { exchange: 'mx6.agensi.gov.my', priority: 20 },
          ],
        },
        'mx.agensi.gov.my': { a: ['192.0.2.25'] },
        'mx6.agensi.gov.my': { aaaa: ['2001:db8::25'] },
      });
      expectReadable(findings);
      expect(verdicts(findings)).toContain('dns.mx_ipv4 warn mx6.agensi.gov.my');
      expect(withVerdict(findings, 'fail').map((f) => f.check)).not.toContain('dns.mx_ipv4');
    });

    it('fails a host whose A record is absent even when its AAAA question times out', async () => {
      const { findings } = await run({
        'agensi.gov.my': ONE_HOST,
        'mx.agensi.gov.my': { aaaa: 'timeout' },
      });
      expect(verdicts(findings)).toEqual([
        'dns.mx pass',
        'dns.mx_ipv4 fail mx.agensi.gov.my',
        'dns.mx_redundancy untested',
      ]);
    });

    it('judges the implicit MX of a domain with AAAA records only as it judges a named host', async () => {
      const { findings } = await run({ 'agensi.gov.my': { aaaa: ['2001:db8::25'] } });
      expectReadable(findings);
      expect(verdicts(findings)).toContain('dns.mx warn');
      expect(verdicts(findings)).toContain('dns.mx_ipv4 fail agensi.gov.my');
    });

    it("says could-not-test of the implicit MX when the domain's A question times out", async () => {
      const { findings } = await run({
        'agensi.gov.my': { a: 'timeout', aaaa: ['2001:db8::25'] },
        '2001:db8::25': { ptr: ['agensi.gov.my'] },
      });
      expect(withVerdict(findings, 'fail')).toEqual([]);
      expect(verdicts(findings)).toContain('dns.mx_host untested agensi.gov.my');
      expect(verdicts(findings)).toContain('dns.mx_redundancy untested');
    });

    it('fails a domain without MX and without an A record even when its AAAA question times out', async () => {
      const { findings } = await run({ 'agensi.gov.my': { aaaa: 'timeout' } });
      expectReadable(findings);
      expect(verdicts(findings)).toEqual(['dns.mx untested', 'dns.mx_ipv4 fail agensi.gov.my']);
    });

    it('counts the servers of the implicit MX as unknown when one address family times out', async () => {
      const { findings } = await run({
        'agensi.gov.my': { a: ['192.0.2.10'], aaaa: 'timeout' },
        '192.0.2.10': { ptr: ['agensi.gov.my'] },
      });
      expect(verdicts(findings)).toContain('dns.mx_redundancy untested');
      expect(verdicts(findings)).not.toContain('dns.mx_redundancy warn');
    });
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
      'agensi.gov.my': {
        mx: [
          { exchange: 'mx.agensi.gov.my', priority: 20 },
          { exchange: 'mx.agensi.gov.my', priority: 10 },
        ],
      },
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
