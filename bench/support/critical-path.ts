import { organisationalDomain } from '../../src/mail/dmarc.ts';
import { ALWAYS_THERE as PUBLIC_VIEW_NAMES } from '../../src/mail/public-view.ts';

// The longest chain of dependent operations of one /mailtest run, from what the run recorded. An operation
// depends on the operations whose answers told mailops what it asks: a name (an MX exchange, a PTR name, an
// SPF include or a: target, a DMARC report destination) or an address (an A answer). A few dependencies are
// control flow mailops has: the MTA-STS host is asked only once the _mta-sts record is valid, a blocklist's
// reason (TXT) only once the address is listed (A), and the SMTP probe of an address starts after that
// address's PTR (the probe judges the banner name against it). Names derived from the domain alone
// (_dmarc, <selector>._domainkey, _mta-sts, _smtp._tls) are known at the start.

export interface Operation {
  /** A DNS type (`a`, `mx`, `txt`, …), `smtp` (a session with an MX address) or `https` (the policy fetch). */
  readonly kind: string;
  /** The name or address asked; for sessions, the server's address. */
  readonly name: string;
  /** Milliseconds since the run started. */
  readonly start: number;
  readonly end: number;
  /** The answer's records as text (an MX answer: the exchanges); empty for a failure and for sessions. */
  readonly answer: readonly string[];
}

export interface Placed {
  readonly operation: Operation;
  /** When the operation could have started at the earliest, given its parents' earliest ends. */
  readonly earliest: number;
  readonly finish: number;
  /** The parent that decided `earliest`; null when it needs nothing but the domain. */
  readonly parent: Placed | null;
}

export interface CriticalPath {
  readonly length: number;
  /** The chain, first operation first. */
  readonly chain: readonly Placed[];
  readonly placed: readonly Placed[];
  /** Operations with a need no earlier operation answered: the model above is missing a dependency. */
  readonly unexplained: readonly Operation[];
}

export const label = (op: Operation) => `${op.kind} ${op.name}`;
const duration = (op: Operation) => op.end - op.start;

export function criticalPath(
  operations: readonly Operation[],
  world: { readonly domain: string; readonly dnsblZones: readonly string[] },
): CriticalPath {
  const providers = new Map<string, Placed[]>();
  const placed: Placed[] = [];
  const unexplained: Operation[] = [];
  for (const operation of [...operations].sort((x, y) => x.start - y.start)) {
    let earliest = 0;
    let parent: Placed | null = null;
    for (const need of needs(operation, world)) {
      // Only an operation that had answered when this one started can have told it anything.
      const candidates = (providers.get(need) ?? []).filter((p) => p.operation.end <= operation.start);
      if (candidates.length === 0) {
        if (!unexplained.includes(operation)) unexplained.push(operation);
        continue;
      }
      const first = candidates.reduce((x, y) => (y.finish < x.finish ? y : x));
      if (first.finish > earliest || parent === null) {
        earliest = Math.max(earliest, first.finish);
        parent = first;
      }
    }
    const node = { operation, earliest, finish: earliest + duration(operation), parent };
    placed.push(node);
    for (const fact of provides(operation, world))
      providers.set(fact, [...(providers.get(fact) ?? []), node]);
  }
  const last = placed.reduce<Placed | null>((x, y) => (x === null || y.finish > x.finish ? y : x), null);
  const chain: Placed[] = [];
  for (let node = last; node; node = node.parent) chain.unshift(node);
  return { length: last?.finish ?? 0, chain, placed, unexplained };
}

/** What an operation needed to know before it could be asked. */
function needs(op: Operation, world: { domain: string; dnsblZones: readonly string[] }): string[] {
  const { domain } = world;
  if (op.kind === 'smtp') return [`addr:${op.name}`, `asked:ptr ${op.name}`];
  if (op.kind === 'https' || op.kind === 'ptr') return [`addr:${op.name}`];
  const name = op.name;
  const org = organisationalDomain(domain);
  // `arpa` and `com`: whether the DNS server sees the public DNS (src/mail/public-view.ts), asked at once.
  const known = [
    domain,
    `_dmarc.${domain}`,
    `_dmarc.${org}`,
    `_mta-sts.${domain}`,
    `_smtp._tls.${domain}`,
    ...PUBLIC_VIEW_NAMES,
  ];
  if (known.includes(name) || name.endsWith(`._domainkey.${domain}`)) return [];
  if (name === `mta-sts.${domain}`) return [`asked:txt _mta-sts.${domain}`];
  const zone = world.dnsblZones.find((z) => name.endsWith(`.${z}`));
  const listed = zone && /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(name.slice(0, -zone.length - 1));
  // A list's test entries (RFC 5782 §5) are asked beside the first address to look up on it.
  if (listed && /^[12]\.0\.0\.127$/.test(listed[0])) return [HOST_ADDRESS];
  if (listed) {
    if (op.kind === 'txt') return [`asked:a ${name}`];
    return [`addr:${listed.slice(1).reverse().join('.')}`];
  }
  const report = /^.+\._report\._dmarc\.(.+)$/.exec(name);
  if (report) return [`name:${report[1]}`];
  return [`name:${name}`];
}

/** Any address of a host other than the domain's own and the lists': in practice, of an MX host. */
const HOST_ADDRESS = 'addr:host';

/** What an operation's answer told mailops. */
function provides(op: Operation, world: { domain: string; dnsblZones: readonly string[] }): string[] {
  const facts = [`asked:${label(op)}`];
  const host =
    op.name !== world.domain &&
    !world.dnsblZones.some((z) => op.name.endsWith(`.${z}`)) &&
    op.answer.length > 0;
  if ((op.kind === 'a' || op.kind === 'aaaa') && host) facts.push(HOST_ADDRESS);
  for (const record of op.answer) {
    const text = record.toLowerCase();
    if (op.kind === 'a' || op.kind === 'aaaa') facts.push(`addr:${text}`);
    else if (op.kind === 'mx' || op.kind === 'ptr' || op.kind === 'cname')
      facts.push(`name:${text.replace(/\.$/, '')}`);
    else if (op.kind === 'txt') {
      for (const m of text.matchAll(/(?:include:|redirect=|\ba:|\bmx:|exists:|ptr:)([a-z0-9._-]+)/g))
        facts.push(`name:${m[1]}`);
      for (const m of text.matchAll(/mailto:[^@\s,;!]+@([a-z0-9.-]+)/g)) facts.push(`name:${m[1]}`);
    }
  }
  return facts;
}
