import { SLA_STATES, type SlaPolicy, slaRuleFor } from '../../flows/sla.ts';
import type { TicketKind } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';

// The tickets escalate-overdue.ts must look at now: past their due time and still owed a notice. A ticket
// keeps its due date after its last escalation, so the card still says by when it was due (README: "who
// must act next and by when"); what stops it being picked again is the count of notices sent in its
// current state (sla_notices at the ticket's version), held against the policy's maxima. Without that,
// tickets with nothing more owed would fill every batch, oldest first, and starve the newly overdue ones.

export interface OverdueTicket {
  readonly id: string;
  readonly version: number;
}

interface NoticeLimit {
  readonly kind: TicketKind;
  readonly state: string;
  readonly reminders: number;
  readonly escalations: number;
}

/** The most reminders and escalations each waiting state of the policy may send. */
function noticeLimits(policy: SlaPolicy): NoticeLimit[] {
  const kinds = Object.keys(SLA_STATES) as TicketKind[];
  return kinds.flatMap((kind) =>
    SLA_STATES[kind].flatMap((state) => {
      const rule = slaRuleFor(kind, state, policy);
      return rule ? [{ kind, state, reminders: rule.maxReminders, escalations: rule.maxEscalations }] : [];
    }),
  );
}

/**
 * Oldest due first. A ticket whose state has no rule any more (switched off by configuration) is still
 * returned once, so escalate-overdue.ts can drop its due date: that state has no deadline now.
 */
export async function findOverdueTickets(
  db: Db,
  now: Date,
  policy: SlaPolicy,
  limit: number,
): Promise<OverdueTicket[]> {
  const limits = JSON.stringify(noticeLimits(policy));
  return db.$queryRaw<OverdueTicket[]>`
    SELECT t.id, t.version
    FROM tickets AS t
    LEFT JOIN jsonb_to_recordset(${limits}::jsonb)
      AS r(kind text, state text, reminders int, escalations int)
      ON r.kind = t.kind::text AND r.state = t.state
    WHERE t.sla_due_at <= ${now}
      AND (r.kind IS NULL
        OR COALESCE((SELECT n.count FROM sla_notices AS n
                     WHERE n.ticket_id = t.id AND n.version = t.version AND n.level = 'remind'), 0) < r.reminders
        OR COALESCE((SELECT n.count FROM sla_notices AS n
                     WHERE n.ticket_id = t.id AND n.version = t.version AND n.level = 'escalate'), 0) < r.escalations)
    ORDER BY t.sla_due_at, t.id
    LIMIT ${limit}`;
}
