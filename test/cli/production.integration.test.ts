import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MINIMAL_YAML, writeConfig } from '../config/fixture.ts';
import { tempDir } from '../support/databases.ts';
import { cli, EN } from './run-cli.ts';

// NODE_ENV=production needs Slack or Teams credentials only to serve chat: a migration job or an operator's
// `audit verify` runs where the chat secrets are not given, while serve refuses and config check lists it.

describe('mailops in production without chat credentials', () => {
  const dataDir = tempDir('production');
  const env = {
    ...EN,
    NODE_ENV: 'production',
    MAILOPS_CONFIG: writeConfig(MINIMAL_YAML),
    MAILOPS_DATA_DIR: dataDir,
    MAILOPS_SCHEDULER: 'off',
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, verifies the audit chain and lists tickets and the outbox', async () => {
    for (const args of [['db', 'migrate'], ['audit', 'verify'], ['tickets'], ['outbox']]) {
      const result = await cli(args, env);
      expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
    }
  }, 60_000);

  it('refuses to serve, and config check lists why, naming what to set', async () => {
    const refused = 'credentials: the local playground is refused in production';
    const serve = await cli(['serve'], env);
    expect(serve.code).toBe(1);
    expect(serve.err).toContain(refused);
    const check = await cli(['config', 'check'], env);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/^The configuration is invalid: 1 problem\(s\)\.$/m);
    expect(check.err).toContain('env SLACK_BOT_TOKEN, TEAMS_CLIENT_ID: NODE_ENV=production needs Slack');
  });
});
