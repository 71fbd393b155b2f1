import {
  approve,
  declineEndorsement,
  endorse,
  markImplemented,
  reject,
  startImplementation,
} from './change-request-steps.ts';
import { submitChangeRequest } from './change-request-submit.ts';
import { closeUnconfirmed } from './close-unconfirmed.ts';
import { type Machine, run, type Transition } from './machine.ts';
import {
  confirmResolved,
  escalateToVendor,
  reportStillFailing,
  role,
  vendorResolved,
  withdraw,
} from './shared-steps.ts';
import {
  type Actor,
  CHANGE_REQUEST_STATES,
  type ChangeRequestState,
  type Outcome,
  type TicketAction,
  type TicketSnapshot,
} from './types.ts';

// SOP 4.1, Carta Alir Penambahan dan Perubahan Polisi (anti-spam / anti-virus policy change request).
// Step numbers are the SOP's (4.1.1). The desk's own steps (3 open ticket, 5 tell the requester, 6 route,
// 10 ask for confirmation, 12 report to SOC, 13 close) are done by the bot as part of the step before them;
// only closing a ticket whose requester never answered step 11 needs a person at the desk.

// biome-ignore format: one row per transition reads as the SOP's table
export const CHANGE_REQUEST_TABLE: readonly Transition<ChangeRequestState>[] = [
  // 1–2: Pentadbir UC Agensi fills Section A and submits; the manager named on it endorses first…
  { from: null, action: 'submit_change_request', branch: 'endorsement', to: 'awaiting_endorsement', step: '4.1/2', role: 'requester' },
  // …or, with endorsement switched off, 3: the ticket is opened and MAMPU's approval requested at once.
  { from: null, action: 'submit_change_request', branch: 'direct', to: 'awaiting_approval', step: '4.1/3', role: 'requester' },
  // 3: endorsed "Requester Approval (Manager and above)"; ticket opened, approval requested from MAMPU.
  { from: 'awaiting_endorsement', action: 'endorse', to: 'awaiting_approval', step: '4.1/3', role: 'manager', rules: ['not_own_request', 'named_manager'] },
  // Section A not endorsed: the request stops before step 3 and never reaches MAMPU.
  { from: 'awaiting_endorsement', action: 'decline_endorsement', to: 'not_endorsed', step: '4.1/2', role: 'manager', rules: ['not_own_request', 'named_manager'] },
  // Not an SOP step: withdrawn while still at step 2.
  { from: 'awaiting_endorsement', action: 'withdraw', to: 'withdrawn', step: '4.1/2', role: 'requester' },
  // 4 → 6: MAMPU approves (Section C "Yes"); the desk routes the request to VAS SOC. The manager who
  // endorsed Section A does not also sign Section C.
  { from: 'awaiting_approval', action: 'approve', to: 'awaiting_implementation', step: '4.1/6', role: 'approver', rules: ['not_own_request', 'not_endorser'] },
  // 4 → 5: MAMPU rejects (Section C "No", with comments); the desk tells the Pentadbir UC Agensi.
  { from: 'awaiting_approval', action: 'reject', to: 'rejected', step: '4.1/5', role: 'approver', rules: ['not_own_request', 'not_endorser'] },
  // Not an SOP step: withdrawn before MAMPU's decision at step 4.
  { from: 'awaiting_approval', action: 'withdraw', to: 'withdrawn', step: '4.1/4', role: 'requester' },
  // 7: VAS SOC implements and records Section B; neither whoever approved nor the requester implements.
  { from: 'awaiting_implementation', action: 'start_implementation', to: 'implementing', step: '4.1/7', role: 'soc', rules: ['not_approver', 'not_own_change'] },
  // 8 (done) → 10: Section D "Successful"; status updated, requester asked to test and confirm.
  { from: 'implementing', action: 'mark_implemented', branch: 'successful', to: 'awaiting_confirmation', step: '4.1/10', role: 'soc', rules: ['not_approver', 'not_own_change'] },
  // 8 (not done): Section D "Unsuccessful" with its review; SOC escalates to the vendor or retries.
  { from: 'implementing', action: 'mark_implemented', branch: 'unsuccessful', to: 'implementing', step: '4.1/8', role: 'soc', rules: ['not_approver', 'not_own_change'] },
  // 8: not solved, VAS SOC reports to the vendor.
  { from: 'implementing', action: 'escalate_to_vendor', to: 'escalated_to_vendor', step: '4.1/8', role: 'soc' },
  // 9: solved with the vendor's help; back to SOC to finish and record Section D.
  { from: 'escalated_to_vendor', action: 'vendor_resolved', to: 'implementing', step: '4.1/9', role: 'vendor' },
  // 11 OK → 13: the requester's test passes; the ticket is closed.
  { from: 'awaiting_confirmation', action: 'confirm_resolved', to: 'closed', step: '4.1/13', role: 'requester' },
  // 11 not OK → 12 → 7: the desk reports to VAS SOC, which implements again.
  { from: 'awaiting_confirmation', action: 'report_still_failing', to: 'awaiting_implementation', step: '4.1/12', role: 'requester' },
  // 13 without 11: "Menutup tiket. — 1GovUC SD" once the requester let the deadline to test pass, with why.
  { from: 'awaiting_confirmation', action: 'close_unconfirmed', to: 'closed', step: '4.1/13', role: 'service_desk', rules: ['confirmation_overdue'] },
];

export const changeRequestMachine: Machine<ChangeRequestState, 'submit_change_request'> = {
  states: CHANGE_REQUEST_STATES,
  terminal: ['closed', 'rejected', 'not_endorsed', 'withdrawn'],
  table: CHANGE_REQUEST_TABLE,
  open: submitChangeRequest,
  steps: {
    endorse,
    decline_endorsement: declineEndorsement,
    approve,
    reject,
    start_implementation: startImplementation,
    mark_implemented: markImplemented,
    escalate_to_vendor: escalateToVendor('cr'),
    vendor_resolved: vendorResolved('cr'),
    confirm_resolved: confirmResolved('cr'),
    report_still_failing: reportStillFailing('cr'),
    close_unconfirmed: closeUnconfirmed('cr'),
    // Whoever already holds a card for the request hears that it was taken back.
    withdraw: withdraw('cr', (t) => {
      if (t.state === 'awaiting_approval') return [role('approver')];
      return t.managerId === null ? [] : [{ person: t.managerId }];
    }),
  },
};

/** Decides one SOP 4.1 action; `ticket` is null only for submit_change_request. */
export function decideChangeRequest(
  ticket: TicketSnapshot | null,
  action: TicketAction,
  actor: Actor,
  now: Date,
): Outcome<ChangeRequestState> {
  return run(changeRequestMachine, ticket, action, actor, now);
}
