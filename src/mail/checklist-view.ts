import type { MailtestView, ViewSection } from '../../cards/mailtest-view.ts';
import { createTranslator, type Locale, type Translate } from '../i18n/index.ts';
import { REQUIREMENTS } from './describe.ts';
import { reportView, viewFinding } from './report-view.ts';
import { summarize } from './runs.ts';
import type { Finding, Verdict } from './types.ts';

// The daily e-mail checklist's summary card (circular 4(c): scheduled delivery tests are an item of the daily
// checklist; 4(h): the checklist itself), in one reader's language. It is a MailtestView, so the /mailtest
// renderers lay it out for Slack and Teams: one section per domain, titled with its one-line result and the
// complaint opened or added to (SOP 4.2), listing only what needs attention, failures first.

/** The complaint a failing domain was reported in. */
export interface ChecklistTicket {
  readonly number: string;
  /** Opened by this checklist, rather than added to the complaint already open for the domain. */
  readonly opened: boolean;
}

export type ChecklistDomain =
  | {
      readonly domain: string;
      readonly ran: true;
      readonly findings: readonly Finding[];
      /** Null for a failing domain whose complaint could not be opened. */
      readonly ticket: ChecklistTicket | null;
    }
  | {
      readonly domain: string;
      /** The run itself broke (an internal error): its domain is "could not run", never failing. */
      readonly ran: false;
      /** The reference the log line carries. */
      readonly reference: string;
    };

const ATTENTION: readonly Verdict[] = ['fail', 'warn', 'untested'];

const failing = (d: ChecklistDomain) => d.ran && d.findings.some((f) => f.verdict === 'fail');
const rank = (d: ChecklistDomain) => (failing(d) ? 0 : d.ran ? 2 : 1);

/** "28/11/2026 07:30": Malaysia time, as the circular's daily checklist is kept. */
export function checklistTime(at: Date): string {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Kuala_Lumpur',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of format.formatToParts(at)) part[p.type] = p.value;
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}

function domainSection(d: ChecklistDomain, locale: Locale, t: Translate): ViewSection {
  if (!d.ran) {
    return {
      title: t('checklist.view.domain_not_run', { domain: d.domain, reference: d.reference }),
      findings: [],
    };
  }
  const counts = t('checklist.view.counts', summarize(d.findings));
  const title = failing(d)
    ? `${t('checklist.view.domain_failing', { domain: d.domain, counts })} · ${ticketText(d.ticket, t)}`
    : t('checklist.view.domain_ok', { domain: d.domain, counts });
  return { title, findings: attention(d.findings).map((f) => viewFinding(f, locale, t)) };
}

function ticketText(ticket: ChecklistTicket | null, t: Translate): string {
  if (!ticket) return t('checklist.view.no_ticket');
  const key = ticket.opened ? 'checklist.view.ticket_opened' : 'checklist.view.ticket_updated';
  return t(key, { ticket: ticket.number });
}

/** What needs attention, failures first, then warnings, then what could not be tested. */
function attention(findings: readonly Finding[]): Finding[] {
  return ATTENTION.flatMap((verdict) => findings.filter((f) => f.verdict === verdict));
}

export function checklistView(input: {
  /** The fire time of the schedule (or when an operator ran it). */
  at: Date;
  /** When a fire that did not run on time really ran; the title says so. */
  ranAt?: Date;
  /**
   * With `ranAt`: an earlier attempt at the fire did not finish (a replica died in it, or a stop handed it
   * back), rather than no mailops running at the time. SOC reads a different cause to look into.
   */
  retried?: boolean;
  locale: Locale;
  /** In the order the configuration lists them. */
  domains: readonly ChecklistDomain[];
}): MailtestView {
  const t = createTranslator(input.locale);
  const ran = input.domains.flatMap((d) => (d.ran ? d.findings : []));
  // A domain that could not run leaves every requirement undetermined unless another domain fails it:
  // "met" must mean met by every monitored domain. Its stand-in findings are untested delivery findings, as
  // the checklist always runs the probes, so the probes' requirements are listed too (describe.ts).
  const notRun = input.domains.filter((d) => !d.ran).length;
  const unknown: Finding[] = notRun
    ? REQUIREMENTS.map((requirement) => ({
        check: 'delivery.not_run',
        verdict: 'untested',
        requirement,
        params: {},
      }))
    : [];
  const base = reportView({
    domain: input.domains.map((d) => d.domain).join(', '),
    findings: [...ran, ...unknown],
    finished: true,
    requestedBy: 'mailops',
    startedAt: input.at,
    locale: input.locale,
  });
  const failingCount = input.domains.filter(failing).length;
  const ordered = [...input.domains].sort((a, b) => rank(a) - rank(b));
  return {
    ...base,
    title: input.ranAt
      ? t(input.retried ? 'checklist.view.title_retried' : 'checklist.view.title_late', {
          at: checklistTime(input.at),
          ranAt: checklistTime(input.ranAt),
        })
      : t('checklist.view.title', { at: checklistTime(input.at) }),
    status: t('checklist.view.status', {
      domains: input.domains.length,
      failing: failingCount,
      notRun,
      ok: input.domains.length - failingCount - notRun,
      counts: t('checklist.view.counts', summarize(ran)),
    }),
    requestedBy: t('checklist.view.run_by'),
    sections: ordered.map((d) => domainSection(d, input.locale, t)),
  };
}
