import { beforeEach, expect, it } from 'vitest';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import type { MonitoredDomain } from '../../src/mail/probe/delivery-types.ts';
import { checklistTasks, runChecklistNow } from '../../src/scheduler/daily-checklist.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { complaintForm } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { deliverySettings, failingInbound, fakeChecks, monitored, passing } from './checklist-fixtures.ts';

// The daily e-mail checklist (circular 4(c), 4(h)) on both database tiers, with the domain checks faked at
// their port: a fire runs every domain of its schedule once across replicas, reports a failing domain as an
// SOP 4.2 complaint (or in the one already open), and posts one summary card to SOC through the outbox.

const SCHEDULE = '30 7 * * *';
const TASK = `daily-checklist@${SCHEDULE}`;

describeEachDatabase('daily checklist', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  // Each test fires on a day of its own: fires and complaints stay in the suite's database.
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
    options: { catchUpMs?: number; sweepMs?: number; stopping?: AbortSignal } = {},
  ) {
    const target = { directory: harness.directory, platforms: ['memory'], logger: harness.logger };
    return createScheduler({
      db: db().prisma,
      owner,
      logger: harness.logger,
      clock: harness.clock,
      ...(options.sweepMs ? { sweepMs: options.sweepMs } : {}),
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
  const CATCH_UP = { catchUpMs: 240 * 60_000 };

  const reports = (harness = h) =>
    harness.memory.deliveries.flatMap((d) => (d.op === 'report' ? [{ to: d.to, view: d.view }] : []));
  const result = async () =>
    (await db().prisma.schedulerRun.findFirstOrThrow({ where: { task: TASK, fireAt: at } })).result;
  const runOf = (domain: string) =>
    db().prisma.mailtestRun.findFirstOrThrow({ where: { domain, startedAt: at }, include: { ticket: true } });

  it('opens a complaint for a failing domain, pings SOC, and posts one summary for the whole schedule', async () => {
    const { checks, calls } = fakeChecks({
      'gagal1.gov.my': failingInbound('gagal1.gov.my'),
      'baik1.gov.my': passing('baik1.gov.my'),
    });
    const domains = [
      monitored('gagal1.gov.my'),
      monitored('baik1.gov.my'),
      monitored('lain1.gov.my', '0 8 * * *'),
    ];
    expect(await replica('replica-a', checks, domains).fireNow(TASK, at)).toEqual({
      ran: true,
      status: 'ok',
      attempt: 1,
    });

    // Only the domains of this schedule, each with the delivery probes (circular 4(c)).
    expect(calls.sort((a, b) => a.domain.localeCompare(b.domain))).toEqual([
      { domain: 'baik1.gov.my', delivery: true },
      { domain: 'gagal1.gov.my', delivery: true },
    ]);
    expect(await result()).toMatchObject({ domains: 2, failed: 1, couldNotRun: 0, ticketsOpened: 1 });
    const failing = await runOf('gagal1.gov.my');
    expect(failing).toMatchObject({
      purpose: 'checklist',
      delivery: true,
      requestedBy: 'system',
      requestedByName: 'mailops',
      via: 'scheduler',
      status: 'done',
      summary: { pass: 2, fail: 1, warn: 0, untested: 0 },
    });
    expect(failing.ticket).toMatchObject({ kind: 'complaint', state: 'investigating' });
    const complaint = await db().prisma.complaintDetails.findUniqueOrThrow({
      where: { ticketId: failing.ticketId! },
    });
    expect(complaint).toMatchObject({ domain: 'gagal1.gov.my', direction: 'cannot_receive' });
    expect(complaint.description).toContain('Tiada jawapan dalam tempoh ujian');
    expect((await runOf('baik1.gov.my')).ticketId).toBeNull();

    await h.dispatcher.drainOnce();
    const summaries = reports();
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.to).toEqual({ kind: 'channel', channel: 'C-SOC' });
    const view: MailtestView = summaries[0]!.view;
    expect(view.title).toMatch(/^Senarai semak harian e-mel — \d{2}\/11\/2026 07:30$/);
    expect(view.sections.map((s) => s.title)).toEqual([
      expect.stringMatching(`^gagal1.gov.my — GAGAL: .* · aduan ${failing.ticket!.number} dibuka$`),
      expect.stringMatching(/^baik1.gov.my — OK: /),
    ]);
    // The flow's own notification pings SOC about the new complaint.
    const toSoc = h.memory.deliveries.filter(
      (d) => d.op !== 'update' && d.op !== 'report' && d.to.kind === 'channel' && d.to.channel === 'C-SOC',
    );
    expect(toSoc.length).toBeGreaterThan(0);
  });

  it("does nothing on a second replica's fire of the same time", async () => {
    const answers = { 'gagal2.gov.my': failingInbound('gagal2.gov.my') };
    const a = fakeChecks(answers);
    const b = fakeChecks(answers);
    const domains = [monitored('gagal2.gov.my')];
    const other = createHarness(db(), { reports: true });
    other.clock.set(at);
    const outcomes = await Promise.all([
      replica('replica-a', a.checks, domains).fireNow(TASK, at),
      replica('replica-b', b.checks, domains, other).fireNow(TASK, new Date(at.getTime() + 300)),
    ]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(a.calls.length + b.calls.length).toBe(1);
    expect(await db().prisma.mailtestRun.count({ where: { domain: 'gagal2.gov.my' } })).toBe(1);
    expect(await db().prisma.complaintDetails.count({ where: { domain: 'gagal2.gov.my' } })).toBe(1);
    expect(await db().prisma.outboxMessage.count({ where: { kind: 'report.post' } })).toBe(1);
  });

  it('records the run in the complaint already open for the domain instead of opening another', async () => {
    const opened = await h.tickets.submit(
      { type: 'submit_complaint', complaint: complaintForm({ domain: 'gagal3.gov.my' }) },
      h.actorFor('submit_complaint'),
      `complaint-${day}`,
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const { checks } = fakeChecks({ 'gagal3.gov.my': failingInbound('gagal3.gov.my') });
    await replica('replica-a', checks, [monitored('gagal3.gov.my')]).fireNow(TASK, at);

    expect(await result()).toMatchObject({ failed: 1, ticketsOpened: 0, ticketsUpdated: 1 });
    expect(await db().prisma.complaintDetails.count({ where: { domain: 'gagal3.gov.my' } })).toBe(1);
    expect((await runOf('gagal3.gov.my')).ticketId).toBe(opened.ticket.id);
    const handled = await db().prisma.handledAction.findUniqueOrThrow({
      where: { key: `checklist:${at.toISOString()}:gagal3.gov.my` },
    });
    expect(handled).toMatchObject({ ticketId: opened.ticket.id, action: 'record_investigation' });
    await h.dispatcher.drainOnce();
    expect(reports()[0]!.view.sections[0]!.title).toContain(
      `direkodkan dalam aduan ${opened.ticket.number} yang sedia dibuka`,
    );
  });

  it('says a domain whose checks broke could not run, with the reference of its log line, and opens nothing', async () => {
    const { checks } = fakeChecks({
      'rosak4.gov.my': new Error('imap library crashed'),
      'baik4.gov.my': passing('baik4.gov.my'),
    });
    await replica('replica-a', checks, [monitored('rosak4.gov.my'), monitored('baik4.gov.my')]).fireNow(
      TASK,
      at,
    );

    expect(await result()).toMatchObject({ domains: 2, failed: 0, couldNotRun: 1, ticketsOpened: 0 });
    const broken = await runOf('rosak4.gov.my');
    expect(broken).toMatchObject({ status: 'failed', ticketId: null });
    const reference = broken.id.slice(0, 8);
    const logged = h.logger.lines.find((l) => l.includes('checklist could not run a domain'));
    expect(logged).toContain(`"reference":"${reference}"`);
    expect(logged).toContain('imap library crashed');
    await h.dispatcher.drainOnce();
    const view = reports()[0]!.view;
    expect(view.status).toMatch(/^Domain: 2 \(0 gagal, 1 tidak dapat dijalankan, 1 OK\)/);
    expect(view.sections[0]!.title).toBe(
      `rosak4.gov.my — tidak dapat dijalankan kerana ralat dalaman (rujukan ${reference}); bukan keputusan gagal`,
    );
  });

  it('keeps the summary when the platform answers 500, and delivers it once on the retry', async () => {
    const { checks } = fakeChecks({ 'baik5.gov.my': passing('baik5.gov.my') });
    await replica('replica-a', checks, [monitored('baik5.gov.my')]).fireNow(TASK, at);
    h.memory.failNext({ kind: 'transient' });
    expect(await h.dispatcher.drainOnce()).toEqual({ sent: 0, retried: 1, dead: 0 });
    const row = await db().prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'report.post' } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/500 internal_error/);
    expect(reports()).toHaveLength(0);
    h.clock.advance(60_000);
    expect(await h.dispatcher.drainOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(reports()).toHaveLength(1);
    expect(await h.dispatcher.drainOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
  });

  it('runs now for the one domain an operator names, as a fire of its own with its own summary', async () => {
    const { checks, calls } = fakeChecks({ 'gagal7.gov.my': failingInbound('gagal7.gov.my') });
    const target = { directory: h.directory, platforms: ['memory'], logger: h.logger };
    const deps = {
      db: db().prisma,
      checks,
      tickets: h.tickets,
      target,
      clock: h.clock,
      logger: h.logger,
      settings: deliverySettings([monitored('gagal7.gov.my'), monitored('baik7.gov.my')]),
    };
    const ran = await runChecklistNow(deps, { owner: 'cli:operator', domains: ['gagal7.gov.my'] });
    expect(ran).toMatchObject({ at, result: { domains: 1, failed: 1, ticketsOpened: 1 } });
    expect(calls).toEqual([{ domain: 'gagal7.gov.my', delivery: true }]);
    expect(
      await db().prisma.schedulerRun.findFirstOrThrow({
        where: { task: 'daily-checklist@manual', fireAt: at },
      }),
    ).toMatchObject({ owner: 'cli:operator', status: 'ok' });
    // The same second again is the same fire: nothing runs twice.
    expect(await runChecklistNow(deps, { owner: 'cli:other', domains: ['gagal7.gov.my'] })).toBeNull();
    await h.dispatcher.drainOnce();
    expect(reports()).toHaveLength(1);
  });

  it('sends the summary as text to a platform that cannot post report cards', async () => {
    const plain = createHarness(db());
    plain.clock.set(at);
    const { checks } = fakeChecks({ 'baik6.gov.my': passing('baik6.gov.my') });
    await replica('replica-a', checks, [monitored('baik6.gov.my')], plain).fireNow(TASK, at);
    await plain.dispatcher.drainOnce();
    const texts = plain.memory.deliveries.filter((d) => d.op === 'text');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ to: { kind: 'channel', channel: 'C-SOC' } });
    expect(texts[0]!.op === 'text' && texts[0]!.text).toMatch(
      /^Senarai semak harian e-mel — .*\n.*\n.*\n\n• baik6.gov.my — OK/,
    );
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

    h.clock.set(new Date(at.getTime() + 3 * 60_000));
    const next = replica('replica-a', checks, domains, h, CATCH_UP);
    expect(await next.start()).toBe(1);
    await next.stop();
    expect(await row()).toMatchObject({ status: 'ok', attempts: 2 });
    expect(calls).toHaveLength(2);
    expect(await db().prisma.complaintDetails.count({ where: { domain: 'gagal12.gov.my' } })).toBe(1);
    expect(await db().prisma.outboxMessage.count({ where: { kind: 'report.post' } })).toBe(1);
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
