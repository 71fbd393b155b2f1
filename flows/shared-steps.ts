import { message, refuseInput } from './flow-messages.ts';
import { parseWith } from './form-errors.ts';
import {
  stillFailingDetailsSchema,
  vendorNotesSchema,
  vendorRequestSchema,
  withdrawReasonSchema,
} from './forms.ts';
import type { ActionOf, Effects, StepContext } from './machine.ts';
import {
  type Actor,
  type Audience,
  type Refusal,
  type SectionWrite,
  SYSTEM_ACTOR,
  type TicketSnapshot,
} from './types.ts';

// Steps SOP 4.1 and 4.2 share word for word: the vendor loop (4.1 steps 8–9, 4.2 steps 4–5), the
// requester's test (4.1 steps 11–13, 4.2 steps 7–9) and withdrawal. `p` picks the procedure's message and
// event names: 'cr' for change requests, 'ad' for complaints (aduan).

export type Procedure = 'cr' | 'ad';

/** The requester as an audience. A ticket the bot opened has no person behind it: the desk hears instead. */
export const requester = (t: TicketSnapshot): Audience =>
  t.requesterId === SYSTEM_ACTOR.id ? { role: 'service_desk' } : { person: t.requesterId };
export const role = (r: 'approver' | 'soc' | 'vendor' | 'service_desk'): Audience => ({ role: r });
/** Only on a complaint it opened does the bot answer the requester's test (flows/roles.ts, requireRequester). */
const byTheBot = (actor: Actor) => actor.id === SYSTEM_ACTOR.id;

/** What people write along the way, kept as ticket notes: one kind per step that asks for words. */
export const NOTE_KINDS = [
  'decline_reason',
  'findings',
  'vendor_request',
  'vendor_notes',
  'resolution',
  'still_failing',
  'withdraw_reason',
  'close_note',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** For a kind read back from a stored note. */
export const isNoteKind = (value: string): value is NoteKind =>
  (NOTE_KINDS as readonly string[]).includes(value);

export function note(kind: NoteKind, text: string): SectionWrite {
  return { section: 'note', data: { kind, text } };
}

/** "VAS SOC akan melaporkan kepada Vendor": the vendor is pinged with what SOC asks of it. */
export function escalateToVendor(p: Procedure) {
  return ({ ticket, action }: StepContext<ActionOf<'escalate_to_vendor'>>): Effects | Refusal => {
    const request = parseWith(vendorRequestSchema, action.request, 'request');
    if (!request.ok) return refuseInput(request.errors);
    const number = ticket.number;
    return {
      event: `${p}.escalated_to_vendor`,
      sections: [note('vendor_request', request.data)],
      notify: [
        {
          to: role('vendor'),
          message: message(`notify.${p}.vendor_escalation`, { number, request: request.data }),
        },
        { to: requester(ticket), message: message(`notify.${p}.escalated`, { number }) },
      ],
      post: [{ card: 'vendor', to: role('vendor') }],
    };
  };
}

/** "Menyelesaikan masalah dengan bantuan Vendor": the vendor records what it did and hands back to SOC. */
export function vendorResolved(p: Procedure) {
  return ({ ticket, action, actor }: StepContext<ActionOf<'vendor_resolved'>>): Effects | Refusal => {
    const notes = parseWith(vendorNotesSchema, action.notes, 'notes');
    if (!notes.ok) return refuseInput(notes.errors);
    const params = { number: ticket.number, vendor: actor.name, notes: notes.data };
    return {
      event: `${p}.vendor_resolved`,
      sections: [note('vendor_notes', notes.data)],
      notify: [{ to: role('soc'), message: message(`notify.${p}.vendor_resolved`, params) }],
    };
  };
}

/**
 * The requester's test passed: the desk closes the ticket and the announcements channel hears of it. On a
 * complaint the bot opened for a failed daily check, the test was the bot's own re-check, and the texts
 * say so: nobody confirmed anything.
 */
export function confirmResolved(p: Procedure) {
  return ({ ticket, actor }: StepContext<ActionOf<'confirm_resolved'>>): Effects => {
    const number = ticket.number;
    const [closed, announced] = byTheBot(actor)
      ? (['notify.ad.closed_by_recheck', 'notify.ad.closed_by_recheck_announcement'] as const)
      : ([`notify.${p}.closed`, `notify.${p}.closed_announcement`] as const);
    return {
      event: `${p}.closed`,
      notify: [
        { to: role('soc'), message: message(closed, { number }) },
        { to: { channel: 'announcements' }, message: message(announced, { number }) },
      ],
    };
  };
}

/**
 * The requester's test failed: the desk reports to VAS SOC what still fails (SOP 4.1 step 12, 4.2 step 8),
 * and hears it was done in its name. A complaint goes back to step 3, whose tests the bot runs again as it
 * does when the complaint is opened; unless the bot itself is reporting, from a re-check that has just run
 * those very tests.
 */
export function reportStillFailing(p: Procedure) {
  return ({ ticket, action, actor }: StepContext<ActionOf<'report_still_failing'>>): Effects | Refusal => {
    const details = parseWith(stillFailingDetailsSchema, action.details, 'details');
    if (!details.ok) return refuseInput(details.errors);
    const params = { number: ticket.number, details: details.data };
    const bot = byTheBot(actor);
    const [toSoc, toDesk] = bot
      ? (['notify.ad.recheck_still_failing', 'notify.ad.recheck_still_failing_desk'] as const)
      : ([`notify.${p}.still_failing`, `notify.${p}.still_failing_desk`] as const);
    return {
      event: `${p}.reported_still_failing`,
      sections: [note('still_failing', details.data)],
      notify: [
        { to: role('soc'), message: message(toSoc, params) },
        { to: role('service_desk'), message: message(toDesk, params) },
      ],
      ...(p === 'ad' && !bot ? { checks: [{ op: 'queue', purpose: 'investigation' }] as const } : {}),
    };
  };
}

/** Not an SOP step: the requester takes the ticket back; everyone who holds a card for it is told. */
export function withdraw(p: Procedure, audiences: (ticket: TicketSnapshot) => readonly Audience[]) {
  return ({ ticket, action }: StepContext<ActionOf<'withdraw'>>): Effects | Refusal => {
    const reason = parseWith(withdrawReasonSchema, action.reason, 'reason');
    if (!reason.ok) return refuseInput(reason.errors);
    const msg = message(`notify.${p}.withdrawn`, { number: ticket.number });
    return {
      event: `${p}.withdrawn`,
      data: reason.data === undefined ? {} : { reason: reason.data },
      sections: reason.data === undefined ? [] : [note('withdraw_reason', reason.data)],
      notify: [role('service_desk'), ...audiences(ticket)].map((to) => ({ to, message: msg })),
    };
  };
}
