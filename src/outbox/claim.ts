import type { Db } from '../db/types.ts';
import { Prisma } from '../generated/prisma/client.ts';

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

/** Claims in a row that ended with no outcome before the message is parked (see claimDue). */
export const MAX_LAPSES = 5;

export async function claimDue(
  db: Db,
  options: {
    now: Date;
    leaseMs: number;
    limit: number;
    platforms: readonly string[];
    /** Told of each row parked for its lapses, to be logged where an operator looks. */
    onParked?: (row: { id: string; platform: string; attempts: number }) => void;
  },
): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  // Only rows this process has an adapter for: a replica without Teams credentials leaves Teams rows to one
  // that has them, and rows for a platform not yet wired wait instead of failing.
  if (options.platforms.length === 0) return [];
  const { claimed, parked } = await db.$transaction(async (tx) => {
    // A row whose last claim ended with no outcome (see below) is handed out alone, before anything else: if
    // it is what kills its dispatcher, only it is in flight then, so the rows claimed beside it the first time
    // are not counted lapses of their own and parked with it.
    const lapsed = await tx.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM outbox_messages o
      WHERE ${due(options)} AND o.locked_until IS NOT NULL
      ORDER BY o.seq
      LIMIT 1
      FOR UPDATE OF o SKIP LOCKED`;
    const rows =
      lapsed.length > 0
        ? lapsed
        : await tx.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM outbox_messages o
      WHERE ${due(options)} AND o.locked_until IS NULL
      ORDER BY o.seq
      LIMIT ${options.limit}
      FOR UPDATE OF o SKIP LOCKED`;
    if (rows.length === 0) return { claimed: [], parked: [] };
    const ids = rows.map((r) => r.id);
    // A row still locked when claimed again was never written back: the claim before this one ended with no
    // outcome (mailops was killed or stalled during the delivery, or the database was down past the lease).
    // Its retry window starts there, and a row that does this MAX_LAPSES times in a row is parked rather
    // than handed out again: a message that ends every dispatcher that takes it would otherwise keep mailops
    // in a crash loop, and block what follows it to the same reader, for good.
    const lapse = `[lapse] no outcome was written for an earlier attempt: mailops stopped or stalled while delivering it`;
    await tx.$executeRaw`
      UPDATE outbox_messages SET
        attempts = attempts + 1,
        locked_until = ${leaseUntil},
        lapses = CASE WHEN locked_until IS NULL THEN lapses ELSE lapses + 1 END,
        failing_since = CASE WHEN locked_until IS NULL THEN failing_since ELSE COALESCE(failing_since, ${options.now}) END,
        last_error = CASE
          WHEN locked_until IS NULL OR last_error LIKE '[lapse]%' THEN last_error
          ELSE ${lapse} || COALESCE('; before it: ' || last_error, '') END
      WHERE id = ANY(${ids}::uuid[])`;
    const parked = await tx.outboxMessage.updateManyAndReturn({
      where: { id: { in: ids }, lapses: { gte: MAX_LAPSES } },
      data: {
        status: 'dead',
        lockedUntil: null,
        lastError: `[lapse] parked after ${MAX_LAPSES} attempts in a row that ended with no outcome: mailops stopped or stalled while delivering it (see its log at those times)`,
      },
      select: { id: true, platform: true, attempts: true },
    });
    const claimed = await tx.outboxMessage.findMany({
      where: { id: { in: ids }, status: 'pending' },
      orderBy: { seq: 'asc' },
    });
    return { claimed, parked };
  });
  // Told once the transaction has committed: a rolled-back claim parked nothing.
  for (const row of parked) options.onParked?.(row);
  return claimed.map((row) => ({
    id: row.id,
    ticketId: row.ticketId,
    platform: row.platform,
    payload: row.payload,
    attempts: row.attempts,
    failingSince: row.failingSince,
  }));
}

/**
 * Pending, for a platform this process has, due, not held by a live lease, and not behind another message to
 * the same reader (a card's refresh waits for its post).
 */
const due = (options: { now: Date; platforms: readonly string[] }) => Prisma.sql`
  o.status = 'pending'
  AND o.platform = ANY(${[...options.platforms]}::text[])
  AND o.next_attempt_at <= ${options.now}
  AND (o.locked_until IS NULL OR o.locked_until < ${options.now})
  AND NOT EXISTS (
    SELECT 1 FROM outbox_messages p
    WHERE p.status = 'pending' AND p.platform = o.platform AND p.ticket_id = o.ticket_id AND p.seq < o.seq
      AND ((p.payload -> 'to') IS NOT DISTINCT FROM (o.payload -> 'to')
           OR (o.kind = 'card.refresh' AND p.kind = 'card.post')))`;
