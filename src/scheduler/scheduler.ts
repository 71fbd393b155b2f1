import cron from 'node-cron';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { runOnce } from './coordinator.ts';

// node-cron in Malaysia time (DESIGN.md: the SOP's working day is Asia/Kuala_Lumpur); each fire goes
// through the database coordinator so several replicas run it once. Cron is only a trigger: the tasks
// themselves take "now" from the clock port and are tested without cron (STYLE.md 5).

export interface ScheduledTaskSpec {
  readonly name: string;
  readonly expression: string;
  readonly run: (fireAt: Date) => Promise<unknown>;
}

/** The slice of node-cron we use, so tests can fire schedules by hand. */
export interface CronPort {
  schedule(expression: string, fn: (scheduledAt: Date) => void, timezone: string): { stop(): void };
}

export const nodeCronPort: CronPort = {
  schedule(expression, fn, timezone) {
    const task = cron.schedule(expression, (ctx) => fn(ctx.date), { timezone, noOverlap: true });
    return { stop: () => void task.stop() };
  },
};

export function createScheduler(options: {
  db: Db;
  owner: string;
  logger: Logger;
  tasks: readonly ScheduledTaskSpec[];
  cron?: CronPort;
  timezone?: string;
  onRun?: (task: string, status: string) => void;
}) {
  const port = options.cron ?? nodeCronPort;
  const handles: { stop(): void }[] = [];
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

  return {
    fire,
    /** Runs the task named `name` now, coordinated as a cron fire is (operators and tests). */
    fireNow(name: string, at: Date = new Date()) {
      const task = options.tasks.find((t) => t.name === name);
      if (!task) throw new Error(`no scheduled task named ${name}`);
      return fire(task, at);
    },
    start() {
      for (const task of options.tasks) {
        handles.push(
          port.schedule(
            task.expression,
            (at) => {
              const firing: Promise<unknown> = fire(task, at)
                .catch((error: unknown) =>
                  options.logger.error('scheduled task could not be coordinated', { task: task.name, error }),
                )
                .finally(() => running.delete(firing));
              running.add(firing);
            },
            options.timezone ?? 'Asia/Kuala_Lumpur',
          ),
        );
      }
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
