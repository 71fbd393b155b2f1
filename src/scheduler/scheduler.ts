import cron from 'node-cron';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { type Clock, systemClock } from '../time.ts';
import { runOnce } from './coordinator.ts';

// node-cron in Malaysia time (DESIGN.md: the SOP's working day is Asia/Kuala_Lumpur); each fire goes
// through the database coordinator so several replicas run it once. Cron is only a trigger: the tasks
// themselves take "now" from the clock port and are tested without cron (STYLE.md 5).
//
// A fire nobody ran because no replica was up at its time (an upgrade, a reboot at 07:30) is run at the
// next start when the task allows it (`catchUpMs`) and its time is recent enough: the circular's daily check
// (4(c), 4(h)) must not be skipped for a day because of a restart. The fire keeps its scheduled name, so a
// replica that did run it, or another one catching up at the same moment, leaves the coordinator's INSERT
// the only judge again.

export interface ScheduledTaskSpec {
  readonly name: string;
  readonly expression: string;
  readonly run: (fireAt: Date) => Promise<unknown>;
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

export function createScheduler(options: {
  db: Db;
  owner: string;
  logger: Logger;
  tasks: readonly ScheduledTaskSpec[];
  cron?: CronPort;
  timezone?: string;
  /** "Now" for catching up missed fires. */
  clock?: Clock;
  onRun?: (task: string, status: string) => void;
}) {
  const port = options.cron ?? nodeCronPort;
  const clock = options.clock ?? systemClock;
  const handles: CronHandle[] = [];
  const running = new Set<Promise<unknown>>();

  /** One fire of one task; the fire time is truncated to the second so every replica names it alike. */
  async function fire(task: ScheduledTaskSpec, scheduledAt: Date) {
    const fireAt = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000);
    const outcome = await runOnce(options.db, task.name, fireAt, options.owner, () => task.run(fireAt));
    if (outcome.ran) {
      options.onRun?.(task.name, outcome.status);
      const log = outcome.status === 'ok' ? options.logger.debug : options.logger.error;
      log('scheduled task ran', { task: task.name, fireAt: fireAt.toISOString(), status: outcome.status });
    }
    return outcome;
  }

  /** Work in the background that stop() waits for; its error is logged, never thrown into node-cron. */
  function track<T>(
    task: ScheduledTaskSpec,
    failure: string,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    const tracked = work()
      .catch((error: unknown) => {
        options.logger.error(failure, { task: task.name, error });
        return undefined;
      })
      .finally(() => running.delete(tracked));
    running.add(tracked);
    return tracked;
  }

  const launch = (task: ScheduledTaskSpec, at: Date) =>
    track(task, 'scheduled task could not be coordinated', () => fire(task, at));

  /** The fire of `task` missed while mailops was down, if it is recent, nobody ran it and the task ran before. */
  async function missedFire(task: ScheduledTaskSpec, handle: CronHandle): Promise<Date | null> {
    if (!task.catchUpMs) return null;
    const at = latestFire(task.expression, (d) => handle.matches(d), clock.now(), task.catchUpMs);
    if (!at) return null;
    const [ranThen, ranBefore] = await Promise.all([
      options.db.schedulerRun.count({ where: { task: task.name, fireAt: at } }),
      options.db.schedulerRun.count({ where: { task: task.name, fireAt: { lt: at } } }),
    ]);
    return ranThen === 0 && ranBefore > 0 ? at : null;
  }

  /** Starts the missed fire of `task`, if there is one; true when it did. */
  async function catchUp(task: ScheduledTaskSpec, handle: CronHandle): Promise<boolean> {
    const at = await missedFire(task, handle);
    // Stopped meanwhile: stop() no longer waits for new work, so none may start.
    if (!at || handles.length === 0) return false;
    options.logger.info('catching up a scheduled fire missed while mailops was not running', {
      task: task.name,
      fireAt: at.toISOString(),
    });
    launch(task, at);
    return true;
  }

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
      const lookups = options.tasks.map((task) => {
        const handle = port.schedule(
          task.expression,
          (at) => launch(task, at),
          options.timezone ?? 'Asia/Kuala_Lumpur',
        );
        handles.push(handle);
        return track(task, 'a missed scheduled fire could not be looked for', () => catchUp(task, handle));
      });
      return (await Promise.all(lookups)).filter((found) => found === true).length;
    },
    /**
     * No more fires; waits for those under way, so a run is never cut off by the database closing under it
     * (its scheduler_runs row would stay `running` and the checklist's summary would never go out).
     */
    async stop(): Promise<void> {
      for (const h of handles.splice(0)) h.stop();
      await Promise.all([...running]);
    },
  };
}
