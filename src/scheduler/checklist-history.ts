import type { Db } from '../db/types.ts';
import { CHECKLIST_TASK } from './daily-checklist.ts';

// The record of the daily checklist's fires (circular 4(h): the checklist is kept every day), read from the
// coordinator's table for `mailops checklist history`: when each fire was due and really ran, on which
// replica and at which attempt, and what it found — so an operator can show that no day was skipped, and see
// a fire a crashed replica left behind (coordinator.ts), whether a replica takes it over later or it can no
// longer be caught up (abandon-fires.ts). /metrics reads the same table, so monitoring can alert on a day
// without a checklist.

export type FireState = 'ok' | 'failed' | 'running' | 'interrupted';

export interface ChecklistFire {
  /** The cron expression of the schedule, or null for `mailops checklist run`. */
  readonly schedule: string | null;
  readonly fireAt: Date;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly owner: string;
  readonly attempts: number;
  readonly state: FireState;
  /** What the fire stored: its counts when it ran, the error that stopped it when it failed. */
  readonly result: ChecklistCounts | { readonly error: string } | null;
}

interface ChecklistCounts {
  readonly domains: number;
  readonly failed: number;
  readonly couldNotRun: number;
  readonly ticketsOpened: number;
  readonly ticketsUpdated: number;
}

const MANUAL = 'manual';

/** `daily-checklist@30 7 * * *` → `30 7 * * *`; `daily-checklist@manual` → `manual`. */
const scheduleOf = (task: string) => task.slice(CHECKLIST_TASK.length + 1);

/**
 * For /metrics: when the latest fire of each checklist schedule that finished ok was due (`manual` for
 * `mailops checklist run`), and how many fires of any task a replica left unfinished (lease ended) that a
 * replica may still take over: those nobody can are closed `abandoned` by a running scheduler
 * (abandon-fires.ts), so the count falls back once each is taken over or closed. Rows from before leases
 * are left out: an alert on them could never clear.
 */
export async function schedulerHealth(
  db: Db,
): Promise<{ lastOk: { schedule: string; fireAt: Date }[]; interrupted: number }> {
  const [lastOk, interrupted] = await Promise.all([
    db.$queryRaw<{ task: string; fire_at: Date }[]>`
      SELECT task, max(fire_at) AS fire_at FROM scheduler_runs
      WHERE task LIKE ${`${CHECKLIST_TASK}@%`} AND status = 'ok'
      GROUP BY task ORDER BY task`,
    db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM scheduler_runs
      WHERE status = 'running' AND lease_until < now()`,
  ]);
  return {
    lastOk: lastOk.map((r) => ({ schedule: scheduleOf(r.task), fireAt: r.fire_at })),
    interrupted: interrupted[0]?.count ?? 0,
  };
}

/**
 * The latest `limit` fires, newest first. A run whose lease ended (or, from before leases, never had one) is
 * interrupted, and so is one closed because it could no longer be caught up.
 */
export async function checklistHistory(db: Db, limit: number): Promise<ChecklistFire[]> {
  const rows = await db.$queryRaw<
    {
      task: string;
      fire_at: Date;
      started_at: Date;
      finished_at: Date | null;
      owner: string;
      attempts: number;
      status: string;
      result: unknown;
      interrupted: boolean;
    }[]
  >`
    SELECT task, fire_at, started_at, finished_at, owner, attempts, status, result,
           (status = 'abandoned' OR (status = 'running' AND (lease_until IS NULL OR lease_until < now())))
             AS interrupted
    FROM scheduler_runs
    WHERE task LIKE ${`${CHECKLIST_TASK}@%`}
    ORDER BY fire_at DESC, started_at DESC
    LIMIT ${limit}`;
  return rows.map((r) => {
    const schedule = scheduleOf(r.task);
    const state: FireState = r.interrupted
      ? 'interrupted'
      : r.status === 'ok' || r.status === 'failed'
        ? r.status
        : 'running';
    return {
      schedule: schedule === MANUAL ? null : schedule,
      fireAt: r.fire_at,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      owner: r.owner,
      attempts: r.attempts,
      state,
      result: (r.result ?? null) as ChecklistFire['result'],
    };
  });
}
