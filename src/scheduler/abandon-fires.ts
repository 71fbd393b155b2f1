import type { Db } from '../db/types.ts';

// A fire whose replica died in it, or that a stop handed back (coordinator.ts), waits `running` with an ended
// lease for a replica to take it over. Only catching up does that (scheduler.ts), and it only ever runs the
// latest fire of a task that catches up, within the task's window. Any other such fire will never run again:
// one of a task without catch-up (escalate-overdue simply runs at its next fire), one older than the window,
// one a later fire of its task has followed, one of a task no schedule here names (`mailops checklist run`,
// a schedule since removed; every replica serves one configuration). Left `running`, it would count in
// /metrics as "not yet taken over" forever, an alert nobody can clear; so whichever replica notices closes
// it `abandoned`. One UPDATE, so replicas noticing at once close each fire once, and a fire a takeover has
// just claimed (its lease renewed) is no longer one to close.

export interface AbandonedFire {
  readonly task: string;
  readonly fireAt: Date;
  readonly owner: string;
  readonly attempts: number;
}

/** Closes the fires no replica can take over any more, given what this replica schedules; returns them. */
export async function abandonLostFires(
  db: Db,
  tasks: readonly { readonly name: string; readonly catchUpMs?: number }[],
  now: Date,
): Promise<AbandonedFire[]> {
  const catching = tasks.filter((t) => (t.catchUpMs ?? 0) > 0);
  const names = catching.map((t) => t.name);
  // A fire is caught up only when it falls after this (scheduler.ts: latestFire's window).
  const after = catching.map((t) => new Date(now.getTime() - (t.catchUpMs ?? 0)).toISOString());
  // Leases are the database's time (coordinator.ts); windows are the scheduler's clock, as catching up's are.
  return db.$queryRaw<AbandonedFire[]>`
    UPDATE scheduler_runs r
    SET status = 'abandoned', finished_at = now(), lease_until = NULL
    WHERE r.status = 'running' AND r.lease_until < now()
      AND (
        NOT EXISTS (
          SELECT 1 FROM unnest(${names}::text[], ${after}::timestamptz[]) AS w(task, after)
          WHERE w.task = r.task AND r.fire_at > w.after)
        OR EXISTS (SELECT 1 FROM scheduler_runs later WHERE later.task = r.task AND later.fire_at > r.fire_at))
    RETURNING r.task, r.fire_at AS "fireAt", r.owner, r.attempts`;
}
