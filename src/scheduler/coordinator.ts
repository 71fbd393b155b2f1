import type { Db, Tx } from '../db/types.ts';
import { type Clock, systemClock } from '../time.ts';

// Database-backed run coordination (DESIGN.md, "Scale"): every replica's cron fires, but only the one
// whose INSERT of (task, fire time) succeeds runs the task. The unique key does the electing, so there is
// no leader and nothing to fail over. The winner holds a lease it renews while the task runs; a replica
// that dies mid-run (a crash, an OOM kill, power lost) stops renewing, and once the lease ends the same
// INSERT takes the fire over, counting an attempt. Times are the database's, so replicas with skewed clocks
// agree on who holds a lease.
//
// The attempt count is the fencing token: every write of a run names the attempt that made it, so a replica
// that was only slow (an event loop stalled, the database out of reach) past its lease writes nothing over
// its successor's run. That alone would still let both run the task to the end — the daily checklist would
// mail each agency twice — while DESIGN.md asks each fire to run exactly once; so the holder stops its task
// as soon as it learns, or can no longer rule out, that the fire has gone to another replica. It learns at
// a renewal, up to a third of a lease late: a replica resuming from a pause in that gap must decide nothing,
// so the task's own writes are fenced by the attempt too (holdFire).

export type RunStatus = 'ok' | 'failed' | 'handed_back' | 'lost' | 'unrecorded';

export type RunOutcome =
  | {
      readonly ran: true;
      /**
       * handed_back: the task was cut short by a stop (FireHandedBack) and the fire waits to be taken again;
       * lost: the fire was taken over (or closed as abandoned) while this one ran it, so nothing was stored;
       * unrecorded: the task ended but the database would not store it, so the fire is left to a takeover.
       */
      readonly status: RunStatus;
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

/**
 * Thrown by a fenced write (holdFire) that found the fire no longer held at its attempt: taken over, or
 * closed as abandoned, before a renewal could tell the task. The write is rolled back; the run ends `lost`.
 */
export class FireLost extends Error {
  constructor() {
    super('the fire went to another replica before this write of its run');
    this.name = 'FireLost';
  }
}

/** The fire a task runs and the attempt this replica holds it at: what the task's writes are fenced by. */
export interface FireFence {
  readonly id: string;
  readonly attempt: number;
}

/**
 * Called first in the transaction of a write the task makes for its fire. The row lock makes a takeover
 * (an UPDATE of that row) wait until the write commits, so the successor finds it (complaints and summaries
 * are keyed by fire); a fire already taken over throws FireLost, which rolls the write back.
 */
export async function holdFire(tx: Tx, fence: FireFence): Promise<void> {
  const held = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM scheduler_runs
    WHERE id = ${fence.id}::uuid AND attempts = ${fence.attempt} AND status = 'running'
    FOR SHARE`;
  if (held.length === 0) throw new FireLost();
}

/** Long enough for a busy event loop between renewals; short enough to take a dead run over within minutes. */
export const RUN_LEASE_MS = 120_000;

/** Pauses before each further try at storing how a run ended: a database blip must not cost a run. */
const STORE_RETRY_MS = [1_000, 3_000] as const;

export interface RunOptions {
  readonly leaseMs?: number;
  /** Times how long the lease last secured still holds while renewals fail (tests move a fake one). */
  readonly clock?: Clock;
  readonly storeRetryMs?: readonly number[];
}

type Ended = { readonly status: 'ok' | 'failed'; readonly result: object | null } | 'handed_back';

interface HeldRun {
  readonly id: string;
  readonly attempts: number;
  readonly status: 'running';
}

export async function runOnce(
  db: Db,
  task: string,
  fireAt: Date,
  owner: string,
  /**
   * Told which attempt it is (above 1, an earlier replica died in this fire and may have left work) and a
   * signal aborted when the fire may have gone to another replica: the task must then stop as it would
   * for a stop of mailops, for whatever it still does happens twice. The signal can be late: the task's
   * own writes are made under holdFire with the fence.
   */
  fn: (attempt: number, lease: AbortSignal, fence: FireFence) => Promise<unknown>,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const leaseMs = options.leaseMs ?? RUN_LEASE_MS;
  const clock = options.clock ?? systemClock;
  const asked = clock.now().getTime();
  const claimed = await db.$queryRaw<{ id: string; attempts: number }[]>`
    INSERT INTO scheduler_runs (id, task, fire_at, owner, status, lease_until)
    VALUES (gen_random_uuid(), ${task}, ${fireAt}, ${owner}, 'running', now() + ${`${leaseMs} milliseconds`}::interval)
    ON CONFLICT (task, fire_at) DO UPDATE
      SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until, started_at = now(),
          attempts = scheduler_runs.attempts + 1
      WHERE scheduler_runs.status = 'running' AND scheduler_runs.lease_until < now()
    RETURNING id, attempts`;
  const run = claimed[0];
  if (!run) return { ran: false };
  const held: HeldRun = { id: run.id, attempts: run.attempts, status: 'running' };
  const lease = holdLease(db, held, { leaseMs, clock, securedAt: asked });
  const ended = await endOf(() => fn(held.attempts, lease.signal, { id: held.id, attempt: held.attempts }));
  lease.release();
  const retryMs = options.storeRetryMs ?? STORE_RETRY_MS;
  // Both writes are fenced by the attempt: a run that lost its fire stores nothing, hands nothing back.
  const stored =
    ended === 'handed_back'
      ? await store(
          () => db.$executeRaw`
            UPDATE scheduler_runs SET lease_until = now()
            WHERE id = ${held.id}::uuid AND attempts = ${held.attempts} AND status = 'running'`,
          async () => false,
          retryMs,
        )
      : await store(
          async () =>
            (
              await db.schedulerRun.updateMany({
                where: held,
                data: {
                  status: ended.status,
                  finishedAt: new Date(),
                  result: ended.result ?? undefined,
                  leaseUntil: null,
                },
              })
            ).count,
          async () =>
            (await db.schedulerRun.count({
              where: { id: held.id, attempts: held.attempts, status: ended.status },
            })) === 1,
          retryMs,
        );
  const status = stored === 'stored' ? (ended === 'handed_back' ? ended : ended.status) : stored;
  return { ran: true, status, attempt: held.attempts };
}

async function endOf(task: () => Promise<unknown>): Promise<Ended> {
  try {
    return { status: 'ok', result: ((await task()) ?? null) as object | null };
  } catch (error) {
    if (error instanceof FireHandedBack) return 'handed_back';
    return { status: 'failed', result: { error: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Renews the lease every third of it. Ends the task (aborts the signal) when a renewal finds the fire no
 * longer held at this attempt (taken over, or closed as abandoned), or when renewals have failed until the
 * lease would end before the next one could land: from then on another replica may take the fire over.
 */
function holdLease(db: Db, held: HeldRun, lease: { leaseMs: number; clock: Clock; securedAt: number }) {
  const lost = new AbortController();
  const every = lease.leaseMs / 3;
  // When the latest renewal that landed was asked: the database's lease runs at least leaseMs from then.
  let securedAt = lease.securedAt;
  let renewing = false;
  const lose = (why: string) => {
    clearInterval(timer);
    lost.abort(new Error(why));
  };
  const expiring = () => lease.clock.now().getTime() + every >= securedAt + lease.leaseMs;
  const timer = setInterval(() => {
    if (renewing) {
      if (expiring()) lose('the lease could not be renewed before it ended');
      return;
    }
    renewing = true;
    const asked = lease.clock.now().getTime();
    db.$executeRaw`
      UPDATE scheduler_runs SET lease_until = now() + ${`${lease.leaseMs} milliseconds`}::interval
      WHERE id = ${held.id}::uuid AND attempts = ${held.attempts} AND status = 'running'`
      .then(
        (count) => {
          if (count === 0) lose("the fire is no longer this run's: taken over, or closed as abandoned");
          else securedAt = Math.max(securedAt, asked);
        },
        () => {
          if (expiring()) lose('the lease could not be renewed before it ended');
        },
      )
      .finally(() => {
        renewing = false;
      });
  }, every);
  timer.unref();
  return { signal: lost.signal, release: () => clearInterval(timer) };
}

/**
 * One fenced write of a run's end, tried again after a failure. A try that failed after its commit leaves
 * the next one nothing to change: `already` tells that apart from a fire another replica holds.
 */
async function store(
  write: () => Promise<number>,
  already: () => Promise<boolean>,
  retryMs: readonly number[],
): Promise<'stored' | 'lost' | 'unrecorded'> {
  for (let tried = 0; ; tried += 1) {
    try {
      if ((await write()) > 0 || (tried > 0 && (await already()))) return 'stored';
      return 'lost';
    } catch {
      // Left `running`: its lease ends, and the fire is taken over or closed as abandoned (abandon-fires.ts).
      if (tried >= retryMs.length) return 'unrecorded';
      await new Promise((resolve) => setTimeout(resolve, retryMs[tried]));
    }
  }
}
