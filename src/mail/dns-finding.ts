import type { DnsAnswer, DnsFailure, Finding, Requirement, Verdict } from './types.ts';
import { isAnswered } from './types.ts';

// Every check the DNS side of /mailtest can report, the requirement it serves and the verdicts it can give.
// The catalog (src/i18n/catalog/mailtest-dns.ts) has a text for each of these verdicts, a title and a fix;
// test/mail/dns-catalog.test.ts holds the two together, and finding() refuses a verdict not listed here, so a
// finding can never reach a reader without its text.

const CHECKS = {
  'dns.domain': ['4f-v', ['fail', 'untested']],
  'dns.address': ['4f-v', ['pass', 'untested']],
  'dns.mx': ['4f-v', ['pass', 'warn', 'fail', 'untested']],
  'dns.null_mx': ['4f-v', ['warn', 'fail']],
  'dns.null_mx_invalid': ['4f-v', ['fail']],
  'dns.mx_target': ['4f-v', ['fail']],
  'dns.mx_host': ['4f-v', ['pass', 'fail', 'untested']],
  'dns.mx_ipv4': ['4f-v', ['warn', 'fail']],
  'dns.mx_cname': ['4f-v', ['warn']],
  'dns.mx_private': ['4f-v', ['warn', 'fail']],
  'dns.mx_redundancy': ['4f-iv', ['pass', 'warn', 'untested']],
  'dns.ptr': ['4f-v', ['pass', 'fail', 'untested']],
  'dns.fcrdns': ['4f-v', ['pass', 'fail', 'untested']],

  'spf.record': ['4f-v', ['pass', 'fail', 'untested']],
  'spf.multiple': ['4f-v', ['fail']],
  'spf.syntax': ['4f-v', ['pass', 'fail']],
  'spf.unknown_modifier': ['4f-v', ['warn']],
  'spf.include': ['4f-v', ['fail']],
  'spf.lookups': ['4f-v', ['pass', 'fail', 'untested']],
  'spf.lookups_macro': ['4f-v', ['untested']],
  'spf.mx_hosts': ['4f-v', ['fail']],
  'spf.void_lookups': ['4f-v', ['pass', 'fail', 'untested']],
  'spf.all': ['gp-spoofing', ['pass', 'warn', 'fail', 'untested']],
  'spf.no_all': ['gp-spoofing', ['warn']],
  'spf.ptr': ['4f-v', ['warn']],
  'spf.mx_authorised': ['4f-v', ['pass', 'warn', 'fail', 'untested']],

  'dmarc.record': ['gp-spoofing', ['pass', 'warn', 'fail', 'untested']],
  'dmarc.version': ['gp-spoofing', ['fail']],
  'dmarc.multiple': ['gp-spoofing', ['fail']],
  'dmarc.policy': ['gp-spoofing', ['pass', 'warn', 'fail']],
  'dmarc.invalid_tag': ['gp-spoofing', ['warn', 'fail']],
  'dmarc.invalid_np': ['gp-spoofing', ['warn']],
  'dmarc.testing': ['gp-spoofing', ['warn']],
  'dmarc.subdomain_policy': ['gp-spoofing', ['warn']],
  // A fail only in runs stored before an invalid pct= became dmarc.pct_invalid: kept so that they still read.
  'dmarc.pct': ['gp-spoofing', ['warn', 'fail']],
  'dmarc.pct_invalid': ['gp-spoofing', ['warn']],
  'dmarc.rua': ['gp-spoofing', ['pass', 'warn']],
  'dmarc.rua_uri': ['gp-spoofing', ['warn']],
  'dmarc.report_auth': ['gp-spoofing', ['pass', 'warn', 'untested']],

  'dkim.selectors': ['4f-v', ['pass', 'warn', 'fail', 'untested']],
  'dkim.lookup': ['4f-v', ['untested']],
  'dkim.missing': ['4f-v', ['fail']],
  'dkim.record': ['4f-v', ['fail']],
  'dkim.revoked': ['4f-v', ['warn', 'fail']],
  'dkim.key_form': ['4f-v', ['fail']],
  'dkim.key': ['4f-v', ['pass', 'warn', 'fail']],
  'dkim.testing': ['4f-v', ['warn']],
  'dkim.rsa_missing': ['4f-v', ['warn']],

  'mta_sts.record': ['gp-transport', ['pass', 'warn', 'fail', 'untested']],
  'mta_sts.version': ['gp-transport', ['fail']],
  'mta_sts.host': ['gp-transport', ['fail', 'untested']],
  'mta_sts.target': ['gp-transport', ['untested']],
  'mta_sts.certificate': ['gp-transport', ['fail']],
  'mta_sts.fetch': ['gp-transport', ['fail', 'untested']],
  'mta_sts.media_type': ['gp-transport', ['fail']],
  'mta_sts.policy': ['gp-transport', ['pass', 'fail', 'untested']],
  'mta_sts.policy_size': ['gp-transport', ['fail']],
  'mta_sts.mode': ['gp-transport', ['pass', 'warn']],
  'mta_sts.max_age': ['gp-transport', ['warn']],
  'mta_sts.mx': ['gp-transport', ['pass', 'warn', 'fail']],
  'mta_sts.mx_starttls': ['gp-transport', ['warn', 'fail']],
  'mta_sts.mx_certificate': ['gp-transport', ['pass', 'warn', 'fail', 'untested']],
  'tls_rpt.record': ['gp-transport', ['pass', 'warn', 'fail', 'untested']],
  'tls_rpt.version': ['gp-transport', ['fail']],

  'dnsbl.listing': ['gp-transport', ['pass', 'fail', 'untested']],
  'dnsbl.policy_listing': ['gp-transport', ['warn', 'fail']],
} as const satisfies Record<string, readonly [Requirement, readonly Verdict[]]>;

export type DnsCheck = keyof typeof CHECKS;
type VerdictOf<C extends DnsCheck> = (typeof CHECKS)[C][1][number];

export interface DnsCheckInfo {
  readonly check: DnsCheck;
  readonly requirement: Requirement;
  readonly verdicts: readonly Verdict[];
}

/** Every DNS-side check with its requirement and possible verdicts (for the catalog test and the report). */
export const DNS_CHECKS: readonly DnsCheckInfo[] = Object.entries(CHECKS).map(
  ([check, [requirement, verdicts]]) => ({
    check: check as DnsCheck,
    requirement,
    verdicts,
  }),
);

export function finding<C extends DnsCheck>(
  check: C,
  verdict: VerdictOf<C>,
  params: Finding['params'] = {},
  subject?: string,
): Finding {
  const requirement = CHECKS[check][0];
  return subject === undefined
    ? { check, verdict, requirement, params }
    : { check, verdict, requirement, subject, params };
}

type Unanswered = { readonly ok: false; readonly failure: DnsFailure; readonly code: string };

/** A timeout, SERVFAIL, refusal or other error: the question got no answer, so nothing may be failed on it. */
export function isUnanswered<T>(answer: DnsAnswer<T>): answer is Unanswered {
  return !answer.ok && !isAnswered(answer.failure);
}

/** The records of an answer; NXDOMAIN, NODATA and unanswered questions alike give none. */
export function recordsOf<T>(answer: DnsAnswer<T>): readonly T[] {
  return answer.ok ? answer.records : [];
}

/** How an answer without records reads in a text: the DNS code a person can look up (`NXDOMAIN`, `NODATA`). */
export function answerName(answer: DnsAnswer<unknown>): string {
  return answer.ok ? 'NOERROR' : answer.failure.toUpperCase();
}
