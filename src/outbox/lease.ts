import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../time.ts';
import type { ClaimedMessage } from './claim.ts';

// A claimed row is this dispatcher's only while its lease lasts and nobody has claimed it since (DESIGN.md,
// "Durable, exactly-once state"). Each claim counts an attempt, so the attempt number is the fencing token:
// every write about the delivery names it, and a dispatcher that stalled past its lease (a slow platform,
// a paused VM) finds its writes match nothing instead of overwriting what the replica that took over did.

/** The rows a write about this claim may touch: the same row, still pending, not claimed again since. */
export const fenceOf = (row: ClaimedMessage) => ({ id: row.id, attempts: row.attempts, status: 'pending' });

export interface HeldLease {
  stop(): void;
}

/**
 * Renews the lease while a delivery runs, so a refresh of many card copies on a slow platform (each update
 * may take the platform's full timeout) is not taken over, and sent again, by another replica.
 */
export function holdLease(
  db: Db,
  row: ClaimedMessage,
  options: { leaseMs: number; clock: Clock; logger: Logger },
): HeldLease {
  const timer = setInterval(
    () => {
      db.outboxMessage
        .updateMany({
          // Not once the delivery is written down (the lease released): a renewal landing after that would
          // hold the row past the retry its failure asked for.
          where: { ...fenceOf(row), lockedUntil: { not: null } },
          data: { lockedUntil: new Date(options.clock.now().getTime() + options.leaseMs) },
        })
        .catch((error: unknown) =>
          options.logger.warn('outbox lease not renewed', { outboxId: row.id, error }),
        );
    },
    Math.max(1, Math.floor(options.leaseMs / 3)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Runs a database write until it succeeds or `budgetMs` has passed, waiting longer after each failure. What
 * it records already happened on the platform: giving up at the first dropped connection (a PostgreSQL
 * restart, a failover) would treat a delivered message as undelivered and send it again.
 */
export async function persistently<T>(write: () => Promise<T>, budgetMs: number): Promise<T> {
  const started = Date.now();
  for (let wait = 100; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() - started + wait > budgetMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
