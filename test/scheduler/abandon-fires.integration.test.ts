import { beforeEach, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.ts';
import { checklistHistory, schedulerHealth } from '../../src/scheduler/checklist-history.ts';
import { createScheduler, type ScheduledTaskSpec } from '../../src/scheduler/scheduler.ts';
import { createFakeClock } from '../../src/time.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';

// Fires a replica died in (or a stop handed back) that no replica will ever take over: a task without
// catch-up, a fire outside its task's window or followed by a later fire, a task no schedule here names.
// Left `running` they would hold /metrics' "fires not yet taken over" above zero for good; a running scheduler
// closes them `abandoned`, and leaves alone the one fire that catching up may still run.

const CHECKLIST = 'daily-checklist@30 7 * * *';
const NOW = new Date('2026-03-03T03:00:00Z');
const hoursAgo = (n: number) => new Date(NOW.getTime() - n * 3_600_000);

describeEachDatabase('scheduled fires nobody can take over', (suite) => {
  const db = useTestDatabase(() => suite.create());
  beforeEach(async () => {
    await db().prisma.schedulerRun.deleteMany();
  });

  /** A fire left `running` by `owner`: its lease ended a second ago, unless `leaseLeft` says how long it has. */
  const left = (task: string, fireAt: Date, leaseLeft = '-1 second', owner = 'replica-a') =>
    db().prisma.$executeRaw`
      INSERT INTO scheduler_runs (id, task, fire_at, owner, status, lease_until)
      VALUES (gen_random_uuid(), ${task}, ${fireAt}, ${owner}, 'running', now() + ${leaseLeft}::interval)`;
  const statusOf = async (task: string, fireAt: Date) =>
    (await db().prisma.schedulerRun.findUniqueOrThrow({ where: { task_fireAt: { task, fireAt } } })).status;

  function replica(options: { sweepMs?: number } = {}) {
    const logger = createMemoryLogger();
    const tasks: ScheduledTaskSpec[] = [
      // As src/app.ts registers them: the SLA task without catch-up, the checklist with four hours.
      { name: 'escalate-overdue', expression: '*/5 * * * *', run: async () => undefined },
      { name: CHECKLIST, expression: '30 7 * * *', catchUpMs: 240 * 60_000, run: async () => undefined },
    ];
    const scheduler = createScheduler({
      db: db().prisma,
      owner: 'replica-b',
      logger,
      clock: createFakeClock(NOW),
      cron: { schedule: () => ({ stop: () => undefined, matches: () => false }) },
      tasks,
      ...options,
    });
    return { scheduler, logger };
  }

  it('closes at start every fire no replica can take over, and counts only the one catching up may still run', async () => {
    await left('escalate-overdue', hoursAgo(1));
    await left(CHECKLIST, hoursAgo(25));
    await left(CHECKLIST, hoursAgo(3));
    await left(CHECKLIST, hoursAgo(2));
    await left('daily-checklist@manual', hoursAgo(1), '-1 second', 'cli:operator');
    // Still held: its replica is alive.
    await left('escalate-overdue', hoursAgo(0.1), '1 minute');
    expect((await schedulerHealth(db().prisma)).interrupted).toBe(5);

    const { scheduler, logger } = replica();
    expect(await scheduler.start()).toBe(0);
    await scheduler.stop();

    expect(await statusOf('escalate-overdue', hoursAgo(1))).toBe('abandoned');
    // A day old: outside the four hours' window.
    expect(await statusOf(CHECKLIST, hoursAgo(25))).toBe('abandoned');
    // Within the window, but catching up only ever runs a task's latest fire.
    expect(await statusOf(CHECKLIST, hoursAgo(3))).toBe('abandoned');
    expect(await statusOf(CHECKLIST, hoursAgo(2))).toBe('running');
    expect(await statusOf('daily-checklist@manual', hoursAgo(1))).toBe('abandoned');
    expect(await statusOf('escalate-overdue', hoursAgo(0.1))).toBe('running');
    expect((await schedulerHealth(db().prisma)).interrupted).toBe(1);

    const closed = await db().prisma.schedulerRun.findMany({ where: { status: 'abandoned' } });
    expect(closed.every((r) => r.finishedAt !== null && r.leaseUntil === null)).toBe(true);
    expect(logger.lines.filter((l) => l.includes('scheduled fire abandoned'))).toHaveLength(4);
    // The checklist's history still shows them as what they were: fires whose replica stopped in them.
    const states = (await checklistHistory(db().prisma, 10)).map((f) => [f.schedule, f.state]);
    expect(states).toEqual([
      [null, 'interrupted'],
      ['30 7 * * *', 'interrupted'],
      ['30 7 * * *', 'interrupted'],
      ['30 7 * * *', 'interrupted'],
    ]);
  });

  it('closes, while running, a fire whose replica dies after the next one ran, and a fire a stop handed back', async () => {
    const { scheduler } = replica({ sweepMs: 20 });
    await scheduler.start();
    // replica-a took the 02:05 fire and was killed in it; its lease ends while replica-b runs the 02:10 one.
    await left('escalate-overdue', new Date('2026-03-03T02:05:00Z'));
    expect(await scheduler.fireNow('escalate-overdue', new Date('2026-03-03T02:10:00Z'))).toMatchObject({
      status: 'ok',
    });
    // A stop handed this one back (its lease ended at once); escalate-overdue does not catch up.
    await db().prisma.$executeRaw`
      INSERT INTO scheduler_runs (id, task, fire_at, owner, status, lease_until)
      VALUES (gen_random_uuid(), 'escalate-overdue', ${new Date('2026-03-03T02:15:00Z')}, 'replica-a', 'running', now())`;
    await expect.poll(async () => (await schedulerHealth(db().prisma)).interrupted).toBe(0);
    await scheduler.stop();
    expect(await statusOf('escalate-overdue', new Date('2026-03-03T02:05:00Z'))).toBe('abandoned');
    expect(await statusOf('escalate-overdue', new Date('2026-03-03T02:15:00Z'))).toBe('abandoned');
  });
});
