import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { VALID } from '../flows/fixtures.ts';
import { describeEachDatabase, useTestDatabase } from '../support/databases.ts';
import { createHarness } from '../support/harness.ts';
import { cli, EN } from './run-cli.ts';

// `mailops outbox` and `mailops outbox retry`: what the outbox could not deliver, and sending it again once
// the operator has fixed the cause (a channel the app was not in, an outage longer than the retry window).

describeEachDatabase('mailops outbox', (suite) => {
  const db = useTestDatabase(() => suite.create());
  const env = (): Record<string, string> =>
    suite.kind === 'postgres' ? { DATABASE_URL: db().location } : { MAILOPS_DATA_DIR: db().location };

  const handleOf = async () =>
    suite.kind === 'pglite' ? openDatabase({ dataDir: db().location, logger: createMemoryLogger() }) : db();

  it('lists what could not be delivered and queues it again, all or by id', async () => {
    const h = createHarness(db());
    const opened = await h.tickets.submit(VALID.submit_complaint, h.actorFor('submit_complaint'), 'ob-1');
    if (opened.status !== 'applied') throw new Error('submit');
    h.memory.failNext({ kind: 'permanent' });
    await h.dispatcher.drainOnce();
    const dead = await db().prisma.outboxMessage.findFirstOrThrow({ where: { status: 'dead' } });
    // PGlite serves one process: the harness's connection must be closed before the CLI opens the folder.
    if (suite.kind === 'pglite') await db().close();

    const ms = await cli(['outbox'], env());
    expect(ms.code).toBe(0);
    expect(ms.out).toMatch(/^Status\s+Platform\s+Bilangan$/m);
    expect(ms.out).toMatch(/^dead\s+memory\s+1$/m);
    expect(ms.out).toContain('Tidak dapat dihantar (1 terbaharu daripada 1):');
    expect(ms.out).toMatch(
      new RegExp(`^${dead.id}\\s+memory\\s+\\S+\\s+${opened.ticket.number}\\s+.*channel_not_found`, 'm'),
    );
    expect(ms.out).toContain('mailops outbox retry [id…]');
    const en = await cli(['outbox'], { ...env(), ...EN });
    expect(en.out).toContain('Not delivered (1 newest of 1):');

    expect(await cli(['outbox', 'resend'], env())).toMatchObject({ code: 2 });
    const badId = await cli(['outbox', 'retry', 'abc'], { ...env(), ...EN });
    expect(badId).toMatchObject({ code: 2 });
    expect(badId.err).toContain('not a message id (a UUID as mailops outbox lists them): abc');

    // A mistyped id, or one of a message already sent, queues nothing and says so: never a quiet "0 queued".
    const other = crypto.randomUUID();
    const sent = await handleOf().then(async (handle) => {
      const row = await handle.prisma.outboxMessage.findFirstOrThrow({ where: { status: 'sent' } });
      if (suite.kind === 'pglite') await handle.close();
      return row.id;
    });
    const unknown = await cli(['outbox', 'retry', other, sent, dead.id], env());
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(`tiada mesej dengan id ${other}`);
    expect(unknown.err).toContain(`mesej ${sent} bukan mesej yang tidak dapat dihantar (status sent)`);
    expect(unknown.err).toContain('Tiada mesej dimasukkan semula ke baris gilir');
    const retried = await cli(['outbox', 'retry', dead.id.toUpperCase()], { ...env(), ...EN });
    expect(retried).toMatchObject({
      code: 0,
      out: '1 messages queued again; mailops serve will deliver them.',
    });
    expect((await cli(['outbox', 'retry'], env())).out).toContain('0 mesej');

    const handle = await handleOf();
    const again = await handle.prisma.outboxMessage.findUniqueOrThrow({ where: { id: dead.id } });
    expect(again.status).toBe('pending');
    // Its retry window starts again at its next failure; when it was written stays as it was.
    expect(again.failingSince).toBeNull();
    expect(again.createdAt).toEqual(dead.createdAt);
    if (suite.kind === 'pglite') await handle.close();
  });
});
