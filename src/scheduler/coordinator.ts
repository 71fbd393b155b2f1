import type { Db } from '../db/types.ts';

// Database-backed run coordination (DESIGN.md, "Scale"): every replica's cron fires, but only the one
// whose INSERT of (task, fire time) succeeds runs the task. The unique key does the electing, so there is
// no leader and nothing to fail over. The winner holds a lease it renews while the task runs; a replica
// that dies mid-run (a crash, an OOM kill, power lost) stops renewing, and once the lease ends the same
// INSERT takes the fire over, counting an attempt. The attempt count fences the dead run's late writes off,
// should it come back. Times are the database's, so replicas with skewed clocks agree on who holds a lease.

export type RunOutcome =
  | {
      readonly ran: true;
      /** handed_back: the task was cut short by a stop (FireHandedBack) and the fire waits to be taken again. */
      readonly status: 'ok' | 'failed' | 'handed_back';
      /** How many replicas have taken this fire: 1 unless an earlier one died in it. */
      readonly attempt: number;
    }
  | { readonly ran: false };

/**
 * Thrown by a task that mailops' stop cut short: its fire is not recorded as run but handed back, its lease
 * ended at once, so the next start (or another replica) takes it over as it would a crashed one.
 */
export class FireHandedBack extends Error {
  constructor() {
    super('the fire was cut short by a stop and handed back');
    this.name = 'FireHandedBack';
  }
}

/** Long enough for a busy event loop between renewals; short enough to take a dead run over within minutes. */
export const RUN_LEASE_MS = 120_000;

export interface RunOptions {
  readonly leaseMs?: number;
}

export async function runOnce(
  db: Db,
  task: string,
  fireAt: Date,
  owner: string,
  /** Told which attempt it is: above 1, an earlier replica died in this fire and may have left work. */
  fn: (attempt: number) => Promise<unknown>,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const leaseMs = options.leaseMs ?? RUN_LEASE_MS;
  const lease = `${leaseMs} milliseconds`;
  const claimed = await db.$queryRaw<{ id: string; attempts: number }[]>`
    INSERT INTO scheduler_runs (id, task, fire_at, owner, status, lease_until)
    VALUES (gen_random_uuid(), ${task}, ${fireAt}, ${owner}, 'running', now() + ${lease}::interval)
    ON CONFLICT (task, fire_at) DO UPDATE
      SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until, started_at = now(),
          attempts = scheduler_runs.attempts + 1
      WHERE scheduler_runs.status = 'running' AND scheduler_runs.lease_until < now()
    RETURNING id, attempts`;
  const run = claimed[0];
  if (!run) return { ran: false };
  const { id, attempts } = run;
  const held = { id, attempts, status: 'running' };
  const renew = setInterval(() => {
    db.$executeRaw`
      UPDATE scheduler_runs SET lease_until = now() + ${lease}::interval
      WHERE id = ${id}::uuid AND attempts = ${attempts} AND status = 'running'`.catch(() => undefined);
  }, leaseMs / 3);
  renew.unref();
  const finish = (status: 'ok' | 'failed', result: object | null) =>
    db.schedulerRun.updateMany({
      where: held,
      data: { status, finishedAt: new Date(), result: result ?? undefined, leaseUntil: null },
    });
  try {
    const result = await fn(attempts);
    clearInterval(renew);
    await finish('ok', (result ?? null) as object | null);
    return { ran: true, status: 'ok', attempt: attempts };
  } catch (error) {
    clearInterval(renew);
    if (error instanceof FireHandedBack) {
      await db.$executeRaw`
        UPDATE scheduler_runs SET lease_until = now()
        WHERE id = ${id}::uuid AND attempts = ${attempts} AND status = 'running'`;
      return { ran: true, status: 'handed_back', attempt: attempts };
    }
    const message = error instanceof Error ? error.message : String(error);
    await finish('failed', { error: message });
    return { ran: true, status: 'failed', attempt: attempts };
  }
}
