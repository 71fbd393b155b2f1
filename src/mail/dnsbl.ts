import { isIP } from 'node:net';
import { finding, recordsOf } from './dns-finding.ts';
import { reverseName, sameAddress } from './resolver.ts';
import type { DnsClient, Finding } from './types.ts';

// Whether the MX addresses are on a DNS blocklist (RFC 5782): a listed server's mail is refused or marked as
// spam by receivers that use the list, against the good practice of keeping the agency's mail out of spam.
// IPv6 addresses are asked in the nibble form (§2.4) of lists that show, by their IPv6 test entry, that they
// publish IPv6 data; for the others an IPv6 address is "could not test", never "not listed".

/**
 * Well-known public lists. They answer only resolvers that are allowed to ask: Spamhaus refuses queries that
 * arrive through public resolvers (8.8.8.8, 1.1.1.1…) and limits free use (above it, its Data Query Service
 * with a key); Barracuda answers only resolvers registered with it. An agency configures its own resolver
 * and lists (`mailtest.dnsbl_zones`); a refused query is reported as "could not test", never as listed.
 */
export const DEFAULT_DNSBL_ZONES = ['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org'] as const;

export async function checkDnsbl(
  dns: DnsClient,
  addresses: readonly string[],
  zones: readonly string[] = DEFAULT_DNSBL_ZONES,
): Promise<Finding[]> {
  const unique = [...new Set(addresses.filter((address) => isIP(address) !== 0))];
  const families = [...new Set(unique.map(familyOf))];
  const health = new Map(
    zones.flatMap((zone) => families.map((family) => [`${family} ${zone}`, listHealth(dns, zone, family)])),
  );
  const questions = unique.flatMap((address) => zones.map((zone) => ({ address, zone })));
  return Promise.all(
    questions.map(({ address, zone }) =>
      lookup(dns, address, zone, health.get(`${familyOf(address)} ${zone}`)!),
    ),
  );
}

type Family = 'v4' | 'v6';
const familyOf = (address: string): Family => (isIP(address) === 6 ? 'v6' : 'v4');

/**
 * The reasons a list's answers cannot be trusted, and the refusal codes of 127.255.255.0/24 (Spamhaus, whose
 * codes other lists copied: 252 the zone name asked is wrong, 254 queries through a public or unregistered
 * resolver, 255 too many queries); describe.ts names them in words.
 */
export const DNSBL_PROBLEMS = [
  'lists_everything',
  'no_test_entry',
  'no_ipv6_test_entry',
  'bad_zone',
  'refused_resolver',
  'over_limit',
] as const;
type Problem = (typeof DNSBL_PROBLEMS)[number];
/** Every problem but `lists_everything` leaves an address's "not listed" proving nothing. */
type ListHealth = Problem | 'ok';

const REFUSALS: Readonly<Record<string, Problem>> = {
  '127.255.255.252': 'bad_zone',
  '127.255.255.254': 'refused_resolver',
  '127.255.255.255': 'over_limit',
};

/** RFC 5782 §5's test entries: 127.0.0.2 and ::FFFF:7F00:2 listed, 127.0.0.1 and ::FFFF:7F00:1 never. */
const TEST_ENTRIES: Readonly<Record<Family, readonly [string, string]>> = {
  v4: ['127.0.0.1', '127.0.0.2'],
  v6: ['::ffff:7f00:1', '::ffff:7f00:2'],
};

/** The name a list is asked for an address (RFC 5782 §2.1 reversed octets, §2.4 reversed nibbles). */
const queryName = (address: string, zone: string) =>
  `${reverseName(address).replace(/\.(?:in-addr|ip6)\.arpa$/, '')}.${zone}`;

/**
 * RFC 5782 §5: a list MUST list its test entry and MUST NOT list the other. A list that lists the latter answers
 * for every address (a closed list's domain parked under a wildcard did exactly that), so its listings prove
 * nothing; one without its test entry may be closed, or, for IPv6, publish IPv4 data only, so its "not listed"
 * proves nothing. A test entry answered with a refusal code shows the list is not serving this resolver, which
 * then gets NXDOMAIN for ordinary questions too (Spamhaus says so of blocked resolvers), so its "not listed"
 * proves nothing either. A test entry that got no answer says nothing against the list: its verdicts stand.
 */
async function listHealth(dns: DnsClient, zone: string, family: Family): Promise<ListHealth> {
  const [never, always] = TEST_ENTRIES[family];
  const [one, two] = await Promise.all([dns.a(queryName(never, zone)), dns.a(queryName(always, zone))]);
  if (recordsOf(one).some(isListing)) return 'lists_everything';
  const refusal = refusalOf(recordsOf(two));
  if (refusal && !recordsOf(two).some(isListing)) return refusal;
  if (!two.ok && (two.failure === 'nxdomain' || two.failure === 'nodata'))
    return family === 'v6' ? 'no_ipv6_test_entry' : 'no_test_entry';
  return 'ok';
}

const refusalOf = (codes: readonly string[]): Problem | undefined =>
  codes.map((code) => REFUSALS[code]).find((problem) => problem !== undefined);

/** A listing is 127.0.0.2–255 (RFC 5782 §2.1, §5: 127.0.0.1 is never one). */
const isListing = (code: string) => /^127\.0\.0\.(\d+)$/.test(code) && code !== '127.0.0.1';

async function lookup(
  dns: DnsClient,
  address: string,
  zone: string,
  health: Promise<ListHealth>,
): Promise<Finding> {
  const name = queryName(address, zone);
  const shown = shownZone(zone);
  const [answer, list] = await Promise.all([dns.a(name), health]);
  const subject = address;
  const untested = (why: string) =>
    finding('dnsbl.listing', 'untested', { address, zone: shown, answer: why }, subject);
  if (!answer.ok) {
    // NXDOMAIN is "not listed" (RFC 5782 §2.1); NODATA at that name means the same to every list client.
    if (answer.failure === 'nxdomain' || answer.failure === 'nodata') {
      return list === 'ok' || list === 'lists_everything'
        ? finding('dnsbl.listing', 'pass', { address, zone: shown }, subject)
        : untested(list);
    }
    return untested(answer.failure);
  }
  const codes = answer.records;
  // A refusal says nothing about the address; any other answer that is not a listing is not a list's answer.
  const listed = codes.filter(isListing);
  if (listed.length === 0) {
    return untested(refusalOf(codes) ?? codes.join(', '));
  }
  if (list === 'lists_everything') return untested(list);
  if (isSpamhaus(zone) && listed.every((code) => PBL_CODES.has(code)))
    return finding(
      'dnsbl.policy_listing',
      'warn',
      { address, zone: shown, code: listed.join(', ') },
      subject,
    );
  const reason = recordsOf(await dns.txt(name))
    .join(' ')
    .trim();
  return finding(
    'dnsbl.listing',
    'fail',
    { address, zone: shown, code: listed.join(', '), reason: reason || '-' },
    subject,
  );
}

/**
 * Spamhaus's Policy Block List (PBL): 127.0.0.10 (entered by the ISP) and 127.0.0.11 (by Spamhaus) in ZEN and
 * the pbl zone, also through the Data Query Service's `<key>.zen.dq.spamhaus.net`. It lists address ranges whose
 * owner declares they should not hand mail straight to receivers, not spam seen from them. Other lists give
 * these codes other meanings, so they are read this way only for Spamhaus's zones.
 */
const PBL_CODES: ReadonlySet<string> = new Set(['127.0.0.10', '127.0.0.11']);
const isSpamhaus = (zone: string) =>
  /(?:^|\.)(?:zen|pbl)\.spamhaus\.org$|(?:^|\.)(?:zen|pbl)\.dq\.spamhaus\.net$/i.test(zone);

/**
 * A PBL listing stops only the mail the address sends: receivers using ZEN refuse it, while mail it receives
 * is untouched. So a receive-only MX on the PBL is a warn (the agency's outbound mail goes out elsewhere),
 * and the same listing is a fail once the domain's SPF authorises that address to send (spf.mx_authorised
 * pass): then mail the agency sends from it is refused by every receiver that uses the list. Judged when the
 * run has both findings in hand.
 */
export function judgePolicyListings(findings: readonly Finding[]): Finding[] {
  const senders = findings
    .filter((f) => f.check === 'spf.mx_authorised' && f.verdict === 'pass')
    .map((f) => f.subject ?? '');
  const sends = (address: string) => senders.some((sender) => sender !== '' && sameAddress(sender, address));
  return findings.map((f) =>
    f.check === 'dnsbl.policy_listing' && f.verdict === 'warn' && sends(String(f.params.address))
      ? { ...f, verdict: 'fail' }
      : f,
  );
}

/**
 * The zone as a report shows it. Spamhaus's Data Query Service puts the subscriber's access key in the zone's
 * first label (`<key>.zen.dq.spamhaus.net`): a paid secret, never to be posted in a channel.
 */
export const shownZone = (zone: string) => zone.replace(/^[^.]+(?=\.[a-z]+\.dq\.spamhaus\.net$)/i, '…');
