import type { Db } from '../db/types.ts';

// Claims due outbox rows with a lease. FOR UPDATE SKIP LOCKED lets several replicas drain one table
// without waiting on each other (DESIGN.md, "Scale"). The NOT EXISTS keeps order where it matters: one
// reader gets a ticket's messages in the order its decisions wrote them, and a card refresh waits for the
// posts queued before it (else a post in flight could record a card older than the refresh). A reader
// whose deliveries keep failing holds up nobody else.

export interface ClaimedMessage {
  readonly id: string;
  readonly ticketId: string | null;
  readonly platform: string;
  readonly payload: unknown;
  /** Including this attempt: also the claim's fencing token (lease.ts). */
  readonly attempts: number;
  /** When its deliveries began failing; null while none has. The retry window counts from here. */
  readonly failingSince: Date | null;
}

export async function claimDue(
  db: Db,
  options: { now: Date; leaseMs: number; limit: number; platforms: readonly string[] },
): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  // Only rows this process has an adapter for: a replica without Teams credentials leaves Teams rows to one
  // that has them, and rows for a platform not yet wired wait instead of failing.
  if (options.platforms.length === 0) return [];
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM outbox_messages o
      WHERE o.status = 'pending'
        AND o.platform = ANY(${[...options.platforms]}::text[])
        AND o.next_attempt_at <= ${options.now}
        AND (o.locked_until IS NULL OR o.locked_until < ${options.now})
        AND NOT EXISTS (
          SELECT 1 FROM outbox_messages p
          WHERE p.status = 'pending' AND p.platform = o.platform AND p.ticket_id = o.ticket_id AND p.seq < o.seq
            AND ((p.payload -> 'to') IS NOT DISTINCT FROM (o.payload -> 'to')
                 OR (o.kind = 'card.refresh' AND p.kind = 'card.post')))
      ORDER BY o.seq
      LIMIT ${options.limit}
      FOR UPDATE OF o SKIP LOCKED`;
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx.outboxMessage.updateMany({
      where: { id: { in: ids } },
      data: { lockedUntil: leaseUntil, attempts: { increment: 1 } },
    });
    const claimed = await tx.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { seq: 'asc' } });
    return claimed.map((row) => ({
      id: row.id,
      ticketId: row.ticketId,
      platform: row.platform,
      payload: row.payload,
      attempts: row.attempts,
      failingSince: row.failingSince,
    }));
  });
}
