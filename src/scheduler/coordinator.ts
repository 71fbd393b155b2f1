import type { Db } from '../db/types.ts';

// Database-backed run coordination (DESIGN.md, "Scale"): every replica's cron fires, but only the one
// whose INSERT of (task, fire time) succeeds runs the task. The unique key does the electing, so there is
// no leader and nothing to fail over; a crashed run leaves its row 'running' for the operator to see.

export type RunOutcome = { readonly ran: true; readonly status: 'ok' | 'failed' } | { readonly ran: false };

export async function runOnce(
  db: Db,
  task: string,
  fireAt: Date,
  owner: string,
  fn: () => Promise<unknown>,
): Promise<RunOutcome> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO scheduler_runs (id, task, fire_at, owner, status)
    VALUES (gen_random_uuid(), ${task}, ${fireAt}, ${owner}, 'running')
    ON CONFLICT (task, fire_at) DO NOTHING
    RETURNING id`;
  const id = claimed[0]?.id;
  if (!id) return { ran: false };
  try {
    const result = await fn();
    await db.schedulerRun.update({
      where: { id },
      data: { status: 'ok', finishedAt: new Date(), result: (result ?? null) as object },
    });
    return { ran: true, status: 'ok' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.schedulerRun.update({
      where: { id },
      data: { status: 'failed', finishedAt: new Date(), result: { error: message } },
    });
    return { ran: true, status: 'failed' };
  }
}
