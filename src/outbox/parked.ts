import type { Db } from '../db/types.ts';

// What an operator sees and does about messages the outbox gave up on (README, "Operating it"): a platform
// that refused them for good (a channel that does not exist, the app not in its team) or failed for longer
// than the retry window. Once the cause is fixed they go out again, in their original order.

export interface ParkedMessage {
  readonly id: string;
  readonly platform: string;
  readonly kind: string;
  readonly ticketNumber: string | null;
  readonly createdAt: Date;
  readonly lastError: string | null;
}

export interface OutboxOverview {
  /** Messages per status (pending, sent, dead) and platform. */
  readonly counts: readonly { status: string; platform: string; count: number }[];
  /** The newest parked messages, newest first. */
  readonly parked: readonly ParkedMessage[];
  readonly parkedTotal: number;
}

export async function outboxOverview(db: Db, limit = 20): Promise<OutboxOverview> {
  const grouped = await db.outboxMessage.groupBy({
    by: ['status', 'platform'],
    _count: { _all: true },
    orderBy: [{ status: 'asc' }, { platform: 'asc' }],
  });
  const parked = await db.outboxMessage.findMany({
    where: { status: 'dead' },
    orderBy: { seq: 'desc' },
    take: limit,
    include: { ticket: { select: { number: true } } },
  });
  return {
    counts: grouped.map((g) => ({ status: g.status, platform: g.platform, count: g._count._all })),
    parked: parked.map((m) => ({
      id: m.id,
      platform: m.platform,
      kind: m.kind,
      ticketNumber: m.ticket?.number ?? null,
      createdAt: m.createdAt,
      lastError: m.lastError,
    })),
    parkedTotal: await db.outboxMessage.count({ where: { status: 'dead' } }),
  };
}

export type RetryOutcome =
  | { readonly ok: true; readonly requeued: number }
  /** Some ids named are not parked messages: nothing is queued, so a mistyped id is never taken for done. */
  | {
      readonly ok: false;
      readonly unknown: readonly string[];
      readonly notParked: readonly { id: string; status: string }[];
    };

/**
 * Queues parked messages again (all of them, or those named), due now. Their retry window starts again at
 * their next failure: the outage or mistake that parked them is over, by the operator's word.
 */
export async function retryParked(db: Db, now: Date, ids?: readonly string[]): Promise<RetryOutcome> {
  if (ids) {
    const found = await db.outboxMessage.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, status: true },
    });
    const unknown = ids.filter((id) => !found.some((f) => f.id === id));
    const notParked = found.filter((f) => f.status !== 'dead');
    if (unknown.length > 0 || notParked.length > 0) return { ok: false, unknown, notParked };
  }
  const requeued = await db.outboxMessage.updateMany({
    where: { status: 'dead', ...(ids ? { id: { in: [...ids] } } : {}) },
    data: { status: 'pending', nextAttemptAt: now, failingSince: null, lockedUntil: null, lapses: 0 },
  });
  return { ok: true, requeued: requeued.count };
}
