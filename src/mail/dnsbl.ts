import { isIP } from 'node:net';
import { finding, recordsOf } from './dns-finding.ts';
import type { DnsClient, Finding } from './types.ts';

// Whether the MX addresses are on a DNS blocklist (RFC 5782): a listed server's mail is refused or marked as
// spam by receivers that use the list, against the good practice of keeping the agency's mail out of spam.
// Only IPv4 is asked: the lists below publish IPv4 data for mail servers, and an IPv6 query form (RFC 5782
// §2.4) is not offered by all of them.

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
  const v4 = [...new Set(addresses.filter((address) => isIP(address) === 4))];
  const health = new Map(zones.map((zone) => [zone, listHealth(dns, zone)]));
  const questions = v4.flatMap((address) => zones.map((zone) => ({ address, zone })));
  return Promise.all(questions.map(({ address, zone }) => lookup(dns, address, zone, health.get(zone)!)));
}

/** The reasons a list's answers cannot be trusted; describe.ts names them in words. */
export const DNSBL_PROBLEMS = ['lists_everything', 'no_test_entry'] as const;
type ListHealth = (typeof DNSBL_PROBLEMS)[number] | 'ok';

/**
 * RFC 5782 §5: a list MUST list 127.0.0.2, its test entry, and MUST NOT list 127.0.0.1. A list that lists
 * 127.0.0.1 answers for every address (a closed list's domain parked under a wildcard did exactly that), so
 * its listings prove nothing; one without its test entry may be closed, so its "not listed" proves nothing.
 * A test entry that got no answer says nothing against the list: its verdicts stand.
 */
async function listHealth(dns: DnsClient, zone: string): Promise<ListHealth> {
  const [one, two] = await Promise.all([dns.a(`1.0.0.127.${zone}`), dns.a(`2.0.0.127.${zone}`)]);
  if (recordsOf(one).some(isListing)) return 'lists_everything';
  if (!two.ok && (two.failure === 'nxdomain' || two.failure === 'nodata')) return 'no_test_entry';
  return 'ok';
}

/** A listing is 127.0.0.2–255 (RFC 5782 §2.1, §5: 127.0.0.1 is never one). */
const isListing = (code: string) => /^127\.0\.0\.(\d+)$/.test(code) && code !== '127.0.0.1';

async function lookup(
  dns: DnsClient,
  address: string,
  zone: string,
  health: Promise<ListHealth>,
): Promise<Finding> {
  const name = `${address.split('.').reverse().join('.')}.${zone}`;
  const [answer, list] = await Promise.all([dns.a(name), health]);
  const subject = address;
  const untested = (why: string) =>
    finding('dnsbl.listing', 'untested', { address, zone, answer: why }, subject);
  if (!answer.ok) {
    // NXDOMAIN is "not listed" (RFC 5782 §2.1); NODATA at that name means the same to every list client.
    if (answer.failure === 'nxdomain' || answer.failure === 'nodata') {
      return list === 'no_test_entry'
        ? untested(list)
        : finding('dnsbl.listing', 'pass', { address, zone }, subject);
    }
    return untested(answer.failure);
  }
  const codes = answer.records;
  // 127.255.255.0/24 is the list's refusal (Spamhaus: 254 public resolver, 255 over the limit, 252 bad
  // query): it says nothing about the address. Any other answer that is not a listing is not a list's answer.
  const listed = codes.filter(isListing);
  if (listed.length === 0) return untested(codes.join(', '));
  if (list === 'lists_everything') return untested(list);
  const reason = recordsOf(await dns.txt(name))
    .join(' ')
    .trim();
  return finding(
    'dnsbl.listing',
    'fail',
    { address, zone, code: listed.join(', '), reason: reason || '-' },
    subject,
  );
}
