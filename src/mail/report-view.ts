import type { MailtestView, ViewFinding, ViewSection } from '../../cards/mailtest-view.ts';
import { createTranslator, formatMyt, type Locale, type Translate } from '../i18n/index.ts';
import { describeFinding, reportedRequirements, requirementStatus } from './describe.ts';
import { summarize } from './runs.ts';
import type { Finding } from './types.ts';

// The report card's view model, in one reader's language: findings grouped by area (SMTP per MX address), each
// with its verdict, what was found and how to fix it, and once the run is over the counts and the circular's
// requirements met or not. The delivery probes (issue 6) come last, each finding naming its probe or mailbox.

const AREAS: readonly (readonly [string, readonly string[]])[] = [
  ['dns', ['dns']],
  ['spf', ['spf']],
  ['dmarc', ['dmarc']],
  ['dkim', ['dkim']],
  ['mta_sts', ['mta_sts', 'tls_rpt']],
  ['smtp', ['smtp']],
  ['dnsbl', ['dnsbl']],
  ['delivery', ['delivery']],
];

/** One finding as a card line: verdict word, title, what was found, how to fix it. */
export function viewFinding(f: Finding, locale: Locale, t: Translate, withSubject = true): ViewFinding {
  const described = describeFinding(f, locale);
  return {
    verdict: f.verdict,
    verdictText: t(`mailtest.verdict.${f.verdict}`),
    title: described.title,
    ...(f.subject && withSubject ? { subject: f.subject } : {}),
    text: described.text,
    ...(described.fix ? { fix: described.fix } : {}),
  };
}

export function reportView(input: {
  domain: string;
  findings: readonly Finding[];
  finished: boolean;
  requestedBy: string;
  startedAt: Date;
  locale: Locale;
  /** The log reference of an internal error that stopped the run. */
  failedReference?: string;
  /** The process running it died before it finished (src/mail/abandoned-runs.ts). */
  interrupted?: boolean;
}): MailtestView {
  const t = createTranslator(input.locale);
  const sections: ViewSection[] = [];
  for (const [area, prefixes] of AREAS) {
    const inArea = input.findings.filter((f) => prefixes.includes(f.check.split('.')[0]!));
    // SMTP is per MX address: one section each, named by the address.
    const groups =
      area === 'smtp'
        ? [...new Set(inArea.map((f) => f.subject ?? ''))].map((subject) => ({
            title: subject ? t('mailtest.area.smtp', { subject }) : t('mailtest.area.smtp_any'),
            findings: inArea.filter((f) => (f.subject ?? '') === subject),
          }))
        : [{ title: t(`mailtest.area.${area}`), findings: inArea }];
    for (const group of groups) {
      if (group.findings.length === 0) continue;
      sections.push({
        title: group.title,
        // An SMTP section is already named by its address; its findings need not repeat it.
        findings: group.findings.map((f) => viewFinding(f, input.locale, t, area !== 'smtp')),
      });
    }
  }
  const status = requirementStatus(input.findings);
  return {
    domain: input.domain,
    locale: input.locale,
    finished: input.finished,
    title: t('mailtest.view.title', { domain: input.domain }),
    status: input.failedReference
      ? t('mailtest.view.failed', { domain: input.domain, reference: input.failedReference })
      : input.interrupted
        ? t('mailtest.view.interrupted', { domain: input.domain })
        : input.finished
          ? t('mailtest.view.finished', summarize(input.findings))
          : t('mailtest.view.running', { done: input.findings.length }),
    requestedBy: t('mailtest.view.requested_by', {
      name: input.requestedBy,
      at: formatMyt(input.startedAt, input.locale),
    }),
    sections,
    requirementsTitle: t('mailtest.view.requirements'),
    requirements: reportedRequirements(input.findings).map((r) => ({
      status: status[r],
      text: `${t(`mailtest.requirement.${r}`)}: ${t(`mailtest.requirement_status.${status[r]}`)}`,
    })),
    fixLabel: t('mailtest.view.fix'),
    passedLabel: t('mailtest.view.passed'),
    moreAreasLabel: t('mailtest.view.more_areas'),
  };
}
