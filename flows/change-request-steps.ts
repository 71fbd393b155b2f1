import { message, refuseInput } from './flow-messages.ts';
import { beforeApprovalErrors, futureErrors, parseWith, parseWithTimes, pastErrors } from './form-errors.ts';
import { declineReasonSchema, sectionBSchema, sectionCSchema, sectionDSchema } from './forms.ts';
import type { ActionOf, Effects, StepContext } from './machine.ts';
import { note, requester, role } from './shared-steps.ts';
import type { Audience, NotificationIntent, Refusal } from './types.ts';

// What each SOP 4.1 step after submission writes and tells (submission: change-request-submit.ts). The
// transition table in change-request.ts decides whether a step may happen at all; these handlers only
// validate the payload and describe the effects.

/**
 * Sections B and C are signed by whoever records them: their name defaults to the actor when the form left
 * it blank. A payload that is not an object is validated as an empty form, so every field reports.
 */
function signedBy(payload: unknown, name: string): Record<string, unknown> {
  const record = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const given = record.name;
  return typeof given === 'string' && given.trim() !== '' ? record : { ...record, name };
}

/** Step 3: endorsed, so the desk opens the ticket and asks MAMPU for approval. */
export function endorse(ctx: StepContext<ActionOf<'endorse'>>): Effects {
  const params = { number: ctx.ticket.number, manager: ctx.actor.name };
  return {
    event: 'cr.endorsed',
    notify: [
      { to: requester(ctx.ticket), message: message('notify.cr.endorsed', params) },
      { to: role('approver'), message: message('notify.cr.approval_requested_endorsed', params) },
    ],
    post: [{ card: 'approval', to: role('approver') }],
  };
}

/** Section A's manager declines: the request never reaches MAMPU. */
export function declineEndorsement(ctx: StepContext<ActionOf<'decline_endorsement'>>): Effects | Refusal {
  const reason = parseWith(declineReasonSchema, ctx.action.reason, 'reason');
  if (!reason.ok) return refuseInput(reason.errors);
  const params = { number: ctx.ticket.number, manager: ctx.actor.name, reason: reason.data };
  return {
    event: 'cr.not_endorsed',
    data: { reason: reason.data },
    sections: [note('decline_reason', reason.data)],
    notify: [{ to: requester(ctx.ticket), message: message('notify.cr.not_endorsed', params) }],
  };
}

/**
 * Step 4, Section C: the button pressed is the form's Yes/No. Its "Contact Number" is the approver's own, as
 * the configuration knows it, unless the approver typed one: Approve is a single click with no form.
 */
function sectionC(ctx: StepContext<ActionOf<'approve' | 'reject'>>) {
  const signed = signedBy(ctx.action.sectionC, ctx.actor.name);
  const typed = signed.contactNumber;
  const blank = typed === undefined || (typeof typed === 'string' && typed.trim() === '');
  const phone = blank ? ctx.actor.phone : typed;
  const input = { ...signed, ...(phone ? { contactNumber: phone } : {}), decision: ctx.action.type };
  return parseWith(sectionCSchema, input, 'sectionC');
}

/** Step 6: approved, routed to VAS SOC. */
export function approve(ctx: StepContext<ActionOf<'approve'>>): Effects | Refusal {
  const c = sectionC(ctx);
  if (!c.ok) return refuseInput(c.errors);
  const number = ctx.ticket.number;
  return {
    event: 'cr.approved',
    data: { decision: 'approve' },
    sections: [{ section: 'C', data: c.data }],
    notify: [
      {
        to: requester(ctx.ticket),
        message: message('notify.cr.approved', { number, approver: c.data.name }),
      },
      { to: role('soc'), message: message('notify.cr.routed_to_soc', { number }) },
    ],
    post: [{ card: 'soc', to: role('soc') }],
    assign: [{ role: 'approver', person: ctx.actor.id }],
  };
}

/** Step 5: not approved; the desk tells the Pentadbir UC Agensi (and the manager who endorsed). */
export function reject(ctx: StepContext<ActionOf<'reject'>>): Effects | Refusal {
  const c = sectionC(ctx);
  if (!c.ok) return refuseInput(c.errors);
  const comments = c.data.comments ?? '';
  const msg = message('notify.cr.rejected', { number: ctx.ticket.number, approver: c.data.name, comments });
  const told: Audience[] = [requester(ctx.ticket)];
  if (ctx.ticket.managerId !== null) told.push({ person: ctx.ticket.managerId });
  return {
    event: 'cr.rejected',
    data: { decision: 'reject', comments },
    sections: [{ section: 'C', data: c.data }],
    notify: told.map((to): NotificationIntent => ({ to, message: msg })),
    assign: [{ role: 'approver', person: ctx.actor.id }],
  };
}

/** Step 7, Section B: the implementer records the change detail and takes the ticket. */
export function startImplementation(ctx: StepContext<ActionOf<'start_implementation'>>): Effects | Refusal {
  // Section B's Duration: a window already over plans nothing, and the requester would be told of it (step 7).
  const b = parseWithTimes(sectionBSchema, signedBy(ctx.action.sectionB, ctx.actor.name), 'sectionB', {
    fields: ['plannedEnd'],
    check: (dates) => pastErrors(dates, ctx.now),
  });
  if (!b.ok) return refuseInput(b.errors);
  const params = { number: ctx.ticket.number, implementer: b.data.name };
  return {
    event: 'cr.implementation_started',
    data: { plannedStart: b.data.plannedStart.toISOString(), plannedEnd: b.data.plannedEnd.toISOString() },
    sections: [{ section: 'B', data: b.data }],
    notify: [{ to: requester(ctx.ticket), message: message('notify.cr.implementation_started', params) }],
    assign: [{ role: 'soc', person: ctx.actor.id }],
  };
}

/** Section D, then step 8's fork: done → step 10 (confirmation asked); not done → escalate or retry. */
export function markImplemented(ctx: StepContext<ActionOf<'mark_implemented'>>): Effects | Refusal {
  // What was done lies between MAMPU's approval (Section C) and now.
  const d = parseWithTimes(sectionDSchema, ctx.action.sectionD, 'sectionD', {
    fields: ['actualStart', 'actualEnd'],
    check: (actual) => ({
      ...beforeApprovalErrors(actual, ctx.ticket.approvedAt),
      ...futureErrors(actual, ctx.now),
    }),
  });
  if (!d.ok) return refuseInput(d.errors);
  const number = ctx.ticket.number;
  const sections = [{ section: 'D' as const, data: d.data }];
  if (d.data.status === 'successful') {
    return {
      branch: 'successful',
      event: 'cr.implemented',
      data: { status: 'successful' },
      sections,
      notify: [
        { to: requester(ctx.ticket), message: message('notify.cr.confirmation_requested', { number }) },
      ],
      post: [{ card: 'confirmation', to: requester(ctx.ticket) }],
    };
  }
  const params = { number, implementer: ctx.actor.name };
  return {
    branch: 'unsuccessful',
    event: 'cr.implementation_unsuccessful',
    // Step 8: the ticket stays with VAS SOC, who now escalates to the vendor or retries and records Section D again.
    data: { status: 'unsuccessful', next: ['escalate_to_vendor', 'mark_implemented'] },
    sections,
    notify: [
      { to: requester(ctx.ticket), message: message('notify.cr.implementation_unsuccessful', params) },
    ],
  };
}
