import type { Db, Tx } from '../db/types.ts';

// The last decision taken on a ticket, for "already decided by X at T". Read from the audit chain, whose
// sequence orders decisions even when two share a millisecond. SLA notices are the system's, not decisions;
// nor is the bot recording its own checks, which moves the ticket nowhere a person could have raced.

export interface DoneBy {
  readonly actorId: string;
  readonly actorName: string;
  readonly at: Date;
  readonly action: string;
  readonly toState: string;
}

export async function lastDecision(db: Db | Tx, ticketId: string): Promise<DoneBy | null> {
  const event = await db.auditEvent.findFirst({
    where: {
      ticketId,
      NOT: [{ type: { startsWith: 'sla.' } }, { type: 'ad.investigation_recorded' }],
    },
    orderBy: { seq: 'desc' },
  });
  if (!event) return null;
  const data = event.data as { action?: unknown; actorName?: unknown; to?: unknown };
  return {
    actorId: event.actorId,
    actorName: typeof data.actorName === 'string' ? data.actorName : event.actorId,
    at: event.at,
    action: typeof data.action === 'string' ? data.action : event.type,
    toState: typeof data.to === 'string' ? data.to : '',
  };
}
