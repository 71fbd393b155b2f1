import { finding, isUnanswered, recordsOf } from './dns-finding.ts';
import { fetchPolicy, POLICY_PATH, type PolicyResponse } from './mta-sts-fetch.ts';
import { normaliseName } from './resolver.ts';
import { networkReason } from './socket-errors.ts';
import type { TargetPolicy } from './target-policy.ts';
import type { DnsClient, Finding } from './types.ts';

// The good practice of protecting mail in transit: MTA-STS (RFC 8461) tells senders to insist on TLS with a
// valid certificate when they deliver to the agency's MX hosts, and TLS-RPT (RFC 8460) tells them where to
// report failures. Neither is in the circular, so their absence is a warn; a published one that does not
// work is a fail, because senders then act on a broken promise.

export interface MtaStsOptions {
  /** Extra trusted CA certificates in PEM (an agency's own CA; the tests' CA). */
  readonly ca?: readonly string[];
  readonly timeoutMs?: number;
  /** mailops is stopping: the fetch ends at once as could not test (`stopped`). */
  readonly signal?: AbortSignal;
  /** 443 in production (RFC 8461 §3.3); only tests change it. */
  readonly port?: number;
  /** Which addresses of the policy host may be contacted (issue 5 "Safety"); all when absent. */
  readonly target?: TargetPolicy;
}

export interface StsPolicy {
  readonly mode: 'enforce' | 'testing' | 'none';
  readonly maxAge: number;
  readonly mx: readonly string[];
}

export async function checkMtaSts(
  dns: DnsClient,
  domain: string,
  /** The MX host names; a promise lets the record lookup and the policy fetch run before the MX is known. */
  mxHosts: readonly string[] | PromiseLike<readonly string[]>,
  options: MtaStsOptions = {},
): Promise<Finding[]> {
  const name = normaliseName(domain);
  const [sts, rpt] = await Promise.all([stsFindings(dns, name, mxHosts, options), tlsRpt(dns, name)]);
  return [...sts, rpt];
}

async function stsFindings(
  dns: DnsClient,
  domain: string,
  mxHosts: readonly string[] | PromiseLike<readonly string[]>,
  options: MtaStsOptions,
) {
  const name = `_mta-sts.${domain}`;
  const answer = await dns.txt(name);
  if (isUnanswered(answer)) return [finding('mta_sts.record', 'untested', { name, failure: answer.failure })];
  const { records, lookalikes } = versioned(recordsOf(answer), STS_VERSION, STS_LOOKALIKE);
  if (records.length === 0) {
    if (lookalikes.length > 0) return [finding('mta_sts.version', 'fail', { name, records: lookalikes })];
    return [finding('mta_sts.record', 'warn', { domain })];
  }
  // RFC 8461 §3.1: one record, "v=STSv1; id=<1 to 32 letters and digits>"; otherwise no MTA-STS at all.
  const id = records.length === 1 ? /;\s*id=([A-Za-z0-9]{1,32})\s*(;|$)/.exec(records[0]!)?.[1] : undefined;
  if (!id) return [finding('mta_sts.record', 'fail', { name, records: records.join(' | ') })];
  return [
    finding('mta_sts.record', 'pass', { name, id }),
    ...(await policyFindings(dns, domain, mxHosts, options)),
  ];
}

async function policyFindings(
  dns: DnsClient,
  domain: string,
  mxHosts: readonly string[] | PromiseLike<readonly string[]>,
  options: MtaStsOptions,
) {
  const host = `mta-sts.${domain}`;
  const url = `https://${host}${POLICY_PATH}`;
  const [a, aaaa] = await Promise.all([dns.a(host), dns.aaaa(host)]);
  const addresses = [...recordsOf(a), ...recordsOf(aaaa)];
  if (addresses.length === 0) {
    const unanswered = [a, aaaa].find(isUnanswered);
    if (unanswered) return [finding('mta_sts.host', 'untested', { host, failure: unanswered.failure })];
    return [finding('mta_sts.host', 'fail', { host, answer: a.ok ? 'NOERROR' : a.failure.toUpperCase() })];
  }
  const address = addresses.find((candidate) => options.target?.allows(candidate) ?? true);
  if (!address) return [finding('mta_sts.target', 'untested', { host, addresses: addresses.join(', ') })];
  const response = await fetchPolicy({
    host,
    address,
    port: options.port,
    ca: options.ca,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  return readResponse(response, host, url, await mxHosts);
}

function readResponse(
  response: PolicyResponse,
  host: string,
  url: string,
  mxHosts: readonly string[],
): Finding[] {
  switch (response.kind) {
    case 'network':
      return [finding('mta_sts.policy', 'untested', { url, reason: networkReason(response.code) })];
    case 'certificate':
      return [finding('mta_sts.certificate', 'fail', { host, reason: response.code })];
    case 'status':
      return [finding('mta_sts.fetch', 'fail', { url, status: response.status })];
    case 'temporary':
      return [finding('mta_sts.fetch', 'untested', { url, status: response.status })];
    case 'too_large':
      return [finding('mta_sts.policy_size', 'fail', { url })];
    case 'media_type':
      return [finding('mta_sts.media_type', 'fail', { url, content_type: response.type || '-' })];
    case 'ok': {
      const parsed = parsePolicy(response.body);
      if ('invalid' in parsed) return [finding('mta_sts.policy', 'fail', { url, field: parsed.invalid })];
      return policyVerdicts(parsed, url, mxHosts);
    }
  }
}

function policyVerdicts(policy: StsPolicy, url: string, mxHosts: readonly string[]): Finding[] {
  const found = [
    finding('mta_sts.policy', 'pass', { url, mode: policy.mode, max_age: policy.maxAge }),
    finding('mta_sts.mode', policy.mode === 'enforce' ? 'pass' : 'warn', { mode: policy.mode }),
  ];
  if (policy.mode === 'none') return found;
  // RFC 8461 §3.2 expects max_age "in the range of weeks or greater": a sender holds the policy that long,
  // and an attacker who blocks the policy fetch once it lapses can strip TLS again. Under a day (the least
  // the big providers publish) the protection lapses between two days' mail.
  const shortLived =
    policy.maxAge < MIN_MAX_AGE ? [finding('mta_sts.max_age', 'warn', { max_age: policy.maxAge })] : [];
  return [...found, ...shortLived, ...mxHosts.map((host) => coverage(policy, host))];
}

// RFC 8461 §4.1: a sender in enforce mode refuses to deliver to an MX the policy does not name; in testing
// mode it delivers and reports.
function coverage(policy: StsPolicy, host: string): Finding {
  const pattern = policy.mx.find((candidate) => mxMatches(candidate, host));
  if (pattern) return finding('mta_sts.mx', 'pass', { host, pattern }, host);
  const params = { host, patterns: policy.mx.join(', ') };
  return finding('mta_sts.mx', policy.mode === 'enforce' ? 'fail' : 'warn', params, host);
}

/** RFC 8461 §4.1: a pattern matches the host exactly, or "*." matches exactly one left-most label. */
export function mxMatches(pattern: string, host: string): boolean {
  const p = normaliseName(pattern);
  const h = normaliseName(host);
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

const MAX_AGE_LIMIT = 31_557_600;
const MIN_MAX_AGE = 86_400;

/** RFC 8461 §3.2: `key: value` lines; version, mode and max_age required, mx required unless mode none. */
export function parsePolicy(body: string): StsPolicy | { invalid: string } {
  const fields = new Map<string, string>();
  const mx: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_.-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!match) continue;
    if (match[1] === 'mx') mx.push(match[2]!);
    else if (!fields.has(match[1]!)) fields.set(match[1]!, match[2]!);
  }
  if (fields.get('version') !== 'STSv1') return { invalid: 'version' };
  const mode = fields.get('mode');
  if (mode !== 'enforce' && mode !== 'testing' && mode !== 'none') return { invalid: 'mode' };
  const maxAge = fields.get('max_age') ?? '';
  if (!/^\d{1,10}$/.test(maxAge) || Number(maxAge) > MAX_AGE_LIMIT) return { invalid: 'max_age' };
  if (mode !== 'none' && mx.length === 0) return { invalid: 'mx' };
  return { mode, maxAge: Number(maxAge), mx };
}

// RFC 8460 §3: one record at _smtp._tls.<domain> starting "v=TLSRPTv1;" with rua= of mailto: or https: URIs.
async function tlsRpt(dns: DnsClient, domain: string): Promise<Finding> {
  const name = `_smtp._tls.${domain}`;
  const answer = await dns.txt(name);
  if (isUnanswered(answer)) return finding('tls_rpt.record', 'untested', { name, failure: answer.failure });
  const { records, lookalikes } = versioned(recordsOf(answer), RPT_VERSION, RPT_LOOKALIKE);
  if (records.length === 0) {
    if (lookalikes.length > 0) return finding('tls_rpt.version', 'fail', { name, records: lookalikes });
    return finding('tls_rpt.record', 'warn', { domain });
  }
  const rua = records.length === 1 ? /;\s*rua=([^;]+)/.exec(records[0]!)?.[1]?.trim() : undefined;
  const uris = rua?.split(',').map((uri) => uri.trim()) ?? [];
  const valid = uris.length > 0 && uris.every((uri) => /^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/i.test(uri));
  if (!valid) return finding('tls_rpt.record', 'fail', { name, records: records.join(' | ') });
  return finding('tls_rpt.record', 'pass', { name, rua: rua! });
}

// RFC 8461 §3.1 and RFC 8460 §3: of the TXT records at the name, senders discard those that do not begin with
// the version and ";" (WSP may stand before it: sts-sep and field-delim are *WSP ";" *WSP), and only then
// count what is left, so a stray "v=STSv1" beside a valid record does not spoil it.
const STS_VERSION = /^v=STSv1[ \t]*;/;
const RPT_VERSION = /^v=TLSRPTv1[ \t]*;/;
// What a person meant as such a record but senders discard: another case, no ";", quotes pasted from a
// zone file. The agency tried to publish one, so it is told why it does not count, not that it has none.
const STS_LOOKALIKE = /^\W*v\s*=\s*stsv1/i;
const RPT_LOOKALIKE = /^\W*v\s*=\s*tlsrptv1/i;

function versioned(texts: readonly string[], version: RegExp, lookalike: RegExp) {
  const records = texts.filter((text) => version.test(text));
  const lookalikes = texts.filter((text) => !version.test(text) && lookalike.test(text));
  return { records, lookalikes: lookalikes.join(' | ') };
}
