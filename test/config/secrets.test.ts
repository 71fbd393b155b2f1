import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toSafeJSON } from '../../src/config/index.ts';
import { createMemoryLogger } from '../../src/log.ts';
import { load, MINIMAL_YAML, problemsOf } from './fixture.ts';

const SECRETS = {
  DATABASE_URL: 'postgresql://mailops:db-pass-4411@db.internal:5432/mailops',
  SLACK_BOT_TOKEN: 'xoxb-1111-2222-botsecret',
  SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
  SLACK_APP_TOKEN: 'xapp-1-appsecret',
  TEAMS_CLIENT_ID: '6f1c1f44-32a4-4c3c-9a55-1d1f1f1f1f1f',
  TEAMS_CLIENT_SECRET: 'teams~client~secret',
  TEAMS_TENANT_ID: '0b0b0b0b-1111-2222-3333-444444444444',
};
/** Whole values, and the database password alone (toSafeJSON shows the URL without it). */
const leaks = (text: string) =>
  [...Object.values(SECRETS), 'db-pass-4411'].filter((fragment) => text.includes(fragment));

describe('secrets in the configuration', () => {
  const result = load(MINIMAL_YAML, SECRETS);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const { config } = result;

  it('are available to the adapter that asks for them', () => {
    expect(config.platforms.slack?.botToken.reveal()).toBe(SECRETS.SLACK_BOT_TOKEN);
    expect(config.platforms.teams?.clientSecret.reveal()).toBe(SECRETS.TEAMS_CLIENT_SECRET);
    expect(config.database.kind === 'postgres' && config.database.url.reveal()).toBe(SECRETS.DATABASE_URL);
  });

  it('never appear in JSON, inspect, string conversion or the log', () => {
    const logger = createMemoryLogger();
    logger.info('config', { config });
    const printed = [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      `${config.platforms.slack?.botToken}`,
      logger.lines.join('\n'),
      JSON.stringify(toSafeJSON(config)),
    ];
    for (const text of printed) expect(leaks(text)).toEqual([]);
  });

  it('are summarised by toSafeJSON, keeping the database host', () => {
    const safe = toSafeJSON(config);
    expect(safe.database).toEqual({
      kind: 'postgres',
      url: 'postgresql://mailops:***@db.internal:5432/mailops',
    });
    expect(safe.platforms).toEqual({
      slack: { botToken: 'set', signingSecret: 'set', appToken: 'set' },
      teams: { clientId: 'set', clientSecret: 'set', tenantId: 'set' },
    });
  });

  it('are not echoed in problems about them', () => {
    const bad = {
      DATABASE_URL: 'mysql://root:hunter2-secret@db/x',
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_SIGNING_SECRET: 'not hex signing secret',
      SLACK_APP_TOKEN: 'xoxa-app-token-secret',
      TEAMS_CLIENT_ID: 'client-id-secret',
      TEAMS_CLIENT_SECRET: 'has spaces secret',
      TEAMS_TENANT_ID: 'tenant-secret',
    };
    const problems = problemsOf(load(MINIMAL_YAML, bad)).join('\n');
    expect(problems).toContain('env DATABASE_URL');
    expect(problems).toContain('env TEAMS_TENANT_ID');
    for (const value of Object.values(bad)) expect(problems).not.toContain(value);
    expect(problems).not.toContain('hunter2');
  });
});
