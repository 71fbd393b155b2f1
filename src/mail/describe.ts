import { createTranslator, hasMessage, type Locale } from '../i18n/index.ts';
import { DNSBL_PROBLEMS } from './dnsbl.ts';
import { asJudgedToday } from './stored-findings.ts';
import { DNS_FAILURES, type Finding, type Requirement, type Verdict } from './types.ts';

// A finding in words, in the reader's language: what was checked, what was found (with the values it found),
// and how to fix it. Code parameters (a DNS failure, why an SMTP test could not run, what is wrong with a
// certificate) are named through their own catalog entries, so a reader never sees `ETIMEOUT` or `reset`.

export interface DescribedFinding {
  readonly title: string;
  readonly text: string;
  /** Empty for a pass: nothing to fix. */
  readonly fix: string;
}

const SIZE_CODES = ['absent', 'no_number', 'unlimited'];

const CODE_PARAMS: Readonly<Record<string, (value: string) => string[]>> = {
  failure: (v) => [`mailtest.dns_failure.${v}`],
  // Which senders an SPF count is for (src/mail/spf-walk.ts).
  family: (v) => [`mailtest.spf_family.${v}`],
  reason: (v) => [`mailtest.smtp.reason.${v}`],
  problems: (v) => v.split(/,\s*/).map((p) => `mailtest.smtp.tls_certificate.problem.${p}`),
  // Only the SIZE extension's codes; a declared number, or whatever else the server wrote, is shown as it is.
  declared: (v) => (SIZE_CODES.includes(v) ? [`mailtest.smtp.size.declared.${v}`] : []),
  // A blocklist's answer: why the list cannot be trusted, a DNS failure, or the codes it gave (as they are).
  answer: (v) =>
    !CODE.test(v)
      ? []
      : (DNSBL_PROBLEMS as readonly string[]).includes(v)
        ? [`mailtest.dnsbl_problem.${v}`]
        : [`mailtest.dns_failure.${v}`],
};

/**
 * The delivery probes' codes (src/mail/probe/delivery-findings.ts) are named at
 * `mailtest.delivery.<param>.<code>`; a value that is not a code (a duration, a size, a list of signatures) is
 * shown as it is. `meaning` holds the catalog key of what a bounce means (`probe.category.*`,
 * `probe.status.*`), as the bounce classifier gives it.
 */
const DELIVERY_CODES = [
  'reason',
  'advice',
  'evidence',
  'auth_result',
  'duration',
  'quota_limit',
  'signatures',
  'versions',
];
const CODE = /^[a-z][a-z0-9_]*$/;

/** The catalog keys that name each code parameter of a finding: what describeFinding translates. */
export function codeParamKeys(finding: Finding): Record<string, string[]> {
  const keys: Record<string, string[]> = {};
  const delivery = finding.check.startsWith('delivery.');
  for (const [name, value] of Object.entries(finding.params)) {
    if (typeof value !== 'string' || value === '') continue;
    if (!delivery && Object.hasOwn(CODE_PARAMS, name)) {
      const named = CODE_PARAMS[name]!(value);
      if (named.length > 0) keys[name] = named;
    } else if (delivery && DELIVERY_CODES.includes(name) && CODE.test(value))
      keys[name] = [`mailtest.delivery.${name}.${value}`];
    else if (delivery && name === 'meaning' && /^(?:probe|mailtest\.delivery)\./.test(value))
      keys[name] = [value];
  }
  return keys;
}

export function describeFinding(stored: Finding, locale: Locale): DescribedFinding {
  const t = createTranslator(locale);
  const finding = asJudgedToday(stored);
  const params: Record<string, string | number> = { ...finding.params };
  for (const [name, keys] of Object.entries(codeParamKeys(finding))) {
    if (keys.every(hasMessage)) params[name] = keys.map((k) => t(k)).join(', ');
  }
  const base = `mailtest.${finding.check}`;
  return {
    title: t(`${base}.title`),
    text: t(`${base}.${finding.verdict}`, params),
    fix: hasNoFix(finding) ? '' : t(`${base}.fix`, params),
  };
}

/** The DNS failures an untested check can name (`failure`, or a blocklist's `answer`). */
const DNS_FAILED: ReadonlySet<unknown> = new Set(DNS_FAILURES);

/**
 * Nothing to fix for a pass, nor for a TLS check that could not run because STARTTLS is missing: the
 * STARTTLS finding already says what to do, and a second fix about TLS versions would only add noise. Nor
 * for a check a DNS answer never came for: its fix is for a record found wrong, and "register the zone" beside
 * a timeout, or beside mailops's own resolver that cannot see the public DNS, sends the agency after a fault
 * that is not there. Its text already says why it could not be tested and whom that is for.
 */
function hasNoFix(finding: Finding): boolean {
  if (finding.verdict === 'pass') return true;
  if (finding.verdict !== 'untested') return false;
  const { reason, failure, answer } = finding.params;
  return reason === 'no_starttls' || DNS_FAILED.has(failure) || DNS_FAILED.has(answer);
}

/** Requirements in the order the summary lists them: the circular's items, then the good practice. */
export const REQUIREMENTS: readonly Requirement[] = [
  '4c',
  '4f-i',
  '4f-iii',
  '4f-iv',
  '4f-v',
  '4f-vi',
  'gp-spoofing',
  'gp-transport',
  'gp-quota',
];

/** Served by the delivery probes alone (issue 6). */
const PROBE_ONLY: ReadonlySet<Requirement> = new Set(['4c', '4f-i', 'gp-quota']);

/**
 * The requirements a report lists. A run without the delivery probes (`/mailtest` without `--delivery`)
 * cannot speak to scheduled delivery tests or mailbox quotas, so it leaves them out rather than call them
 * undetermined; a run that tried the probes lists them all, as `unknown` when the probes could not run.
 */
export function reportedRequirements(findings: readonly Finding[]): Requirement[] {
  const probed = findings.some((f) => f.check.startsWith('delivery.'));
  return REQUIREMENTS.filter((r) => probed || !PROBE_ONLY.has(r));
}

export type RequirementStatus = 'met' | 'not_met' | 'partly' | 'unknown';

/**
 * Whether each requirement is met: not met when a finding failed; partly when one warned; unknown when
 * something could not be tested and nothing failed; met otherwise.
 */
export function requirementStatus(findings: readonly Finding[]): Record<Requirement, RequirementStatus> {
  const status = {} as Record<Requirement, RequirementStatus>;
  for (const requirement of REQUIREMENTS) {
    const verdicts = new Set<Verdict>(
      findings.filter((f) => f.requirement === requirement).map((f) => f.verdict),
    );
    status[requirement] = verdicts.has('fail')
      ? 'not_met'
      : verdicts.has('untested')
        ? 'unknown'
        : verdicts.has('warn')
          ? 'partly'
          : verdicts.size === 0
            ? 'unknown'
            : 'met';
  }
  return status;
}
