import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { runOnce } from '../../src/scheduler/coordinator.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { VALID } from '../flows/fixtures.ts';
import {
  createPostgresDatabase,
  describeEachDatabase,
  postgresTierEnabled,
  useTestDatabase,
} from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const run = promisify(execFile);

describeEachDatabase('scheduler', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  beforeEach(() => {
    h = createHarness(db());
  });

  it('runs one fire of a task once, however often it is triggered', async () => {
    const fireAt = new Date('2026-03-02T01:00:00Z');
    let runs = 0;
    const task = async () => {
      runs += 1;
    };
    const outcomes = await Promise.all([1, 2, 3].map(() => runOnce(db().prisma, 'demo', fireAt, 'me', task)));
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await runOnce(db().prisma, 'demo', new Date(fireAt.getTime() + 60_000), 'me', task)).toEqual({
      ran: true,
      status: 'ok',
      attempt: 1,
    });
  });

  it('schedules every task in Malaysia time and runs each cron fire once through the coordinator', async () => {
    const scheduled: { expression: string; timezone: string; fire: (at: Date) => void }[] = [];
    const runs: string[] = [];
    const scheduler = createScheduler({
      db: db().prisma,
      owner: 'replica-1',
      logger: h.logger,
      cron: {
        schedule(expression, fire, timezone) {
          scheduled.push({ expression, timezone, fire });
          return { stop: () => undefined, matches: () => false };
        },
      },
      tasks: [{ name: 'wired', expression: '*/5 * * * *', run: async (at) => runs.push(at.toISOString()) }],
    });
    await scheduler.start();
    expect(scheduled.map((s) => [s.expression, s.timezone])).toEqual([['*/5 * * * *', 'Asia/Kuala_Lumpur']]);
    // The same fire reported twice (a replica's clock skew of some milliseconds) runs once.
    const again = await Promise.all([
      scheduler.fire(
        { name: 'wired', expression: '', run: async (at) => runs.push(at.toISOString()) },
        new Date('2026-03-02T01:05:00.120Z'),
      ),
      scheduler.fire(
        { name: 'wired', expression: '', run: async (at) => runs.push(at.toISOString()) },
        new Date('2026-03-02T01:05:00.480Z'),
      ),
    ]);
    expect(again.filter((o) => o.ran)).toHaveLength(1);
    expect(runs).toEqual(['2026-03-02T01:05:00.000Z']);
    await scheduler.stop();
  });

  it('stops firing at once and waits for a fire under way, so its run is recorded before the database closes', async () => {
    let cronFire: (at: Date) => void = () => undefined;
    let cronStopped = false;
    let finish: () => void = () => undefined;
    const scheduler = createScheduler({
      db: db().prisma,
      owner: 'replica-1',
      logger: h.logger,
      cron: {
        schedule(_expression, fire) {
          cronFire = fire;
          return {
            stop: () => {
              cronStopped = true;
            },
            matches: () => false,
          };
        },
      },
      tasks: [
        {
          name: 'slow',
          expression: '30 7 * * *',
          run: () =>
            new Promise<void>((resolve) => {
              finish = resolve;
            }),
        },
      ],
    });
    await scheduler.start();
    cronFire(new Date('2026-03-03T23:30:00Z'));
    const row = () => db().prisma.schedulerRun.findFirst({ where: { task: 'slow' } });
    await expect.poll(async () => (await row())?.status).toBe('running');

    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    expect(cronStopped).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect((await row())?.status).toBe('ok');
  });

  /** replica-1 runs `task` until the test calls finish(), which ends it with `result`; settles once it runs. */
  async function heldRun(task: string, fireAt: Date, result: unknown, leaseMs: number) {
    let finish: () => void = () => undefined;
    const held = new Promise((resolve) => {
      finish = () => resolve(result);
    });
    const run = runOnce(db().prisma, task, fireAt, 'replica-1', () => held, { leaseMs });
    const row = () => db().prisma.schedulerRun.findFirstOrThrow({ where: { task } });
    await expect.poll(async () => (await row()).status).toBe('running');
    return { run, finish, row };
  }

  it('takes over a fire whose replica died in it once the lease ends, and fences the dead run off', async () => {
    const fireAt = new Date('2026-03-04T23:30:00Z');
    const {
      run: first,
      finish: finishFirst,
      row,
    } = await heldRun('died', fireAt, { by: 'replica-1' }, 60_000);
    const task = async () => ({ by: 'replica-2' });
    // While the lease holds, the fire is taken.
    expect(await runOnce(db().prisma, 'died', fireAt, 'replica-2', task)).toEqual({ ran: false });

    // replica-1 stops renewing (it died); its lease ends.
    await db().prisma
      .$executeRaw`UPDATE scheduler_runs SET lease_until = now() - interval '1 second' WHERE task = 'died'`;
    expect(await runOnce(db().prisma, 'died', fireAt, 'replica-2', task)).toEqual({
      ran: true,
      status: 'ok',
      attempt: 2,
    });
    expect(await row()).toMatchObject({ owner: 'replica-2', status: 'ok', attempts: 2, leaseUntil: null });
    // Were replica-1 only slow, its late finish writes nothing over replica-2's.
    finishFirst();
    expect(await first).toEqual({ ran: true, status: 'lost', attempt: 1 });
    expect(await row()).toMatchObject({ owner: 'replica-2', result: { by: 'replica-2' } });
    // A finished fire is never taken again.
    expect(await runOnce(db().prisma, 'died', fireAt, 'replica-3', task)).toEqual({ ran: false });
  });

  it('renews the lease of a run under way, so a slow run is never taken over', async () => {
    const fireAt = new Date('2026-03-05T23:30:00Z');
    const { run: slow, finish, row } = await heldRun('slow-run', fireAt, undefined, 600);
    const leases: number[] = [];
    // Three leases' worth of time: without renewal the lease would have ended twice over.
    for (let i = 0; i < 12; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      leases.push((await row()).leaseUntil?.getTime() ?? 0);
      expect(await runOnce(db().prisma, 'slow-run', fireAt, 'replica-2', async () => undefined)).toEqual({
        ran: false,
      });
    }
    expect(new Set(leases).size).toBeGreaterThan(1);
    finish();
    expect(await slow).toEqual({ ran: true, status: 'ok', attempt: 1 });
  });

  it('records a failing task as failed without throwing', async () => {
    const outcome = await runOnce(db().prisma, 'broken', new Date('2026-03-02T02:00:00Z'), 'me', async () => {
      throw new Error('boom');
    });
    expect(outcome).toEqual({ ran: true, status: 'failed', attempt: 1 });
    const row = await db().prisma.schedulerRun.findFirstOrThrow({ where: { task: 'broken' } });
    expect(row).toMatchObject({ status: 'failed', result: { error: 'boom' } });
  });

  it('reminds the approver when approval is overdue, repeats at the interval, then escalates to the desk', async () => {
    // Monday 16 June 2025, 10:00 MYT: a change request without endorsement waits for MAMPU (2 business days).
    const opened = await h.openUnendorsed('sla-cr');
    const ticket = await db().prisma.ticket.findUniqueOrThrow({ where: { id: opened.id } });
    expect(ticket.slaDueAt?.toISOString()).toBe('2025-06-18T02:00:00.000Z');
    await db().prisma.outboxMessage.deleteMany();

    h.clock.set('2025-06-18T01:59:00Z');
    expect(await h.escalate()).toEqual({ checked: 0, reminded: 0, escalated: 0 });
    h.clock.set('2025-06-18T02:01:00Z');
    expect(await h.escalate()).toMatchObject({ reminded: 1, escalated: 0 });
    expect(await h.escalate()).toMatchObject({ reminded: 0, escalated: 0 });
    h.clock.set('2025-06-18T06:01:00Z');
    expect(await h.escalate()).toMatchObject({ reminded: 1, escalated: 0 });
    // One business day after the due time (Thursday 10:00 MYT) the desk hears of it.
    h.clock.set('2025-06-19T02:01:00Z');
    expect(await h.escalate()).toMatchObject({ escalated: 1 });
    const notices = await db().prisma.outboxMessage.findMany({
      where: { ticketId: ticket.id },
      orderBy: { seq: 'asc' },
    });
    const targets = notices.map((n) => (n.payload as { to: { channel?: string; user?: string } }).to);
    expect(targets.slice(0, 2)).toEqual([
      { kind: 'channel', channel: 'C-APPROVALS' },
      { kind: 'channel', channel: 'C-APPROVALS' },
    ]);
    expect(targets).toContainEqual({ kind: 'user', user: 'u-desk' });
    const events = await db().prisma.auditEvent.findMany({
      where: { ticketId: ticket.id, type: { startsWith: 'sla.' } },
    });
    expect(events.map((e) => e.type).sort()).toEqual([
      'sla.escalated',
      'sla.reminded',
      'sla.reminded',
      'sla.reminded',
    ]);
  });

  it('sends nothing for a ticket that was decided after it became overdue', async () => {
    const opened = await h.openUnendorsed('sla-decided');
    h.clock.set('2025-06-18T03:00:00Z');
    const rejected = await h.tickets.act(opened.number, VALID.reject, h.actorFor('reject'), 'sla-reject');
    expect(rejected.status).toBe('applied');
    const before = await db().prisma.auditEvent.count({
      where: { ticketId: opened.id, type: { startsWith: 'sla.' } },
    });
    await h.escalate();
    expect(
      await db().prisma.auditEvent.count({
        where: { ticketId: opened.id, type: { startsWith: 'sla.' } },
      }),
    ).toBe(before);
  });
});

const describePostgres = postgresTierEnabled ? describe : describe.skip;
describePostgres('scheduler replicas (PostgreSQL)', () => {
  it('two scheduler processes on one PostgreSQL run each fire exactly once', async () => {
    const db = await createPostgresDatabase();
    try {
      const worker = new URL('../support/scheduler-worker.ts', import.meta.url).pathname;
      const node = process.execPath;
      const [wonA = [], wonB = []] = await Promise.all(
        ['replica-a', 'replica-b'].map(async (owner) => {
          const { stdout } = await run(node, [worker, db.location, owner, '40'], { timeout: 60_000 });
          return JSON.parse(stdout) as string[];
        }),
      );
      expect(wonA.length + wonB.length).toBe(40);
      expect(new Set([...wonA, ...wonB]).size).toBe(40);
      const runs = await db.prisma.schedulerRun.groupBy({ by: ['fireAt'], _count: true });
      expect(runs).toHaveLength(40);
      expect(runs.every((r) => r._count === 1)).toBe(true);
    } finally {
      await db.cleanup();
    }
  });
});
