import { finding } from './dns-finding.ts';
import type { Finding } from './types.ts';

// Whether the MTA-STS policy's promise holds at each MX address. The policy (mta-sts.ts) and the SMTP
// session (smtp-probe.ts) are judged apart, and each alone can look fine: an enforce policy that names the MX,
// and a certificate that only warns because opportunistic TLS still encrypts with it. But RFC 8461 §5 says a
// sender applying a policy in enforce mode "MUST NOT deliver" to a host that does not support STARTTLS or
// whose certificate fails §4.2 validation, so together they mean no mail arrives from such senders. In
// testing mode the same senders deliver and report (§5), which is only a warning.

export interface ProbedAddress {
  readonly host: string;
  readonly address: string;
  /** What the SMTP probe found at this address. */
  readonly findings: readonly Finding[];
}

// RFC 8461 §4.2: a chain to a root the sender trusts, a subjectAltName DNS-ID matching the MX host, not
// expired. `expires_soon` is not among them: such a certificate is still accepted today.
const REFUSED_CERTIFICATE = new Set([
  'expired',
  'not_yet_valid',
  'self_signed',
  'untrusted',
  'name_mismatch',
]);

export function mxTlsFindings(mtaSts: readonly Finding[], probed: readonly ProbedAddress[]): Finding[] {
  const mode = mtaSts.find((f) => f.check === 'mta_sts.mode')?.params.mode;
  // No policy, one that could not be read, or mode none (RFC 8461 §5): senders apply nothing to the MX.
  if (mode !== 'enforce' && mode !== 'testing') return [];
  return probed.flatMap((address) => judge(mode, address));
}

function judge(mode: 'enforce' | 'testing', { host, address, findings }: ProbedAddress): Finding[] {
  const subject = `${host} (${address})`;
  const of = (check: string) => findings.find((f) => f.check === check);
  const refused = mode === 'enforce' ? 'fail' : 'warn';
  const starttls = of('smtp.starttls');
  if (starttls?.verdict === 'fail')
    return [finding('mta_sts.mx_starttls', refused, { host, address }, subject)];
  const certificate = of('smtp.tls_certificate');
  // An address the target policy kept /mailtest away from has no session; its smtp.target finding says so.
  if (!certificate) return [];
  if (certificate.verdict === 'untested') {
    const { reason = 'error', detail = '-' } = certificate.params;
    return [finding('mta_sts.mx_certificate', 'untested', { host, address, reason, detail }, subject)];
  }
  const problems = String(certificate.params.problems ?? '')
    .split(/,\s*/)
    .filter((problem) => REFUSED_CERTIFICATE.has(problem));
  if (problems.length === 0) return [finding('mta_sts.mx_certificate', 'pass', { host, address }, subject)];
  return [
    finding('mta_sts.mx_certificate', refused, { host, address, problems: problems.join(', ') }, subject),
  ];
}
