import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { checkDnsbl, DEFAULT_DNSBL_ZONES, judgePolicyListings } from '../../src/mail/dnsbl.ts';
import { runMailtest } from '../../src/mail/mailtest.ts';
import { createTargetPolicy } from '../../src/mail/target-policy.ts';
import type { DnsFailure, Finding } from '../../src/mail/types.ts';
import { type DnsTable, fakeDns } from '../support/fake-dns.ts';
import { dnsOnlySettings } from '../support/mailtest-settings.ts';
import { expectReadable, UNANSWERED, verdicts } from './readable.ts';

const ZONE = ['senarai.example'];
/** RFC 5782 §5: a working list has its test entry 127.0.0.2 and never lists 127.0.0.1. */
const HEALTHY: DnsTable = { '2.0.0.127.senarai.example': { a: ['127.0.0.2'] } };
/** The nibble names of RFC 5782 §2.4: 2001:db8::1, and the IPv6 test entries ::FFFF:7F00:2 and :1 (§5). */
const nibbles = (hex: string) => [...hex].reverse().join('.');
const V6_NAME = nibbles('20010db8000000000000000000000001');
const V6_TEST = nibbles('00000000000000000000ffff7f000002');
const V6_NEVER = nibbles('00000000000000000000ffff7f000001');

async function run(table: DnsTable, addresses = ['192.0.2.10'], zones = ZONE) {
  const findings = await checkDnsbl(fakeDns({ ...HEALTHY, ...table }), addresses, zones);
  expectReadable(findings);
  return findings;
}

describe('checkDnsbl', () => {
  it('passes an address the list does not know (NXDOMAIN, RFC 5782 §2.1)', async () => {
    expect(verdicts(await run({}))).toEqual(['dnsbl.listing pass 192.0.2.10']);
  });

  it('asks the reversed octets or nibbles under the zone, for every address and zone at once', async () => {
    const dns = fakeDns({}, { delayMs: 5 });
    const findings = await checkDnsbl(
      dns,
      ['192.0.2.10', '2001:db8::1', '198.51.100.7'],
      DEFAULT_DNSBL_ZONES,
    );
    expect(findings).toHaveLength(9);
    expect(dns.asked).toContain('a 10.2.0.192.zen.spamhaus.org');
    expect(dns.asked).toContain('a 7.100.51.198.b.barracudacentral.org');
    expect(dns.asked).toContain(`a ${V6_NAME}.bl.spamcop.net`);
    // Each list's test entries are asked once per address family, beside the addresses (RFC 5782 §5).
    expect(dns.asked.filter((q) => q.startsWith('a 2.0.0.127.'))).toHaveLength(3);
    expect(dns.asked.filter((q) => q.startsWith('a 1.0.0.127.'))).toHaveLength(3);
    expect(dns.asked.filter((q) => q.startsWith(`a ${V6_TEST}.`))).toHaveLength(3);
    expect(dns.asked.filter((q) => q.startsWith(`a ${V6_NEVER}.`))).toHaveLength(3);
    expect(dns.peak()).toBe(21);
  });

  describe('an IPv6 address (RFC 5782 §2.4)', () => {
    const V6_HEALTHY: DnsTable = { [`${V6_TEST}.senarai.example`]: { a: ['127.0.0.2'] } };

    it('is asked in the nibble form of a list that lists its IPv6 test entry ::FFFF:7F00:2', async () => {
      const findings = await run({ ...V6_HEALTHY, [`${V6_NAME}.senarai.example`]: { a: ['127.0.0.2'] } }, [
        '2001:db8::1',
      ]);
      expect(verdicts(findings)).toEqual(['dnsbl.listing fail 2001:db8::1']);
      expect(verdicts(await run(V6_HEALTHY, ['2001:db8::1']))).toEqual(['dnsbl.listing pass 2001:db8::1']);
    });

    it('is could-not-test at a list that publishes IPv4 data only, never "not listed"', async () => {
      const findings = await run({}, ['2001:db8::1', '192.0.2.10']);
      expect(verdicts(findings)).toEqual([
        'dnsbl.listing untested 2001:db8::1',
        'dnsbl.listing pass 192.0.2.10',
      ]);
      expect(findings[0]?.params).toMatchObject({ answer: 'no_ipv6_test_entry' });
    });
  });

  it('fails a listed address and gives the list its reason', async () => {
    const findings = await run({
      '10.2.0.192.senarai.example': { a: ['127.0.0.2'], txt: ['Listed: see https://senarai.example/10'] },
    });
    expect(verdicts(findings)).toEqual(['dnsbl.listing fail 192.0.2.10']);
    expect(findings[0]?.params).toEqual({
      address: '192.0.2.10',
      zone: 'senarai.example',
      code: '127.0.0.2',
      reason: 'Listed: see https://senarai.example/10',
    });
  });

  it.each([
    ['127.255.255.252', 'the zone name asked is wrong', 'bad_zone'],
    ['127.255.255.254', 'the list refuses queries from public resolvers', 'refused_resolver'],
    ['127.255.255.255', 'the resolver is over its free limit', 'over_limit'],
    ['127.0.0.1', 'not a listing (RFC 5782 §5)', '127.0.0.1'],
    ['192.0.2.99', 'not a list answer at all', '192.0.2.99'],
  ])('does not call %s a listing: %s', async (code, _why, answer) => {
    const findings = await run({ '10.2.0.192.senarai.example': { a: [code] } });
    expect(verdicts(findings)).toEqual(['dnsbl.listing untested 192.0.2.10']);
    expect(findings[0]?.params).toMatchObject({ answer });
  });

  it.each([
    ['127.255.255.254', 'refused_resolver'],
    ['127.255.255.255', 'over_limit'],
  ])(
    'does not trust a "not listed" from a list that answers its test entry with %s: it is refusing this resolver',
    async (code, answer) => {
      const findings = await checkDnsbl(
        fakeDns({ '2.0.0.127.senarai.example': { a: [code] } }),
        ['192.0.2.10'],
        ZONE,
      );
      expectReadable(findings);
      expect(verdicts(findings)).toEqual(['dnsbl.listing untested 192.0.2.10']);
      expect(findings[0]?.params).toMatchObject({ answer });
    },
  );

  it('does not trust a listing by a list that lists 127.0.0.1 too: it lists everything (RFC 5782 §5)', async () => {
    const findings = await run({
      '1.0.0.127.senarai.example': { a: ['127.0.0.2'] },
      '10.2.0.192.senarai.example': { a: ['127.0.0.2'] },
    });
    expect(verdicts(findings)).toEqual(['dnsbl.listing untested 192.0.2.10']);
    expect(findings[0]?.params).toMatchObject({ answer: 'lists_everything' });
  });

  it('does not trust a "not listed" from a list without its test entry 127.0.0.2: it may be closed', async () => {
    const findings = await checkDnsbl(fakeDns({}), ['192.0.2.10'], ZONE);
    expectReadable(findings);
    expect(verdicts(findings)).toEqual(['dnsbl.listing untested 192.0.2.10']);
    expect(findings[0]?.params).toMatchObject({ answer: 'no_test_entry' });
  });

  it('keeps its verdicts when a test entry could not be asked: that says nothing against the list', async () => {
    const listed = { a: ['127.0.0.2'] };
    const findings = await checkDnsbl(
      fakeDns({
        '2.0.0.127.senarai.example': { a: 'timeout' },
        '1.0.0.127.senarai.example': { a: 'servfail' },
        '10.2.0.192.senarai.example': listed,
      }),
      ['192.0.2.10', '192.0.2.11'],
      ZONE,
    );
    expect(verdicts(findings)).toEqual(['dnsbl.listing fail 192.0.2.10', 'dnsbl.listing pass 192.0.2.11']);
  });

  it.each([
    ['en', 'no_test_entry', /does not list its test entry 127\.0\.0\.2/],
    ['ms', 'lists_everything', /127\.0\.0\.1/],
    ['en', 'timeout', /timed out waiting for a DNS answer/],
    ['en', 'bad_zone', /zone name asked is wrong; check its spelling/],
    ['ms', 'refused_resolver', /menolak pertanyaan melalui pelayan DNS awam/],
  ] as const)('says in words (%s) why the list could not be used: %s', (locale, answer, text) => {
    const finding = {
      check: 'dnsbl.listing',
      verdict: 'untested',
      requirement: 'gp-transport',
      subject: '192.0.2.10',
      params: { address: '192.0.2.10', zone: 'senarai.example', answer },
    } as const;
    expect(describeFinding(finding, locale).text).toMatch(text);
  });

  it.each(UNANSWERED)('reports a lookup that got %s as untested', async (failure) => {
    const findings = await run({ '10.2.0.192.senarai.example': { a: failure as DnsFailure } });
    expect(verdicts(findings)).toEqual(['dnsbl.listing untested 192.0.2.10']);
  });

  describe("Spamhaus's Policy Block List (127.0.0.10, 127.0.0.11)", () => {
    const at = (zone: string, codes: string[]) => ({
      [`2.0.0.127.${zone}`]: { a: ['127.0.0.2'] },
      [`10.2.0.192.${zone}`]: { a: codes },
    });

    it.each([
      ['zen.spamhaus.org', '127.0.0.10'],
      ['pbl.spamhaus.org', '127.0.0.11'],
      ['k3yk3yk3y.zen.dq.spamhaus.net', '127.0.0.11'],
    ])(
      'is a warn at %s (%s): it says the range should not send, not that it sent spam',
      async (zone, code) => {
        const findings = await run(at(zone, [code]), ['192.0.2.10'], [zone]);
        expect(verdicts(findings)).toEqual(['dnsbl.policy_listing warn 192.0.2.10']);
        // The Data Query Service's access key, the zone's first label, is never shown.
        expect(findings[0]?.params).toEqual({
          address: '192.0.2.10',
          zone: zone.replace('k3yk3yk3y', '…'),
          code,
        });
        expect(JSON.stringify(findings)).not.toContain('k3yk3yk3y');
        expect(describeFinding(findings[0]!, 'en').text).toMatch(/Fine if this server only receives mail/);
      },
    );

    it('is a listing like any other when Spamhaus also lists the address for spam (SBL beside PBL)', async () => {
      const findings = await run(
        at('zen.spamhaus.org', ['127.0.0.2', '127.0.0.10']),
        ['192.0.2.10'],
        ['zen.spamhaus.org'],
      );
      expect(verdicts(findings)).toEqual(['dnsbl.listing fail 192.0.2.10']);
    });

    it('is a listing like any other at a list whose 127.0.0.10 means something else', async () => {
      const findings = await run(
        at('dnsbl.contoh.example', ['127.0.0.10']),
        ['192.0.2.10'],
        ['dnsbl.contoh.example'],
      );
      expect(verdicts(findings)).toEqual(['dnsbl.listing fail 192.0.2.10']);
    });

    it.each([
      ['v=spf1 ip4:192.0.2.10 -all', 'fail'],
      ['v=spf1 ip4:198.51.100.25 -all', 'warn'],
    ])('is judged by the whole /mailtest run against the SPF record %s: %s', async (record, verdict) => {
      const domain = 'agensi.example';
      let shown: readonly Finding[] = [];
      const findings = await runMailtest({
        domain,
        dns: fakeDns({
          [domain]: { mx: [{ exchange: `mx.${domain}`, priority: 10 }], txt: [record] },
          [`mx.${domain}`]: { a: ['192.0.2.10'] },
          ...at('zen.spamhaus.org', ['127.0.0.11']),
        }),
        // A documentation address: no SMTP session is attempted, the DNS side is what is judged here.
        target: createTargetPolicy([]),
        settings: dnsOnlySettings(1000, ['zen.spamhaus.org']),
        onFindings: (sofar) => (shown = sofar),
      });
      expect(findings.find((f) => f.check === 'dnsbl.policy_listing')?.verdict).toBe(verdict);
      // The card as it filled in ended on the same verdict (a run that breaks afterwards keeps that one).
      expect(shown.find((f) => f.check === 'dnsbl.policy_listing')?.verdict).toBe(verdict);
    });

    const listed = (address: string) =>
      ({
        check: 'dnsbl.policy_listing',
        verdict: 'warn',
        requirement: 'gp-transport',
        subject: address,
        params: { address, zone: 'zen.spamhaus.org', code: '127.0.0.11' },
      }) as const;
    const spf = (address: string, verdict: 'pass' | 'warn') =>
      ({
        check: 'spf.mx_authorised',
        verdict,
        requirement: '4f-v',
        subject: address,
        params: { address, host: 'mx.agensi.gov.my', result: verdict === 'pass' ? 'pass' : 'fail' },
      }) as const;

    it('fails an address the domain’s SPF lets send, however its IPv6 form is written', () => {
      const judged = judgePolicyListings([
        listed('2001:db8::25'),
        spf('2001:0db8:0:0:0:0:0:25', 'pass'),
        listed('192.0.2.10'),
        spf('192.0.2.10', 'warn'),
        listed('192.0.2.11'),
        spf('192.0.2.12', 'pass'),
      ]);
      expect(verdicts(judged.filter((f) => f.check.startsWith('dnsbl.')))).toEqual([
        'dnsbl.policy_listing fail 2001:db8::25',
        'dnsbl.policy_listing warn 192.0.2.10',
        'dnsbl.policy_listing warn 192.0.2.11',
      ]);
      expect(describeFinding(judged[0]!, 'ms').text).toMatch(/SPF domain membenarkannya menghantar mel/);
    });
  });
});
