import { beforeEach, expect, it } from 'vitest';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import { RUN_LEASE_MS } from '../../src/mail/abandoned-runs.ts';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import { runChecklistNow } from '../../src/scheduler/daily-checklist.ts';
import { complaintForm } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { deliverySettings, failingInbound, fakeChecks, monitored, passing } from './checklist-fixtures.ts';
import { TASK, useChecklistWorld } from './checklist-world.ts';

// The daily e-mail checklist (circular 4(c), 4(h)) on both database tiers, with the domain checks faked at
// their port: a fire runs every domain of its schedule once across replicas, reports a failing domain as an
// SOP 4.2 complaint (or in the one already open), and posts one summary card to SOC through the outbox.
// What happens to a fire nobody saw through (missed, crashed in, stopped) is in checklist-catch-up.

describeEachDatabase('daily checklist', (suite) => {
  const db = useTestDatabase(() => suite.create());
  const w = useChecklistWorld(db);
  const { replica, reports, result, runOf } = w;
  let h: Harness;
  let at: Date;
  beforeEach(() => {
    ({ h, at } = w);
  });

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
      (d) =>
        d.op !== 'update' &&
        d.op !== 'report' &&
        d.op !== 'report_update' &&
        d.to.kind === 'channel' &&
        d.to.channel === 'C-SOC',
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

  it('stops its probes when another replica takes its fire over, as a stop does: no complaint, no summary, nothing handed back', async () => {
    const { checks: real, calls } = fakeChecks({ 'gagal13.gov.my': failingInbound('gagal13.gov.my') });
    const fire = () => db().prisma.schedulerRun.findFirstOrThrow({ where: { task: TASK, fireAt: at } });
    let probing: { leaseUntil: Date | null } | undefined;
    const checks: DomainChecks = {
      ...real,
      run: async (input) => {
        probing = await db().prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'gagal13.gov.my' } });
        // replica-a stalls past its lease while it probes, and replica-b's INSERT takes the fire over.
        await db().prisma.$executeRaw`
          UPDATE scheduler_runs SET owner = 'replica-b', attempts = attempts + 1, lease_until = now() + interval '1 hour'
          WHERE task = ${TASK} AND fire_at = ${at}`;
        const { signal } = input;
        if (signal && !signal.aborted)
          await new Promise((resolve) => signal.addEventListener('abort', resolve));
        return real.run(input);
      },
    };
    const outcome = await replica('replica-a', checks, [monitored('gagal13.gov.my')], h, {
      leaseMs: 300,
    }).fireNow(TASK, at);

    expect(outcome).toEqual({ ran: true, status: 'lost', attempt: 1 });
    expect(calls).toHaveLength(1);
    expect(h.logger.lines.join('\n')).toContain(
      'scheduled fire went to another replica while this one ran it',
    );
    // The fire is replica-b's, its lease untouched: replica-a handed nothing back.
    expect(await fire()).toMatchObject({ owner: 'replica-b', attempts: 2, status: 'running' });
    expect((await fire()).leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(await db().prisma.complaintDetails.count({ where: { domain: 'gagal13.gov.my' } })).toBe(0);
    expect(await db().prisma.outboxMessage.count({ where: { kind: 'report.post' } })).toBe(0);
    // Its domain run held a lease while it probed, so a run whose replica died is found (abandoned-runs.ts).
    expect(probing?.leaseUntil?.getTime()).toBe(at.getTime() + RUN_LEASE_MS);
    expect(await runOf('gagal13.gov.my')).toMatchObject({ status: 'stopped', leaseUntil: null });
  });

  it('records the run in the complaint already open for the domain instead of opening another', async () => {
    const opened = await h.tickets.submit(
      {
        type: 'submit_complaint',
        // A complaint's mail stopped within the last year (the form refuses older), here an hour before.
        complaint: complaintForm({
          domain: 'gagal3.gov.my',
          startedAt: new Date(at.getTime() - 3_600_000).toISOString(),
        }),
      },
      h.actorFor('submit_complaint'),
      `complaint-${at.toISOString()}`,
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
});
