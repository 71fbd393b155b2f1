import { beforeEach } from 'vitest';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import type { MonitoredDomain } from '../../src/mail/probe/delivery-types.ts';
import { checklistTasks } from '../../src/scheduler/daily-checklist.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import type { TestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { deliverySettings } from './checklist-fixtures.ts';

// The daily checklist's test bed on one database tier: a harness per test, each test on a day of its own
// (fires and complaints stay in the suite's database), replicas of the scheduler running the checklist's
// tasks with the domain checks the test gives, and readers of what a fire left behind.

export const SCHEDULE = '30 7 * * *';
export const TASK = `daily-checklist@${SCHEDULE}`;

export function useChecklistWorld(db: () => TestDatabase) {
  let h: Harness;
  let day = 0;
  let at: Date;
  beforeEach(async () => {
    await db().prisma.outboxMessage.deleteMany();
    h = createHarness(db(), { reports: true });
    day += 1;
    at = new Date(Date.UTC(2026, 10, day, 23, 30));
    h.clock.set(at);
  });

  function replica(
    owner: string,
    checks: DomainChecks,
    domains: readonly MonitoredDomain[],
    harness = h,
    options: { catchUpMs?: number; sweepMs?: number; leaseMs?: number; stopping?: AbortSignal } = {},
  ) {
    const target = { directory: harness.directory, platforms: ['memory'], logger: harness.logger };
    return createScheduler({
      db: db().prisma,
      owner,
      logger: harness.logger,
      clock: harness.clock,
      ...(options.sweepMs ? { sweepMs: options.sweepMs } : {}),
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      tasks: checklistTasks(
        {
          db: db().prisma,
          checks,
          tickets: harness.tickets,
          target,
          clock: harness.clock,
          logger: harness.logger,
          settings: deliverySettings(domains),
          ...(options.stopping ? { stopping: options.stopping } : {}),
        },
        { ...(options.catchUpMs ? { catchUpMs: options.catchUpMs } : {}) },
      ),
    });
  }

  /** The fire of the day before ran: the schedule was kept until mailops went down. */
  const ranTheDayBefore = (task: string, fireAt: Date) =>
    db().prisma.schedulerRun.createMany({
      data: { task, fireAt: new Date(fireAt.getTime() - 86_400_000), owner: 'replica-a', status: 'ok' },
      skipDuplicates: true,
    });

  const reports = (harness = h) =>
    harness.memory.deliveries.flatMap((d) => (d.op === 'report' ? [{ to: d.to, view: d.view }] : []));
  const result = async () =>
    (await db().prisma.schedulerRun.findFirstOrThrow({ where: { task: TASK, fireAt: at } })).result;
  const runOf = (domain: string) =>
    db().prisma.mailtestRun.findFirstOrThrow({ where: { domain, startedAt: at }, include: { ticket: true } });

  return {
    /** This test's harness. */
    get h() {
      return h;
    },
    /** This test's 07:30 fire (Malaysia time). */
    get at() {
      return at;
    },
    replica,
    ranTheDayBefore,
    reports,
    result,
    runOf,
  };
}
