import { restartsSlaClock } from '../../flows/sla.ts';
import type { Decision, TicketKind, TicketSnapshot } from '../../flows/types.ts';
import type { Tx } from '../db/types.ts';
import { VersionConflict } from './conflicts.ts';

// Writes a decision's new state onto an existing ticket, inside the deciding transaction (ticket-service.ts).
// The version always moves on: it is the optimistic lock (STYLE.md 4) and the scope of the default
// idempotency key, so even a decision that stays in its state must bump it. The SLA clock moves only when
// flows/sla.ts says the decision restarts it.

const TERMINAL = new Set(['closed', 'rejected', 'not_endorsed', 'withdrawn']);

export type SlaDueAt = (kind: TicketKind, state: string, enteredAt: Date) => Date | null;

export async function advanceTicket(
  tx: Tx,
  snapshot: TicketSnapshot,
  decision: Decision,
  now: Date,
  slaDueAt: SlaDueAt,
) {
  const restart = restartsSlaClock(decision);
  const updated = await tx.ticket.updateMany({
    where: { id: snapshot.id, version: snapshot.version },
    data: {
      state: decision.to,
      version: { increment: 1 },
      ...(restart ? { stateSince: now, slaDueAt: slaDueAt(snapshot.kind, decision.to, now) } : {}),
      closedAt: TERMINAL.has(decision.to) ? now : null,
    },
  });
  if (updated.count === 0) throw new VersionConflict(snapshot.id);
  if (!restart) {
    // The scheduler counts the reminders and escalations of the current state by the ticket's version
    // (src/scheduler/escalate-overdue.ts); they move with it, so the next one is the next in the count.
    await tx.slaNotice.updateMany({
      where: { ticketId: snapshot.id, version: snapshot.version },
      data: { version: snapshot.version + 1 },
    });
  }
  return tx.ticket.findUniqueOrThrow({
    where: { id: snapshot.id },
    select: { id: true, number: true, title: true, version: true },
  });
}
