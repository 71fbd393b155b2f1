import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import type { Finding } from '../../src/mail/types.ts';
import { createPgliteDatabase, type TestDatabase, tempDir } from '../support/databases.ts';
import type { DeliveryWorld } from '../support/delivery-world/index.ts';
import {
  agencyCannotReceive,
  deliveryConfigYaml,
  probePasswords,
  startWorldWhenFree,
} from '../support/delivery-world/probe-side.ts';
import { freePort } from '../support/free-port.ts';
import { createHarness } from '../support/harness.ts';
import { until } from '../support/slack-world.ts';

// Stopping mailops as an operator does (SIGTERM → close()) while a complaint's investigation (SOP 4.2 step 3)
// waits for a probe that agency.test's Postfix holds back (`defer_transports`, as a busy or greylisting
// server would): the stop takes seconds rather than the probe's deadline, the job is handed back uncounted
// with nothing recorded on the ticket, and the next start runs it once to the end. The pieces are tested on
// their own (worker, probe, scheduler); this holds the order in which close() tells them.

let world: DeliveryWorld;
let db: TestDatabase;

beforeAll(async () => {
  world = await startWorldWhenFree();
  db = await createPgliteDatabase();
}, 300_000);

afterAll(async () => {
  await db?.close();
  await world?.close();
});

/** Probes wait up to two minutes: a stop that waited for them would show. */
const DEADLINE_SECONDS = 120;

async function startMailops(dir: string) {
  const config = join(dir, 'mailops.yaml');
  writeFileSync(config, deliveryConfigYaml(world, { deadlineSeconds: DEADLINE_SECONDS }));
  const loaded = loadConfig({
    MAILOPS_CONFIG: config,
    MAILOPS_DATA_DIR: join(dir, 'data'),
    PORT: String(await freePort()),
    MAILOPS_SCHEDULER: 'off',
    ...probePasswords(world),
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const logger = createMemoryLogger();
  const app = await startApp({ config: loaded.config, logger, version: 'test', database: db });
  return { app, logger };
}

describe('stopping mailops while a complaint is investigated', () => {
  it('takes seconds, hands the job back uncounted, and the next start investigates once', async () => {
    const dir = tempDir('mailops-stop-');
    const h = createHarness(db);
    const first = await startMailops(dir);
    await world.postconf('agency', { defer_transports: 'lmtp' });
    const opened = await h.tickets.submit(
      agencyCannotReceive(world, ''),
      h.actorFor('submit_complaint'),
      `submit-${crypto.randomUUID()}`,
    );
    if (opened.status !== 'applied') throw new Error(JSON.stringify(opened));
    const run = () => db.prisma.mailtestRun.findFirstOrThrow({ where: { ticketId: opened.ticket.id } });
    first.app.investigation?.wake();

    // The inbound probe is in agency.test's queue: the bot is waiting for it.
    await until(
      () =>
        world
          .postfixLog(world.domains.agency)
          .some((l) => l.fields.status === 'deferred' && l.fields.to === world.mailboxes.agencyProbe.user),
      'the inbound probe deferred by agency.test',
      60_000,
    );
    expect(await run()).toMatchObject({ status: 'running', attempts: 1 });
    const stopping = Date.now();
    await first.app.close();
    // Not the two minutes of the probe's deadline (the bound is generous for a loaded CI machine).
    expect(Date.now() - stopping).toBeLessThan(30_000);

    expect(await run()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(first.logger.lines.join('\n')).toContain('investigation checks stopped with mailops');
    const recorded = () =>
      db.prisma.handledAction.count({
        where: { key: { startsWith: 'investigation:' }, ticketId: opened.ticket.id },
      });
    expect(await recorded()).toBe(0);

    // The administrator's queue is unblocked; the next start takes the job and sees it through.
    await world.postconf('agency', { defer_transports: '' });
    const second = await startMailops(dir);
    try {
      second.app.investigation?.wake();
      await until(async () => (await recorded()) === 1, 'the investigation recorded on the ticket', 90_000);
      const done = await run();
      expect(done).toMatchObject({ status: 'done', attempts: 1 });
      const findings = done.findings as unknown as Finding[];
      expect(findings.filter((f) => f.check === 'delivery.inbound').map((f) => f.verdict)).toEqual(['pass']);
      expect(await db.prisma.mailtestRun.count({ where: { ticketId: opened.ticket.id } })).toBe(1);
    } finally {
      await second.app.close();
    }
  }, 240_000);
});
