import type { TicketKind } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import type { Clock } from '../time.ts';
import type { SlaDueAt } from './advance-ticket.ts';
import { enqueueDecisionMessages, type OutboxTarget } from './outbox-writer.ts';

// A ticket's deadline (tickets.sla_due_at) is written when it enters a state, from the SLA policy and business
// calendar of that moment; the reminders are counted from the same entry with the policy running now
// (src/scheduler/escalate-overdue.ts). Change the configuration between two runs (a cuti peristiwa added, a
// wait changed, a rule switched on or off) and the card would show one "by when" while the reminders follow
// another, and the desk's "close unconfirmed" (SOP 4.1.1 step 13, 4.2.1 step 9) would open on the old date.
// So at start every open ticket's deadline is worked out again, and every card whose deadline moved is
// redrawn (its reminders start over when the new deadline is still ahead). No decision is made and no
// version moves, so no idempotency key changes. Several replicas starting together compute the same dates; the update is conditional, so a date moved
// once is redrawn once.

const PAGE = 500;

export interface RealignDeps extends OutboxTarget {
  readonly db: Db;
  readonly clock: Clock;
  readonly slaDueAt: SlaDueAt;
}

/** Returns how many open tickets had their deadline moved. */
export async function realignDeadlines(deps: RealignDeps): Promise<number> {
  const now = deps.clock.now();
  let moved = 0;
  for (let after: string | undefined; ; ) {
    const page = await deps.db.ticket.findMany({
      where: { closedAt: null, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: {
        id: true,
        number: true,
        title: true,
        kind: true,
        state: true,
        stateSince: true,
        slaDueAt: true,
      },
    });
    for (const ticket of page) {
      const due = deps.slaDueAt(ticket.kind as TicketKind, ticket.state, ticket.stateSince);
      if ((due?.getTime() ?? null) === (ticket.slaDueAt?.getTime() ?? null)) continue;
      const changed = await deps.db.$transaction(async (tx) => {
        // The deadline depends on the state and when it was entered, nothing else: a decision that stayed in
        // the state (findings, a check) leaves it to move here; one that entered a state wrote its own with
        // this same policy, and then this matches nothing.
        const updated = await tx.ticket.updateMany({
          where: {
            id: ticket.id,
            state: ticket.state,
            stateSince: ticket.stateSince,
            slaDueAt: ticket.slaDueAt,
          },
          data: { slaDueAt: due },
        });
        if (updated.count === 0) return false;
        // A deadline moved into the future starts its reminders over: those sent were owed under the old one,
        // and kept they would use up the count before the new deadline passes, so the first notice past it,
        // which redraws the desk's card with "close unconfirmed" (escalate-overdue.ts), would never come. One
        // still past keeps them: the reminders already sent are not sent again. They are the notices at the
        // ticket's version now, which a same-state decision carries forward (advance-ticket.ts).
        if (due && due.getTime() > now.getTime()) {
          const { version } = await tx.ticket.findUniqueOrThrow({
            where: { id: ticket.id },
            select: { version: true },
          });
          await tx.slaNotice.deleteMany({ where: { ticketId: ticket.id, version } });
        }
        await enqueueDecisionMessages(
          tx,
          deps,
          ticket,
          { notify: [], cards: [{ op: 'refresh', card: 'all' }] },
          now,
        );
        return true;
      });
      if (changed) {
        moved += 1;
        deps.logger.info('ticket deadline follows the SLA configuration', {
          ticket: ticket.number,
          state: ticket.state,
          was: ticket.slaDueAt?.toISOString() ?? null,
          now: due?.toISOString() ?? null,
        });
      }
    }
    if (page.length < PAGE) return moved;
    after = page.at(-1)!.id;
  }
}
