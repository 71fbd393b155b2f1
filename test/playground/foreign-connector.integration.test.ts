import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAYGROUND_TENANT } from '../../src/platform/playground/workspace.ts';
import { createPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import { type PlaygroundWorld, rawRequest, startPlaygroundWorld } from '../support/playground-world.ts';

// In the playground the bot's /api/messages takes activities without a token. One naming another
// serviceUrl would have the bot answer there and keep that address as the person's conversation reference,
// so later cards for them (the manager's endorsement request) would go to whoever sent it. Such an activity
// is refused with nothing posted or stored, as is one sent under a name that is not the playground's.

const activity = (type: 'message' | 'conversationUpdate', person: string, serviceUrl: string) => ({
  type,
  id: `forged-${type}`,
  channelId: 'msteams',
  serviceUrl,
  ...(type === 'message' ? { text: 'help' } : { membersAdded: [{ id: '28:mailops-local' }] }),
  from: { id: `29:playground-${person}`, name: person, aadObjectId: `playground-${person}` },
  recipient: { id: '28:mailops-local', name: 'mailops' },
  conversation: { id: `a:playground-${person}`, conversationType: 'personal', tenantId: PLAYGROUND_TENANT },
  channelData: { tenant: { id: PLAYGROUND_TENANT } },
});

describe('Playground: activities for another connector', () => {
  let db: TestDatabase;
  let world: PlaygroundWorld;
  let attacker: Server;
  let attackerUrl = '';
  const received: string[] = [];
  const references = (person: string) =>
    db.prisma.conversationRef.findMany({ where: { conversationId: `a:playground-${person}` } });

  beforeAll(async () => {
    db = await createPgliteDatabase();
    world = await startPlaygroundWorld(db);
    attacker = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as { port: number }).port}/attacker/`;
  });
  afterAll(async () => {
    await world?.close();
    attacker?.closeAllConnections();
    attacker?.close();
    await db?.cleanup();
  });

  const postActivity = (body: object, headers: Record<string, string> = {}) =>
    rawRequest(world.base, 'POST', '/api/messages', {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses a message naming another serviceUrl: the bot answers nothing there and keeps the chat’s reference', async () => {
    const [before] = await references('aminah');
    expect(before?.serviceUrl).toBe(`${world.base}/playground/connector/`);
    const answer = await postActivity(activity('message', 'aminah', attackerUrl));
    expect(answer.status).toBe(403);
    expect(received).toEqual([]);
    expect(await references('aminah')).toEqual([before]);
    expect(world.logger.lines.some((l) => l.includes('refused an activity for another connector'))).toBe(
      true,
    );
  });

  it('refuses a forged install of the bot in a person’s chat, so later cards for them stay in the playground', async () => {
    const before = await references('rahman');
    const answer = await postActivity(activity('conversationUpdate', 'rahman', attackerUrl));
    expect(answer.status).toBe(403);
    expect(await references('rahman')).toEqual(before);
    expect(received).toEqual([]);
  });

  it('refuses an activity sent under another name even with the playground’s own connector (DNS rebinding)', async () => {
    const port = new URL(world.base).port;
    const own = activity('message', 'aminah', `${world.base}/playground/connector/`);
    const rebound = await postActivity(own, { host: `evil.example:${port}` });
    expect(rebound.status).toBe(403);
    const cross = await postActivity(own, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect((await postActivity(own)).status).toBe(200);
  });
});
