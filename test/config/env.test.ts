import { describe, expect, it } from 'vitest';
import { describeConfigVariables, SAMPLE_CONFIG_PATH } from '../../src/config/index.ts';
import { load, loadEnv, MINIMAL_YAML, problemsOf } from './fixture.ts';

const PLAYGROUND_REFUSED =
  'env SLACK_BOT_TOKEN, TEAMS_CLIENT_ID: NODE_ENV=production needs Slack (SLACK_BOT_TOKEN, …) or Teams ' +
  '(TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID) credentials: the local playground is refused in production';
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-abc' };
/** What `mailops serve` and `config check` ask of loadConfig. */
const SERVING = { serving: true };
const TEAMS = {
  TEAMS_CLIENT_ID: '6f1c1f44-32a4-4c3c-9a55-1d1f1f1f1f1f',
  TEAMS_CLIENT_SECRET: 'not-used',
  TEAMS_TENANT_ID: '7a2d2f55-43b5-4d4d-8b66-2e2e2e2e2e2e',
};

describe('environment variables', () => {
  it('take documented defaults when unset or empty', () => {
    const result = load(MINIMAL_YAML, { PORT: '', HOST: '' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { config } = result;
    expect(config.server).toEqual({ host: '127.0.0.1', port: 3978, playgroundHosts: [] });
    expect(config.dataDir).toBe('/srv/mailops/data');
    expect(config.database).toEqual({ kind: 'pglite' });
    expect(config.runtime).toEqual({
      nodeEnv: null,
      production: false,
      instanceId: 'desk1-42',
      logLevel: 'info',
      defaultLocale: 'ms',
    });
    expect(config.outbox).toEqual({ retryHours: 72, baseDelayMs: 1000 });
    expect(config.scheduler).toEqual({ enabled: true, escalationCron: '*/5 * * * *', catchUpMinutes: 240 });
    expect(config.platforms).toEqual({ slack: null, teams: null });
  });

  it('are read when given', () => {
    const result = load(MINIMAL_YAML, {
      PORT: '8080',
      HOST: '0.0.0.0',
      MAILOPS_PLAYGROUND_HOSTS: 'Mailops-Test.agensi.example, mailops-test:3978',
      MAILOPS_DATA_DIR: '/var/lib/mailops',
      DATABASE_URL: 'postgresql://mailops:pw@db.internal:5432/mailops',
      MAILOPS_LOG_LEVEL: 'debug',
      MAILOPS_DEFAULT_LOCALE: 'en',
      MAILOPS_OUTBOX_RETRY_HOURS: '5',
      MAILOPS_OUTBOX_BASE_DELAY_MS: '250',
      MAILOPS_SCHEDULER: 'off',
      MAILOPS_INSTANCE_ID: 'replica-2',
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { config } = result;
    expect(config.server).toEqual({
      host: '0.0.0.0',
      port: 8080,
      playgroundHosts: ['mailops-test.agensi.example', 'mailops-test:3978'],
    });
    expect(config.dataDir).toBe('/var/lib/mailops');
    expect(config.database.kind).toBe('postgres');
    expect(config.runtime.logLevel).toBe('debug');
    expect(config.runtime.instanceId).toBe('replica-2');
    expect(config.outbox).toEqual({ retryHours: 5, baseDelayMs: 250 });
    expect(config.scheduler.enabled).toBe(false);
    // People without a locale take the default one.
    expect(config.people.every((p) => p.locale === 'en')).toBe(true);
  });

  it('list every invalid variable at once, with its name', () => {
    const problems = problemsOf(
      load(MINIMAL_YAML, {
        PORT: '70000',
        HOST: 'not a host',
        MAILOPS_PLAYGROUND_HOSTS: 'mailops-test, https://mailops-test/',
        MAILOPS_LOG_LEVEL: 'verbose',
        MAILOPS_DEFAULT_LOCALE: 'fr',
        MAILOPS_OUTBOX_RETRY_HOURS: 'many',
        MAILOPS_SCHEDULER: 'yes',
        MAILOPS_INSTANCE_ID: 'a b',
      }),
    );
    expect(problems).toEqual([
      'env PORT: must be 1–65535',
      'env HOST: must be an IP address or a host name',
      'env MAILOPS_PLAYGROUND_HOSTS: must be host names separated by commas, e.g. mailops-test.agensi.gov.my,mailops-test:3978',
      'env MAILOPS_LOG_LEVEL: must be one of debug, info, warn, error',
      'env MAILOPS_DEFAULT_LOCALE: must be one of ms, en',
      'env MAILOPS_OUTBOX_RETRY_HOURS: must be 1–720',
      'env MAILOPS_SCHEDULER: must be one of on, off',
      'env MAILOPS_INSTANCE_ID: must be 1–128 of A-Z a-z 0-9 . _ -',
    ]);
  });

  it('report environment and file problems together', () => {
    const problems = problemsOf(load('people: []\n', { PORT: '0' }));
    expect(problems).toContain('env PORT: must be 1–65535');
    expect(problems).toContain('people: must name at least one person');
  });

  it('require a configuration file and, to serve, chat credentials in production, listed together', () => {
    expect(problemsOf(loadEnv({ NODE_ENV: 'production' }, SERVING))).toEqual([
      'env MAILOPS_CONFIG: required when NODE_ENV=production (the bundled sample is demo data)',
      PLAYGROUND_REFUSED,
    ]);
  });

  it('refuse the playground when serving in production: no Slack or Teams credentials is a problem of the configuration', () => {
    expect(problemsOf(load(MINIMAL_YAML, { NODE_ENV: 'production' }, SERVING))).toEqual([PLAYGROUND_REFUSED]);
    expect(load(MINIMAL_YAML, { NODE_ENV: 'production', ...SLACK }, SERVING).ok).toBe(true);
    expect(load(MINIMAL_YAML, { NODE_ENV: 'production', ...TEAMS }, SERVING).ok).toBe(true);
    expect(load(MINIMAL_YAML, { NODE_ENV: 'staging' }, SERVING).ok).toBe(true);
  });

  it('refuse the bundled demo configuration named explicitly when serving in production', () => {
    const problems = problemsOf(
      loadEnv({ NODE_ENV: 'production', MAILOPS_CONFIG: SAMPLE_CONFIG_PATH, ...SLACK }, SERVING),
    );
    expect(problems).toEqual([
      `env MAILOPS_CONFIG: ${SAMPLE_CONFIG_PATH} is the bundled demo configuration; NODE_ENV=production needs the agency's own file`,
    ]);
  });

  it('ask nothing of chat in production for the commands that do not serve it (a migration job, audit verify)', () => {
    expect(load(MINIMAL_YAML, { NODE_ENV: 'production' }).ok).toBe(true);
    expect(loadEnv({ NODE_ENV: 'production', MAILOPS_CONFIG: SAMPLE_CONFIG_PATH }).ok).toBe(true);
    expect(problemsOf(loadEnv({ NODE_ENV: 'production' }))).toEqual([
      'env MAILOPS_CONFIG: required when NODE_ENV=production (the bundled sample is demo data)',
    ]);
  });

  it('warn about a variable mailops no longer reads, naming what replaced it, rather than ignore it', () => {
    const result = load(MINIMAL_YAML, { MAILOPS_OUTBOX_MAX_ATTEMPTS: '10' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.warnings).toContain(
      'env MAILOPS_OUTBOX_MAX_ATTEMPTS: is no longer read, so its value is ignored (the outbox retries a failing ' +
        'message for a number of hours, not of attempts); set MAILOPS_OUTBOX_RETRY_HOURS instead (default 72) ' +
        'and remove MAILOPS_OUTBOX_MAX_ATTEMPTS',
    );
    const unset = load(MINIMAL_YAML, { MAILOPS_OUTBOX_MAX_ATTEMPTS: ' ' });
    if (!unset.ok) throw new Error(unset.problems.join('\n'));
    expect(unset.warnings.join('\n')).not.toContain('MAILOPS_OUTBOX_MAX_ATTEMPTS');
  });

  it('need Slack credentials that work together', () => {
    expect(problemsOf(load(MINIMAL_YAML, { SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }))).toEqual([
      'env SLACK_BOT_TOKEN: needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
    ]);
    expect(problemsOf(load(MINIMAL_YAML, { SLACK_APP_TOKEN: 'xapp-1-abc' }))).toEqual([
      'env SLACK_APP_TOKEN: is set but SLACK_BOT_TOKEN is not',
    ]);
    const ok = load(MINIMAL_YAML, { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(ok.ok && ok.config.platforms.slack?.signingSecret).toBeNull();
  });

  it('need all three Teams variables or none', () => {
    expect(
      problemsOf(load(MINIMAL_YAML, { TEAMS_CLIENT_ID: '6f1c1f44-32a4-4c3c-9a55-1d1f1f1f1f1f' })),
    ).toEqual([
      'env TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID: must be set together with the other TEAMS_ variables',
    ]);
  });
});

describe('describeConfigVariables', () => {
  it('documents every variable with a meaning, and marks the secrets', () => {
    const variables = describeConfigVariables();
    const names = variables.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining(['PORT', 'HOST', 'MAILOPS_CONFIG', 'DATABASE_URL', 'NODE_ENV']),
    );
    expect(variables.every((v) => v.meaning.length > 10)).toBe(true);
    const secrets = variables.filter((v) => v.secret).map((v) => v.name);
    expect(secrets).toEqual([
      'DATABASE_URL',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_APP_TOKEN',
      'TEAMS_CLIENT_ID',
      'TEAMS_CLIENT_SECRET',
      'TEAMS_TENANT_ID',
    ]);
    expect(variables.find((v) => v.name === 'PORT')?.default).toBe('3978');
  });
});
