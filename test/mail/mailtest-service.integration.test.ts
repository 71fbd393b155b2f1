import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import { createMemoryLogger } from '../../src/log.ts';
import type { DomainChecks } from '../../src/mail/domain-checks.ts';
import { createMailtestService } from '../../src/mail/mailtest-service.ts';
import type { MonitoredDomain } from '../../src/mail/probe/delivery-types.ts';
import { runHistory } from '../../src/mail/runs.ts';
import type { DnsClient, Finding } from '../../src/mail/types.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { OFFLINE_MAILTEST_SETTINGS } from '../support/mailtest-settings.ts';

// The /mailtest service around the checks: a run that breaks inside (not the requester's fault) ends its card
// with a reference id and is stored as failed; a stop that cut its probes short is stored as stopped;
// refusals run nothing and store nothing; history never shows an abandoned run as running forever.

const broken: DnsClient = new Proxy({} as DnsClient, {
  get: () => () => Promise.reject(new Error('resolver exploded')),
});

function recordingSink() {
  const views: MailtestView[] = [];
  return {
    views,
    sink: {
      post: async (view: MailtestView) => {
        views.push(view);
        return 'card-1';
      },
      update: async (_posted: unknown, view: MailtestView) => {
        views.push(view);
      },
    },
  };
}

describeEachDatabase('mailtest service', (suite) => {
  let db: TestDatabase;
  /** A service whose resolver breaks on every question: only refusals and internal errors are tested here. */
  const brokenService = (logger = createMemoryLogger()) =>
    createMailtestService({
      db: db.prisma,
      settings: OFFLINE_MAILTEST_SETTINGS,
      logger,
      clock: { now: () => new Date() },
      dns: broken,
    });
  beforeAll(async () => {
    db = await suite.create();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it('ends the card with a reference id when a run breaks, and stores it as failed', async () => {
    const logger = createMemoryLogger();
    const service = brokenService(logger);
    const { views, sink } = recordingSink();
    const started = await service.start({
      text: 'agensi.gov.my',
      requester: { id: 'aminah', name: 'Aminah', via: 'teams' },
      locale: 'en',
      sink,
    });
    expect(started.ok).toBe(true);
    await service.idle();
    const last = views.at(-1)!;
    const reference = /reference (\w{8})/.exec(last.status)?.[1];
    expect(last.status).toMatch(
      /^The test of agensi\.gov\.my stopped on an internal error \(reference \w{8}\)/,
    );
    expect(logger.lines.join('\n')).toContain(reference);
    expect(logger.lines.join('\n')).not.toMatch(/at \//);
    expect(
      await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain: 'agensi.gov.my' } }),
    ).toMatchObject({
      status: 'failed',
    });
  });

  it('refuses an IP address and a run over the limit, storing nothing for them', async () => {
    const service = brokenService();
    const before = await db.prisma.mailtestRun.count();
    const { sink, views } = recordingSink();
    const ask = (text: string) =>
      service.start({ text, requester: { id: 'rosli', name: 'Rosli', via: 'slack' }, locale: 'ms', sink });
    expect(await ask('192.0.2.1')).toMatchObject({
      ok: false,
      message: expect.stringContaining('alamat IP'),
    });
    expect(await ask('a.gov.my')).toMatchObject({ ok: true });
    expect(await ask('b.gov.my')).toMatchObject({ ok: true });
    expect(await ask('c.gov.my')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/2 ujian dalam seminit .* Cuba semula dalam \d+ saat/),
    });
    await service.idle();
    expect(await db.prisma.mailtestRun.count()).toBe(before + 2);
    expect(views.filter((v) => v.domain === 'c.gov.my')).toEqual([]);
  });

  it('refuses an unknown option, stray words and --delivery for a domain without probe mailboxes, storing nothing', async () => {
    const service = brokenService();
    const before = await db.prisma.mailtestRun.count();
    const { sink } = recordingSink();
    const ask = (text: string, locale: 'ms' | 'en') =>
      service.start({ text, requester: { id: 'nora', name: 'Nora', via: 'slack' }, locale, sink });
    expect(await ask('agensi.gov.my --deliver', 'en')).toEqual({
      ok: false,
      message: 'Unknown option "--deliver". Use: /mailtest <domain> [--delivery]',
    });
    expect(await ask('--delivery agensi.gov.my', 'ms')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Ujian penghantaran \(--delivery\) memerlukan peti mel ujian, dan belum ada peti mel ujian untuk agensi\.gov\.my\./,
      ),
    });
    // Testing only the first of two words would answer a question nobody asked.
    expect(await ask('agensi.gov.my delivery', 'en')).toEqual({
      ok: false,
      message:
        '/mailtest tests one domain at a time; "delivery" was not understood. Use: /mailtest <domain> [--delivery]',
    });
    expect(await ask('a.gov.my b.gov.my', 'ms')).toEqual({
      ok: false,
      message: expect.stringContaining('"b.gov.my" tidak difahami'),
    });
    // A phone keyboard's "—delivery" is the option: here refused only because the domain has no probes.
    expect(await ask('agensi.gov.my —delivery', 'en')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Delivery tests \(--delivery\) need probe mailboxes/),
    });
    expect(await db.prisma.mailtestRun.count()).toBe(before);
  });

  it('stores a --delivery run whose probes a stop cut short as stopped, and one that finished as done', async () => {
    const found = (reason: string | null): Finding[] => [
      { check: 'dns.mx', verdict: 'pass', requirement: '4f-i', params: { count: 1 } },
      reason
        ? { check: 'delivery.inbound', verdict: 'untested', requirement: '4c', params: { reason } }
        : { check: 'delivery.inbound', verdict: 'pass', requirement: '4c', params: { seconds: 2 } },
    ];
    const checksEnding = (reason: string | null): DomainChecks => ({
      monitored: (domain) => ({ domain }) as MonitoredDomain,
      inService: () => true,
      run: async () => found(reason),
    });
    const statusAfter = async (reason: string | null, domain: string) => {
      const service = createMailtestService({
        db: db.prisma,
        settings: OFFLINE_MAILTEST_SETTINGS,
        logger: createMemoryLogger(),
        clock: { now: () => new Date() },
        checks: checksEnding(reason),
      });
      const { sink, views } = recordingSink();
      const started = await service.start({
        text: `${domain} --delivery`,
        requester: { id: `stop-${domain}`, name: 'Zul', via: 'slack' },
        locale: 'en',
        sink,
      });
      expect(started.ok).toBe(true);
      await service.idle();
      const status = (await db.prisma.mailtestRun.findFirstOrThrow({ where: { domain } })).status;
      // A run cut short ends its card as one whose process died does: what was found, and run it again.
      expect(views.at(-1)).toMatchObject(
        status === 'stopped'
          ? { finished: false, status: expect.stringContaining(`The test of ${domain} was cut short`) }
          : { finished: true, status: expect.stringMatching(/^Done: /) },
      );
      return status;
    };
    expect(await statusAfter('stopped', 'berhenti.gov.my')).toBe('stopped');
    // Another reason a probe could not be tested is the domain's or the mailbox's, not a stop.
    expect(await statusAfter('imap_timeout', 'lambat.gov.my')).toBe('done');
    expect(await statusAfter(null, 'sihat.gov.my')).toBe('done');
  });

  it('sends findings that arrived while a card update was on its way, without waiting for more', async () => {
    const finding = (n: number): Finding => ({
      check: 'dns.mx',
      verdict: 'pass',
      requirement: '4f-i',
      params: { count: n },
    });
    const gate = () => {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { open: () => open(), opened };
    };
    const [updating, arrived, released] = [gate(), gate(), gate()];
    // The first findings start an update; the rest arrive while it is on its way; then the run waits (an
    // MX that never speaks) until released.
    const checks: DomainChecks = {
      monitored: () => null,
      inService: () => true,
      run: async ({ onFindings }) => {
        onFindings?.([finding(1)]);
        await updating.opened;
        onFindings?.([finding(1), finding(2), finding(3)]);
        arrived.open();
        await released.opened;
        return [finding(1), finding(2), finding(3)];
      },
    };
    const views: MailtestView[] = [];
    const service = createMailtestService({
      db: db.prisma,
      settings: OFFLINE_MAILTEST_SETTINGS,
      logger: createMemoryLogger(),
      clock: { now: () => new Date() },
      checks,
    });
    const started = await service.start({
      text: 'lambat-kemas.gov.my',
      requester: { id: 'progress', name: 'Zul', via: 'slack' },
      locale: 'en',
      sink: {
        post: async (view) => {
          views.push(view);
          return 'card-1';
        },
        update: async (_posted, view) => {
          views.push(view);
          if (views.length !== 2) return;
          // The first progress update is on its way while the rest of the findings arrive.
          updating.open();
          await arrived.opened;
        },
      },
    });
    expect(started.ok).toBe(true);
    await expect.poll(() => views.at(-1)?.status).toBe('Checking… 3 checks done.');
    expect(views.at(-1)?.finished).toBe(false);
    released.open();
    await service.idle();
    expect(views.at(-1)?.finished).toBe(true);
  });

  it('lists a run its process abandoned as interrupted, and one still within any run’s length as running', async () => {
    const now = new Date('2026-11-29T08:00:00Z');
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const run = (startedAt: Date, status: string) =>
      db.prisma.mailtestRun.create({
        data: {
          domain: 'terbiar.gov.my',
          requestedBy: 'cli:ops',
          requestedByName: 'ops',
          via: 'cli',
          startedAt,
          status,
        },
      });
    await run(hoursAgo(3), 'running');
    await run(hoursAgo(2.5), 'done');
    await run(hoursAgo(1.5), 'running');
    expect((await runHistory(db.prisma, 'terbiar.gov.my', now)).map((r) => r.status)).toEqual([
      'running',
      'done',
      'interrupted',
    ]);
  });
});
