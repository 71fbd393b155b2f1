import { readFileSync } from 'node:fs';
import { beforeEach, expect, it } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig, SAMPLE_CONFIG_PATH } from '../../src/config/index.ts';
import { prune } from '../../src/db/prune.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { writeConfig } from '../config/fixture.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { offlineChecks } from '../support/fake-dns.ts';
import { freePort } from '../support/free-port.ts';
import { type Harness, harnessWithEmptyOutbox } from '../support/harness.ts';

// What the daily clean-up deletes (retention): old /mailtest runs of no ticket, the checklist's old fires
// but the latest of each task, and delivered chat messages; never a ticket's runs, a run still going, an
// undelivered message, a ticket or the audit trail.

const DAY = 86_400_000;
const NOW = new Date('2027-06-01T00:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const POLICY = { historyDays: 400, sentMessagesDays: 90 };

describeEachDatabase('retention', (suite) => {
  const db = useTestDatabase(() => suite.create());
  let h: Harness;
  let ticketId: string;
  beforeEach(async () => {
    const prisma = db().prisma;
    await prisma.mailtestRun.deleteMany();
    await prisma.schedulerRun.deleteMany();
    h = await harnessWithEmptyOutbox(db());
    ticketId = (await h.openComplaint()).id;
  });

  const run = (domain: string, days: number, extra: { status?: string; ticketId?: string } = {}) =>
    db().prisma.mailtestRun.create({
      data: {
        domain,
        requestedBy: 'aminah',
        requestedByName: 'Aminah',
        via: 'cli',
        startedAt: ago(days),
        status: extra.status ?? 'done',
        ...(extra.ticketId ? { ticketId: extra.ticketId, purpose: 'investigation' } : {}),
      },
    });
  const fire = (task: string, days: number, status = 'ok') =>
    db().prisma.schedulerRun.create({
      data: { task, fireAt: ago(days), owner: 'replica-1', status, finishedAt: ago(days) },
    });
  const message = (days: number, status: string) =>
    db().prisma.outboxMessage.create({
      data: {
        platform: 'memory',
        kind: 'planted',
        payload: {},
        status,
        createdAt: ago(days),
        ...(status === 'sent' ? { sentAt: ago(days) } : {}),
      },
    });

  async function plant() {
    await run('old.gov.my', 401);
    await run('old-interrupted.gov.my', 500, { status: 'interrupted' });
    await run('recent.gov.my', 399);
    await run('evidence.gov.my', 900, { ticketId });
    await run('still-running.gov.my', 700, { status: 'running' });
    await fire('daily-checklist@30 7 * * *', 800);
    await fire('daily-checklist@30 7 * * *', 401, 'failed');
    await fire('daily-checklist@30 7 * * *', 1);
    // A yearly task's only fire is kept however old: catch-up needs to know it ran before.
    await fire('daily-checklist@0 8 1 1 *', 600);
    // A schedule failing ever since: its last good fire stays (/metrics reports its age), and all after it.
    await fire('daily-checklist@0 9 * * *', 700);
    await fire('daily-checklist@0 9 * * *', 500, 'failed');
    await fire('escalate-overdue', 450, 'running');
    await message(91, 'sent');
    await message(89, 'sent');
    await message(400, 'dead');
    await message(400, 'pending');
  }

  // The complaint's own investigation (moe.gov.my, queued as it opened) is left out: it is the ticket's.
  const domains = async () =>
    (
      await db().prisma.mailtestRun.findMany({
        where: { NOT: { domain: 'moe.gov.my' } },
        orderBy: { domain: 'asc' },
      })
    ).map((r) => r.domain);

  it('counts what it would delete with --dry-run, and deletes nothing', async () => {
    await plant();
    const before = await domains();
    expect(await prune(db().prisma, POLICY, NOW, { dryRun: true })).toEqual({
      mailtest_runs: 2,
      checklist_fires: 2,
      sent_messages: 1,
    });
    expect(await domains()).toEqual(before);
  });

  it('deletes old runs of no ticket, old checklist fires but the latest of each, and old delivered messages', async () => {
    await plant();
    const events = await db().prisma.auditEvent.count();
    expect(await prune(db().prisma, POLICY, NOW)).toEqual({
      mailtest_runs: 2,
      checklist_fires: 2,
      sent_messages: 1,
    });
    expect(await domains()).toEqual(['evidence.gov.my', 'recent.gov.my', 'still-running.gov.my']);
    const fires = await db().prisma.schedulerRun.findMany({ orderBy: { fireAt: 'asc' } });
    expect(fires.map((f) => [f.task, Math.round((NOW.getTime() - f.fireAt.getTime()) / DAY)])).toEqual([
      ['daily-checklist@0 9 * * *', 700],
      ['daily-checklist@0 8 1 1 *', 600],
      ['daily-checklist@0 9 * * *', 500],
      ['escalate-overdue', 450],
      ['daily-checklist@30 7 * * *', 1],
    ]);
    const messages = await db().prisma.outboxMessage.findMany({ where: { kind: 'planted' } });
    expect(messages.map((m) => m.status).sort()).toEqual(['dead', 'pending', 'sent']);
    // The ticket and its audit trail are untouched; a second clean-up finds nothing more.
    expect(await db().prisma.ticket.count({ where: { id: ticketId } })).toBe(1);
    expect(await db().prisma.auditEvent.count()).toBe(events);
    expect(await prune(db().prisma, POLICY, NOW)).toEqual({
      mailtest_runs: 0,
      checklist_fires: 0,
      sent_messages: 0,
    });
  });

  it('deletes in batches until nothing old is left, and stops between batches when asked', async () => {
    await db().prisma.mailtestRun.createMany({
      data: Array.from({ length: 2_345 }, (_, i) => ({
        domain: `d${i}.gov.my`,
        requestedBy: 'aminah',
        requestedByName: 'Aminah',
        via: 'cli',
        startedAt: ago(500),
        status: 'done',
      })),
    });
    const stopped = new AbortController();
    stopped.abort();
    expect((await prune(db().prisma, POLICY, NOW, { signal: stopped.signal })).mailtest_runs).toBe(0);
    expect((await prune(db().prisma, POLICY, NOW)).mailtest_runs).toBe(2_345);
    expect(await db().prisma.mailtestRun.count({ where: { ticketId: null } })).toBe(0);
  });
});

describeEachDatabase('retention in mailops serve', (suite) => {
  const db = useTestDatabase(() => suite.create());

  it('runs the clean-up on its schedule, with the scheduler on', async () => {
    // The sample configuration, cleaned up every second instead of at 3:15 in the morning.
    const sample = readFileSync(SAMPLE_CONFIG_PATH, 'utf8');
    const yaml = sample.replace('cron: "15 3 * * *"', 'cron: "* * * * * *"');
    expect(yaml).not.toBe(sample);
    const loaded = loadConfig({
      MAILOPS_CONFIG: writeConfig(yaml),
      PORT: String(await freePort()),
      MAILOPS_SCHEDULER: 'on',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const longAgo = new Date(Date.now() - 500 * DAY);
    await db().prisma.mailtestRun.create({
      data: {
        domain: 'lama.gov.my',
        requestedBy: 'aminah',
        requestedByName: 'Aminah',
        via: 'slack',
        startedAt: longAgo,
        status: 'done',
      },
    });
    const logger = createMemoryLogger();
    const app = await startApp({
      config: loaded.config,
      logger,
      version: 'test',
      database: db(),
      ...offlineChecks(loaded.config),
      playground: true,
    });
    try {
      await expect.poll(() => db().prisma.mailtestRun.count({ where: { domain: 'lama.gov.my' } })).toBe(0);
      expect(await db().prisma.schedulerRun.count({ where: { task: 'prune' } })).toBeGreaterThan(0);
      // Then the embedded database, which has no autovacuum, gives back the space (src/db/reclaim.ts).
      const vacuumed = () => logger.lines.filter((l) => l.includes('embedded database vacuumed')).length;
      if (suite.kind === 'pglite') await expect.poll(vacuumed).toBeGreaterThan(0);
      else expect(vacuumed()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
