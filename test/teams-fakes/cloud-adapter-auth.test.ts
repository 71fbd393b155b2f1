import {
  AgentApplication,
  CloudAdapter,
  OutboundHostValidator,
  type TurnState,
} from '@microsoft/agents-hosting';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messageActivity } from '../support/teams/activities.ts';
import { createBotClient, unsignedJwt } from '../support/teams/bot-client.ts';
import { type FakeConnector, startFakeConnector } from '../support/teams/fake-connector.ts';
import { serveAdapter } from '../support/teams/serve-adapter.ts';
import { TENANT } from '../support/teams/tenant.ts';

// With a client id configured the SDK's JWT middleware guards the endpoint: no token, a token that is not a
// JWT, or a JWT for another audience gets 401 before any turn runs, and nothing reaches the connector.
// Also what the node:http glue itself refuses before the SDK sees a request.

let connector: FakeConnector;
let url: string;
let anonymousUrl: string;
const closers: Array<() => Promise<void>> = [];
let turns = 0;

async function serve(auth: { clientId?: string; tenantId?: string }) {
  const adapter = new CloudAdapter(
    auth,
    undefined,
    undefined,
    undefined,
    new OutboundHostValidator({ enabled: false }),
  );
  const app = new AgentApplication<TurnState>({ adapter });
  app.onActivity('message', async (context) => {
    turns += 1;
    await context.sendActivity('ok');
  });
  const server = await serveAdapter(adapter, (context) => app.run(context));
  closers.push(server.close);
  return server.url;
}

beforeAll(async () => {
  connector = await startFakeConnector();
  url = await serve({ clientId: TENANT.appId, tenantId: TENANT.tenantId });
  anonymousUrl = await serve({});
});
beforeEach(() => {
  turns = 0;
  connector.calls.length = 0;
});
afterAll(async () => {
  for (const close of closers) await close();
  await connector.close();
});

const message = () =>
  messageActivity({ serviceUrl: connector.url, from: TENANT.users.aminah, text: 'status' });

describe('CloudAdapter with a client id, behind node:http', () => {
  it('answers 401 to no token, a garbage token, a JWT for another bot or another scheme', async () => {
    const bot = createBotClient({ url });
    const otherBot = unsignedJwt({
      aud: '00000000-0000-4000-8000-000000000000',
      iss: 'https://api.botframework.com',
    });
    const answers = [
      await bot.send(message(), { auth: 'none' }),
      await bot.send(message(), { auth: 'garbage' }),
      await bot.send(message(), { auth: { token: otherBot } }),
      await bot.sendRaw(JSON.stringify(message()), { authorization: 'Basic bWFpbG9wczpzZWNyZXQ=' }),
    ];
    expect(answers.map((a) => [a.status, a.json])).toEqual([
      [401, { 'jwt-auth-error': 'authorization header not found' }],
      [401, { 'jwt-auth-error': 'invalid token' }],
      [401, { 'jwt-auth-error': 'Audience mismatch' }],
      [401, { 'jwt-auth-error': 'invalid authorization header' }],
    ]);
    expect(turns).toBe(0);
    expect(connector.calls).toEqual([]);
  });

  it('runs the same activity anonymously when no client id is configured', async () => {
    const response = await createBotClient({ url: anonymousUrl }).send(message());
    expect(response.status).toBe(200);
    expect(turns).toBe(1);
    expect(connector.callsTo('replyToActivity')).toHaveLength(1);
  });
});

describe('the node:http glue in front of CloudAdapter.process', () => {
  it('refuses what is not a JSON activity before the SDK sees it', async () => {
    const bot = createBotClient({ url: anonymousUrl });
    const status = async (body: string, contentType?: string) =>
      (await bot.sendRaw(body, { contentType })).status;
    expect(await status(JSON.stringify(message()), 'text/plain')).toBe(415);
    expect(await status('{"type":"message",')).toBe(400);
    expect(await status('[]')).toBe(400);
    // JSON but no activity: the SDK's zod parse throws, which the glue answers as the caller's fault.
    expect(await status('{}')).toBe(400);
    // An activity without a conversation id: process() itself answers 400.
    const { conversation: _, ...noConversation } = message();
    expect(await status(JSON.stringify(noConversation))).toBe(400);
    const get = await fetch(anonymousUrl);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(
      (await fetch(anonymousUrl.replace('/api/messages', '/api/other'), { method: 'POST' })).status,
    ).toBe(404);
    expect(turns).toBe(0);
    expect(connector.calls).toEqual([]);
  });
});
