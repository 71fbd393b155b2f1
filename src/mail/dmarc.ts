import { getDomain } from 'tldts';
import { finding, isUnanswered, recordsOf } from './dns-finding.ts';
import { normaliseName } from './resolver.ts';
import type { DnsClient, DnsFailure, Finding } from './types.ts';

// The provider good practice "by default nobody else can send in the customer's name" is DMARC with an
// enforcing policy (RFC 7489). Policy discovery follows RFC 7489 §6.6.3: the record at _dmarc.<domain>, else
// at _dmarc.<organisational domain>, found with the Public Suffix List (§3.2); gov.my is a public suffix, so
// agensi.gov.my is its own organisational domain. RFC 9989, its successor, walks up the DNS tree instead
// (§4.10) and so can reach a record above the agency, such as a public suffix policy at _dmarc.gov.my
// (psd=y): only when neither name has a record is the rest of that walk asked, and what it finds protects
// the agency only at receivers that follow RFC 9989, so it is at best a warning.

type Discovery =
  | {
      readonly kind: 'one';
      readonly name: string;
      readonly policyDomain: string;
      readonly tags: Tags;
      readonly inherited: boolean;
      /** Found by RFC 9989's tree walk above the organisational domain, where RFC 7489 never looks. */
      readonly walked?: boolean;
    }
  | { readonly kind: 'many'; readonly name: string; readonly count: number }
  /** `misspelt`: a record discarded only for how its version is written (shown, as it looks like one). */
  | { readonly kind: 'none'; readonly misspelt?: { readonly name: string; readonly record: string } }
  | { readonly kind: 'unanswered'; readonly name: string; readonly failure: DnsFailure };

type Tags = ReadonlyMap<string, string>;

// RFC 7489 §6.4 (%x44 %x4d …) and RFC 9989 §4.7: the tag name is case-insensitive, the value "DMARC1" is not.
const DMARC1 = /^[vV][ \t]*=[ \t]*DMARC1[ \t]*(;|$)/;
/**
 * A record a person meant as DMARC1 that receivers discard: the version in the wrong case, or a version tag run on
 * into the next one (`v=DMARC1 p=reject`, `v=DMARC1, p=reject`). Named as such rather than as "no record".
 */
const MEANT_AS_DMARC = /^[ \t]*v[ \t]*=[ \t]*dmarc1(?!\d)/i;

// tldts with the private section too, as mailauth and OpenDMARC read the list.
const PSL_OPTIONS = { allowPrivateDomains: true };

/** The organisational domain (RFC 7489 §3.2): one label below the longest public suffix. */
export function organisationalDomain(domain: string): string {
  return getDomain(domain, PSL_OPTIONS) ?? domain;
}

export async function checkDmarc(dns: DnsClient, domain: string): Promise<Finding[]> {
  const name = normaliseName(domain);
  const found = await discover(dns, name);
  if (found.kind === 'none') {
    if (found.misspelt) return [finding('dmarc.version', 'fail', found.misspelt)];
    return [finding('dmarc.record', 'fail', { domain: name })];
  }
  if (found.kind === 'unanswered') {
    return [finding('dmarc.record', 'untested', { name: found.name, failure: found.failure })];
  }
  // §6.6.3 step 5: more than one record means no policy applies.
  if (found.kind === 'many')
    return [finding('dmarc.multiple', 'fail', { name: found.name, count: found.count })];
  if (found.walked) return walkedPolicy(name, found);
  const reports = await reportAuthorisations(dns, found.policyDomain, found.tags);
  return [
    finding('dmarc.record', 'pass', { name: found.name }),
    policy(found),
    ...invalidNp(found),
    ...testing(found),
    ...subdomainPolicy(found),
    ...percentage(found.tags),
    reportingAddress(found.tags),
    ...reports,
  ];
}

async function discover(dns: DnsClient, domain: string): Promise<Discovery> {
  const org = organisationalDomain(domain);
  // Both questions at once: the second is only read when the first has no record.
  const [own, inherited] = await Promise.all([
    lookup(dns, domain, false),
    org === domain ? Promise.resolve<Discovery>({ kind: 'none' }) : lookup(dns, org, true),
  ]);
  if (own.kind !== 'none') return own;
  const above = inherited.kind === 'none' && !inherited.misspelt && own.misspelt ? own : inherited;
  if (above.kind !== 'none' || above.misspelt) return above;
  return (await walkAbove(dns, domain, [domain, org])) ?? above;
}

/**
 * RFC 9989 §4.10: the names the tree walk asks, the domain first. A name of 8 labels or more is cut to its
 * last 7, then one label goes at a time down to the top-level domain: at most 8 questions.
 */
export function treeWalkNames(domain: string): string[] {
  const labels = domain.split('.');
  const names = [domain];
  for (
    let rest = labels.length >= 8 ? labels.slice(-7) : labels.slice(1);
    rest.length > 0;
    rest = rest.slice(1)
  )
    names.push(rest.join('.'));
  return names;
}

/**
 * The record RFC 9989 applies to a domain with none of its own and no organisational record, from the names
 * above (§4.10.2, longest name first): the first that declares psd=n or psd=y, else the one with the fewest
 * labels. A name with two records counts as none, and an unanswered one too: it cannot change the verdict,
 * since the agency has no record of its own either way.
 */
async function walkAbove(
  dns: DnsClient,
  domain: string,
  asked: readonly string[],
): Promise<Discovery | null> {
  const names = treeWalkNames(domain).filter((name) => !asked.includes(name));
  const found = (await Promise.all(names.map((name) => lookup(dns, name, true)))).filter(
    (d): d is Extract<Discovery, { kind: 'one' }> => d.kind === 'one',
  );
  const chosen =
    found.find((d) => ['y', 'n'].includes(d.tags.get('psd')?.toLowerCase() ?? '')) ?? found.at(-1);
  return chosen ? { ...chosen, walked: true } : null;
}

// What the walk found counts only if it enforces: an agency protected by nothing stays a fail, and its own
// record is asked for either way. The reporting tags belong to whoever runs that name, not to the agency.
function walkedPolicy(domain: string, found: Extract<Discovery, { kind: 'one' }>): Finding[] {
  const applied = policy(found);
  if (applied.verdict !== 'pass') return [finding('dmarc.record', 'fail', { domain })];
  return [
    finding('dmarc.record', 'warn', { domain, name: found.name }),
    applied,
    ...invalidNp(found),
    ...testing(found),
    ...percentage(found.tags),
  ];
}

async function lookup(dns: DnsClient, domain: string, inherited: boolean): Promise<Discovery> {
  const name = `_dmarc.${domain}`;
  const answer = await dns.txt(name);
  if (isUnanswered(answer)) return { kind: 'unanswered', name, failure: answer.failure };
  // §6.6.3 step 2: records that do not start with "v=DMARC1" are discarded.
  const records = recordsOf(answer).filter((text) => DMARC1.test(text));
  if (records.length === 0) {
    const misspelt = recordsOf(answer).find((text) => MEANT_AS_DMARC.test(text));
    return misspelt ? { kind: 'none', misspelt: { name, record: misspelt } } : { kind: 'none' };
  }
  if (records.length > 1) return { kind: 'many', name, count: records.length };
  return { kind: 'one', name, policyDomain: domain, tags: parseTags(records[0]!), inherited };
}

/** RFC 7489 §6.4: `tag=value` pairs separated by semicolons; tag names compared case-insensitively. */
function parseTags(record: string): Tags {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const tag = part.slice(0, at).trim().toLowerCase();
    if (!tags.has(tag)) tags.set(tag, part.slice(at + 1).trim());
  }
  return tags;
}

const STRENGTH: ReadonlyMap<string, number> = new Map([
  ['none', 0],
  ['quarantine', 1],
  ['reject', 2],
]);

// A domain without its own record is governed by the organisational domain's sp= (else p=), §6.3 sp.
function policy(found: Extract<Discovery, { kind: 'one' }>): Finding {
  const [p, sp] = ['p', 'sp'].map((tag) => found.tags.get(tag)?.toLowerCase());
  // §6.6.3 step 6: without a valid p=, or with an invalid sp=, the record acts as p=none when rua= has a
  // valid URI, and no DMARC processing is applied at all otherwise. (np= is invalidNp's: only RFC 9989 has it.)
  const invalid = (
    [
      ['p', p ?? ''],
      ['sp', sp],
    ] as const
  ).find(([, value]) => value !== undefined && !STRENGTH.has(value));
  if (invalid !== undefined) {
    const [tag, value] = invalid;
    const rua = reportUris(found.tags, 'rua').some((uri) => URI.test(uri));
    if (tag === 'p' && !rua)
      return finding('dmarc.policy', 'fail', { name: found.name, tag, value: value ?? '' });
    const params = { name: found.name, tag, value: value ?? '', rule: 'RFC 7489 §6.6.3' };
    return finding('dmarc.invalid_tag', rua ? 'warn' : 'fail', params);
  }
  // §6.3 sp: a subdomain without its own record is governed by sp=, so the text names the tag that applies.
  const tag = found.inherited && sp !== undefined ? 'sp' : 'p';
  const applied = tag === 'sp' ? sp! : p!;
  // RFC 9989 t=y: receivers apply one step less than the policy asks (quarantine for reject, none for
  // quarantine), so p=quarantine; t=y protects no more than p=none. RFC 7489 §6.6.4 pct=0 does the same: the
  // mail not sampled gets the next weaker policy, and with 0 that is all of it.
  const stepDown = applied === 'none' ? undefined : isTesting(found.tags) ? 't=y' : pctZero(found.tags);
  const params = { name: found.name, tag, policy: stepDown ? `${applied}; ${stepDown}` : applied };
  const weakest = applied === 'none' || (stepDown !== undefined && applied === 'quarantine');
  return finding('dmarc.policy', weakest ? 'warn' : 'pass', params);
}

// An invalid np= splits receivers: those on RFC 9989 drop the record to p=none, or to no DMARC without rua=
// (§4.10.1), while those still on RFC 7489 ignore the unknown tag and apply p= (§6.3). So the policy is
// judged on p= as before, and this warns that part of the world does not apply it.
function invalidNp(found: Extract<Discovery, { kind: 'one' }>): Finding[] {
  const np = found.tags.get('np');
  if (np === undefined || STRENGTH.has(np.toLowerCase())) return [];
  return [finding('dmarc.invalid_np', 'warn', { name: found.name, value: np })];
}

const pctZero = (tags: Tags) => (tags.get('pct') === '0' ? 'pct=0' : undefined);

const isTesting = (tags: Tags) => tags.get('t')?.toLowerCase() === 'y';

function testing(found: Extract<Discovery, { kind: 'one' }>): Finding[] {
  const p = found.tags.get('p')?.toLowerCase();
  if (!isTesting(found.tags) || p === undefined || !STRENGTH.has(p) || p === 'none') return [];
  return [finding('dmarc.testing', 'warn', { name: found.name, policy: p })];
}

function subdomainPolicy(found: Extract<Discovery, { kind: 'one' }>): Finding[] {
  const p = found.tags.get('p')?.toLowerCase() ?? '';
  const sp = found.tags.get('sp')?.toLowerCase() ?? '';
  if (found.inherited || !STRENGTH.has(p) || !STRENGTH.has(sp)) return [];
  return STRENGTH.get(sp)! < STRENGTH.get(p)!
    ? [finding('dmarc.subdomain_policy', 'warn', { name: found.name, p, sp })]
    : [];
}

// §6.3: pct is an integer 0–100, default 100; below 100 the policy is applied to only part of the mail. An
// invalid value is a syntax error that receivers discard "in favor of default values" (§6.3), so the policy
// still covers all mail: worth correcting, never a failure of the protection (RFC 9989 drops pct= outright).
function percentage(tags: Tags): Finding[] {
  const pct = tags.get('pct');
  if (pct === undefined) return [];
  if (!/^\d{1,3}$/.test(pct) || Number(pct) > 100)
    return [finding('dmarc.pct_invalid', 'warn', { value: pct })];
  return Number(pct) < 100 ? [finding('dmarc.pct', 'warn', { pct: Number(pct) })] : [];
}

// §6.4 dmarc-uri is an RFC 3986 URI; §6.2: receivers need only support mailto:, so reports only reach those.
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const MAILTO = /^mailto:[^@\s]+@([^@?\s]+)/i;

/** The URIs of rua or ruf (§6.4: comma-separated, each with an optional `!size` suffix, removed here). */
function reportUris(tags: Tags, tag: 'rua' | 'ruf'): string[] {
  const uris = (tags.get(tag) ?? '').split(',').map((uri) => uri.trim().replace(/![0-9]+[kmgt]?$/i, ''));
  return uris.filter((uri) => uri !== '');
}

// A rua= with no mailto: URI (a bare address, an https: URI) reaches no receiver: said apart from no rua= at all,
// so that the reader who sees a rua= in the record knows what is wrong with it.
function reportingAddress(tags: Tags): Finding {
  const rua = tags.get('rua')?.trim();
  if (!rua) return finding('dmarc.rua', 'warn', {});
  const usable = reportUris(tags, 'rua').some((uri) => MAILTO.test(uri));
  return usable ? finding('dmarc.rua', 'pass', { rua }) : finding('dmarc.rua_uri', 'warn', { rua });
}

/** The domains of the mailto: URIs of rua and ruf. */
function reportDomains(tags: Tags): string[] {
  const domains = [...reportUris(tags, 'rua'), ...reportUris(tags, 'ruf')].flatMap((uri) => {
    const match = MAILTO.exec(uri);
    return match ? [normaliseName(match[1]!)] : [];
  });
  return [...new Set(domains)];
}

// RFC 7489 §7.1: a report destination outside the domain's organisational domain must agree to receive its
// reports with a TXT record at <policy domain>._report._dmarc.<destination>; without it receivers send none.
async function reportAuthorisations(dns: DnsClient, policyDomain: string, tags: Tags): Promise<Finding[]> {
  const org = organisationalDomain(policyDomain);
  const external = reportDomains(tags).filter((destination) => organisationalDomain(destination) !== org);
  return Promise.all(
    external.map(async (destination) => {
      const name = `${policyDomain}._report._dmarc.${destination}`;
      const answer = await dns.txt(name);
      const params = { destination, name };
      if (isUnanswered(answer))
        return finding('dmarc.report_auth', 'untested', { ...params, failure: answer.failure }, destination);
      const agreed = recordsOf(answer).some((text) => DMARC1.test(text));
      return finding('dmarc.report_auth', agreed ? 'pass' : 'warn', params, destination);
    }),
  );
}
