import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, SAMPLE_CONFIG_PATH } from '../../src/config/index.ts';
import { directoryFromConfig } from '../../src/directory/from-config.ts';
import { createHttpServer, listen } from '../../src/http/server.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { createChannel } from '../../src/platform/playground/channel.ts';
import { createMessageStore } from '../../src/platform/playground/message-store.ts';
import { pageApiRoutes } from '../../src/platform/playground/page-api.ts';
import { playgroundWorkspace } from '../../src/platform/playground/workspace.ts';
import { systemClock } from '../../src/time.ts';
import { createPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import { freePort } from '../support/free-port.ts';

// The page's API when the bot does not answer: its /api/messages holds the request past the wait Teams
// gives an invoke, or nothing listens there. The person is told with the page's sentence and a reference
// the server log also has (502), never the server's bare 500; a card whose refresh fails shows as posted.

const WAIT_MS = 200;
const CHAT = 'a:playground-aminah';
const CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'As posted' }],
  refresh: { action: { type: 'Action.Execute', verb: 'refresh', data: {} } },
};

describe('Playground: a bot that does not answer', () => {
  let db: TestDatabase;
  let silentBot: Server;
  let base = '';
  let close: () => Promise<void>;
  const logger = createMemoryLogger();
  let botUrl = '';

  beforeAll(async () => {
    const loaded = loadConfig({ MAILOPS_CONFIG: SAMPLE_CONFIG_PATH });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    db = await createPgliteDatabase();
    silentBot = createServer(() => {});
    await new Promise<void>((done) => silentBot.listen(0, '127.0.0.1', done));
    const workspace = playgroundWorkspace(loaded.config);
    const store = createMessageStore(db.prisma);
    const channel = createChannel({
      workspace,
      store,
      botUrl: () => botUrl,
      serviceUrl: () => 'http://127.0.0.1:1/playground/connector/',
      botTimeoutMs: WAIT_MS,
    });
    const routes = pageApiRoutes({
      workspace,
      directory: directoryFromConfig(loaded.config),
      db: db.prisma,
      store,
      channel,
      logger,
      clock: systemClock,
      events: new EventEmitter(),
    });
    const server = await listen(createHttpServer(routes, logger), 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
    close = server.close;
    await store.post({
      conversationId: CHAT,
      activity: {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }],
      },
      fromBot: true,
      fromName: 'mailops',
      id: '1000',
    });
  });
  afterAll(async () => {
    await close?.();
    silentBot?.closeAllConnections();
    silentBot?.close();
    await db?.cleanup();
  });

  const post = async (path: string, body: object) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
  };
  const loggedFailure = (reference: string) =>
    logger.lines.map((l) => JSON.parse(l)).find((l) => l.reference === reference);

  it('answers a message the bot never answers with 502, the page’s sentence and a reference in the log', async () => {
    botUrl = `http://127.0.0.1:${(silentBot.address() as { port: number }).port}/api/messages`;
    const sent = await post('/playground/api/send', { as: 'aminah', conversation: CHAT, text: 'hi' });
    expect(sent.status).toBe(502);
    const reference = /Rujukan: (\w{8})\./.exec(sent.body.error?.message ?? '')?.[1];
    expect(sent.body.error?.message).toContain('Bot tidak menjawab');
    expect(loggedFailure(reference!)).toMatchObject({ why: `no answer within ${WAIT_MS} ms` });
  });

  it('answers a click when nothing listens at the bot’s address with 502 and the reason in the log', async () => {
    botUrl = `http://127.0.0.1:${await freePort()}/api/messages`;
    const clicked = await post('/playground/api/action', {
      as: 'aminah',
      conversation: CHAT,
      messageId: '1000',
      verb: 'refresh',
      data: {},
      lang: 'en',
    });
    expect(clicked.status).toBe(502);
    const reference = /Reference: (\w{8})\./.exec(clicked.body.error?.message ?? '')?.[1];
    expect(loggedFailure(reference!)?.why).toMatch(/^unreachable: /);
  });

  it('lists the conversation with the card as posted when its refresh gets no answer', async () => {
    botUrl = `http://127.0.0.1:${(silentBot.address() as { port: number }).port}/api/messages`;
    const res = await fetch(`${base}/playground/api/messages?as=aminah&conversation=${CHAT}&lang=en`);
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: { id: string; card?: unknown }[] };
    expect(messages.find((m) => m.id === '1000')?.card).toEqual(CARD);
  });
});
