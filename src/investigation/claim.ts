import type { Db } from '../db/types.ts';

// Claims due investigation jobs (jobs.ts: a check run row whose `lease_until` has come) with a lease. FOR
// UPDATE SKIP LOCKED lets several replicas take jobs from one table without waiting on each other or taking
// the same one (DESIGN.md, "Scale"). Each claim counts in `attempts`, which is also the claim's fencing
// token: a replica whose lease ran out and whose job was claimed again can no longer write to it.
//
// What a claim is for follows from the row: `running` (queued, or a claim that never finished: a crash)
// runs the checks; `done` or `failed` (the checks ended, the record on the ticket may not have) records it.
// A checklist run is only ever recorded here: the daily checklist runs its own checks.
//
// A re-check waits for the investigation before it: SOC may mark a complaint resolved while the bot's
// investigation is still probing (probes wait minutes for mail). Run at once, the re-check would find no
// "before" to compare with, and its record would ask the requester to confirm before the investigation is
// on the card (SOP 4.2 steps 3 and 6, in that order). It is claimable once every earlier investigation or
// checklist run of its ticket is recorded and released (`lease_until` null; jobs.ts).

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
      SELECT id FROM mailtest_runs AS job
      WHERE status IN ('pending', 'running', 'done', 'failed')
        AND lease_until <= ${options.now}
        AND ticket_id IS NOT NULL
        AND (purpose IN ('investigation', 'recheck') OR (purpose = 'checklist' AND status IN ('done', 'failed')))
        AND NOT (purpose = 'recheck' AND status IN ('pending', 'running') AND EXISTS (
          SELECT 1 FROM mailtest_runs AS before
          WHERE before.ticket_id = job.ticket_id
            AND before.purpose IN ('investigation', 'checklist')
            AND before.lease_until IS NOT NULL
            AND before.started_at <= job.started_at))
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
