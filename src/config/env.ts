import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { type ConfigKey, type ConfigText, issueAt, zodMessage as m, say } from './messages.ts';
import { oneOf as mustBeOneOf } from './schema-parts.ts';
import { Secret } from './secret.ts';
import type { LogLevel, SlackCredentials, TeamsCredentials } from './types.ts';
import { defaultOf, readVariables, type VariableName } from './variables.ts';

// Environment variables → typed settings. Problems read `env NAME: …` and never contain the value of a
// secret (only what shape was expected), since they are printed at start-up and may reach a log. Their
// texts are catalog keys (messages.ts), rendered in the operator's language.

export interface EnvSettings {
  readonly port: number;
  readonly host: string;
  /** Names the playground answers at besides its own addresses (a DNS-rebinding guard, request-guard.ts). */
  readonly playgroundHosts: readonly string[];
  readonly dataDir: string;
  readonly databaseUrl: Secret | null;
  readonly configPath: string | null;
  readonly logLevel: LogLevel;
  readonly nodeEnv: string | null;
  readonly production: boolean;
  readonly defaultLocale: Locale;
  readonly outboxRetryHours: number;
  readonly outboxBaseDelayMs: number;
  readonly scheduler: boolean;
  readonly instanceId: string;
  readonly slack: SlackCredentials | null;
  readonly teams: TeamsCredentials | null;
}

export interface EnvContext {
  readonly cwd: string;
  readonly hostname: string;
  readonly pid: number;
}

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, m('config.env.range', { min, max }))
    .transform(Number)
    .refine((n) => n >= min && n <= max, m('config.env.range', { min, max }));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: mustBeOneOf(values) });
const pattern = (re: RegExp, expected: ConfigKey) => z.string().regex(re, m(expected));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SCHEMAS = {
  PORT: wholeNumber(1, 65535),
  HOST: pattern(/^[A-Za-z0-9.:_[\]-]+$/, 'config.env.host'),
  MAILOPS_PLAYGROUND_HOSTS: pattern(
    /^\s*[A-Za-z0-9.[\]:-]+(\s*,\s*[A-Za-z0-9.[\]:-]+)*\s*$/,
    'config.env.playground_hosts',
  ).optional(),
  MAILOPS_DATA_DIR: z.string(),
  DATABASE_URL: z.string().refine(isPostgresUrl, m('config.env.database_url')).optional(),
  MAILOPS_CONFIG: z.string().optional(),
  MAILOPS_LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error']),
  NODE_ENV: z.string().optional(),
  MAILOPS_DEFAULT_LOCALE: oneOf(LOCALES),
  MAILOPS_OUTBOX_RETRY_HOURS: wholeNumber(1, 720),
  MAILOPS_OUTBOX_BASE_DELAY_MS: wholeNumber(1, 3_600_000),
  MAILOPS_SCHEDULER: oneOf(['on', 'off']),
  MAILOPS_INSTANCE_ID: pattern(/^[A-Za-z0-9._-]{1,128}$/, 'config.env.instance_id'),
  SLACK_BOT_TOKEN: pattern(/^xoxb-\S+$/, 'config.env.slack_bot_token').optional(),
  SLACK_SIGNING_SECRET: pattern(/^[0-9a-f]{32,64}$/i, 'config.env.slack_signing_secret').optional(),
  SLACK_APP_TOKEN: pattern(/^xapp-\S+$/, 'config.env.slack_app_token').optional(),
  SLACK_API_URL: z.string().refine(isHttpUrlWithSlash, m('config.env.slack_api_url')),
  TEAMS_CLIENT_ID: pattern(GUID, 'config.env.guid').optional(),
  TEAMS_CLIENT_SECRET: pattern(/^\S+$/, 'config.env.no_spaces').optional(),
  TEAMS_TENANT_ID: pattern(GUID, 'config.env.guid').optional(),
} satisfies Record<VariableName, z.ZodType>;

type Parsed = { [K in VariableName]: z.output<(typeof SCHEMAS)[K]> };

function isHttpUrlWithSlash(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname.endsWith('/');
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The language of the configuration's problems, and of the CLI before a configuration loads:
 * MAILOPS_DEFAULT_LOCALE read as parseEnv reads it (trimmed, empty is unset); a value it would refuse gives
 * Malay, the service's language.
 */
export function localeOf(env: Readonly<Record<string, string | undefined>>): Locale {
  const value = readVariables(env).MAILOPS_DEFAULT_LOCALE;
  return value === 'en' || value === 'ms' ? value : 'ms';
}

export function defaultContext(): EnvContext {
  return { cwd: process.cwd(), hostname: hostname(), pid: process.pid };
}

export function parseEnv(
  env: Readonly<Record<string, string | undefined>>,
  ctx: EnvContext,
): { settings: EnvSettings | null; problems: ConfigText[] } {
  const raw = readVariables(env);
  const problems: ConfigText[] = [];
  const parsed = {} as Record<VariableName, unknown>;
  for (const name of Object.keys(SCHEMAS) as VariableName[]) {
    const fallback = name === 'MAILOPS_INSTANCE_ID' ? `${ctx.hostname}-${ctx.pid}` : defaultOf(name);
    const result = SCHEMAS[name].safeParse(raw[name] ?? fallback);
    if (result.success) parsed[name] = result.data;
    else problems.push(issueAt(result.error.issues[0]?.message ?? '', `env ${name}`));
  }
  const v = parsed as Parsed;
  const production = v.NODE_ENV === 'production';
  if (production) problems.push(...productionProblems(raw));
  problems.push(...credentialProblems(raw));
  if (problems.length > 0) return { settings: null, problems };

  return {
    problems,
    settings: {
      port: v.PORT,
      host: v.HOST,
      playgroundHosts: (v.MAILOPS_PLAYGROUND_HOSTS ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== ''),
      dataDir: resolve(ctx.cwd, v.MAILOPS_DATA_DIR),
      databaseUrl: v.DATABASE_URL ? new Secret(v.DATABASE_URL) : null,
      configPath: v.MAILOPS_CONFIG ? resolve(ctx.cwd, v.MAILOPS_CONFIG) : null,
      logLevel: v.MAILOPS_LOG_LEVEL,
      nodeEnv: v.NODE_ENV ?? null,
      production,
      defaultLocale: v.MAILOPS_DEFAULT_LOCALE,
      outboxRetryHours: v.MAILOPS_OUTBOX_RETRY_HOURS,
      outboxBaseDelayMs: v.MAILOPS_OUTBOX_BASE_DELAY_MS,
      scheduler: v.MAILOPS_SCHEDULER === 'on',
      instanceId: v.MAILOPS_INSTANCE_ID,
      slack: v.SLACK_BOT_TOKEN
        ? {
            botToken: new Secret(v.SLACK_BOT_TOKEN),
            signingSecret: v.SLACK_SIGNING_SECRET ? new Secret(v.SLACK_SIGNING_SECRET) : null,
            appToken: v.SLACK_APP_TOKEN ? new Secret(v.SLACK_APP_TOKEN) : null,
            apiUrl: v.SLACK_API_URL,
          }
        : null,
      teams:
        v.TEAMS_CLIENT_ID && v.TEAMS_CLIENT_SECRET && v.TEAMS_TENANT_ID
          ? {
              clientId: new Secret(v.TEAMS_CLIENT_ID),
              clientSecret: new Secret(v.TEAMS_CLIENT_SECRET),
              tenantId: new Secret(v.TEAMS_TENANT_ID),
            }
          : null,
    },
  };
}

/**
 * What every command needs in production: the agency's own file, since the bundled sample is demo data. What
 * only `mailops serve` needs as well is servingProblems'.
 */
function productionProblems(raw: Record<VariableName, string | undefined>): ConfigText[] {
  return raw.MAILOPS_CONFIG ? [] : [say('config.env.production_file')];
}

/**
 * What `mailops serve` needs in production that the other commands do not (load-config.ts adds that the file
 * is not the bundled demo): a chat platform, since the local playground would let anyone who reaches the port
 * act as anyone. A migration job, `audit verify` or `tickets` has no chat to serve and runs without the secrets.
 */
export function servingProblems(env: Readonly<Record<string, string | undefined>>): ConfigText[] {
  const raw = readVariables(env);
  if (raw.NODE_ENV !== 'production' || raw.SLACK_BOT_TOKEN || TEAMS_VARIABLES.some((name) => raw[name]))
    return [];
  return [say('config.env.no_chat')];
}

const TEAMS_VARIABLES = ['TEAMS_CLIENT_ID', 'TEAMS_CLIENT_SECRET', 'TEAMS_TENANT_ID'] as const;

/** Credentials that only work together; names which are missing, never what the others contain. */
function credentialProblems(raw: Record<VariableName, string | undefined>): ConfigText[] {
  const problems: ConfigText[] = [];
  if (raw.SLACK_BOT_TOKEN && !raw.SLACK_SIGNING_SECRET && !raw.SLACK_APP_TOKEN) {
    problems.push(say('config.env.slack_needs_secret'));
  }
  for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const) {
    if (raw[name] && !raw.SLACK_BOT_TOKEN) problems.push(say('config.env.slack_needs_token', { name }));
  }
  const missing = TEAMS_VARIABLES.filter((name) => !raw[name]);
  if (missing.length > 0 && missing.length < TEAMS_VARIABLES.length) {
    problems.push(say('config.env.teams_together', { names: missing.join(', ') }));
  }
  return problems;
}
