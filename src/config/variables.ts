import { type ConfigKey, type ConfigText, say } from './messages.ts';
import type { ConfigVariable } from './types.ts';

// The environment variables mailops reads, with their defaults: the single source for parsing (env.ts),
// the README table and `mailops config check`. A default of null means "unset unless given".

const VARIABLES = [
  {
    name: 'PORT',
    default: '3978',
    meaning:
      'TCP port of the HTTP server (Slack, Teams, local playground); 3978 is the Bot Framework convention.',
  },
  {
    name: 'HOST',
    default: '127.0.0.1',
    meaning: 'Address the HTTP server listens on; loopback by default, 0.0.0.0 behind a reverse proxy.',
  },
  {
    name: 'MAILOPS_PLAYGROUND_HOSTS',
    default: null,
    meaning:
      "Comma-separated host names (name or name:port) the local playground also answers at, e.g. a test server's name; it always answers at its loopback and listen addresses.",
  },
  {
    name: 'MAILOPS_DATA_DIR',
    default: './data',
    meaning: 'Folder of the embedded PGlite database and its lock.',
  },
  {
    name: 'DATABASE_URL',
    default: null,
    meaning:
      'PostgreSQL URL (postgres://…). Unset: the embedded PGlite database in MAILOPS_DATA_DIR is used.',
    secret: true,
  },
  {
    name: 'MAILOPS_CONFIG',
    default: null,
    meaning:
      'Path of the YAML configuration file (people, channels, calendar, SLA). Required in production; ' +
      'elsewhere the bundled config/mailops.sample.yaml is used as a demo.',
  },
  {
    name: 'MAILOPS_LOG_LEVEL',
    default: 'info',
    meaning: 'Lowest log level written: debug, info, warn or error.',
  },
  {
    name: 'NODE_ENV',
    default: null,
    meaning:
      '"production" makes MAILOPS_CONFIG mandatory; mailops serve then also refuses the demo configuration and needs Slack or Teams credentials (no playground).',
  },
  {
    name: 'MAILOPS_DEFAULT_LOCALE',
    default: 'ms',
    meaning:
      'Language (ms or en) for channels, for people whose locale is not known, and for what mailops prints (configuration problems included).',
  },
  {
    name: 'MAILOPS_OUTBOX_RETRY_HOURS',
    default: '72',
    meaning:
      'Hours a chat message is retried while the platform fails (an outage) before the outbox gives up and reports it.',
  },
  {
    name: 'MAILOPS_OUTBOX_BASE_DELAY_MS',
    default: '1000',
    meaning: 'First retry delay of the outbox in milliseconds; it doubles per attempt.',
  },
  {
    name: 'MAILOPS_SCHEDULER',
    default: 'on',
    meaning: 'on or off: run the SLA escalation and daily mail checks in this process.',
  },
  {
    name: 'MAILOPS_INSTANCE_ID',
    default: '<hostname>-<pid>',
    meaning: 'Name of this replica in logs and scheduler coordination.',
  },
  {
    name: 'SLACK_BOT_TOKEN',
    default: null,
    meaning: 'Slack bot token (xoxb-…). Needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN.',
    secret: true,
  },
  {
    name: 'SLACK_SIGNING_SECRET',
    default: null,
    meaning: 'Slack signing secret, for HTTP mode.',
    secret: true,
  },
  {
    name: 'SLACK_APP_TOKEN',
    default: null,
    meaning: 'Slack app-level token (xapp-…), for Socket Mode.',
    secret: true,
  },
  {
    name: 'SLACK_API_URL',
    default: 'https://slack.com/api/',
    meaning: 'Base URL of the Slack Web API; set only for an egress proxy or a test server.',
  },
  {
    name: 'TEAMS_CLIENT_ID',
    default: null,
    meaning: 'Microsoft Entra app (client) id of the Teams bot; set with the other two TEAMS_ variables.',
    secret: true,
  },
  { name: 'TEAMS_CLIENT_SECRET', default: null, meaning: 'Client secret of the Teams bot.', secret: true },
  {
    name: 'TEAMS_TENANT_ID',
    default: null,
    meaning: 'Microsoft Entra tenant id of the agency.',
    secret: true,
  },
] as const satisfies readonly (Omit<ConfigVariable, 'secret'> & { secret?: boolean })[];

export type VariableName = (typeof VARIABLES)[number]['name'];

/**
 * Variables mailops read once and reads no more, with what took their place. A deployment still setting one
 * would otherwise have it ignored without a word, so loading the configuration warns (config check, serve).
 */
const REMOVED: readonly { name: string; replacement: VariableName; why: ConfigKey }[] = [
  {
    name: 'MAILOPS_OUTBOX_MAX_ATTEMPTS',
    replacement: 'MAILOPS_OUTBOX_RETRY_HOURS',
    why: 'config.env.removed.outbox_max_attempts',
  },
];

export function removedVariableWarnings(env: Readonly<Record<string, string | undefined>>): ConfigText[] {
  return REMOVED.filter((v) => env[v.name]?.trim()).map((v) =>
    say('config.env.removed', {
      name: v.name,
      why: say(v.why),
      replacement: v.replacement,
      default: defaultOf(v.replacement) ?? '-',
    }),
  );
}

export function describeConfigVariables(): readonly ConfigVariable[] {
  return VARIABLES.map((v) => ({ ...v, secret: 'secret' in v && v.secret }));
}

/** Reads the known variables; an empty value counts as unset (`FOO=` in a compose file). */
export function readVariables(
  env: Readonly<Record<string, string | undefined>>,
): Record<VariableName, string | undefined> {
  const out = {} as Record<VariableName, string | undefined>;
  for (const v of VARIABLES) {
    const raw = env[v.name]?.trim();
    out[v.name] = raw ? raw : undefined;
  }
  return out;
}

/** Defaults that are plain values; MAILOPS_INSTANCE_ID's is computed at load time. */
export function defaultOf(name: VariableName): string | undefined {
  const found = VARIABLES.find((v) => v.name === name);
  return found?.default ?? undefined;
}
