import { isIP } from 'node:net';
import { editDistance } from '../edit-distance.ts';
import type { MxHost } from './dns-checks.ts';
import { finding } from './dns-finding.ts';
import { canonicalAddress, normaliseName, withCache } from './resolver.ts';
import { checkHost, type SpfResult } from './spf-check-host.ts';
import { endingFindings } from './spf-ending.ts';
import {
  FAMILIES,
  fetchSpf,
  LOOKUP_LIMIT,
  MX_LIMIT,
  type SpfFetch,
  type SpfWalk,
  VOID_LIMIT,
  walkSpf,
} from './spf-walk.ts';
import type { DnsClient, Finding } from './types.ts';

// Pekeliling 4(f)(v) asks for SPF; RFC 7208 says when a record works. Every finding here is about the
// domain's SPF as any receiver would evaluate it: one record, valid terms, at most 10 DNS-querying terms
// and 2 void answers in its whole tree (§4.6.4), an "all" that refuses strangers, and whether the domain's
// own MX addresses are authorised.

export interface SpfCheckOptions {
  /** The most one check_host() evaluation (of an MX address, or of a stranger's) may take (default 20 s). */
  readonly evaluationTimeoutMs?: number;
}

export async function checkSpf(
  dns: DnsClient,
  domain: string,
  /** A promise lets the record and its includes be read before the MX hosts are known. */
  mxHosts: readonly MxHost[] | PromiseLike<readonly MxHost[]>,
  options: SpfCheckOptions = {},
): Promise<Finding[]> {
  const name = normaliseName(domain);
  const cached = withCache(dns);
  const root = await fetchSpf(cached, name);
  if (root.kind !== 'one') return [recordProblem(name, root)];
  const walking = walkSpf(cached, name, root.record);
  const ending = { domain: name, text: root.text, timeoutMs: options.evaluationTimeoutMs };
  const hosts = Promise.resolve(mxHosts);
  const [walk, authorised, endings, sendsOverIpv6] = await Promise.all([
    walking,
    hosts.then((found) => authoriseMx(cached, name, found, options)),
    endingFindings(cached, ending, walking),
    Promise.all([walking, hosts]).then(
      ([w, found]) => w.ip6 || found.some((host) => host.addresses.some((a) => isIP(a) === 6)),
    ),
  ]);
  return [
    finding('spf.record', 'pass', { domain: name, record: root.text }),
    ...syntax(walk),
    ...walk.broken.map(({ term, where }) => finding('spf.include', 'fail', { term, where }, where)),
    lookups(walk),
    ...mxLimit(walk),
    voids(walk, sendsOverIpv6),
    ...endings,
    ...ptrFindings(walk),
    ...authorised,
  ];
}

// §6: receivers MUST ignore a modifier they do not know, so `foo=bar` (some vendors' own tags) changes nothing
// and is no fault. A near miss of redirect= or exp= is: the redirect or explanation meant is silently dropped.
const MEANT = [
  ['redirect', 2],
  ['exp', 1],
] as const;

function isMisspelt(term: string): boolean {
  const name = term.slice(0, term.indexOf('=')).toLowerCase();
  return MEANT.some(([known, within]) => editDistance(name, known) <= within);
}

function recordProblem(domain: string, root: Exclude<SpfFetch, { kind: 'one' }>): Finding {
  if (root.kind === 'unanswered') return finding('spf.record', 'untested', { domain, failure: root.failure });
  // RFC 7208 §4.5: two or more records are a permerror, as bad as none.
  if (root.kind === 'many') return finding('spf.multiple', 'fail', { domain, count: root.count });
  return finding('spf.record', 'fail', { domain });
}

function syntax(walk: SpfWalk): Finding[] {
  const found: Finding[] = [];
  for (const [where, record] of walk.records) {
    if (record.invalid.length > 0) {
      found.push(finding('spf.syntax', 'fail', { terms: record.invalid.join(' '), where }, where));
    }
    const misspelt = record.unknownModifiers.filter(isMisspelt);
    if (misspelt.length > 0) {
      found.push(finding('spf.unknown_modifier', 'warn', { terms: misspelt.join(' '), where }, where));
    }
  }
  const broken = found.some((f) => f.verdict === 'fail');
  return broken ? found : [finding('spf.syntax', 'pass', { records: walk.records.size }), ...found];
}

// Over the limit is a fail even when part of the tree could not be read: what was counted already is over.
// Only an unread include or redirect hides lookups; an a, mx or exists term counts one whatever its answer
// (§4.6.4), so its timeout leaves the count exact (and is reported by the void count and the evaluations).
function lookups(walk: SpfWalk): Finding {
  const count = walk.count;
  if (count > LOOKUP_LIMIT)
    return finding('spf.lookups', 'fail', { count, limit: LOOKUP_LIMIT, over: walk.over ?? '' });
  if (walk.unfollowed) {
    return finding('spf.lookups', 'untested', {
      count,
      where: walk.unfollowed.where,
      failure: walk.unfollowed.failure,
    });
  }
  // Not a DNS trouble that a retry could heal: the name is built from the sender or the client (§7.3), which
  // only a receiver knows, so it has its own text.
  if (walk.unknown.length > 0) {
    return finding('spf.lookups_macro', 'untested', { count, where: walk.unknown.join(' ') });
  }
  return finding('spf.lookups', 'pass', { count, limit: LOOKUP_LIMIT });
}

// §4.6.4: an "mx" term needing more than 10 address lookups (one per MX host) is a permerror by itself,
// whatever the overall count.
function mxLimit(walk: SpfWalk): Finding[] {
  if (!walk.mxOver) return [];
  const params = { term: walk.mxOver.term, hosts: walk.mxOver.hosts, limit: MX_LIMIT };
  return [finding('spf.mx_hosts', 'fail', params)];
}

// Counted per family of the client's address (spf-walk.ts), IPv6 only for a domain that sends over it: one
// whose tree authorises IPv6 senders (an ip6 term, an "a" host with IPv6 addresses) or with an IPv6 address on
// an MX host (the check_host evaluation below tests those).
// Otherwise no receiver evaluates the record for an IPv6 client, and its IPv6 count cannot fail anything.
function voids(walk: SpfWalk, sendsOverIpv6: boolean): Finding {
  const families = FAMILIES.filter((f) => f === 'ipv4' || sendsOverIpv6);
  const worst = families.reduce((a, b) => (walk.voids[b].length > walk.voids[a].length ? b : a));
  const names = walk.voids[worst];
  const count = names.length;
  if (count > VOID_LIMIT) {
    const family = FAMILIES.every((f) => walk.voids[f].join() === names.join()) ? 'all' : worst;
    return finding('spf.void_lookups', 'fail', { count, limit: VOID_LIMIT, names: names.join(', '), family });
  }
  const unanswered = walk.unfollowed ?? families.map((f) => walk.unprobed[f]).find((u) => u !== null);
  if (unanswered) {
    return finding('spf.void_lookups', 'untested', {
      count,
      where: unanswered.where,
      failure: unanswered.failure,
    });
  }
  return finding('spf.void_lookups', 'pass', { count, limit: VOID_LIMIT });
}

// RFC 7208 §5.5: "ptr" SHOULD NOT be used: slow, unreliable, and some receivers skip it.
function ptrFindings(walk: SpfWalk): Finding[] {
  const where = [...walk.records].filter(([, record]) => record.mechanisms.some((m) => m.name === 'ptr'));
  return where.length > 0
    ? [finding('spf.ptr', 'warn', { where: where.map(([name]) => name).join(', ') })]
    : [];
}

async function authoriseMx(
  dns: DnsClient,
  domain: string,
  mxHosts: readonly MxHost[],
  options: SpfCheckOptions,
): Promise<Finding[]> {
  const addresses = new Map<string, { address: string; host: string }>();
  for (const host of mxHosts) {
    for (const address of host.addresses)
      addresses.set(canonicalAddress(address), { address, host: host.exchange });
  }
  return Promise.all(
    [...addresses.values()].map(async ({ address, host }) => {
      const result = await checkHost(dns, {
        domain,
        address,
        helo: host,
        timeoutMs: options.evaluationTimeoutMs,
      });
      return authorisation(address, host, result);
    }),
  );
}

// An MX that only receives needs no SPF authorisation, so "not authorised" is a warn: it matters when the same
// server also sends (non-delivery reports, out-of-office replies, an on-premises Exchange). A permerror breaks
// SPF for mail from that address (for every sender, or for one address family when only its void count is
// over): a fail. A temperror is a DNS problem during evaluation: untested.
function authorisation(address: string, host: string, result: SpfResult): Finding {
  const params = { address, host, result };
  if (result === 'pass') return finding('spf.mx_authorised', 'pass', params, address);
  if (result === 'permerror') return finding('spf.mx_authorised', 'fail', params, address);
  if (result === 'temperror' || result === 'none')
    return finding('spf.mx_authorised', 'untested', params, address);
  return finding('spf.mx_authorised', 'warn', params, address);
}
