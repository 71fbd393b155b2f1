import { isIP } from 'node:net';
import { answerName, finding, isUnanswered, recordsOf } from './dns-finding.ts';
import { canonicalAddress, normaliseName, sameAddress } from './resolver.ts';
import type { DnsAnswer, DnsClient, Finding, MxRecord } from './types.ts';

// The circular's DNS elements of a mail domain (Pekeliling 4(f)(v): A record, MX record, reverse lookup;
// 4(f)(iv): two mail servers), read as a sending server would read them (RFC 5321 §5.1). SPF, DMARC and DKIM
// have their own modules; this one also hands them, and the SMTP checks, the MX hosts and their addresses.

export interface MxHost {
  /** Host name in A-label form; for the implicit MX (no MX records, RFC 5321 §5.1) the domain itself. */
  readonly exchange: string;
  readonly priority: number;
  /** IPv4 and IPv6 addresses; empty when the host has none or they could not be looked up. */
  readonly addresses: readonly string[];
}

export interface DnsCheckResult {
  readonly findings: readonly Finding[];
  readonly mxHosts: readonly MxHost[];
}

interface Route {
  readonly findings: readonly Finding[];
  /** MX records whose hosts are still to be looked up, one per host. */
  readonly records: readonly MxRecord[];
  /** Hosts known already: the implicit MX, whose addresses are the domain's own. */
  readonly implicit: readonly MxHost[];
  /** The implicit MX's addresses are not all known (see redundancy). */
  readonly untested?: boolean;
}

/**
 * `onHost` is told each MX host as soon as its addresses are known, so the checks of that host (SMTP,
 * blocklists) can start while the others and the reverse lookups are still being asked.
 */
export interface DnsCheckOptions {
  /**
   * Whether senders can reach an address: not a private or special-purpose one (RFC 6890), unless the
   * configuration's allow-list names it (the target policy). Every address counts when not given.
   */
  readonly reachable?: (address: string) => boolean;
}

export async function checkDns(
  dns: DnsClient,
  domain: string,
  onHost: (host: MxHost) => void = () => {},
  options: DnsCheckOptions = {},
): Promise<DnsCheckResult> {
  const reachable = options.reachable ?? (() => true);
  const name = normaliseName(domain);
  const [a, aaaa, mx] = await Promise.all([dns.a(name), dns.aaaa(name), dns.mx(name)]);
  const gone = doesNotExist(name, [a, aaaa, mx]) ?? cannotAsk(name, [a, aaaa, mx]);
  if (gone) return { findings: [gone], mxHosts: [] };
  const apex = [...recordsOf(a), ...recordsOf(aaaa)];
  const route = mailRoute(name, mx, a, aaaa);
  // An address no sender reaches is reported by dns.mx_private, and no receiver ever sees mail from it, so
  // the circular's reverse lookup is not asked of it: its PTR lives in zones such as 10.in-addr.arpa, which
  // public DNS answers NXDOMAIN for everyone (AS112, RFC 7534), and no ISP could add one.
  const reverseOf = reverseChecker(dns);
  const reverseAll = (addresses: readonly string[]) => addresses.filter(reachable).map(reverseOf);
  for (const host of route.implicit) {
    reverseAll(host.addresses);
    onHost(host);
  }
  // Each host's PTR questions start as soon as its addresses are known, not after every host's.
  const examined = await Promise.all(
    route.records.map(async (record) => {
      const result = await examineHost(dns, record);
      if (result.host) {
        reverseAll(result.host.addresses);
        onHost(result.host);
      }
      return result;
    }),
  );
  const mxHosts = [...route.implicit, ...examined.flatMap((e) => (e.host ? [e.host] : []))];
  const someUntested = isUnanswered(mx) || route.untested === true || examined.some((e) => e.untested);
  const reverse = await Promise.all(reverseAll(uniqueAddresses(mxHosts)));
  return {
    findings: [
      ...addressFinding(name, apex, a, aaaa),
      ...route.findings,
      ...withIpv4Elsewhere(
        examined.flatMap((e) => e.findings),
        mxHosts,
      ),
      ...mxHosts.flatMap((host) => unreachable(host, reachable)),
      ...redundancy(mxHosts, someUntested, reachable),
      ...reverse.flat(),
    ],
    mxHosts,
  };
}

// NXDOMAIN says the name does not exist, whatever type was asked (RFC 2308 §2.1, RFC 8020 §2): one is enough,
// and a timeout of another question cannot bring the name back. Records in another answer can (a zone
// changed between the questions): then the name exists.
function doesNotExist(domain: string, answers: readonly DnsAnswer<unknown>[]): Finding | null {
  if (!answers.some(isNxdomain) || answers.some((answer) => answer.ok)) return null;
  return finding('dns.domain', 'fail', { domain });
}

const isNxdomain = (answer: DnsAnswer<unknown>) => !answer.ok && answer.failure === 'nxdomain';

function cannotAsk(domain: string, answers: readonly DnsAnswer<unknown>[]): Finding | null {
  const first = answers[0]!;
  if (!answers.every(isUnanswered) || !isUnanswered(first)) return null;
  return finding('dns.domain', 'untested', { domain, failure: first.failure });
}

// The circular's "A record" is the mail server's (checked per MX host below); an address at the domain
// itself is reported when present and never held against the domain when absent: mail needs none there
// unless there is no MX, and that case is dns.mx's.
function addressFinding(domain: string, apex: string[], a: DnsAnswer<string>, aaaa: DnsAnswer<string>) {
  if (apex.length > 0) return [finding('dns.address', 'pass', { domain, addresses: apex.join(', ') })];
  if (isUnanswered(a) && isUnanswered(aaaa)) {
    return [finding('dns.address', 'untested', { domain, failure: a.failure })];
  }
  return [];
}

function mailRoute(
  domain: string,
  mx: DnsAnswer<MxRecord>,
  a: DnsAnswer<string>,
  aaaa: DnsAnswer<string>,
): Route {
  if (mx.ok) return explicitRoute(domain, mx.records);
  if (isUnanswered(mx)) {
    return {
      findings: [finding('dns.mx', 'untested', { domain, failure: mx.failure })],
      records: [],
      implicit: [],
    };
  }
  // RFC 5321 §5.1: without MX records the domain's own address is the implicit MX. Mail still arrives, so
  // a warn; the circular asks for an MX record (4(f)(v)). The implicit MX is a mail server all the same: its
  // A record is judged as a named host's (its addresses are already dns.address's, so no pass is repeated).
  const apex = [...recordsOf(a), ...recordsOf(aaaa)];
  const judged = addressVerdict(domain, a, aaaa);
  if (apex.length > 0) {
    const implicit = [{ exchange: domain, priority: 0, addresses: apex }];
    return {
      findings: [
        finding('dns.mx', 'warn', { domain, addresses: apex.join(', ') }),
        ...(judged.finding.verdict === 'pass' ? [] : [judged.finding]),
      ],
      records: [],
      implicit,
      untested: judged.untested,
    };
  }
  const unanswered = [a, aaaa].find(isUnanswered);
  if (!unanswered) return { findings: [finding('dns.mx', 'fail', { domain })], records: [], implicit: [] };
  // Whether an implicit MX exists is unknown, but an A answered empty fails the circular's A record either way.
  const missingA = judged.finding.verdict === 'fail' ? [judged.finding] : [];
  return {
    findings: [finding('dns.mx', 'untested', { domain, failure: unanswered.failure }), ...missingA],
    records: [],
    implicit: [],
  };
}

// RFC 7505: a single MX of preference 0 with the root as exchange ("0 .") says the domain takes no mail.
// That is a declaration, not a missing MX; mixing it with other MX records is forbidden (§3). A root exchange
// at any other preference, or more than one, is no null MX (§3 defines it by both): senders look "." up as a
// host, find no address, and retry for days before they bounce, so the domain neither takes mail nor says so.
function explicitRoute(domain: string, records: readonly MxRecord[]): Route {
  const sorted = [...records].sort((x, y) => x.priority - y.priority);
  const real = sorted.filter((record) => record.exchange !== '');
  if (real.length === 0) {
    const declared = sorted.length === 1 && sorted[0]!.priority === 0;
    const records = sorted.map((record) => `MX ${record.priority} .`).join(', ');
    const judged = declared
      ? finding('dns.null_mx', 'warn', { domain })
      : finding('dns.null_mx_invalid', 'fail', { domain, records });
    return { findings: [judged], records: [], implicit: [] };
  }
  const hosts = real.map((record) => `${record.priority} ${record.exchange}`).join(', ');
  const found = [finding('dns.mx', 'pass', { domain, count: real.length, hosts })];
  if (real.length < sorted.length) found.push(finding('dns.null_mx', 'fail', { domain }));
  // One host at two preferences (legal: the records differ) is one mail server, examined and probed once;
  // senders reach it first at its best preference (RFC 5321 §5.1), which the sort puts first.
  const once = real.filter((record, i) => real.findIndex((r) => r.exchange === record.exchange) === i);
  return { findings: found, records: once, implicit: [] };
}

interface Examined {
  readonly findings: readonly Finding[];
  readonly host: MxHost | null;
  readonly untested: boolean;
}

async function examineHost(dns: DnsClient, record: MxRecord): Promise<Examined> {
  const host = record.exchange;
  // RFC 5321 §5.1 and RFC 1035 §3.3.9: the exchange is a host name; an address written there is looked up
  // as a name by senders and fails.
  if (isIP(host) !== 0 || /^\[.*\]$/.test(host)) {
    return { findings: [finding('dns.mx_target', 'fail', { host }, host)], host: null, untested: false };
  }
  const [a, aaaa, alias] = await Promise.all([dns.a(host), dns.aaaa(host), aliasFinding(dns, host)]);
  const addresses = [...recordsOf(a), ...recordsOf(aaaa)];
  const judged = addressVerdict(host, a, aaaa);
  return {
    findings: [...alias, judged.finding],
    host: { exchange: host, priority: record.priority, addresses },
    untested: judged.untested,
  };
}

// RFC 2181 §10.3: an MX must name a host, not an alias; RFC 5321 §5.1 only describes following one. Postfix,
// Exchange and the large providers follow the alias and deliver, so mail flows and the circular's MX element
// is met: a warn, which names the canonical host to put in the MX instead.
async function aliasFinding(dns: DnsClient, host: string): Promise<Finding[]> {
  const first = recordsOf(await dns.cname(host))[0];
  if (!first) return [];
  return [finding('dns.mx_cname', 'warn', { host, target: await canonicalName(dns, first) }, host)];
}

// A CNAME question is answered one link at a time (a resolver does not follow the chain for a CNAME question,
// RFC 1034 §3.6.2), and the first link may itself be an alias: naming it would leave the MX on an alias
// after the fix. A loop, or a chain longer than any resolver follows, ends at the last name seen.
const MAX_CNAME_LINKS = 8;

async function canonicalName(dns: DnsClient, first: string): Promise<string> {
  const seen = new Set<string>();
  let name = first;
  while (seen.size < MAX_CNAME_LINKS && !seen.has(name)) {
    seen.add(name);
    const next = recordsOf(await dns.cname(name))[0];
    if (!next) return name;
    name = next;
  }
  return name;
}

interface AddressVerdict {
  readonly finding: Finding;
  /** The host's addresses are not all known, so neither is the number of servers (see redundancy). */
  readonly untested: boolean;
}

// Pekeliling 4(f)(v): the mail service "perlu" (must) have an A record, where 4(f)(iv)'s second server is only
// "digalakkan" (encouraged, a warn). A host with AAAA records alone is therefore a fail, not a warn: it lacks
// a required element, and senders with IPv4 only, still a large share, cannot deliver to it at all (RFC 3974
// §3). The A answer alone decides that; AAAA matters for whether the host exists and for redundancy.
function addressVerdict(host: string, a: DnsAnswer<string>, aaaa: DnsAnswer<string>): AddressVerdict {
  const v6 = recordsOf(aaaa);
  if (a.ok) {
    const addresses = [...a.records, ...v6].join(', ');
    return {
      finding: finding('dns.mx_host', 'pass', { host, addresses }, host),
      untested: isUnanswered(aaaa),
    };
  }
  // NXDOMAIN for either question: the host does not exist (RFC 8020 §2), whatever became of the other.
  if (v6.length === 0 && (isNxdomain(a) || isNxdomain(aaaa))) {
    return { finding: finding('dns.mx_host', 'fail', { host, answer: 'NXDOMAIN' }, host), untested: false };
  }
  if (isUnanswered(a)) {
    return {
      finding: finding('dns.mx_host', 'untested', { host, failure: a.failure }, host),
      untested: true,
    };
  }
  if (v6.length > 0 || isUnanswered(aaaa)) {
    const verdict = finding('dns.mx_ipv4', 'fail', { host, answer: answerName(a) }, host);
    return { finding: verdict, untested: isUnanswered(aaaa) };
  }
  return { finding: finding('dns.mx_host', 'fail', { host, answer: answerName(a) }, host), untested: false };
}

// Pekeliling 4(f)(v) asks the mail service for an A record: the service has one while any MX host has an IPv4
// address, so a host without one (an IPv6-only backup) only narrows IPv4-only senders' fallback: a warning.
function withIpv4Elsewhere(findings: readonly Finding[], hosts: readonly MxHost[]): Finding[] {
  const served = hosts.some((host) => host.addresses.some((address) => isIP(address) === 4));
  if (!served) return [...findings];
  return findings.map((f) => (f.check === 'dns.mx_ipv4' ? { ...f, verdict: 'warn' } : f));
}

// Pekeliling 4(f)(iv): at least two mail servers. Two MX names on one address are one server, and so is a
// dual-stack host with one IPv4 and one IPv6 address: a sender can only fall back to another address of a
// family it has, so distinct addresses are counted per family and the larger count is the servers'.
function redundancy(
  hosts: readonly MxHost[],
  someUntested: boolean,
  reachable: (address: string) => boolean,
): Finding[] {
  const unique = uniqueAddresses(hosts).filter(reachable);
  const v4 = unique.filter((address) => isIP(address) === 4).length;
  const addresses = Math.max(v4, unique.length - v4);
  const params = { hosts: hosts.length, addresses };
  if (addresses >= 2) return [finding('dns.mx_redundancy', 'pass', params)];
  if (someUntested) return [finding('dns.mx_redundancy', 'untested', params)];
  return addresses === 1 ? [finding('dns.mx_redundancy', 'warn', params)] : [];
}

// An MX host's address in a private or special-purpose block (RFC 1918, RFC 6890), typically the internal
// view of split DNS leaked into the public one: no sender on the Internet reaches it. All of a host's
// addresses so: its mail waits in queues, then bounces. Some: senders that try them first wait for a timeout.
function unreachable(host: MxHost, reachable: (address: string) => boolean): Finding[] {
  const closed = host.addresses.filter((address) => !reachable(address));
  if (closed.length === 0) return [];
  const verdict = closed.length === host.addresses.length ? 'fail' : 'warn';
  return [
    finding('dns.mx_private', verdict, { host: host.exchange, addresses: closed.join(', ') }, host.exchange),
  ];
}

function uniqueAddresses(hosts: readonly MxHost[]): string[] {
  const seen = new Map<string, string>();
  for (const address of hosts.flatMap((host) => host.addresses)) seen.set(canonicalAddress(address), address);
  return [...seen.values()];
}

/** The reverse checks of one run, each address checked once however many MX hosts share it. */
function reverseChecker(dns: DnsClient): (address: string) => Promise<Finding[]> {
  const checks = new Map<string, Promise<Finding[]>>();
  return (address) => {
    const key = canonicalAddress(address);
    let check = checks.get(key);
    if (!check) {
      check = checkReverse(dns, address);
      checks.set(key, check);
    }
    return check;
  };
}

// RFC 7208 §4.6.4 stops at 10 PTR names; so do we.
const MAX_PTR_NAMES = 10;

/** Pekeliling 4(f)(v) "reverse lookup": a PTR for the address, and a PTR name that resolves back to it. */
async function checkReverse(dns: DnsClient, address: string): Promise<Finding[]> {
  const ptr = await dns.ptr(address);
  if (isUnanswered(ptr)) return [finding('dns.ptr', 'untested', { address, failure: ptr.failure }, address)];
  if (!ptr.ok) return [finding('dns.ptr', 'fail', { address, answer: answerName(ptr) }, address)];
  const names = ptr.records.slice(0, MAX_PTR_NAMES);
  const found = finding('dns.ptr', 'pass', { address, names: names.join(', ') }, address);
  return [found, await forwardConfirm(dns, address, names)];
}

// Forward-confirmed reverse DNS (RFC 8601 §3 "iprev"): receivers such as Gmail and Microsoft 365 reject
// or junk mail from addresses whose PTR name does not lead back to them.
async function forwardConfirm(dns: DnsClient, address: string, names: readonly string[]): Promise<Finding> {
  const v4 = isIP(address) === 4;
  const answers = await Promise.all(names.map((name) => (v4 ? dns.a(name) : dns.aaaa(name))));
  const confirmed = names.find((_, i) => recordsOf(answers[i]!).some((back) => sameAddress(back, address)));
  if (confirmed) return finding('dns.fcrdns', 'pass', { address, name: confirmed }, address);
  const unanswered = answers.find(isUnanswered);
  const params = { address, names: names.join(', ') };
  if (unanswered)
    return finding('dns.fcrdns', 'untested', { ...params, failure: unanswered.failure }, address);
  return finding('dns.fcrdns', 'fail', params, address);
}
