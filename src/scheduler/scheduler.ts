import cron from 'node-cron';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { type Clock, systemClock } from '../time.ts';
import { abandonLostFires } from './abandon-fires.ts';
import { type FireFence, type RunStatus, runOnce } from './coordinator.ts';

// node-cron in Malaysia time (DESIGN.md: the SOP's working day is Asia/Kuala_Lumpur); each fire goes
// through the database coordinator so several replicas run it once. Cron is only a trigger: the tasks
// themselves take "now" from the clock port and are tested without cron (STYLE.md 5).
//
// A fire nobody ran because no replica was up at its time (an upgrade, a reboot at 07:30), or whose
// replica died in it (its lease ended: coordinator.ts), is run when the task allows it (`catchUpMs`) and its
// time is recent enough: at start, and by a sweep every minute while mailops runs. The circular's daily
// check (4(c), 4(h)) must not be skipped for a day because of a restart or a crash. The fire keeps its
// scheduled name, so a replica that did run it, or another one catching up at the same moment, leaves the
// coordinator's INSERT the only judge again. A fire that can no longer be caught up is closed instead
// (abandon-fires.ts), by the same start and sweep.

export interface ScheduledTaskSpec {
  readonly name: string;
  readonly expression: string;
  /**
   * `attempt` above 1: a replica died in this fire earlier. `signal` aborts when the fire may have gone to
   * another replica (coordinator.ts): stop as for a stop of mailops, or the fire's work is done twice.
   * `fence` is for holdFire in each write the fire's work makes, as the signal may come too late.
   */
  readonly run: (
    fireAt: Date,
    context: { readonly attempt: number; readonly signal: AbortSignal; readonly fence: FireFence },
  ) => Promise<unknown>;
  /**
   * At start, the latest fire at most this long ago runs if nobody ran it, provided the task ran before
   * (a new install or a new schedule has missed nothing). Absent or 0: missed fires are left alone.
   */
  readonly catchUpMs?: number;
}

/** A schedule as node-cron keeps it: stoppable, and able to say whether a moment is one of its fires. */
export interface CronHandle {
  stop(): void;
  /** Whether `at` (to the second) is a fire of the expression in the handle's time zone. */
  matches(at: Date): boolean;
}

/** The slice of node-cron we use, so tests can fire schedules by hand. */
export interface CronPort {
  schedule(expression: string, fn: (scheduledAt: Date) => void, timezone: string): CronHandle;
}

/**
 * node-cron skips a fire whose timer ran more than a second late (a busy event loop) and only logs a
 * warning; the coordinator makes a late fire harmless, so a minute's lateness still runs it.
 */
const LATE_FIRE_TOLERANCE_MS = 60_000;

export const nodeCronPort: CronPort = {
  schedule(expression, fn, timezone) {
    const task = cron.schedule(expression, (ctx) => fn(ctx.date), {
      timezone,
      noOverlap: true,
      missedExecutionTolerance: LATE_FIRE_TOLERANCE_MS,
    });
    return { stop: () => void task.stop(), matches: (at) => task.match(at) };
  },
};

/**
 * The latest fire of a schedule in (now − withinMs, now], or null. Walks back a minute at a time and tries
 * the expression's seconds within each minute (only :00 for the usual five-field expressions), so a day's
 * window costs some thousand matches, once per start.
 */
export function latestFire(
  expression: string,
  matches: (at: Date) => boolean,
  now: Date,
  withinMs: number,
): Date | null {
  const seconds = [...cron.parse(expression).second].sort((a, b) => b - a);
  const earliest = now.getTime() - withinMs;
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  for (let m = minute; m + 59_000 > earliest; m -= 60_000) {
    for (const s of seconds) {
      const at = m + s * 1000;
      if (at > now.getTime() || at <= earliest) continue;
      if (matches(new Date(at))) return new Date(at);
    }
  }
  return null;
}

/** How each way a fire this replica ran ended is logged. */
const OUTCOME_LOG = {
  ok: ['debug', 'scheduled task ran'],
  handed_back: ['info', 'scheduled task ran'],
  failed: ['error', 'scheduled task ran'],
  // Another replica ran it as well: DESIGN.md's exactly-once was at risk, the operator should know why.
  lost: ['warn', 'scheduled fire went to another replica while this one ran it; its run is not counted'],
  unrecorded: ['warn', 'scheduled task ran but its end could not be stored; the fire is left to a takeover'],
} as const satisfies Record<RunStatus, readonly [keyof Logger, string]>;

export function createScheduler(options: {
  db: Db;
  owner: string;
  logger: Logger;
  tasks: readonly ScheduledTaskSpec[];
  cron?: CronPort;
  timezone?: string;
  /** "Now" for catching up missed fires. */
  clock?: Clock;
  /** How often a running scheduler looks for fires to catch up or to close (tests shorten it). */
  sweepMs?: number;
  /** The lease a replica holds on a fire it runs (coordinator.ts; tests shorten it). */
  leaseMs?: number;
  onRun?: (task: string, status: string) => void;
}) {
  const port = options.cron ?? nodeCronPort;
  const clock = options.clock ?? systemClock;
  const handles: CronHandle[] = [];
  const running = new Set<Promise<unknown>>();

  /** One fire of one task; the fire time is truncated to the second so every replica names it alike. */
  async function fire(task: ScheduledTaskSpec, scheduledAt: Date) {
    const fireAt = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000);
    const outcome = await runOnce(
      options.db,
      task.name,
      fireAt,
      options.owner,
      (attempt, signal, fence) => task.run(fireAt, { attempt, signal, fence }),
      options.leaseMs ? { leaseMs: options.leaseMs } : {},
    );
    if (outcome.ran) {
      if (outcome.attempt > 1)
        options.logger.warn('scheduled fire taken over from a replica that died in it', {
          task: task.name,
          fireAt: fireAt.toISOString(),
          attempt: outcome.attempt,
        });
      options.onRun?.(task.name, outcome.status);
      const [level, message] = OUTCOME_LOG[outcome.status];
      options.logger[level](message, {
        task: task.name,
        fireAt: fireAt.toISOString(),
        status: outcome.status,
      });
    }
    return outcome;
  }

  /** Work in the background that stop() waits for; its error is logged, never thrown into node-cron. */
  function track<T>(context: object, failure: string, work: () => Promise<T>): Promise<T | undefined> {
    const tracked = work()
      .catch((error: unknown) => {
        options.logger.error(failure, { ...context, error });
        return undefined;
      })
      .finally(() => running.delete(tracked));
    running.add(tracked);
    return tracked;
  }

  const launch = (task: ScheduledTaskSpec, at: Date) =>
    track({ task: task.name }, 'scheduled task could not be coordinated', () => fire(task, at));

  /**
   * The latest fire of `task` up to `before` if nobody holds or finished it: never taken while the task had
   * run before (a new install or a new schedule has missed nothing), or taken by a replica whose lease ended.
   */
  async function missedFire(task: ScheduledTaskSpec, handle: CronHandle, before: Date): Promise<Date | null> {
    if (!task.catchUpMs) return null;
    const window = task.catchUpMs - (clock.now().getTime() - before.getTime());
    if (window <= 0) return null;
    const at = latestFire(task.expression, (d) => handle.matches(d), before, window);
    if (!at) return null;
    // Leases are the database's time (coordinator.ts).
    const [state] = await options.db.$queryRaw<{ held: boolean; dead: boolean; ranBefore: boolean }[]>`
      SELECT
        EXISTS (SELECT 1 FROM scheduler_runs WHERE task = ${task.name} AND fire_at = ${at}
                AND NOT (status = 'running' AND lease_until < now())) AS held,
        EXISTS (SELECT 1 FROM scheduler_runs WHERE task = ${task.name} AND fire_at = ${at}
                AND status = 'running' AND lease_until < now()) AS dead,
        EXISTS (SELECT 1 FROM scheduler_runs WHERE task = ${task.name} AND fire_at < ${at}) AS "ranBefore"`;
    if (!state || state.held) return null;
    return state.dead || state.ranBefore ? at : null;
  }

  /** Starts the missed fire of `task` up to `before`, if there is one; true when it did. */
  async function catchUp(
    task: ScheduledTaskSpec,
    handle: CronHandle,
    before = clock.now(),
  ): Promise<boolean> {
    const at = await missedFire(task, handle, before);
    // Stopped meanwhile: stop() no longer waits for new work, so none may start.
    if (!at || handles.length === 0) return false;
    options.logger.info('catching up a scheduled fire that no running mailops saw through', {
      task: task.name,
      fireAt: at.toISOString(),
    });
    launch(task, at);
    return true;
  }

  /** Closes the fires nobody can take over any more (abandon-fires.ts), saying which. */
  const closeLostFires = () =>
    track({}, 'scheduled fires no replica can take over could not be closed', async () => {
      for (const lost of await abandonLostFires(options.db, options.tasks, clock.now()))
        options.logger.warn(
          'scheduled fire abandoned: its replica stopped in it, and it can no longer be caught up',
          {
            task: lost.task,
            fireAt: lost.fireAt.toISOString(),
            owner: lost.owner,
            attempt: lost.attempts,
          },
        );
    });

  /** Starts the missed fire of each task that catches up, if there is one; how many it started. */
  async function catchUpAll(
    scheduled: readonly (readonly [ScheduledTaskSpec, CronHandle])[],
    before?: Date,
  ): Promise<number> {
    const found = await Promise.all(
      scheduled
        .filter(([task]) => task.catchUpMs)
        .map(([task, handle]) =>
          track({ task: task.name }, 'a missed scheduled fire could not be looked for', () =>
            catchUp(task, handle, before),
          ),
        ),
    );
    return found.filter((started) => started === true).length;
  }

  /**
   * While running: fires whose replica died, fires node-cron skipped, and fires nobody can take over any
   * more. It catches up only fires older than node-cron's own tolerance, so it never races a fire that is
   * simply under way.
   */
  let sweeping: Promise<unknown> | null = null;
  function sweep(scheduled: readonly (readonly [ScheduledTaskSpec, CronHandle])[]) {
    if (sweeping || handles.length === 0) return;
    const before = new Date(clock.now().getTime() - LATE_FIRE_TOLERANCE_MS - 5_000);
    sweeping = Promise.all([closeLostFires(), catchUpAll(scheduled, before)]).finally(() => {
      sweeping = null;
    });
  }
  let sweeper: ReturnType<typeof setInterval> | null = null;

  return {
    fire,
    /** Runs the task named `name` now, coordinated as a cron fire is (operators and tests). */
    fireNow(name: string, at: Date = new Date()) {
      const task = options.tasks.find((t) => t.name === name);
      if (!task) throw new Error(`no scheduled task named ${name}`);
      return fire(task, at);
    },
    /**
     * Schedules every task, then looks for the fires missed while mailops was down (`catchUpMs`); settles
     * once those found are started (not finished) with how many there were.
     */
    async start(): Promise<number> {
      const scheduled = options.tasks.map((task) => {
        const handle = port.schedule(
          task.expression,
          (at) => launch(task, at),
          options.timezone ?? 'Asia/Kuala_Lumpur',
        );
        handles.push(handle);
        return [task, handle] as const;
      });
      if (scheduled.length > 0) {
        sweeper = setInterval(() => sweep(scheduled), options.sweepMs ?? 60_000);
        sweeper.unref();
      }
      const [, found] = await Promise.all([closeLostFires(), catchUpAll(scheduled)]);
      return found;
    },
    /**
     * No more fires; waits for those under way, so a run is never cut off by the database closing under it
     * (its scheduler_runs row would stay `running` and the checklist's summary would never go out).
     */
    async stop(): Promise<void> {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      for (const h of handles.splice(0)) h.stop();
      await Promise.all([...running]);
    },
  };
}
