import { closeUnconfirmed } from './close-unconfirmed.ts';
import { openedByBot, recordInvestigation, reportFailedCheck } from './complaint-checks.ts';
import { message, refuseInput } from './flow-messages.ts';
import { faultStartErrors, parseWith, parseWithTimes } from './form-errors.ts';
import { complaintSchema, findingsSchema, resolutionNotesSchema } from './forms.ts';
import {
  type ActionOf,
  type Effects,
  type Machine,
  type OpenContext,
  run,
  type StepContext,
  type Transition,
} from './machine.ts';
import {
  confirmResolved,
  escalateToVendor,
  note,
  reportStillFailing,
  requester,
  role,
  vendorResolved,
  withdraw,
} from './shared-steps.ts';
import {
  type Actor,
  COMPLAINT_STATES,
  type ComplaintState,
  type Outcome,
  type Refusal,
  type TicketAction,
  type TicketSnapshot,
} from './types.ts';

// SOP 4.2, Carta Alir Aduan E-mel Tidak Dapat Dihantar Dan Tidak Dapat Diterima. Step numbers are the
// SOP's (4.2.1). As in 4.1, the desk's steps (2 open ticket, 6 ask for confirmation, 8 report to SOC,
// 9 close) are done by the bot within the step that triggers them, except closing a ticket whose
// requester never answered step 7.

// biome-ignore format: one row per transition reads as the SOP's table
export const COMPLAINT_TABLE: readonly Transition<ComplaintState>[] = [
  // 1–2: the Pentadbir UC Agensi reports; the desk opens the ticket and VAS SOC investigates (3).
  { from: null, action: 'submit_complaint', to: 'investigating', step: '4.2/2', role: 'requester' },
  // 1–2 on the service's behalf: the daily checklist found a failing check.
  { from: null, action: 'report_failed_check', to: 'investigating', step: '4.2/2', role: 'system' },
  // 3: investigation results (domain checks, inbound/outbound and external tests) reported to the desk.
  { from: 'investigating', action: 'record_findings', to: 'investigating', step: '4.2/3', role: 'soc' },
  // 3: the bot's own checks reported to the desk, in whichever state they finish.
  { from: 'investigating', action: 'record_investigation', to: 'investigating', step: '4.2/3', role: 'system' },
  // 4: not solved, VAS SOC reports to the vendor.
  { from: 'investigating', action: 'escalate_to_vendor', to: 'escalated_to_vendor', step: '4.2/4', role: 'soc' },
  // 4 (solved) → 6: status updated, requester asked to test and confirm.
  // Not by the complainant, who confirms it afterwards (step 7): one person would otherwise check their own work.
  { from: 'investigating', action: 'mark_resolved', to: 'awaiting_confirmation', step: '4.2/6', role: 'soc', rules: ['not_own_complaint'] },
  // Not an SOP step: withdrawn during the investigation.
  { from: 'investigating', action: 'withdraw', to: 'withdrawn', step: '4.2/3', role: 'requester' },
  // 5: solved with the vendor's help; back to SOC, which resolves and asks for confirmation.
  { from: 'escalated_to_vendor', action: 'vendor_resolved', to: 'investigating', step: '4.2/5', role: 'vendor', rules: ['not_own_complaint'] },
  // Not an SOP step: withdrawn while with the vendor.
  { from: 'escalated_to_vendor', action: 'withdraw', to: 'withdrawn', step: '4.2/5', role: 'requester' },
  { from: 'escalated_to_vendor', action: 'record_investigation', to: 'escalated_to_vendor', step: '4.2/3', role: 'system' },
  // 7 OK → 9: the requester's test passes; the ticket is closed.
  { from: 'awaiting_confirmation', action: 'confirm_resolved', to: 'closed', step: '4.2/9', role: 'requester' },
  // 7 not OK → 8 → 3: the desk reports to VAS SOC, which investigates again.
  { from: 'awaiting_confirmation', action: 'report_still_failing', to: 'investigating', step: '4.2/8', role: 'requester' },
  // 9 without 7: "Menutup tiket. — 1GovUC SD" once the requester let the deadline to test pass, with why.
  { from: 'awaiting_confirmation', action: 'close_unconfirmed', to: 'closed', step: '4.2/9', role: 'service_desk', rules: ['confirmation_overdue'] },
  // 6: the bot's re-check after SOC resolved it is what asks the requester to test (complaint-checks.ts).
  { from: 'awaiting_confirmation', action: 'record_investigation', to: 'awaiting_confirmation', step: '4.2/3', role: 'system' },
];

/** Steps 1–3: the report is validated, the ticket opened and VAS SOC asked to investigate. */
function submitComplaint({
  action,
  actor,
  now,
}: OpenContext<ActionOf<'submit_complaint'>>): Effects | Refusal {
  const parsed = parseWithTimes(complaintSchema, action.complaint, 'complaint', {
    fields: ['startedAt'],
    check: (dates) => faultStartErrors(dates, now),
  });
  if (!parsed.ok) return refuseInput(parsed.errors);
  const c = parsed.data;
  const me = { person: actor.id };
  return {
    event: 'ad.submitted',
    data: { domain: c.domain, direction: c.direction },
    sections: [{ section: 'complaint', data: c }],
    notify: [
      { to: me, message: message('notify.ad.submitted', { domain: c.domain }) },
      {
        to: role('service_desk'),
        message: message('notify.ad.opened', { domain: c.domain, requester: actor.name }),
      },
      { to: role('soc'), message: message('notify.ad.investigation_requested', { domain: c.domain }) },
    ],
    post: [
      { card: 'ticket', to: me },
      { card: 'desk', to: role('service_desk') },
      { card: 'soc', to: role('soc') },
    ],
    assign: [{ role: 'requester', person: actor.id }],
    // Step 3 starts at once: the bot runs the checks itself and records them on the ticket.
    checks: [{ op: 'queue', purpose: 'investigation' }],
  };
}

/** Step 3, last bullet: "Memaklumkan 1GovUC SD hasil siasatan dan pengujian tersebut". */
function recordFindings({ ticket, action }: StepContext<ActionOf<'record_findings'>>): Effects | Refusal {
  const findings = parseWith(findingsSchema, action.notes, 'notes');
  if (!findings.ok) return refuseInput(findings.errors);
  return {
    event: 'ad.findings_recorded',
    sections: [note('findings', findings.data)],
    notify: [
      {
        to: role('service_desk'),
        // SOP 4.2.1 step 3: "Memaklumkan 1GovUC SD hasil siasatan dan pengujian tersebut": the results
        // themselves, which the desk passes on to the requester.
        message: message('notify.ad.findings_recorded', { number: ticket.number, findings: findings.data }),
      },
    ],
  };
}

/**
 * Step 6: SOC says what fixed it; the desk asks the requester to test. When the bot investigated, it first
 * re-runs the same checks, and the re-check's record asks, with the before/after beside the buttons.
 */
function markResolved({ ticket, action }: StepContext<ActionOf<'mark_resolved'>>): Effects | Refusal {
  const notes = parseWith(resolutionNotesSchema, action.notes, 'notes');
  if (!notes.ok) return refuseInput(notes.errors);
  const number = ticket.number;
  if (ticket.investigated) {
    return {
      event: 'ad.resolved',
      data: { recheck: true },
      sections: [note('resolution', notes.data)],
      notify: openedByBot(ticket)
        ? []
        : [{ to: requester(ticket), message: message('notify.ad.resolved_rechecking', { number }) }],
      checks: [{ op: 'queue', purpose: 'recheck' }],
    };
  }
  return {
    event: 'ad.resolved',
    sections: [note('resolution', notes.data)],
    notify: [{ to: requester(ticket), message: message('notify.ad.confirmation_requested', { number }) }],
    post: [{ card: 'confirmation', to: requester(ticket) }],
  };
}

/** A complaint is opened by its requester, or by the bot for a failed daily check. */
function openComplaint({
  action,
  actor,
  now,
}: OpenContext<ActionOf<'submit_complaint' | 'report_failed_check'>>): Effects | Refusal {
  return action.type === 'report_failed_check'
    ? reportFailedCheck({ action, actor, now })
    : submitComplaint({ action, actor, now });
}

export const complaintMachine: Machine<ComplaintState, 'submit_complaint' | 'report_failed_check'> = {
  states: COMPLAINT_STATES,
  terminal: ['closed', 'withdrawn'],
  table: COMPLAINT_TABLE,
  open: openComplaint,
  steps: {
    record_findings: recordFindings,
    record_investigation: recordInvestigation,
    escalate_to_vendor: escalateToVendor('ad'),
    vendor_resolved: vendorResolved('ad'),
    mark_resolved: markResolved,
    confirm_resolved: confirmResolved('ad'),
    report_still_failing: reportStillFailing('ad'),
    close_unconfirmed: closeUnconfirmed('ad'),
    withdraw: withdraw('ad', (t) => [
      role('soc'),
      ...(t.state === 'escalated_to_vendor' ? [role('vendor')] : []),
    ]),
  },
};

/** Decides one SOP 4.2 action; `ticket` is null only for submit_complaint and report_failed_check. */
export function decideComplaint(
  ticket: TicketSnapshot | null,
  action: TicketAction,
  actor: Actor,
  now: Date,
): Outcome<ComplaintState> {
  return run(complaintMachine, ticket, action, actor, now);
}
