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
  /** MX records whose hosts are still to be looked up. */
  readonly records: readonly MxRecord[];
  /** Hosts known already: the implicit MX, whose addresses are the domain's own. */
  readonly implicit: readonly MxHost[];
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
  const gone = doesNotExist(name, a, mx) ?? cannotAsk(name, [a, aaaa, mx]);
  if (gone) return { findings: [gone], mxHosts: [] };
  const apex = [...recordsOf(a), ...recordsOf(aaaa)];
  const route = mailRoute(name, mx, a, aaaa);
  const reverseOf = reverseChecker(dns);
  for (const host of route.implicit) {
    host.addresses.forEach(reverseOf);
    onHost(host);
  }
  // Each host's PTR questions start as soon as its addresses are known, not after every host's.
  const examined = await Promise.all(
    route.records.map(async (record) => {
      const result = await examineHost(dns, record);
      result.host?.addresses.forEach(reverseOf);
      if (result.host) onHost(result.host);
      return result;
    }),
  );
  const mxHosts = [...route.implicit, ...examined.flatMap((e) => (e.host ? [e.host] : []))];
  const someUntested = isUnanswered(mx) || examined.some((e) => e.untested);
  const reverse = await Promise.all(uniqueAddresses(mxHosts).map(reverseOf));
  return {
    findings: [
      ...addressFinding(name, apex, a, aaaa),
      ...route.findings,
      ...examined.flatMap((e) => e.findings),
      ...mxHosts.flatMap((host) => unreachable(host, reachable)),
      ...redundancy(mxHosts, someUntested, reachable),
      ...reverse.flat(),
    ],
    mxHosts,
  };
}

/** NXDOMAIN for both MX and A: the domain does not exist at all (RFC 8020: nothing below it either). */
function doesNotExist(domain: string, a: DnsAnswer<string>, mx: DnsAnswer<MxRecord>): Finding | null {
  const nx = (answer: DnsAnswer<unknown>) => !answer.ok && answer.failure === 'nxdomain';
  return nx(a) && nx(mx) ? finding('dns.domain', 'fail', { domain }) : null;
}

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
  // a warn; the circular asks for an MX record (4(f)(v)).
  const apex = [...recordsOf(a), ...recordsOf(aaaa)];
  if (apex.length > 0) {
    const implicit = [{ exchange: domain, priority: 0, addresses: apex }];
    return {
      findings: [finding('dns.mx', 'warn', { domain, addresses: apex.join(', ') })],
      records: [],
      implicit,
    };
  }
  const unanswered = [a, aaaa].find(isUnanswered);
  const verdict = unanswered
    ? finding('dns.mx', 'untested', { domain, failure: unanswered.failure })
    : finding('dns.mx', 'fail', { domain });
  return { findings: [verdict], records: [], implicit: [] };
}

// RFC 7505: a single MX of preference 0 with the root as exchange ("0 .") says the domain takes no mail.
// That is a declaration, not a missing MX; mixing it with other MX records is forbidden (§3).
function explicitRoute(domain: string, records: readonly MxRecord[]): Route {
  const sorted = [...records].sort((x, y) => x.priority - y.priority);
  const real = sorted.filter((record) => record.exchange !== '');
  if (real.length === 0) {
    return { findings: [finding('dns.null_mx', 'warn', { domain })], records: [], implicit: [] };
  }
  const hosts = real.map((record) => `${record.priority} ${record.exchange}`).join(', ');
  const found = [finding('dns.mx', 'pass', { domain, count: real.length, hosts })];
  if (real.length < sorted.length) found.push(finding('dns.null_mx', 'fail', { domain }));
  return { findings: found, records: real, implicit: [] };
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
  const [a, aaaa, cname] = await Promise.all([dns.a(host), dns.aaaa(host), dns.cname(host)]);
  const addresses = [...recordsOf(a), ...recordsOf(aaaa)];
  const findings = [...aliasFinding(host, cname), addressVerdict(host, addresses, a, aaaa)];
  // Either family unanswered leaves the number of servers unknown (see redundancy).
  const untested = isUnanswered(a) || isUnanswered(aaaa);
  return { findings, host: { exchange: host, priority: record.priority, addresses }, untested };
}

// RFC 2181 §10.3: an MX must name a host, not an alias; RFC 5321 §5.1 only describes following one. Postfix,
// Exchange and the large providers follow the alias and deliver, so mail flows and the circular's MX element
// is met: a warn, which names the canonical host to put in the MX instead.
function aliasFinding(host: string, cname: DnsAnswer<string>): Finding[] {
  const target = recordsOf(cname)[0];
  return target ? [finding('dns.mx_cname', 'warn', { host, target }, host)] : [];
}

function addressVerdict(host: string, addresses: string[], a: DnsAnswer<string>, aaaa: DnsAnswer<string>) {
  if (addresses.length > 0)
    return finding('dns.mx_host', 'pass', { host, addresses: addresses.join(', ') }, host);
  const unanswered = [a, aaaa].find(isUnanswered);
  if (unanswered) return finding('dns.mx_host', 'untested', { host, failure: unanswered.failure }, host);
  return finding('dns.mx_host', 'fail', { host, answer: answerName(a) }, host);
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
