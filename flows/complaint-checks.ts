import { message, refuseInput } from './flow-messages.ts';
import { type FieldErrors, faultStartErrors, parseWith, parseWithTimes } from './form-errors.ts';
import { checkPurposeSchema, checkRunIdSchema, complaintSchema } from './forms.ts';
import type { ActionOf, Effects, OpenContext, StepContext } from './machine.ts';
import { requester, role } from './shared-steps.ts';
import {
  type CheckRunSummary,
  type NotificationIntent,
  type Refusal,
  SYSTEM_ACTOR,
  type TicketSnapshot,
} from './types.ts';

// SOP 4.2 step 3 as the bot does it (issue 6): it runs the checks itself (src/investigation) and records each
// finished run on the ticket, which tells the desk the results ("Memaklumkan 1GovUC SD hasil siasatan dan
// pengujian tersebut"); after SOC marks the complaint resolved, the re-check's record is what asks the
// requester to test (step 6). Also steps 1–2 on the service's behalf, when the daily checklist finds a
// failing check. The findings stay in the run's row: the flows see a run's counts only.

/** A complaint the bot opened for a failed daily check: no person behind it; the bot confirms it itself. */
export const openedByBot = (ticket: TicketSnapshot) => ticket.requesterId === SYSTEM_ACTOR.id;

function both(...parsed: ({ ok: true } | { ok: false; errors: FieldErrors })[]): FieldErrors | null {
  const errors = Object.assign({}, ...parsed.map((p) => (p.ok ? {} : p.errors))) as FieldErrors;
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Steps 1–2 for the daily checklist: the complaint it words is opened, SOC pinged and the desk told. */
export function reportFailedCheck({
  action,
  now,
}: OpenContext<ActionOf<'report_failed_check'>>): Effects | Refusal {
  const complaint = parseWithTimes(complaintSchema, action.complaint, 'complaint', {
    fields: ['startedAt'],
    check: (dates) => faultStartErrors(dates, now),
  });
  const runId = parseWith(checkRunIdSchema, action.runId, 'runId');
  const errors = both(complaint, runId);
  if (errors || !complaint.ok || !runId.ok) return refuseInput(errors ?? {});
  const c = complaint.data;
  return {
    event: 'ad.failed_check_reported',
    data: { domain: c.domain, direction: c.direction, runId: runId.data },
    sections: [{ section: 'complaint', data: c }],
    notify: [
      { to: role('service_desk'), message: message('notify.ad.check_failed_opened', { domain: c.domain }) },
      {
        to: role('soc'),
        message: message('notify.ad.check_failed_investigation_requested', { domain: c.domain }),
      },
    ],
    post: [
      { card: 'desk', to: role('service_desk') },
      { card: 'soc', to: role('soc') },
    ],
    // The checklist's run already holds step 3's findings: it becomes the ticket's investigation, and the
    // investigation worker records it on the ticket like one of its own.
    checks: [{ op: 'attach', runId: runId.data, record: true }],
  };
}

const isLatestRecheck = (ticket: TicketSnapshot, run: CheckRunSummary) =>
  ticket.checkRuns.findLast((r) => r.purpose === 'recheck')?.id === run.id;

/** What the desk hears: the counts, or for a re-check what it changed. */
function toDesk(run: CheckRunSummary, number: string): NotificationIntent {
  const to = role('service_desk');
  if (run.status === 'failed') return { to, message: message('notify.ad.investigation_not_run', { number }) };
  if (run.compared) {
    const { fixed, stillFailing, newProblems } = run.compared;
    return {
      to,
      message: message('notify.ad.recheck_recorded', {
        number,
        fixed,
        stillFailing,
        newProblems,
        untested: run.counts.untested,
      }),
    };
  }
  return { to, message: message('notify.ad.investigation_recorded', { number, ...run.counts }) };
}

/** SOC hears only when something needs it: a check failed, a fix did not hold, or the checks could not run. */
function toSoc(run: CheckRunSummary, number: string): NotificationIntent[] {
  const to = role('soc');
  if (run.status === 'failed')
    return [{ to, message: message('notify.ad.investigation_not_run', { number }) }];
  if (run.compared) {
    const { stillFailing, newProblems } = run.compared;
    return stillFailing + newProblems === 0
      ? []
      : [{ to, message: message('notify.ad.recheck_failures', { number, stillFailing, newProblems }) }];
  }
  const fail = run.counts.fail;
  return fail === 0 ? [] : [{ to, message: message('notify.ad.investigation_failures', { number, fail }) }];
}

/**
 * Step 6 after the re-check: the requester is asked to test, with what the re-check found. Only by the
 * latest re-check, and not on a ticket the bot opened: there the investigation worker confirms or reports
 * "still failing" itself.
 */
function confirmationRequest(ticket: TicketSnapshot, run: CheckRunSummary): Pick<Effects, 'notify' | 'post'> {
  const asks =
    run.purpose === 'recheck' &&
    ticket.state === 'awaiting_confirmation' &&
    isLatestRecheck(ticket, run) &&
    !openedByBot(ticket);
  if (!asks) return {};
  const number = ticket.number;
  const msg =
    run.status === 'done' && run.compared
      ? message('notify.ad.recheck_confirmation_requested', {
          number,
          fixed: run.compared.fixed,
          stillFailing: run.compared.stillFailing,
          // What the re-check could not test is the requester's own test to decide (step 7): said, not hidden.
          untested: run.counts.untested,
        })
      : message('notify.ad.confirmation_requested', { number });
  return {
    notify: [{ to: requester(ticket), message: msg }],
    post: [{ card: 'confirmation', to: requester(ticket) }],
  };
}

/** Step 3, last bullet: a finished run of the bot's checks goes on the card and the audit trail, once. */
export function recordInvestigation({
  ticket,
  action,
}: StepContext<ActionOf<'record_investigation'>>): Effects | Refusal {
  const runId = parseWith(checkRunIdSchema, action.runId, 'runId');
  const purpose = parseWith(checkPurposeSchema, action.purpose, 'purpose');
  const errors = both(runId, purpose);
  if (errors || !runId.ok || !purpose.ok) return refuseInput(errors ?? {});
  const run = ticket.checkRuns.find((r) => r.id === runId.data);
  // Only a checklist run may come from outside the ticket: the daily checklist adds to an open complaint.
  if (!run || run.purpose !== purpose.data || (!run.attached && run.purpose !== 'checklist'))
    return refuseInput({ runId: message('form.error.unknown_run') });
  if (run.status === 'pending') return refuseInput({ runId: message('form.error.run_not_finished') });
  if (run.recorded) return refuseInput({ runId: message('form.error.run_already_recorded') });
  const confirm = confirmationRequest(ticket, run);
  const { fixed, stillFailing, newProblems } = run.compared ?? {};
  return {
    event: 'ad.investigation_recorded',
    // The audit trail names the run and its counts; the findings themselves stay in the run's row.
    data: {
      runId: run.id,
      purpose: run.purpose,
      status: run.status,
      ...run.counts,
      ...(run.compared ? { fixed, stillFailing, newProblems } : {}),
    },
    notify: [toDesk(run, ticket.number), ...toSoc(run, ticket.number), ...(confirm.notify ?? [])],
    post: confirm.post ?? [],
    ...(run.attached ? {} : { checks: [{ op: 'attach', runId: run.id, record: false }] }),
  };
}
