import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { Secret } from './secret.ts';
import type { LogLevel, SlackCredentials, TeamsCredentials } from './types.ts';
import { defaultOf, readVariables, type VariableName } from './variables.ts';

// Environment variables → typed settings. Problems read `env NAME: …` and never contain the value of a
// secret (only what shape was expected), since they are printed at start-up and may reach a log.

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
    .regex(/^\d+$/, `must be ${min}–${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be ${min}–${max}`);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });
const pattern = (re: RegExp, expected: string) => z.string().regex(re, expected);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SCHEMAS = {
  PORT: wholeNumber(1, 65535),
  HOST: pattern(/^[A-Za-z0-9.:_[\]-]+$/, 'must be an IP address or a host name'),
  MAILOPS_PLAYGROUND_HOSTS: pattern(
    /^\s*[A-Za-z0-9.[\]:-]+(\s*,\s*[A-Za-z0-9.[\]:-]+)*\s*$/,
    'must be host names separated by commas, e.g. mailops-test.agensi.gov.my,mailops-test:3978',
  ).optional(),
  MAILOPS_DATA_DIR: z.string(),
  DATABASE_URL: z
    .string()
    .refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL (value not shown)')
    .optional(),
  MAILOPS_CONFIG: z.string().optional(),
  MAILOPS_LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error']),
  NODE_ENV: z.string().optional(),
  MAILOPS_DEFAULT_LOCALE: oneOf(LOCALES),
  MAILOPS_OUTBOX_RETRY_HOURS: wholeNumber(1, 720),
  MAILOPS_OUTBOX_BASE_DELAY_MS: wholeNumber(1, 3_600_000),
  MAILOPS_SCHEDULER: oneOf(['on', 'off']),
  MAILOPS_INSTANCE_ID: pattern(/^[A-Za-z0-9._-]{1,128}$/, 'must be 1–128 of A-Z a-z 0-9 . _ -'),
  SLACK_BOT_TOKEN: pattern(
    /^xoxb-\S+$/,
    'must be a bot token starting with xoxb- (value not shown)',
  ).optional(),
  SLACK_SIGNING_SECRET: pattern(
    /^[0-9a-f]{32,64}$/i,
    'must be the hex signing secret (value not shown)',
  ).optional(),
  SLACK_APP_TOKEN: pattern(
    /^xapp-\S+$/,
    'must be an app-level token starting with xapp- (value not shown)',
  ).optional(),
  SLACK_API_URL: z
    .string()
    .refine(isHttpUrlWithSlash, 'must be an http(s) URL ending in / (e.g. https://slack.com/api/)'),
  TEAMS_CLIENT_ID: pattern(GUID, 'must be a GUID (value not shown)').optional(),
  TEAMS_CLIENT_SECRET: pattern(/^\S+$/, 'must not contain spaces (value not shown)').optional(),
  TEAMS_TENANT_ID: pattern(GUID, 'must be a GUID (value not shown)').optional(),
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

export function defaultContext(): EnvContext {
  return { cwd: process.cwd(), hostname: hostname(), pid: process.pid };
}

export function parseEnv(
  env: Readonly<Record<string, string | undefined>>,
  ctx: EnvContext,
): { settings: EnvSettings | null; problems: string[] } {
  const raw = readVariables(env);
  const problems: string[] = [];
  const parsed = {} as Record<VariableName, unknown>;
  for (const name of Object.keys(SCHEMAS) as VariableName[]) {
    const fallback = name === 'MAILOPS_INSTANCE_ID' ? `${ctx.hostname}-${ctx.pid}` : defaultOf(name);
    const result = SCHEMAS[name].safeParse(raw[name] ?? fallback);
    if (result.success) parsed[name] = result.data;
    else problems.push(`env ${name}: ${result.error.issues[0]?.message ?? 'invalid'}`);
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
function productionProblems(raw: Record<VariableName, string | undefined>): string[] {
  return raw.MAILOPS_CONFIG
    ? []
    : ['env MAILOPS_CONFIG: required when NODE_ENV=production (the bundled sample is demo data)'];
}

/**
 * What `mailops serve` needs in production that the other commands do not (load-config.ts adds that the file
 * is not the bundled demo): a chat platform, since the local playground would let anyone who reaches the port
 * act as anyone. A migration job, `audit verify` or `tickets` has no chat to serve and runs without the secrets.
 */
export function servingProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const raw = readVariables(env);
  if (raw.NODE_ENV !== 'production' || raw.SLACK_BOT_TOKEN || TEAMS_VARIABLES.some((name) => raw[name]))
    return [];
  return [
    'env SLACK_BOT_TOKEN, TEAMS_CLIENT_ID: NODE_ENV=production needs Slack (SLACK_BOT_TOKEN, …) or Teams ' +
      '(TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID) credentials: the local playground is refused ' +
      'in production',
  ];
}

const TEAMS_VARIABLES = ['TEAMS_CLIENT_ID', 'TEAMS_CLIENT_SECRET', 'TEAMS_TENANT_ID'] as const;

/** Credentials that only work together; names which are missing, never what the others contain. */
function credentialProblems(raw: Record<VariableName, string | undefined>): string[] {
  const problems: string[] = [];
  if (raw.SLACK_BOT_TOKEN && !raw.SLACK_SIGNING_SECRET && !raw.SLACK_APP_TOKEN) {
    problems.push(
      'env SLACK_BOT_TOKEN: needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
    );
  }
  for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const) {
    if (raw[name] && !raw.SLACK_BOT_TOKEN) problems.push(`env ${name}: is set but SLACK_BOT_TOKEN is not`);
  }
  const missing = TEAMS_VARIABLES.filter((name) => !raw[name]);
  if (missing.length > 0 && missing.length < TEAMS_VARIABLES.length) {
    problems.push(`env ${missing.join(', ')}: must be set together with the other TEAMS_ variables`);
  }
  return problems;
}
