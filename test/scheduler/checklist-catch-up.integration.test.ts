import { beforeEach, expect, it } from 'vitest';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { failingInbound, fakeChecks, monitored, passing } from './checklist-fixtures.ts';
import { TASK, useChecklistWorld } from './checklist-world.ts';

// The daily checklist's fires that no mailops saw through (circular 4(c): the check is daily, so a restart or
// a crash must not cost a day), on both database tiers: a fire missed while no replica was up runs at the next
// start within the catch-up window; one whose replica crashed is taken over once its lease ends; one a stop
// cut short is handed back and run whole; a late fire's summary says when it really ran.

const CATCH_UP = { catchUpMs: 240 * 60_000 };

describeEachDatabase('daily checklist fires nobody saw through', (suite) => {
  const db = useTestDatabase(() => suite.create());
  const w = useChecklistWorld(db);
  const { replica, reports, result, ranTheDayBefore } = w;
  let h: Harness;
  let at: Date;
  beforeEach(() => {
    ({ h, at } = w);
  });

  it('runs a fire missed while no replica was up once at start, across two replicas, and says when it ran', async () => {
    await ranTheDayBefore(TASK, at);
    // mailops comes back at 08:40, seventy minutes after the 07:30 fire nobody ran.
    h.clock.set(new Date(at.getTime() + 70 * 60_000));
    const other = createHarness(db(), { reports: true });
    other.clock.set(h.clock.now());
    const answers = { 'baik8.gov.my': passing('baik8.gov.my') };
    const a = fakeChecks(answers);
    const b = fakeChecks(answers);
    const domains = [monitored('baik8.gov.my')];
    const replicas = [
      replica('replica-a', a.checks, domains, h, CATCH_UP),
      replica('replica-b', b.checks, domains, other, CATCH_UP),
    ];
    // Both look; whichever finds the fire missed starts it, and the coordinator lets one of them run it.
    const found = await Promise.all(replicas.map((r) => r.start()));
    expect(found[0]! + found[1]!).toBeGreaterThanOrEqual(1);
    await Promise.all(replicas.map((r) => r.stop()));

    expect(a.calls.length + b.calls.length).toBe(1);
    expect(await result()).toMatchObject({ domains: 1, failed: 0 });
    expect(h.logger.lines.concat(other.logger.lines).join('\n')).toContain(
      'catching up a scheduled fire that no running mailops saw through',
    );
    await h.dispatcher.drainOnce();
    await other.dispatcher.drainOnce();
    const summaries = [...reports(), ...reports(other)];
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.view.title).toMatch(
      /^Senarai semak harian e-mel — (\d{2})\/11\/2026 07:30, dijalankan lewat pada \1\/11\/2026 08:40 \(mailops tidak berjalan pada waktu jadualnya\)$/,
    );

    // Started again, nothing is left to catch up.
    const again = replica('replica-c', a.checks, domains, h, CATCH_UP);
    expect(await again.start()).toBe(0);
    await again.stop();
    expect(a.calls.length + b.calls.length).toBe(1);
    expect(await db().prisma.schedulerRun.count({ where: { task: TASK, fireAt: at } })).toBe(1);
  });

  it('leaves alone a missed fire beyond the catch-up window, on a new install, or when catching up is off', async () => {
    // A schedule of this test alone, so no earlier test has run it: 06:45 Malaysia time.
    const schedule = '45 6 * * *';
    const task = `daily-checklist@${schedule}`;
    const fire = new Date(at.getTime() - 45 * 60_000);
    const { checks, calls } = fakeChecks({ 'baik9.gov.my': passing('baik9.gov.my') });
    const domains = [monitored('baik9.gov.my', schedule)];
    const startAndStop = async (options: { catchUpMs?: number }) => {
      const r = replica('replica-a', checks, domains, h, options);
      const caughtUp = await r.start();
      await r.stop();
      return caughtUp;
    };
    // A new install at 08:40 has missed nothing: the schedule never ran before.
    h.clock.set(new Date(at.getTime() + 70 * 60_000));
    expect(await startAndStop(CATCH_UP)).toBe(0);
    await ranTheDayBefore(task, fire);
    expect(await startAndStop({})).toBe(0);
    expect(await startAndStop({ catchUpMs: 0 })).toBe(0);
    // At 10:46 the 06:45 fire is four hours and a minute old.
    h.clock.set(new Date(fire.getTime() + 241 * 60_000));
    expect(await startAndStop(CATCH_UP)).toBe(0);
    expect(calls).toEqual([]);
    expect(await db().prisma.schedulerRun.count({ where: { task, fireAt: fire } })).toBe(0);
    // Within the window it runs: the cases above are not vacuous.
    h.clock.set(new Date(fire.getTime() + 239 * 60_000));
    expect(await startAndStop(CATCH_UP)).toBe(1);
    expect(calls).toEqual([{ domain: 'baik9.gov.my', delivery: true }]);
  });

  it('runs again a fire whose replica died in it: at the next start, or by a running replica once the lease ends', async () => {
    const { checks, calls } = fakeChecks({ 'baik11.gov.my': passing('baik11.gov.my') });
    const domains = [monitored('baik11.gov.my')];
    // replica-x took the 07:30 fire and died in it: its row says running, its lease has ended.
    const died = (leaseEnds: string) =>
      db().prisma.$executeRaw`
        INSERT INTO scheduler_runs (id, task, fire_at, owner, status, lease_until)
        VALUES (gen_random_uuid(), ${TASK}, ${at}, 'replica-x', 'running', now() + ${leaseEnds}::interval)`;
    const row = () => db().prisma.schedulerRun.findFirstOrThrow({ where: { task: TASK, fireAt: at } });
    await died('-1 second');
    const orphan = await db().prisma.mailtestRun.create({
      data: {
        domain: 'baik11.gov.my',
        requestedBy: 'system',
        requestedByName: 'mailops',
        via: 'scheduler',
        purpose: 'checklist',
        delivery: true,
        startedAt: new Date(at.getTime() + 1_000),
        status: 'running',
      },
    });
    h.clock.set(new Date(at.getTime() + 10 * 60_000));
    const restarted = replica('replica-a', checks, domains, h, CATCH_UP);
    expect(await restarted.start()).toBe(1);
    await restarted.stop();
    expect(await row()).toMatchObject({ owner: 'replica-a', status: 'ok', attempts: 2 });
    expect(calls).toHaveLength(1);
    expect(h.logger.lines.join('\n')).toContain('scheduled fire taken over from a replica that died in it');
    // What the dead replica left running is closed; the summary shows this attempt's run alone.
    expect(await db().prisma.mailtestRun.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({
      status: 'failed',
    });
    const summary = await db().prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'report.post' } });
    expect((summary.payload as { runIds: string[] }).runIds).not.toContain(orphan.id);
    // Ten minutes late because a replica died in it, not because none was up: SOC is told which.
    await h.dispatcher.drainOnce();
    expect(reports()[0]!.view.title).toMatch(
      /^Senarai semak harian e-mel — (\d{2})\/11\/2026 07:30, dijalankan semula pada \1\/11\/2026 07:40 \(larian pada waktu jadualnya tidak selesai\)$/,
    );

    // The next day replica-x dies again, while replica-b is up: once the lease ends, replica-b's sweep runs it.
    await db().prisma.schedulerRun.deleteMany({ where: { task: TASK, fireAt: at } });
    await died('1 second');
    const running = replica('replica-b', checks, domains, h, { ...CATCH_UP, sweepMs: 100 });
    expect(await running.start()).toBe(0);
    await expect.poll(async () => (await row()).status, { timeout: 10_000 }).toBe('ok');
    await running.stop();
    expect(await row()).toMatchObject({ owner: 'replica-b', attempts: 2 });
    expect(calls).toHaveLength(2);
  });

  it('hands a fire cut short by a stop back: no complaint, no summary, and the next start runs it whole', async () => {
    await ranTheDayBefore(TASK, at);
    const stop = new AbortController();
    const answers = { 'gagal12.gov.my': failingInbound('gagal12.gov.my') };
    const { checks: real, calls } = fakeChecks(answers);
    // mailops is told to stop while the probes wait: what they bring back says nothing of the agency's mail.
    const checks: DomainChecks = {
      ...real,
      run: (input) => {
        stop.abort();
        return real.run(input);
      },
    };
    const domains = [monitored('gagal12.gov.my')];
    expect(
      await replica('replica-a', checks, domains, h, { stopping: stop.signal }).fireNow(TASK, at),
    ).toEqual({
      ran: true,
      status: 'handed_back',
      attempt: 1,
    });
    const row = () => db().prisma.schedulerRun.findFirstOrThrow({ where: { task: TASK, fireAt: at } });
    expect(await row()).toMatchObject({ status: 'running', owner: 'replica-a' });
    expect((await row()).leaseUntil).not.toBeNull();
    expect(await db().prisma.complaintDetails.count({ where: { domain: 'gagal12.gov.my' } })).toBe(0);
    expect(await db().prisma.outboxMessage.count({ where: { kind: 'report.post' } })).toBe(0);
    // The cut run stays in the domain's history, marked as such rather than as a finished check.
    const runs = () =>
      db().prisma.mailtestRun.findMany({
        where: { domain: 'gagal12.gov.my' },
        orderBy: { startedAt: 'asc' },
      });
    expect((await runs()).map((r) => r.status)).toEqual(['stopped']);

    h.clock.set(new Date(at.getTime() + 3 * 60_000));
    const next = replica('replica-a', checks, domains, h, CATCH_UP);
    expect(await next.start()).toBe(1);
    await next.stop();
    expect(await row()).toMatchObject({ status: 'ok', attempts: 2 });
    expect(calls).toHaveLength(2);
    expect(await db().prisma.complaintDetails.count({ where: { domain: 'gagal12.gov.my' } })).toBe(1);
    expect(await db().prisma.outboxMessage.count({ where: { kind: 'report.post' } })).toBe(1);
    expect((await runs()).map((r) => r.status)).toEqual(['stopped', 'done']);
  });

  it('says nothing of lateness on a fire that ran on time', async () => {
    const { checks } = fakeChecks({ 'baik10.gov.my': passing('baik10.gov.my') });
    h.clock.set(new Date(at.getTime() + 4 * 60_000));
    await replica('replica-a', checks, [monitored('baik10.gov.my')]).fireNow(TASK, at);
    const row = await db().prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'report.post' } });
    expect(row.payload).not.toHaveProperty('ranAt');
    await h.dispatcher.drainOnce();
    expect(reports()[0]!.view.title).toMatch(/^Senarai semak harian e-mel — \d{2}\/11\/2026 07:30$/);
  });
});
