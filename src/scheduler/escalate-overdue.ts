import type { BusinessCalendar } from '../../flows/business-hours.ts';
import { overdueActions, type SlaNoticeLevel, type SlaPolicy, slaRuleFor } from '../../flows/sla.ts';
import { SYSTEM_ACTOR, type TicketKind, type TicketState } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import { appendAuditEvent } from '../tickets/audit-chain.ts';
import { enqueueDecisionMessages, type OutboxTarget } from '../tickets/outbox-writer.ts';
import type { Clock } from '../time.ts';
import { findOverdueTickets } from './overdue-tickets.ts';

// The first scheduled task: remind whoever must act on an overdue ticket and escalate when reminding is
// not enough (SLA policy as data, flows/sla.ts). Cron only triggers it; what is due is decided from the
// clock port and the notices already sent, so a missed fire catches up and a repeated one sends nothing.

export interface EscalationResult {
  readonly checked: number;
  readonly reminded: number;
  readonly escalated: number;
}

export async function escalateOverdue(
  deps: OutboxTarget & { db: Db; clock: Clock; policy: SlaPolicy; calendar: BusinessCalendar },
): Promise<EscalationResult> {
  const now = deps.clock.now();
  const due = await findOverdueTickets(deps.db, now, deps.policy, 500);
  const result = { checked: due.length, reminded: 0, escalated: 0 };
  for (const { id, version } of due) {
    const sent = await deps.db.$transaction(async (tx) => {
      // Lock the ticket so a decision committing right now cannot interleave with its reminder.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM tickets WHERE id = ${id}::uuid AND version = ${version} FOR UPDATE`;
      if (locked.length === 0) return [];
      // The notices at this version are those of the current state: a decision that stays in the state
      // carries them to its new version (src/tickets/advance-ticket.ts), one that leaves it does not.
      const ticket = await tx.ticket.findUniqueOrThrow({
        where: { id },
        include: { slaNotices: { where: { version } }, assignments: { where: { role: 'manager' }, take: 1 } },
      });
      const actions = overdueActions(
        {
          kind: ticket.kind as TicketKind,
          state: ticket.state as TicketState,
          number: ticket.number,
          requesterId: ticket.requesterId,
          managerId: ticket.assignments[0]?.personId ?? null,
          enteredAt: ticket.stateSince,
          now,
          notices: ticket.slaNotices.map((n) => ({
            level: n.level as SlaNoticeLevel,
            count: n.count,
            lastAt: n.lastAt,
          })),
        },
        deps.policy,
        deps.calendar,
      );
      // The requester's deadline passing is what lets the desk close the ticket unconfirmed (SOP 4.1.1 step 13,
      // 4.2.1 step 9): the first notice past it redraws the cards, so the desk's card shows that button.
      const deadlinePassed = ticket.state === 'awaiting_confirmation' && ticket.slaNotices.length === 0;
      let cards: { op: 'refresh'; card: 'all' }[] = deadlinePassed ? [{ op: 'refresh', card: 'all' }] : [];
      for (const action of actions) {
        await tx.slaNotice.upsert({
          where: { ticketId_version_level: { ticketId: id, version, level: action.level } },
          create: { ticketId: id, version, level: action.level, count: action.count, lastAt: now },
          update: { count: action.count, lastAt: now },
        });
        await appendAuditEvent(tx, {
          ticketId: id,
          type: action.level === 'remind' ? 'sla.reminded' : 'sla.escalated',
          actorId: SYSTEM_ACTOR.id,
          at: now,
          data: { state: ticket.state, to: action.to, count: action.count },
        });
        await enqueueDecisionMessages(
          tx,
          deps,
          ticket,
          { notify: [{ to: action.to, message: action.message }], cards },
          now,
        );
        cards = [];
      }
      // A state whose rule was switched off since the ticket entered it has no deadline any more. An
      // exhausted rule keeps its due date on the card; findOverdueTickets stops picking it.
      if (!slaRuleFor(ticket.kind as TicketKind, ticket.state as TicketState, deps.policy)) {
        await tx.ticket.update({ where: { id }, data: { slaDueAt: null } });
      }
      return actions;
    });
    for (const a of sent) {
      if (a.level === 'remind') result.reminded += 1;
      else result.escalated += 1;
    }
  }
  return result;
}
