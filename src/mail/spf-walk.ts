import { isUnanswered, recordsOf } from './dns-finding.ts';
import { normaliseName } from './resolver.ts';
import {
  domainSpecTarget,
  isSpfRecord,
  type Mechanism,
  type Modifier,
  parseSpf,
  type SpfRecord,
} from './spf-record.ts';
import type { DnsAnswer, DnsClient, DnsFailure } from './types.ts';

// The whole tree of an SPF record, walked as check_host() would walk it for a client that matches nothing
// (the worst case every receiver meets for some sender): every include and redirect followed, every term
// that makes a DNS query counted (RFC 7208 §4.6.4), every void answer noted. We walk it ourselves because
// the evaluation only counts up to the first match and stops at the limit, and we must name the term of the
// domain's own record that takes the count past 10, so the agency knows which include to flatten or drop.

export const LOOKUP_LIMIT = 10;
export const VOID_LIMIT = 2;
/** §4.6.4: an "mx" term whose domain has more MX hosts than this is a permerror of its own. */
export const MX_LIMIT = 10;
// Past this the count only grows (an include loop counts forever); the verdict is already a fail.
const COUNT_CAP = 50;

export type SpfFetch =
  | { readonly kind: 'one'; readonly text: string; readonly record: SpfRecord }
  | { readonly kind: 'none'; readonly void: boolean }
  | { readonly kind: 'many'; readonly count: number }
  | { readonly kind: 'unanswered'; readonly failure: DnsFailure };

/** The SPF record of a name (RFC 7208 §4.5): TXT records starting "v=spf1", of which exactly one may exist. */
export async function fetchSpf(dns: DnsClient, domain: string): Promise<SpfFetch> {
  const answer = await dns.txt(domain);
  if (isUnanswered(answer)) return { kind: 'unanswered', failure: answer.failure };
  const texts = recordsOf(answer).filter(isSpfRecord);
  if (texts.length === 0) return { kind: 'none', void: !answer.ok };
  if (texts.length > 1) return { kind: 'many', count: texts.length };
  return { kind: 'one', text: texts[0]!, record: parseSpf(texts[0]!) };
}

type NoAnswer = { readonly where: string; readonly failure: DnsFailure };

/**
 * A receiver evaluates "a" with the lookup type of its client's address (§5.3), and every empty answer counts
 * as void (§4.6.4), so the void count of a record can differ between mail sent over IPv4 and over IPv6.
 */
export const FAMILIES = ['ipv4', 'ipv6'] as const;
export type Family = (typeof FAMILIES)[number];
type PerFamily<T> = Readonly<Record<Family, T>>;

export interface SpfWalk {
  /** DNS-querying terms counted: a, mx, ptr, exists, include, redirect (§4.6.4). */
  readonly count: number;
  /** The term of the domain's own record during which the count passed the limit. */
  readonly over: string | null;
  /** The first mx term (as `over` names it) whose domain has more than MX_LIMIT MX hosts, and how many. */
  readonly mxOver: { readonly term: string; readonly hosts: number } | null;
  /** Names whose query was void (NXDOMAIN or an empty answer, §4.6.4), for a client of each family. */
  readonly voids: PerFamily<readonly string[]>;
  /**
   * The first include or redirect whose record got no answer: its terms, and so its lookups, are unknown.
   * An a, mx or exists term that got no answer still counts its one lookup (§4.6.4), so it is not here.
   */
  readonly unfollowed: NoAnswer | null;
  /** The first a, mx or exists question that got no answer: whether it was void is unknown (§4.6.4). */
  readonly unprobed: PerFamily<NoAnswer | null>;
  /**
   * Whether the tree authorises IPv6 senders: an ip6 term, or an "a" term whose host has IPv6 addresses. Then
   * the domain sends over IPv6, and receivers evaluate the record for IPv6 clients.
   */
  readonly ip6: boolean;
  /** include and redirect terms whose target has no single SPF record (permerror, §5.2 and §6.1). */
  readonly broken: readonly { readonly term: string; readonly where: string }[];
  /** include and redirect terms with macros: their trees depend on the sender and could not be walked. */
  readonly unknown: readonly string[];
  /** Every record reached, by domain, the domain's own first. */
  readonly records: ReadonlyMap<string, SpfRecord>;
}

interface State {
  count: number;
  over: string | null;
  mxOver: SpfWalk['mxOver'];
  voids: Record<Family, string[]>;
  unfollowed: NoAnswer | null;
  unprobed: Record<Family, NoAnswer | null>;
  aaaa: boolean;
  broken: { term: string; where: string }[];
  unknown: string[];
  records: Map<string, SpfRecord>;
}

export async function walkSpf(dns: DnsClient, domain: string, record: SpfRecord): Promise<SpfWalk> {
  const state: State = {
    count: 0,
    over: null,
    mxOver: null,
    voids: { ipv4: [], ipv6: [] },
    unfollowed: null,
    unprobed: { ipv4: null, ipv6: null },
    aaaa: false,
    broken: [],
    unknown: [],
    records: new Map(),
  };
  state.records.set(domain, record);
  await visit(dns, state, domain, record, null);
  const ip6 =
    state.aaaa || [...state.records.values()].some((r) => evaluated(r).some((m) => m.name === 'ip6'));
  return { ...state, ip6 };
}

// A DNS query made by each term, asked for all terms of a record at once; the counting below is in order.
interface Prefetched {
  /**
   * By the term as written (include and redirect): the name it names, macros expanded (§7.3), and its record;
   * none for a term built from what only a receiver knows.
   */
  readonly fetches: ReadonlyMap<string, { readonly name: string; readonly fetched: Promise<SpfFetch> }>;
  readonly probes: ReadonlyMap<Mechanism, Promise<Probe>>;
  /** The included records' own lookups, started as soon as each record arrives rather than in walk order. */
  readonly children: ReadonlyMap<string, Promise<Prefetched | null>>;
}

/**
 * How many records' lookups may be started ahead of the walk: more than the 10 lookups an SPF record may
 * use, with room, yet bounded, so an include loop (a includes b includes a) cannot start lookups for ever.
 */
const PREFETCH_BUDGET = 40;

/** §6.1: redirect is ignored when the record has an "all" mechanism. */
export function redirectOf(record: SpfRecord): Modifier | null {
  const redirect = record.modifiers.find((modifier) => modifier.name === 'redirect');
  return redirect && !record.mechanisms.some((m) => m.name === 'all') ? redirect : null;
}

// §5.1: mechanisms after "all" are never tested, so they make no queries and their targets never matter.
export function evaluated(record: SpfRecord): readonly Mechanism[] {
  const all = record.mechanisms.findIndex((m) => m.name === 'all');
  return all === -1 ? record.mechanisms : record.mechanisms.slice(0, all);
}

type Probe = {
  readonly name: string;
  /** Per family: the answer was void, or the question got no answer (and whether it was void is unknown). */
  readonly void: PerFamily<boolean>;
  readonly failure: PerFamily<DnsFailure | null>;
  /** An "a" term's host has IPv6 addresses. */
  readonly aaaa: boolean;
  /** The MX records of an "mx" term's domain; 0 for other terms. */
  readonly hosts: number;
};

async function visit(
  dns: DnsClient,
  state: State,
  domain: string,
  record: SpfRecord,
  root: string | null,
  ahead?: Prefetched,
) {
  const redirect = redirectOf(record);
  const followRedirect = redirect !== null;
  const prefetched = ahead ?? prefetch(dns, domain, record, redirect, { left: PREFETCH_BUDGET });
  for (const term of evaluated(record)) {
    if (state.count > COUNT_CAP) return;
    if (!counts(term)) continue;
    tally(state, root ?? term.raw);
    if (term.name === 'include') await follow(dns, state, { domain, term: term.raw, root }, prefetched);
    else await probe(state, domain, root ?? term.raw, prefetched.probes.get(term));
  }
  if (followRedirect && state.count <= COUNT_CAP) {
    tally(state, root ?? redirect.raw);
    await follow(dns, state, { domain, term: redirect!.raw, root }, prefetched);
  }
}

const counts = (term: Mechanism) => !['all', 'ip4', 'ip6'].includes(term.name);

function tally(state: State, term: string) {
  state.count++;
  if (state.count > LOOKUP_LIMIT && state.over === null) state.over = term;
}

function prefetch(
  dns: DnsClient,
  domain: string,
  record: SpfRecord,
  redirect: Modifier | null,
  budget: { left: number },
): Prefetched {
  const fetches = new Map<string, { name: string; fetched: Promise<SpfFetch> }>();
  const probes = new Map<Mechanism, Promise<Probe>>();
  const children = new Map<string, Promise<Prefetched | null>>();
  const fetchAhead = (raw: string, target: string) => {
    const name = normaliseName(target);
    const fetched = fetchSpf(dns, name);
    fetches.set(raw, { name, fetched });
    if (budget.left <= 0) return;
    budget.left -= 1;
    children.set(
      raw,
      fetched.then((f) =>
        f.kind === 'one' ? prefetch(dns, name, f.record, redirectOf(f.record), budget) : null,
      ),
    );
  };
  for (const term of evaluated(record)) {
    const target = domainSpecTarget(term.target, domain);
    if (target === null) continue;
    if (term.name === 'include') fetchAhead(term.raw, target);
    else if (term.name === 'a' || term.name === 'mx' || term.name === 'exists') {
      const probe = voidProbe(dns, term, normaliseName(target || domain));
      probe.catch(() => {});
      probes.set(term, probe);
    }
  }
  const redirectTarget = redirect && domainSpecTarget(redirect.value, domain);
  if (redirectTarget) fetchAhead(redirect!.raw, redirectTarget);
  return { fetches, probes, children };
}

// "a" asks A for an IPv4 client and AAAA for an IPv6 one (§5.3), so a host with only one of the two is a
// void lookup for the other family's clients, as strict receivers count it (and as the check_host evaluation
// here does). "mx" and "exists" ask one question for both (§5.4, §5.7). "ptr" depends on the client and is
// not probed.
async function voidProbe(dns: DnsClient, term: Mechanism, name: string): Promise<Probe> {
  const [ipv4, ipv6]: DnsAnswer<unknown>[] =
    term.name === 'a'
      ? await Promise.all([dns.a(name), dns.aaaa(name)])
      : Array(2).fill(term.name === 'mx' ? await dns.mx(name) : await dns.a(name));
  const hosts = term.name === 'mx' ? recordsOf(ipv4!).length : 0;
  const voidOf = (answer: DnsAnswer<unknown>) => !answer.ok && !isUnanswered(answer);
  const failureOf = (answer: DnsAnswer<unknown>) => (isUnanswered(answer) ? answer.failure : null);
  return {
    name,
    void: { ipv4: voidOf(ipv4!), ipv6: voidOf(ipv6!) },
    failure: { ipv4: failureOf(ipv4!), ipv6: failureOf(ipv6!) },
    aaaa: term.name === 'a' && ipv6!.ok,
    hosts,
  };
}

/** `label`: the term of the domain's own record this probe is under, as `over` names it. */
async function probe(state: State, domain: string, label: string, pending: Promise<Probe> | undefined) {
  if (!pending) return;
  const result = await pending;
  if (result.hosts > MX_LIMIT) state.mxOver ??= { term: label, hosts: result.hosts };
  if (result.aaaa) state.aaaa = true;
  for (const family of FAMILIES) {
    const failure = result.failure[family];
    if (result.void[family]) state.voids[family].push(result.name);
    else if (failure) state.unprobed[family] ??= { where: `${result.name} (${domain})`, failure };
  }
}

interface Step {
  /** The domain whose record has the term. */
  readonly domain: string;
  readonly term: string;
  /** The term of the domain's own record this step is under; null in that record itself. */
  readonly root: string | null;
}

async function follow(dns: DnsClient, state: State, step: Step, prefetched: Prefetched) {
  const pending = prefetched.fetches.get(step.term);
  if (!pending) {
    state.unknown.push(step.term);
    return;
  }
  const { name } = pending;
  const fetched = await pending.fetched;
  if (fetched.kind === 'unanswered') state.unfollowed ??= { where: name, failure: fetched.failure };
  else if (fetched.kind === 'none' || fetched.kind === 'many') {
    if (fetched.kind === 'none' && fetched.void)
      for (const family of FAMILIES) state.voids[family].push(name);
    state.broken.push({ term: step.term, where: step.domain });
  } else {
    if (!state.records.has(name)) state.records.set(name, fetched.record);
    const ahead = await prefetched.children.get(step.term);
    await visit(dns, state, name, fetched.record, step.root ?? step.term, ahead ?? undefined);
  }
}
