import { finding } from './dns-finding.ts';
import { normaliseName } from './resolver.ts';
import { checkHost } from './spf-check-host.ts';
import { domainSpecTarget, type SpfRecord } from './spf-record.ts';
import { evaluated, redirectOf, type SpfWalk } from './spf-walk.ts';
import type { DnsClient, Finding } from './types.ts';

// Whether anyone other than the agency may send in its name (the "nobody else can send" good practice).
// The ending ("all", RFC 7208 §5.1) decides for a client no other term matched, but a term before it can
// match every client: an include of a record that ends in +all (§5.2), ip4:0.0.0.0/0 or ip6:::/0 (§5.6),
// a/0 or mx/0 (§5.3, §5.4), an exists on a name that resolves (§5.7). Rather than enumerate those, we ask
// check_host() about clients that cannot be the agency's: documentation addresses (RFC 5737, RFC 3849),
// which no real server has. A pass for them is a pass for anyone. Their reverse zones are answered by the
// resolver itself (RFC 6303), so a ptr term or %{p} macro sends no question to anyone else.

const STRANGERS = ['192.0.2.254', '2001:db8::fe'] as const;
// Only %{h} macros read it; .invalid never resolves (RFC 6761 §6.4).
const STRANGER_HELO = 'stranger.invalid';

export interface EndingInput {
  readonly domain: string;
  /** The domain's own record as published, named when the term that lets everyone in cannot be. */
  readonly text: string;
  readonly timeoutMs?: number;
}

type EffectiveAll =
  | { kind: 'all'; raw: string; qualifier: string; where: string }
  | { kind: 'none'; where: string }
  | { kind: 'unknown' };

/**
 * The "all" a receiver ends on: that of the last record of the redirect chain (RFC 7208 §6.1). A chain that
 * stops on a redirect (its target unread, built from macros, or a loop) ends where nobody can say.
 */
function effectiveAll(chain: readonly Step[]): EffectiveAll {
  const last = chain.at(-1);
  if (!last) return { kind: 'unknown' };
  const all = last.record.mechanisms.find((m) => m.name === 'all');
  if (all) return { kind: 'all', raw: all.raw, qualifier: all.qualifier, where: last.where };
  return last.redirect === '' ? { kind: 'none', where: last.where } : { kind: 'unknown' };
}

// "+all" lets anyone send in the agency's name; "?all" says nothing about strangers; a record without "all"
// and without redirect ends in neutral (§4.7), the same as "?all". "~all" and "-all" both pass: DMARC turns
// a softfail into the agency's chosen policy. Both of these hold whatever the unread part of the tree says;
// a pass does not, so a stranger's evaluation that met an unanswered question makes it untested.
export async function endingFindings(
  dns: DnsClient,
  input: EndingInput,
  walking: Promise<SpfWalk>,
): Promise<Finding[]> {
  const [walk, results] = await Promise.all([
    walking,
    Promise.all(STRANGERS.map((address) => evaluate(dns, input.domain, address, input.timeoutMs))),
  ]);
  const chain = evaluatedChain(walk, input.domain);
  const all = effectiveAll(chain);
  if (all.kind === 'all' && all.qualifier === '+') {
    return [finding('spf.all', 'fail', { all: all.raw, where: all.where })];
  }
  const open = STRANGERS.find((_, n) => results[n] === 'pass');
  if (open) return [finding('spf.all', 'fail', await letThrough(dns, chain, input, open))];
  if (all.kind === 'unknown') return [];
  if (all.kind === 'none') return [finding('spf.no_all', 'warn', { domain: all.where })];
  const params = { all: all.raw, where: all.where };
  if (all.qualifier === '?') return [finding('spf.all', 'warn', params)];
  const unsure = STRANGERS.find((_, n) => results[n] === 'temperror');
  if (unsure) return [finding('spf.all', 'untested', { where: input.domain, address: unsure })];
  return [finding('spf.all', 'pass', params)];
}

const evaluate = (dns: DnsClient, domain: string, address: string, timeoutMs?: number) =>
  checkHost(dns, { domain, address, helo: STRANGER_HELO, timeoutMs });

/**
 * The term that lets a stranger through, so the agency knows what to remove: each + term of the records a
 * receiver evaluates in turn (the domain's own, then its redirect targets) is evaluated alone, as the only
 * term of its record, reached by the same redirects; the first to pass is the one (§4.6.2: the first match
 * decides). The evaluation starts at the domain itself, so macros expand as they do for a real client.
 */
async function letThrough(
  dns: DnsClient,
  chain: readonly Step[],
  input: EndingInput,
  address: string,
): Promise<{ all: string; where: string }> {
  const candidates = chain.flatMap(({ where, record }, depth) =>
    evaluated(record)
      .filter((term) => term.qualifier === '+')
      .map((term) => ({ all: term.raw, where, depth })),
  );
  const results = await Promise.all(
    candidates.map(({ all, where, depth }) => {
      const published = new Map(chain.slice(0, depth).map((step) => [step.where, `v=spf1 ${step.redirect}`]));
      published.set(where, `v=spf1 ${all}`);
      return evaluate(publishing(dns, published), input.domain, address, input.timeoutMs);
    }),
  );
  const found = candidates.find((_, n) => results[n] === 'pass');
  return found ? { all: found.all, where: found.where } : { all: input.text, where: input.domain };
}

interface Step {
  readonly where: string;
  readonly record: SpfRecord;
  /** The redirect= that leads on from this record, as written; empty when the record has none (§6.1). */
  readonly redirect: string;
}

/**
 * The records a receiver evaluates for the domain: its own, then each redirect target in turn (§6.1), as far as
 * the walk read them. A redirect built from macros only a receiver can expand (the sender, the client), or back
 * to a record already in the chain, ends it.
 */
function evaluatedChain(walk: SpfWalk, domain: string): Step[] {
  const chain: Step[] = [];
  for (let where = domain, record = walk.records.get(where); record; record = walk.records.get(where)) {
    if (chain.some((step) => step.where === where)) break;
    const redirect = redirectOf(record);
    chain.push({ where, record, redirect: redirect?.raw ?? '' });
    const target = redirect && domainSpecTarget(redirect.value, where);
    if (!target) break;
    where = normaliseName(target);
  }
  return chain;
}

/** The same DNS, except that each name of `records` publishes its record as its only TXT record. */
function publishing(dns: DnsClient, records: ReadonlyMap<string, string>): DnsClient {
  return {
    ...dns,
    txt: (asked) => {
      const record = records.get(normaliseName(asked));
      return record === undefined ? dns.txt(asked) : Promise.resolve({ ok: true, records: [record] });
    },
  };
}
