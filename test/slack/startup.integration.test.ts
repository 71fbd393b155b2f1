import { afterAll, beforeAll, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors.ts';
import { describeEachDatabase, type TestDatabase } from '../support/databases.ts';
import { WORKSPACE } from '../support/slack/workspace.ts';
import { startSlackWorld } from '../support/slack-world.ts';

// A token Slack no longer accepts stops mailops at start with a coded error naming the variable, rather
// than a bot that runs and never hears anything: the bot token through auth.test, the Socket Mode app
// token through apps.connections.open (which Bolt's client would otherwise retry for ever, silently).

describeEachDatabase('Slack: tokens checked at start', (suite) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await suite.create();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('mailops started with a token Slack refused');
      },
      (error: unknown) => error as Error & { code: string; hint?: string },
    );

  it('refuses to start when Slack rejects the bot token, naming SLACK_BOT_TOKEN and not its value', async () => {
    const error = await refusal(
      startSlackWorld(db, {
        beforeStart: (api) => api.failNext('auth.test', { kind: 'slack_error', error: 'token_revoked' }),
      }),
    );
    expect(error.code).toBe(ERROR_CODES.SLACK_AUTH_FAILED);
    expect(error.message).toBe('Slack did not accept SLACK_BOT_TOKEN (auth.test: token_revoked)');
    expect(error.hint).toMatch(
      /^check SLACK_BOT_TOKEN and that http:\/\/127\.0\.0\.1:\d+\/api\/ is reachable/,
    );
    expect(`${error.message} ${error.hint}`).not.toContain(WORKSPACE.botToken);
  });

  it('refuses to start in Socket Mode when Slack rejects the app token', async () => {
    const error = await refusal(
      startSlackWorld(db, {
        socketMode: true,
        beforeStart: (api) =>
          api.failNext('apps.connections.open', { kind: 'slack_error', error: 'invalid_auth' }),
      }),
    );
    expect(error.code).toBe(ERROR_CODES.SLACK_AUTH_FAILED);
    expect(error.message).toBe('Slack did not accept SLACK_APP_TOKEN (apps.connections.open: invalid_auth)');
    expect(`${error.message} ${error.hint}`).not.toContain(WORKSPACE.appToken);
  });
});
