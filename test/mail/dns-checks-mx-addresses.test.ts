import { describe, expect, it } from 'vitest';
import { checkDns } from '../../src/mail/dns-checks.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { CLEAN, mxList, run } from './dns-checks-bed.ts';
import { expectReadable, verdicts, withVerdict } from './readable.ts';

// The MX hosts' addresses: how many servers they make (4(f)(iv)), whether senders on the Internet can reach
// them, and the A record the circular asks of every mail server (4(f)(v)).

describe('checkDns', () => {
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
        'agensi.gov.my': { mx: mxList(['mx.agensi.gov.my', 10], ['mx6.agensi.gov.my', 20]) },
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
});
