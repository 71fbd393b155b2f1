import { message, refuseInput } from './flow-messages.ts';
import { parseWith } from './form-errors.ts';
import { closeNoteSchema } from './forms.ts';
import type { ActionOf, Effects, StepContext } from './machine.ts';
import { note, type Procedure, role } from './shared-steps.ts';
import { type NotificationIntent, type Refusal, SYSTEM_ACTOR } from './types.ts';

// SOP 4.1.1 step 13 and 4.2.1 step 9, "Menutup tiket. — 1GovUC SD", when step 11 / step 7 never came: the
// requester was asked to test and confirm and let the deadline pass. The desk closes the ticket with its
// reason on the record, so it is not open for ever; the table (change-request.ts, complaint.ts) lets it do
// so only after the deadline (roles.ts, requireConfirmationOverdue).

/** The desk closes a ticket its requester never confirmed; the requester, SOC and the channel are told. */
export function closeUnconfirmed(p: Procedure) {
  return ({ ticket, action, actor }: StepContext<ActionOf<'close_unconfirmed'>>): Effects | Refusal => {
    const parsed = parseWith(closeNoteSchema, action.note, 'note');
    if (!parsed.ok) return refuseInput(parsed.errors);
    // The rule let the desk act, so the deadline is known and has passed.
    const dueAt = ticket.slaDueAt?.toISOString() ?? '';
    const number = ticket.number;
    const announced = message(`notify.${p}.closed_unconfirmed_announcement`, { number, dueAt });
    const notify: NotificationIntent[] = [
      { to: role('soc'), message: announced },
      { to: { channel: 'announcements' }, message: announced },
    ];
    // A complaint the bot opened has no person to tell: the desk, which hears in its place, closed it.
    if (ticket.requesterId !== SYSTEM_ACTOR.id) {
      const params = { number, dueAt, note: parsed.data, closedBy: actor.name };
      notify.unshift({
        to: { person: ticket.requesterId },
        message: message(`notify.${p}.closed_unconfirmed`, params),
      });
    }
    return {
      event: `${p}.closed_unconfirmed`,
      data: { note: parsed.data, dueAt },
      sections: [note('close_note', parsed.data)],
      notify,
    };
  };
}
