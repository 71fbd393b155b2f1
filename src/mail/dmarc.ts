import { getDomain } from 'tldts';
import { finding, isUnanswered, recordsOf } from './dns-finding.ts';
import { normaliseName } from './resolver.ts';
import type { DnsClient, DnsFailure, Finding } from './types.ts';

// The provider good practice "by default nobody else can send in the customer's name" is DMARC with an
// enforcing policy (RFC 7489). Policy discovery follows RFC 7489 §6.6.3: the record at _dmarc.<domain>, else
// at _dmarc.<organisational domain>, found with the Public Suffix List (§3.2). The DMARCbis draft replaces
// the list with a walk up the DNS tree; for the agencies' names both give the same answer, because gov.my
// is a public suffix: agensi.gov.my is its own organisational domain and nothing above it is consulted.

type Discovery =
  | {
      readonly kind: 'one';
      readonly name: string;
      readonly policyDomain: string;
      readonly tags: Tags;
      readonly inherited: boolean;
    }
  | { readonly kind: 'many'; readonly name: string; readonly count: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'unanswered'; readonly name: string; readonly failure: DnsFailure };

type Tags = ReadonlyMap<string, string>;

// tldts with the private section too, as mailauth and OpenDMARC read the list.
const PSL_OPTIONS = { allowPrivateDomains: true };

/** The organisational domain (RFC 7489 §3.2): one label below the longest public suffix. */
export function organisationalDomain(domain: string): string {
  return getDomain(domain, PSL_OPTIONS) ?? domain;
}

export async function checkDmarc(dns: DnsClient, domain: string): Promise<Finding[]> {
  const name = normaliseName(domain);
  const found = await discover(dns, name);
  if (found.kind === 'none') return [finding('dmarc.record', 'fail', { domain: name })];
  if (found.kind === 'unanswered') {
    return [finding('dmarc.record', 'untested', { name: found.name, failure: found.failure })];
  }
  // §6.6.3 step 3: more than one record means no policy applies.
  if (found.kind === 'many')
    return [finding('dmarc.multiple', 'fail', { name: found.name, count: found.count })];
  const reports = await reportAuthorisations(dns, found.policyDomain, found.tags);
  return [
    finding('dmarc.record', 'pass', { name: found.name }),
    policy(found),
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
  return own.kind === 'none' ? inherited : own;
}

async function lookup(dns: DnsClient, domain: string, inherited: boolean): Promise<Discovery> {
  const name = `_dmarc.${domain}`;
  const answer = await dns.txt(name);
  if (isUnanswered(answer)) return { kind: 'unanswered', name, failure: answer.failure };
  // §6.6.3 step 2: records that do not start with "v=DMARC1" are discarded.
  const records = recordsOf(answer).filter((text) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text));
  if (records.length === 0) return { kind: 'none' };
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

const STRENGTH: Readonly<Record<string, number>> = { none: 0, quarantine: 1, reject: 2 };

// A domain without its own record is governed by the organisational domain's sp= (else p=), §6.6.3 step 6.
function policy(found: Extract<Discovery, { kind: 'one' }>): Finding {
  const p = found.tags.get('p')?.toLowerCase();
  if (p === undefined || !(p in STRENGTH))
    return finding('dmarc.policy', 'fail', { name: found.name, value: p ?? '' });
  const sp = found.tags.get('sp')?.toLowerCase();
  const applied = found.inherited && sp !== undefined && sp in STRENGTH ? sp : p;
  const params = { name: found.name, policy: applied };
  return finding('dmarc.policy', applied === 'none' ? 'warn' : 'pass', params);
}

function subdomainPolicy(found: Extract<Discovery, { kind: 'one' }>): Finding[] {
  const p = found.tags.get('p')?.toLowerCase() ?? '';
  const sp = found.tags.get('sp')?.toLowerCase() ?? '';
  if (found.inherited || !(p in STRENGTH) || !(sp in STRENGTH)) return [];
  return STRENGTH[sp]! < STRENGTH[p]!
    ? [finding('dmarc.subdomain_policy', 'warn', { name: found.name, p, sp })]
    : [];
}

// §6.3: pct is an integer 0–100, default 100; below 100 the policy is applied to only part of the mail.
function percentage(tags: Tags): Finding[] {
  const pct = tags.get('pct');
  if (pct === undefined) return [];
  if (!/^\d{1,3}$/.test(pct) || Number(pct) > 100) return [finding('dmarc.pct', 'fail', { value: pct })];
  return Number(pct) < 100 ? [finding('dmarc.pct', 'warn', { pct: Number(pct) })] : [];
}

function reportingAddress(tags: Tags): Finding {
  const rua = tags.get('rua');
  return rua ? finding('dmarc.rua', 'pass', { rua }) : finding('dmarc.rua', 'warn', {});
}

/** The domains of the mailto: URIs of rua and ruf (§6.2: `mailto:addr[!size]`, comma-separated). */
function reportDomains(tags: Tags): string[] {
  const uris = [tags.get('rua') ?? '', tags.get('ruf') ?? ''].join(',').split(',');
  const domains = uris.flatMap((uri) => {
    const match = /^\s*mailto:[^@]+@([^!?\s]+)/i.exec(uri);
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
      const agreed = recordsOf(answer).some((text) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text));
      return finding('dmarc.report_auth', agreed ? 'pass' : 'warn', params, destination);
    }),
  );
}
