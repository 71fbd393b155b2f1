import { beforeEach, expect, it } from 'vitest';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { sweepAbandonedRuns } from '../../src/mail/abandoned-runs.ts';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import { createMailtestService } from '../../src/mail/mailtest-service.ts';
import { reportView } from '../../src/mail/report-view.ts';
import { finishRun } from '../../src/mail/runs.ts';
import type { Finding } from '../../src/mail/types.ts';
import type { PostedRef } from '../../src/platform/port.ts';
import { describeEachDatabase, type TestDatabase, useTestDatabase } from '../support/databases.ts';
import { OFFLINE_MAILTEST_SETTINGS } from '../support/mailtest-settings.ts';
import { createMemoryPlatform } from '../support/memory-platform.ts';

// A chat /mailtest run whose process died (killed, crashed, power lost) must not leave its card saying
// "Checking…" forever: the living process renews the run's lease, and any serving process ends the card of a
// run whose lease lapsed, once, saying it was cut short and to run it again; the daily checklist's runs, which
// have no card, are stored interrupted alike rather than left running. The rows below are what a dead
// process leaves behind; the service test shows a living one leaves its lease fresh and lets go at its end.

const T0 = new Date('2026-11-29T02:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const MX_PASS: Finding = { check: 'dns.mx', verdict: 'pass', requirement: '4f-i', params: { count: 2 } };

describeEachDatabase('interrupted /mailtest runs', (suite) => {
  const database = useTestDatabase(() => suite.create());
  let db: TestDatabase;
  beforeEach(async () => {
    db = database();
    found = 0;
    await db.prisma.mailtestRun.deleteMany({});
  });

  const left = (input: {
    domain: string;
    leaseUntil?: Date | null;
    card?: object | null;
    purpose?: string;
    status?: string;
  }) =>
    db.prisma.mailtestRun.create({
      data: {
        domain: input.domain,
        requestedBy: 'hafiz',
        requestedByName: 'Muhammad Hafiz',
        via: 'slack',
        startedAt: minutes(-5),
        status: input.status ?? 'running',
        purpose: input.purpose ?? 'request',
        findings: [MX_PASS] as unknown as object,
        leaseUntil: input.leaseUntil ?? null,
        ...(input.card ? { card: input.card } : {}),
      },
    });
  const card = (messageId: string, locale = 'en') => ({
    platform: 'memory',
    channel: 'C-SOC',
    messageId,
    locale,
  });
  let found = 0;
  const sweep = (memory: ReturnType<typeof createMemoryPlatform>, at: Date, logger = createMemoryLogger()) =>
    sweepAbandonedRuns({
      db: db.prisma,
      platforms: new Map([[memory.platform.name, memory.platform]]),
      clock: { now: () => at },
      logger,
      onInterrupted: () => {
        found += 1;
      },
    });
  const status = async (domain: string) =>
    (await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain } })).status;
  const updates = (memory: ReturnType<typeof createMemoryPlatform>) =>
    memory.deliveries.flatMap((d) => (d.op === 'report_update' ? [d] : []));

  it('ends the card of a run whose process died, with what it had found, once; living and other runs are left', async () => {
    const memory = createMemoryPlatform('memory', { reports: true });
    await left({ domain: 'mati.gov.my', leaseUntil: minutes(-1), card: card('m-1') });
    await left({ domain: 'hidup.gov.my', leaseUntil: minutes(1), card: card('m-2') });
    await left({ domain: 'terminal.gov.my' });
    await left({ domain: 'tanpakad.gov.my', leaseUntil: minutes(-1) });
    await left({ domain: 'siap.gov.my', leaseUntil: minutes(-1), status: 'done', card: card('m-3') });

    expect(await sweep(memory, T0)).toBe(2);
    expect(found).toBe(2);
    const [update, ...more] = updates(memory);
    expect(more).toEqual([]);
    expect(update?.ref).toEqual({ channel: 'C-SOC', messageId: 'm-1' });
    const view = update?.view as MailtestView;
    expect(view.status).toBe(
      'The test of mati.gov.my was cut short: mailops stopped before it finished (a restart or a crash). What was tested is shown above; run /mailtest mati.gov.my again.',
    );
    expect(view.requestedBy).toMatch(/^Asked by Muhammad Hafiz · /);
    expect(JSON.stringify(view.sections)).toContain('PASS');
    expect(await status('mati.gov.my')).toBe('interrupted');
    expect(await status('tanpakad.gov.my')).toBe('interrupted');
    for (const domain of ['hidup.gov.my', 'terminal.gov.my']) expect(await status(domain)).toBe('running');
    expect(await status('siap.gov.my')).toBe('done');
    const ended = await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'mati.gov.my' } });
    expect(ended).toMatchObject({ leaseUntil: null, finishedAt: T0 });

    expect(await sweep(memory, minutes(10))).toBe(1);
    // Only the run that was alive at T0 and stopped renewing since: the ended ones are not touched again.
    expect(updates(memory).map((u) => u.ref.messageId)).toEqual(['m-1', 'm-2']);
    expect(found).toBe(3);
  });

  it("stores a daily checklist run whose process died interrupted too, though it has no card; a complaint's job is left to its worker", async () => {
    const memory = createMemoryPlatform('memory', { reports: true });
    await left({ domain: 'harian.gov.my', leaseUntil: minutes(-1), purpose: 'checklist' });
    await left({ domain: 'harianhidup.gov.my', leaseUntil: minutes(1), purpose: 'checklist' });
    // An investigation's lapsed lease hands its job to another worker (src/investigation), not to this sweep.
    await left({ domain: 'siasat.gov.my', leaseUntil: minutes(-1), purpose: 'investigation' });
    const logger = createMemoryLogger();

    expect(await sweep(memory, T0, logger)).toBe(1);
    expect(found).toBe(1);
    expect(
      await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'harian.gov.my' } }),
    ).toMatchObject({
      status: 'interrupted',
      leaseUntil: null,
      finishedAt: T0,
    });
    expect(logger.lines.join('\n')).toContain(
      'mailtest run interrupted: its process stopped before it finished',
    );
    expect(updates(memory)).toEqual([]);
    expect(await status('harianhidup.gov.my')).toBe('running');
    expect(await status('siasat.gov.my')).toBe('running');
    expect(await sweep(memory, minutes(1))).toBe(0);
  });

  it('says so in the language of the person who asked', async () => {
    const memory = createMemoryPlatform('memory', { reports: true });
    await left({ domain: 'bahasa.gov.my', leaseUntil: minutes(-1), card: card('m-1', 'ms') });
    await sweep(memory, T0);
    expect(updates(memory)[0]?.view.status).toMatch(
      /^Ujian bahasa\.gov\.my terputus: mailops berhenti sebelum ujian selesai .* jalankan \/mailtest bahasa\.gov\.my sekali lagi\.$/,
    );
  });

  it('tries a card the platform refused again a minute later, and two replicas end it once between them', async () => {
    const memory = createMemoryPlatform('memory', { reports: true });
    await left({ domain: 'sibuk.gov.my', leaseUntil: minutes(-1), card: card('m-1') });
    memory.failNext({ kind: 'transient' });
    const logger = createMemoryLogger();
    expect(await sweep(memory, T0, logger)).toBe(0);
    expect(logger.lines.join('\n')).toContain('will try again');
    expect(await status('sibuk.gov.my')).toBe('interrupted');
    expect(await sweep(memory, T0)).toBe(0);
    expect(updates(memory)).toEqual([]);

    const [first, second] = await Promise.all([sweep(memory, minutes(1.5)), sweep(memory, minutes(1.5))]);
    expect(first + second).toBe(1);
    expect(updates(memory).map((u) => u.ref.messageId)).toEqual(['m-1']);
    expect(await sweep(memory, minutes(5))).toBe(0);
    // Found once, however many tries its card took.
    expect(found).toBe(1);
  });

  it('a run that lapsed but lived on and finished while its card was being ended shows its report, not "cut short"', async () => {
    const memory = createMemoryPlatform('memory', { reports: true });
    const run = await left({ domain: 'lambat.gov.my', leaseUntil: minutes(-1), card: card('m-1') });
    // The sweep's update is slow; meanwhile the living process stores its end and draws its final card.
    const atPlatform = Promise.withResolvers<void>();
    const gate = Promise.withResolvers<void>();
    const slow = {
      updateReport: async (ref: PostedRef, view: MailtestView) => {
        atPlatform.resolve();
        await gate.promise;
        await memory.platform.updateReport?.(ref, view);
      },
    };
    const sweeping = sweepAbandonedRuns({
      db: db.prisma,
      platforms: new Map([['memory', slow]]),
      clock: { now: () => T0 },
      logger: createMemoryLogger(),
    });
    await atPlatform.promise;
    await finishRun(db.prisma, run.id, { findings: [MX_PASS], status: 'done', at: T0 });
    const finished = reportView({
      domain: 'lambat.gov.my',
      findings: [MX_PASS],
      finished: true,
      requestedBy: 'Muhammad Hafiz',
      startedAt: minutes(-5),
      locale: 'en',
    });
    await memory.platform.updateReport?.({ channel: 'C-SOC', messageId: 'm-1' }, finished);
    gate.resolve();
    await sweeping;

    const last = updates(memory).at(-1)?.view;
    expect(last?.finished).toBe(true);
    expect(last?.status).not.toMatch(/cut short/);
    expect(await status('lambat.gov.my')).toBe('done');
  });

  it('gives a card up after ten tries when its platform is not running here', async () => {
    const teamsOnly = createMemoryPlatform('teams', { reports: true });
    await left({ domain: 'slackhilang.gov.my', leaseUntil: minutes(-1), card: card('m-1') });
    const logger = createMemoryLogger();
    const results: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1)
      results.push(await sweep(teamsOnly, minutes(attempt * 2), logger));
    expect(results).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(logger.lines.join('\n')).toContain('giving up');
    expect(logger.lines.join('\n')).toContain('platform memory is not running here');
    const row = await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'slackhilang.gov.my' } });
    expect(row).toMatchObject({ status: 'interrupted', leaseUntil: null, attempts: 10 });
  });

  it('a living chat run keeps its lease fresh with what it found, stores its card, and lets go at its end', async () => {
    let release: (findings: readonly Finding[]) => void = () => {};
    let told: ((f: readonly Finding[]) => void) | undefined;
    const checks: DomainChecks = {
      monitored: () => null,
      inService: () => true,
      run: (input) =>
        new Promise((resolve) => {
          told = input.onFindings;
          release = resolve;
          input.onFindings?.([MX_PASS]);
        }),
    };
    const now = new Date();
    const service = createMailtestService({
      db: db.prisma,
      settings: OFFLINE_MAILTEST_SETTINGS,
      logger: createMemoryLogger(),
      clock: { now: () => now },
      checks,
      renewEveryMs: 20,
    });
    const views: MailtestView[] = [];
    const started = await service.start({
      text: 'hidup.gov.my',
      requester: { id: 'hafiz', name: 'Muhammad Hafiz', via: 'teams' },
      locale: 'ms',
      sink: {
        platform: 'teams',
        post: async (view) => {
          views.push(view);
          return { channel: 'C-SOC', messageId: 'activity-7' };
        },
        update: async (_posted, view) => {
          views.push(view);
        },
      },
    });
    expect(started.ok).toBe(true);
    const row = () => db.prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'hidup.gov.my' } });
    for (let waited = 0; ((await row()).findings as unknown[]).length === 0; waited += 20) {
      if (waited > 5_000) throw new Error('the run never stored what it had found');
      await new Promise((r) => setTimeout(r, 20));
    }
    const living = await row();
    expect(living.card).toEqual({
      platform: 'teams',
      channel: 'C-SOC',
      messageId: 'activity-7',
      locale: 'ms',
    });
    expect(living.leaseUntil!.getTime()).toBeGreaterThan(now.getTime() + 60_000);
    expect(told).toBeDefined();
    // Its lease is fresh: a sweep now leaves it alone.
    expect(await sweep(createMemoryPlatform('teams', { reports: true }), now)).toBe(0);

    release([MX_PASS]);
    await service.idle();
    expect(await row()).toMatchObject({ status: 'done', leaseUntil: null });
    expect(views.at(-1)?.finished).toBe(true);
  });
});
