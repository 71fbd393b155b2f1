import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { ERROR_CODES } from '../../src/errors.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { describeEachDatabase, type TestDatabase, tempDir } from '../support/databases.ts';
import { freePort } from '../support/free-port.ts';
import { messageActivity } from '../support/teams/activities.ts';
import { createBotClient, unsignedJwt } from '../support/teams/bot-client.ts';
import { TENANT } from '../support/teams/tenant.ts';

// Who may talk to /api/messages. With the TEAMS_ credentials set, only requests carrying a Bot Framework
// token for this app reach a turn: none, garbage, a token for another app or another scheme get 401 and
// change nothing. Teams without credentials (the playground's anonymous mode) is refused in production.
// No test sends a well-formed token for our own audience: the SDK would fetch signing keys from Microsoft.

const CLIENT_ID = TENANT.appId;

function config(env: Record<string, string>) {
  const dir = tempDir('teams-auth');
  writeFileSync(
    join(dir, 'mailops.yaml'),
    [
      'people:',
      '  - { id: aminah, name: Aminah, email: a@agensi.gov.my, roles: [requester] }',
      '  - { id: rahman, name: Rahman, email: r@agensi.gov.my, roles: [manager] }',
      '  - { id: rosli, name: Rosli, email: rosli@jdn.gov.my, roles: [approver] }',
      '  - { id: hafiz, name: Hafiz, email: h@soc.example, roles: [soc, vendor, service_desk, admin] }',
      '',
    ].join('\n'),
  );
  const loaded = loadConfig({ MAILOPS_CONFIG: join(dir, 'mailops.yaml'), MAILOPS_SCHEDULER: 'off', ...env });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

describeEachDatabase('Teams: tokens on /api/messages', (suite) => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof startApp>>;
  let url: string;
  beforeAll(async () => {
    db = await suite.create();
    const port = await freePort();
    app = await startApp({
      config: config({
        PORT: String(port),
        TEAMS_CLIENT_ID: CLIENT_ID,
        TEAMS_CLIENT_SECRET: 'not-used-by-these-tests',
        TEAMS_TENANT_ID: TENANT.tenantId,
      }),
      logger: createMemoryLogger(),
      version: 'test',
      database: db,
    });
    url = `http://127.0.0.1:${port}/api/messages`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  const hello = () =>
    messageActivity({
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      from: TENANT.users.aminah,
      text: 'help',
    });

  it('refuses a request with no token, a garbage token, another app’s token or another scheme, and keeps nothing', async () => {
    const bot = createBotClient({ url });
    const otherApp = unsignedJwt({
      aud: '11111111-2222-3333-4444-555555555555',
      iss: 'https://api.botframework.com',
    });
    const answers = [
      await bot.send(hello(), { auth: 'none' }),
      await bot.send(hello(), { auth: 'garbage' }),
      await bot.send(hello(), { auth: { token: otherApp } }),
      await bot.sendRaw(JSON.stringify(hello()), { authorization: 'Basic YWRtaW46YWRtaW4=' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    for (const a of answers) expect(a.body).not.toContain('not-used-by-these-tests');
    expect(await db.prisma.conversationRef.count()).toBe(0);
  });

  it('refuses what is not a JSON activity before looking at tokens', async () => {
    const bot = createBotClient({ url });
    expect((await bot.sendRaw('not json')).status).toBe(400);
    expect((await bot.sendRaw('{}', { contentType: 'text/plain' })).status).toBe(415);
  });
});

describeEachDatabase('Teams without credentials', (suite) => {
  it('is refused in production, naming the variables to set', async () => {
    const db = await suite.create();
    try {
      // A production configuration is valid only with chat credentials (src/config/env.ts); the anonymous
      // Teams of the playground is still refused when it is asked for.
      const production = config({
        NODE_ENV: 'production',
        PORT: String(await freePort()),
        TEAMS_CLIENT_ID: CLIENT_ID,
        TEAMS_CLIENT_SECRET: 'not-used-by-these-tests',
        TEAMS_TENANT_ID: TENANT.tenantId,
      });
      const error = await startApp({
        config: production,
        logger: createMemoryLogger(),
        version: 'test',
        database: db,
        teamsAnonymous: true,
      }).then(
        () => {
          throw new Error('started');
        },
        (e: unknown) => e as { code: string; hint: string },
      );
      expect(error.code).toBe(ERROR_CODES.CONFIG_INVALID);
      expect(error.hint).toMatch(/TEAMS_CLIENT_ID/);
    } finally {
      await db.cleanup();
    }
  });
});
