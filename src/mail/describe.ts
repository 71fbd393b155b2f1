import { createTranslator, hasMessage, type Locale } from '../i18n/index.ts';
import type { Finding, Requirement, Verdict } from './types.ts';

// A finding in words, in the reader's language: what was checked, what was found (with the values it found),
// and how to fix it. Code parameters (a DNS failure, why an SMTP test could not run, what is wrong with a
// certificate) are named through their own catalog entries, so a reader never sees `ETIMEOUT` or `reset`.

export interface DescribedFinding {
  readonly title: string;
  readonly text: string;
  /** Empty for a pass: nothing to fix. */
  readonly fix: string;
}

const CODE_PARAMS: Readonly<Record<string, (value: string) => string[]>> = {
  failure: (v) => [`mailtest.dns_failure.${v}`],
  reason: (v) => [`mailtest.smtp.reason.${v}`],
  problems: (v) => v.split(/,\s*/).map((p) => `mailtest.smtp.tls_certificate.problem.${p}`),
};

export function describeFinding(finding: Finding, locale: Locale): DescribedFinding {
  const t = createTranslator(locale);
  const params: Record<string, string | number> = { ...finding.params };
  for (const [name, keysOf] of Object.entries(CODE_PARAMS)) {
    const value = params[name];
    if (typeof value !== 'string' || value === '') continue;
    const keys = keysOf(value);
    if (keys.every(hasMessage)) params[name] = keys.map((k) => t(k)).join(', ');
  }
  const base = `mailtest.${finding.check}`;
  return {
    title: t(`${base}.title`),
    text: t(`${base}.${finding.verdict}`, params),
    fix: hasNoFix(finding) ? '' : t(`${base}.fix`, params),
  };
}

/**
 * Nothing to fix for a pass, nor for a TLS check that could not run because STARTTLS is missing: the
 * STARTTLS finding already says what to do, and a second fix about TLS versions would only add noise.
 */
function hasNoFix(finding: Finding): boolean {
  return (
    finding.verdict === 'pass' || (finding.verdict === 'untested' && finding.params.reason === 'no_starttls')
  );
}

/** Requirements in the order the summary lists them: the circular's items, then the good practice. */
export const REQUIREMENTS: readonly Requirement[] = [
  '4f-iii',
  '4f-iv',
  '4f-v',
  '4f-vi',
  'gp-spoofing',
  'gp-transport',
];

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
