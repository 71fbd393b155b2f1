import type { Finding, Verdict } from '../types.ts';
import {
  address,
  clean,
  code,
  type DeliveryFindingSettings,
  finding,
  megabytes,
  type Params,
  routeOf,
} from './delivery-finding.ts';
import type { AuthResults, ProbeReport, QuotaReport } from './delivery-types.ts';
import type { ReceivedHop } from './types.ts';

// What a probe mailbox and a delivered probe show beyond delivery itself (issue 6): the agency mailbox's IMAP
// quota (RFC 9208) against circular item 4(f)(i) and the good practice of warning before it fills; SPF, DKIM
// and DMARC of the agency's outbound probe as the outside mailbox received it; and TLS on every hop.

const QUOTA_REASONS: ReadonlySet<string> = new Set(['unsupported', 'login', 'timeout', 'error']);

/** The RFC 9208 STORAGE resource (bytes) against circular 4(f)(i) and the good practice's warning levels. */
export function quotaFindings(q: QuotaReport, s: DeliveryFindingSettings): Finding[] {
  const subject = address(q.mailbox);
  const minimum = megabytes(s.minimumMailboxBytes, 'down');
  const untested = (reason: string) => [
    finding('delivery.quota_size', 'untested', { reason, minimum }, subject),
    finding('delivery.quota_usage', 'untested', { reason }, subject),
  ];
  if (!q.ok) return untested(QUOTA_REASONS.has(q.reason) ? `quota_${q.reason}` : 'quota_error');
  const bytesOk = (n: number) => Number.isFinite(n) && n >= 0;
  if (!bytesOk(q.usedBytes) || (q.limitBytes !== null && !bytesOk(q.limitBytes)))
    return untested('quota_invalid');
  // No STORAGE limit: nothing to fill, and the circular suggests exactly that for top management.
  if (q.limitBytes === null)
    return [finding('delivery.quota_size', 'pass', { quota_limit: 'unlimited', minimum }, subject)];
  const limit = q.limitBytes;
  const quotaLimit = megabytes(limit, 'down');
  const levels = [...s.quotaWarningPercents].filter((l) => l > 0 && l <= 100).sort((a, b) => a - b);
  const reached = levels.filter((l) => q.usedBytes * 100 >= l * limit).at(-1);
  const usage = q.usedBytes >= limit ? 'fail' : reached === undefined ? 'pass' : 'warn';
  return [
    finding(
      'delivery.quota_size',
      limit >= s.minimumMailboxBytes ? 'pass' : 'fail',
      { quota_limit: quotaLimit, minimum },
      subject,
    ),
    finding(
      'delivery.quota_usage',
      usage,
      {
        used: megabytes(q.usedBytes, 'up'),
        quota_limit: quotaLimit,
        percent: limit === 0 ? 100 : Math.floor((q.usedBytes * 100) / limit),
        level: reached ?? levels[0] ?? 100,
      },
      subject,
    ),
  ];
}

/**
 * SPF (RFC 7208 §2.6), DKIM (RFC 6376) and DMARC (RFC 7489) of the agency's own outbound probe as the outside
 * mailbox received it: what every receiver sees of the agency's mail (good practice against spoofing).
 */
export function authFindings(p: ProbeReport): Finding[] {
  const subject = routeOf(p);
  const domain = address(p.from.split('@').at(-1) ?? '');
  const a = p.auth;
  if (!a)
    return (['delivery.auth_spf', 'delivery.auth_dkim', 'delivery.auth_dmarc'] as const).map((c) =>
      finding(c, 'untested', { reason: 'auth_unavailable', domain }, subject),
    );
  return [
    spfFinding(a, domain, subject),
    ...dkimFindings(a, domain, subject),
    dmarcFinding(a, domain, subject),
  ];
}

const SPF: Readonly<Record<string, Verdict>> = {
  pass: 'pass',
  softfail: 'warn',
  neutral: 'warn',
  fail: 'fail',
  none: 'fail',
  permerror: 'fail',
};

function spfFinding(a: AuthResults, domain: string, subject: string): Finding {
  const result = code(a.spf.result);
  const verdict = Object.hasOwn(SPF, result) ? SPF[result]! : 'untested';
  if (verdict === 'untested')
    return finding('delivery.auth_spf', verdict, { reason: authReason(result), domain }, subject);
  return finding(
    'delivery.auth_spf',
    verdict,
    { domain: address(a.spf.domain ?? domain), auth_result: result },
    subject,
  );
}

function dkimFindings(a: AuthResults, domain: string, subject: string): Finding[] {
  const signatures =
    a.dkim
      .map((d) => `d=${clean(d.domain, 100)} s=${clean(d.selector, 100)}: ${code(d.result)}`)
      .join('; ') || 'none';
  const passing = a.dkim.filter((d) => code(d.result) === 'pass');
  const aligned = passing.filter((d) => d.aligned);
  if (aligned.length === 0) {
    const verdict: Verdict = passing.length
      ? 'warn'
      : a.dkim.length && a.dkim.every((d) => code(d.result) === 'temperror')
        ? 'untested'
        : 'fail';
    const params: Params =
      verdict === 'untested' ? { reason: 'auth_temperror', domain } : { signatures, domain };
    return [finding('delivery.auth_dkim', verdict, params, subject)];
  }
  // RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits and SHOULD use 2048; an Ed25519 key
  // (RFC 8463) is 256 bits and as strong as RSA 3072. The strongest aligned signature stands for a domain
  // that signs twice (RSA beside Ed25519, as RFC 8463 §4 expects during the change-over).
  const best = [...aligned].sort((x, y) => strength(y) - strength(x))[0]!;
  const key = { signer: clean(best.domain, 100), selector: clean(best.selector, 100), domain };
  const bits = best.keyBits;
  const known = bits !== null && Number.isFinite(bits) && bits > 0;
  const keyVerdict: Verdict = !known
    ? 'untested'
    : best.keyType === 'ed25519' || bits >= 2048
      ? 'pass'
      : bits < 1024
        ? 'fail'
        : 'warn';
  return [
    finding('delivery.auth_dkim', 'pass', key, subject),
    finding(
      'delivery.auth_dkim_key',
      keyVerdict,
      known ? { ...key, bits } : { ...key, reason: 'key_unknown' },
      subject,
    ),
  ];
}

/** RSA-equivalent strength: NIST SP 800-57 puts Ed25519's 128-bit security level beside RSA 3072. */
const strength = (d: AuthResults['dkim'][number]) =>
  d.keyType === 'ed25519' && d.keyBits !== null ? 3072 : (d.keyBits ?? -1);

function dmarcFinding(a: AuthResults, domain: string, subject: string): Finding {
  const result = code(a.dmarc.result);
  const params = { domain: address(a.dmarc.domain ?? domain), policy: clean(a.dmarc.policy, 20) };
  if (result === 'pass') return finding('delivery.auth_dmarc', 'pass', params, subject);
  // No record (`none`: RFC 7489 §6.6.3 ends there, no policy applies) or a broken one leaves the agency's
  // name to anyone, as a failure does.
  if (result === 'fail' || result === 'none' || result === 'permerror')
    return finding('delivery.auth_dmarc', 'fail', { ...params, auth_result: result }, subject);
  return finding('delivery.auth_dmarc', 'untested', { reason: authReason(result), domain }, subject);
}

const authReason = (result: string) => (result === 'temperror' ? 'auth_temperror' : 'auth_unknown');

/** RFC 8996 deprecates TLS 1.0 and 1.1; SSL 3.0 went before (RFC 7568). */
const DEPRECATED_TLS = /^(?:SSLv3|TLSv1(?:\.[01])?)$/i;

/**
 * Every hop between hosts should be encrypted (good practice on transport protection; RFC 3207, RFC 8314).
 * A field that names no client (`by … with SMTP id …`, as Gmail writes when it takes in its own user's
 * message) records a pickup inside one system, not a transfer between hosts (RFC 5321 §4.4), so is not judged.
 */
export function tlsFinding(p: ProbeReport): Finding {
  const subject = routeOf(p);
  const hops = p.hops.filter((h) => !h.local && (h.from !== null || h.fromAddress !== null));
  if (hops.length === 0)
    return finding('delivery.tls_hops', 'untested', { reason: 'no_hops', hops: '—' }, subject);
  const weak = hops.filter(
    (h) => h.encrypted === false || (h.encrypted && DEPRECATED_TLS.test(h.tlsVersion ?? '')),
  );
  if (weak.length)
    return finding('delivery.tls_hops', 'warn', { hops: hopList(weak), count: weak.length }, subject);
  const unstated = hops.filter((h) => h.encrypted !== true);
  if (unstated.length)
    return finding(
      'delivery.tls_hops',
      'untested',
      { reason: 'hops_unstated', hops: hopList(unstated) },
      subject,
    );
  const versions = [...new Set(hops.map((h) => h.tlsVersion).filter((v) => v !== null))];
  return finding(
    'delivery.tls_hops',
    'pass',
    { count: hops.length, versions: versions.length ? clean(versions.join(', '), 100) : 'unstated' },
    subject,
  );
}

function hopList(hops: readonly ReceivedHop[]): string {
  const one = (h: ReceivedHop) =>
    `${clean(h.from ?? h.fromAddress, 80)} → ${clean(h.by, 80)} (${clean([h.with, h.tlsVersion].filter(Boolean).join(' '), 40)})`;
  return hops.slice(0, 5).map(one).join('; ') + (hops.length > 5 ? '; …' : '');
}
