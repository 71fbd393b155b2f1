import type { Db } from '../db/types.ts';

// Claims due investigation jobs (jobs.ts: a check run row whose `lease_until` has come) with a lease. FOR
// UPDATE SKIP LOCKED lets several replicas take jobs from one table without waiting on each other or taking
// the same one (DESIGN.md, "Scale"). Each claim counts in `attempts`, which is also the claim's fencing
// token: a replica whose lease ran out and whose job was claimed again can no longer write to it.
//
// What a claim is for follows from the row: `running` (queued, or a claim that never finished: a crash)
// runs the checks; `done` or `failed` (the checks ended, the record on the ticket may not have) records it.
// A checklist run is only ever recorded here: the daily checklist runs its own checks.

export interface ClaimedJob {
  readonly id: string;
  readonly ticketId: string;
  readonly domain: string;
  readonly purpose: string;
  readonly status: string;
  readonly startedAt: Date;
  /** Including this claim: the fencing token for every write of this claim. */
  readonly attempts: number;
}

export async function claimJobs(
  db: Db,
  options: { now: Date; leaseMs: number; limit: number },
): Promise<ClaimedJob[]> {
  if (options.limit <= 0) return [];
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM mailtest_runs
      WHERE status IN ('pending', 'running', 'done', 'failed')
        AND lease_until <= ${options.now}
        AND ticket_id IS NOT NULL
        AND (purpose IN ('investigation', 'recheck') OR (purpose = 'checklist' AND status IN ('done', 'failed')))
      ORDER BY lease_until, id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx.$executeRaw`
      UPDATE mailtest_runs
      SET lease_until = ${leaseUntil},
          attempts = attempts + 1,
          status = CASE WHEN status = 'pending' THEN 'running' ELSE status END
      WHERE id = ANY(${ids}::uuid[])`;
    const claimed = await tx.mailtestRun.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        ticketId: true,
        domain: true,
        purpose: true,
        status: true,
        startedAt: true,
        attempts: true,
      },
      orderBy: { startedAt: 'asc' },
    });
    return claimed.flatMap((r) => (r.ticketId ? [{ ...r, ticketId: r.ticketId }] : []));
  });
}
