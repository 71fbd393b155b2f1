import { type Actor, SYSTEM_ACTOR, type TicketAction } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import { createTranslator, type Locale } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import type { ActResult } from '../tickets/ticket-service.ts';
import { compareRuns } from './compare.ts';
import { describeCheck } from './describe.ts';
import { isCheckPurpose, readFindings, readSummary, runStatusOf } from './stored-run.ts';

// Puts a finished check run on its ticket (record_investigation, SOP 4.2 step 3) under the key
// `investigation:<runId>`, so a second replica, a retry or a restart finds it done. On a complaint the bot
// opened for a failed daily check it then answers step 7 itself from its re-check: closed when what failed
// now passes, else reported still failing with what still fails (step 8 → 3), under a key of its own.

export interface RecordDeps {
  readonly db: Db;
  readonly tickets: {
    act(ticketRef: string, action: TicketAction, actor: Actor, key?: string): Promise<ActResult>;
  };
  readonly logger: Logger;
  /** The language of what the bot writes on a ticket it opened: the service's. */
  readonly locale: Locale;
}

const DETAILS_MAX = 2500;

export async function recordRun(deps: RecordDeps, runId: string): Promise<void> {
  const run = await deps.db.mailtestRun.findUnique({
    where: { id: runId },
    select: { ticketId: true, purpose: true, status: true, startedAt: true, summary: true, findings: true },
  });
  if (!run?.ticketId || !isCheckPurpose(run.purpose) || runStatusOf(run.status) === 'pending') return;
  const action: TicketAction = { type: 'record_investigation', runId, purpose: run.purpose };
  const recorded = await deps.tickets.act(run.ticketId, action, SYSTEM_ACTOR, `investigation:${runId}`);
  if (recorded.status === 'refused' || recorded.status === 'not_found') {
    // The ticket moved on (closed, withdrawn) or the run was recorded under another key: nothing to add.
    deps.logger.info('investigation not recorded on its ticket', {
      runId,
      ticketId: run.ticketId,
      outcome: recorded.status === 'refused' ? recorded.refusal.code : 'not_found',
    });
    return;
  }
  if (run.purpose === 'recheck') await answerForTheBot(deps, { ...run, ticketId: run.ticketId, id: runId });
}

interface FinishedRecheck {
  readonly id: string;
  readonly ticketId: string;
  readonly status: string;
  readonly startedAt: Date;
  readonly summary: unknown;
  readonly findings: unknown;
}

/** Step 7 on a ticket the bot opened: nobody else can answer it, and only the latest re-check may. */
async function answerForTheBot(deps: RecordDeps, run: FinishedRecheck): Promise<void> {
  const ticket = await deps.db.ticket.findUnique({
    where: { id: run.ticketId },
    select: { requesterId: true, state: true },
  });
  if (ticket?.requesterId !== SYSTEM_ACTOR.id || ticket.state !== 'awaiting_confirmation') return;
  const later = await deps.db.mailtestRun.count({
    where: { ticketId: run.ticketId, purpose: 'recheck', startedAt: { gt: run.startedAt } },
  });
  if (later > 0) return;
  const compared = readSummary(run.summary).compared;
  const action: TicketAction =
    run.status === 'done' && compared?.resolved
      ? { type: 'confirm_resolved' }
      : { type: 'report_still_failing', details: await stillFailing(deps, run) };
  const result = await deps.tickets.act(run.ticketId, action, SYSTEM_ACTOR, `investigation:${run.id}:answer`);
  deps.logger.info('complaint opened by the bot answered from its re-check', {
    runId: run.id,
    action: action.type,
    outcome: result.status,
  });
}

/** What still fails, by name, for SOC (notify.ad.still_failing) and the ticket's note. */
async function stillFailing(deps: RecordDeps, run: FinishedRecheck): Promise<string> {
  const t = createTranslator(deps.locale);
  if (run.status !== 'done') return t('investigation.details.not_run');
  const baselineId = readSummary(run.summary).compared?.baselineRunId;
  const baseline = baselineId
    ? await deps.db.mailtestRun.findUnique({ where: { id: baselineId }, select: { findings: true } })
    : null;
  const { changes } = compareRuns(readFindings(baseline?.findings), readFindings(run.findings));
  const names = changes
    .filter((c) => c.change !== 'fixed')
    .map((c) => {
      const title = describeCheck(c.finding, deps.locale).title;
      return c.finding.subject ? `${title} (${c.finding.subject})` : title;
    });
  const details = t('investigation.details.still_failing', { checks: [...new Set(names)].join('; ') });
  return details.length > DETAILS_MAX ? `${details.slice(0, DETAILS_MAX - 1)}…` : details;
}
