import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteDatabase, type TestDatabase } from '../support/databases.ts';
import { type PlaygroundWorld, rawRequest, startPlaygroundWorld } from '../support/playground-world.ts';

// The playground has no sign-in, and the browser of the person trying it runs every other site they visit
// on the same machine. What such a page can send, and what a DNS-rebound name reaches, is refused before it
// acts as anyone or posts as the bot: a body that is not JSON (a "simple" request, no preflight), a request
// whose browser names another origin or site, and a Host that is not one of the playground's own names.
// The page itself and the bot's own calls pass (the whole walk in page-api.integration.test.ts).

const APPROVALS = '19:playground-approvals@thread.tacv2';
const CHAT = 'a:playground-aminah';
const say = (text: string) => JSON.stringify({ as: 'aminah', conversation: CHAT, text, lang: 'en' });
const PHISHING = JSON.stringify({
  type: 'message',
  from: { id: '28:mailops-local', name: 'mailops' },
  text: 'Sila log masuk semula: http://mailops-verify.example/login',
});

describe('Playground: requests from other sites and other names', () => {
  let db: TestDatabase;
  let world: PlaygroundWorld;
  let own = '';
  const messages = () => db.prisma.playgroundMessage.count();

  beforeAll(async () => {
    db = await createPgliteDatabase();
    world = await startPlaygroundWorld(db);
    own = new URL(world.base).host;
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  it('refuses a body that is not JSON, as any page can POST without asking, on the API and the connector', async () => {
    const before = await messages();
    const send = await rawRequest(world.base, 'POST', '/playground/api/send', {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: say('/changerequest forged'),
    });
    expect(send.status).toBe(415);
    expect(send.body).toMatchObject({ error: { message: expect.stringContaining('application/json') } });
    const forged = await rawRequest(
      world.base,
      'POST',
      `/playground/connector/v3/conversations/${encodeURIComponent(APPROVALS)}/activities`,
      { headers: { 'content-type': 'text/plain' }, body: PHISHING },
    );
    expect(forged.status).toBe(415);
    expect(await messages()).toBe(before);
  });

  it('refuses a request whose browser says another site sent it, JSON or not', async () => {
    const before = await messages();
    const json = { 'content-type': 'application/json' };
    for (const headers of [
      { ...json, origin: 'https://evil.example' },
      { ...json, origin: 'null' },
      { ...json, origin: 'http://localhost:5173' },
      { ...json, 'sec-fetch-site': 'cross-site' },
    ]) {
      const sent = await rawRequest(world.base, 'POST', '/playground/api/send', { headers, body: say('hi') });
      expect(sent.status, JSON.stringify(headers)).toBe(403);
      const listed = await rawRequest(
        world.base,
        'GET',
        `/playground/api/messages?as=aminah&conversation=${CHAT}`,
        {
          headers,
        },
      );
      expect(listed.status, JSON.stringify(headers)).toBe(403);
    }
    const posted = await rawRequest(
      world.base,
      'POST',
      `/playground/connector/v3/conversations/${encodeURIComponent(APPROVALS)}/activities`,
      { headers: { ...json, origin: 'https://evil.example' }, body: PHISHING },
    );
    expect(posted.status).toBe(403);
    expect(await messages()).toBe(before);
    expect(world.logger.lines.some((l) => l.includes('refused a request from outside the playground'))).toBe(
      true,
    );
  });

  it('answers its own page: same origin, JSON, at a loopback name with its port', async () => {
    const sent = await rawRequest(world.base, 'POST', '/playground/api/send', {
      headers: {
        'content-type': 'application/json',
        origin: `http://${own}`,
        'sec-fetch-site': 'same-origin',
      },
      body: say('help'),
    });
    expect(sent).toEqual({ status: 200, body: { ok: true } });
    const port = new URL(world.base).port;
    for (const host of [`localhost:${port}`, `[::1]:${port}`, own]) {
      const setup = await rawRequest(world.base, 'GET', '/playground/api/setup?lang=en', {
        headers: { host },
      });
      expect(setup.status, host).toBe(200);
    }
  });

  it('answers its page opened through a tunnel (ssh -L 39793:127.0.0.1:<port>): its Host and Origin at another port', async () => {
    const host = `localhost:${Number(new URL(world.base).port) + 1}`;
    const headers = { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' };
    const setup = await rawRequest(world.base, 'GET', '/playground/api/setup?lang=en', { headers });
    expect(setup.status).toBe(200);
    const sent = await rawRequest(world.base, 'POST', '/playground/api/send', {
      headers: { ...headers, 'content-type': 'application/json' },
      body: say('help'),
    });
    expect(sent).toEqual({ status: 200, body: { ok: true } });
    const elsewhere = await rawRequest(world.base, 'POST', '/playground/api/send', {
      headers: {
        ...headers,
        origin: `http://localhost:${new URL(world.base).port}`,
        'content-type': 'application/json',
      },
      body: say('help'),
    });
    expect(elsewhere.status).toBe(403);
  });

  it('answers nothing at a name that is not its own, as a DNS-rebound page would use', async () => {
    const port = new URL(world.base).port;
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`]) {
      const setup = await rawRequest(world.base, 'GET', '/playground/api/setup?lang=en', {
        headers: { host },
      });
      expect(setup.status, host).toBe(403);
      expect(setup.body).toMatchObject({
        error: {
          message: `The playground does not answer at ${host}. Open it at the address npm start printed, or list that name in MAILOPS_PLAYGROUND_HOSTS.`,
        },
      });
      const ms = await rawRequest(world.base, 'GET', '/playground/api/setup', { headers: { host } });
      expect(ms.body).toMatchObject({
        error: {
          message: `Taman permainan ini tidak menjawab di ${host}. Bukanya di alamat yang dicetak oleh npm start, atau senaraikan nama itu dalam MAILOPS_PLAYGROUND_HOSTS.`,
        },
      });
      expect((await rawRequest(world.base, 'GET', '/', { headers: { host } })).status, host).toBe(403);
      const sent = await rawRequest(world.base, 'POST', '/playground/api/send', {
        headers: { host, 'content-type': 'application/json' },
        body: say('hi'),
      });
      expect(sent.status, host).toBe(403);
    }
  });
});

describe('Playground: names the operator lists', () => {
  let db: TestDatabase;
  let world: PlaygroundWorld;

  beforeAll(async () => {
    db = await createPgliteDatabase();
    world = await startPlaygroundWorld(db, undefined, {
      MAILOPS_PLAYGROUND_HOSTS: ' Mailops-Test.Agensi.Example , playground.example:8443',
    });
  });
  afterAll(async () => {
    await world?.close();
    await db?.cleanup();
  });

  // A test server reached by its name (HOST=0.0.0.0 and a DNS name, or a reverse proxy's name): answered
  // at the names MAILOPS_PLAYGROUND_HOSTS lists, at any port when the name has none, and nowhere else.
  it('answers at a listed name, and still refuses every other', async () => {
    const port = new URL(world.base).port;
    const at = async (host: string) =>
      (await rawRequest(world.base, 'GET', '/playground/api/setup?lang=en', { headers: { host } })).status;
    expect(await at(`mailops-test.agensi.example:${port}`)).toBe(200);
    expect(await at('mailops-test.agensi.example')).toBe(200);
    expect(await at('playground.example:8443')).toBe(200);
    expect(await at('playground.example:9000')).toBe(403);
    expect(await at(`other.agensi.example:${port}`)).toBe(403);
    const sent = await rawRequest(world.base, 'POST', '/playground/api/send', {
      headers: {
        host: `mailops-test.agensi.example:${port}`,
        origin: `http://mailops-test.agensi.example:${port}`,
        'content-type': 'application/json',
      },
      body: say('help'),
    });
    expect(sent.status).toBe(200);
  });
});
