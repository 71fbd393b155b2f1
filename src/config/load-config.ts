import { X509Certificate } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SLA_POLICY } from '../../flows/sla.ts';
import type { Locale } from '../i18n/locale.ts';
import { crossCheck } from './cross-checks.ts';
import { assembleDelivery, mailboxPasswordProblems } from './delivery-settings.ts';
import {
  defaultContext,
  type EnvContext,
  type EnvSettings,
  localeOf,
  parseEnv,
  servingProblems,
} from './env.ts';
import { type ConfigFile, configFileSchema, FALLBACK_RELAY_SENDER } from './file-schema.ts';
import { type ConfigText, renderConfigTexts, say } from './messages.ts';
import { formatIssues } from './problems.ts';
import { reachabilityWarnings } from './reachability.ts';
import { readYamlFile } from './read-yaml.ts';
import { applySlaOverrides } from './sla-overrides.ts';
import type { Config, LoadConfigResult } from './types.ts';
import { removedVariableWarnings } from './variables.ts';

// The only reader of process.env in the product (STYLE.md 13). Called once at start-up and by
// `mailops config check`; every problem of the environment and the file is listed at once, in the operator's
// language (bad input gets a clear message in Bahasa Melayu or English).

export const SAMPLE_CONFIG_PATH = fileURLToPath(new URL('../../config/mailops.sample.yaml', import.meta.url));

export interface LoadConfigOptions extends Partial<EnvContext> {
  /** Only for the "no holiday this year" warning; tests pin it. */
  readonly now?: Date;
  /**
   * Also what serving chat needs in production: Slack or Teams credentials and not the bundled demo file. For
   * `mailops serve`, and `config check`, which lists what serve would refuse; the other commands run without.
   */
  readonly serving?: boolean;
  /** The language of the problems and warnings; MAILOPS_DEFAULT_LOCALE's (Malay unless set) when not given. */
  readonly locale?: Locale;
}

export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: LoadConfigOptions = {},
): LoadConfigResult {
  const ctx = { ...defaultContext(), ...options };
  const locale = options.locale ?? localeOf(env);
  const checked = check(env, options, ctx);
  if (!checked.ok) return { ok: false, problems: renderConfigTexts(checked.problems, locale) };
  return { ...checked, warnings: renderConfigTexts(checked.warnings, locale) };
}

type Checked =
  | { readonly ok: true; readonly config: Config; readonly warnings: readonly ConfigText[] }
  | { readonly ok: false; readonly problems: readonly ConfigText[] };

function check(
  env: Readonly<Record<string, string | undefined>>,
  options: LoadConfigOptions,
  ctx: EnvContext,
): Checked {
  const { settings, problems } = parseEnv(env, ctx);
  const production = env.NODE_ENV?.trim() === 'production';
  if (options.serving) problems.push(...servingProblems(env));
  const configured = settings?.configPath ?? configuredPath(env, ctx.cwd);
  // Without a file in production there is nothing more to check; otherwise the file is checked even when
  // the environment failed, so the operator sees everything in one run.
  if (!configured && production) return { ok: false, problems };
  const path = configured ?? SAMPLE_CONFIG_PATH;
  if (options.serving && production && samePath(path, SAMPLE_CONFIG_PATH))
    problems.push(say('config.env.demo_in_production', { path }));

  const yaml = readYamlFile(path);
  let file: ConfigFile | null = null;
  const warnings = removedVariableWarnings(env);
  if (!yaml.ok) problems.push(...yaml.problems);
  else {
    const parsed = configFileSchema.safeParse(yaml.data, { reportInput: true });
    if (parsed.success) file = parsed.data;
    else problems.push(...formatIssues(parsed.error.issues, configFileSchema));
    const checks = crossCheck(yaml.data, options.now ?? new Date());
    problems.push(...checks.problems);
    warnings.push(...checks.warnings);
  }
  const delivery = file ? assembleDelivery(file.delivery, env, path) : null;
  if (delivery) {
    problems.push(...delivery.problems);
    warnings.push(...delivery.warnings);
  } else if (yaml.ok) problems.push(...mailboxPasswordProblems(yaml.data, env, path));
  // Relative to the configuration file, as an operator reading the file expects.
  // Read even when the rest of the file failed, so its problem comes in the same run.
  const caName = file ? file.mailtest.extra_ca_file : yaml.ok ? looseCaFile(yaml.data) : undefined;
  const caFile = caName ? resolve(dirname(path), caName) : null;
  if (caFile) problems.push(...caFileProblems(caFile));
  if (!settings || !file || !delivery?.settings || problems.length > 0) return { ok: false, problems };

  const demo = !configured;
  if (demo) warnings.unshift(say('config.env.demo', { path }));
  const config = assemble(settings, file, { path, demo }, delivery.settings, caFile);
  return { ok: true, config, warnings: [...warnings, ...reachabilityWarnings(config)] };
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** MAILOPS_CONFIG as given, even when another variable failed and no settings were built. */
function configuredPath(env: Readonly<Record<string, string | undefined>>, cwd: string): string | null {
  const raw = env.MAILOPS_CONFIG?.trim();
  return raw ? resolve(cwd, raw) : null;
}

function assemble(
  env: EnvSettings,
  file: ConfigFile,
  source: Config['source'],
  delivery: Config['delivery'],
  extraCaFile: string | null,
): Config {
  const outsideProbe = delivery.domains[0]?.outside.address;
  const local = Object.fromEntries(
    (['approvals', 'soc', 'vendor', 'announcements', 'service_desk'] as const).map((p) => [p, p]),
  );
  return {
    server: { host: env.host, port: env.port, playgroundHosts: env.playgroundHosts },
    runtime: {
      nodeEnv: env.nodeEnv,
      production: env.production,
      instanceId: env.instanceId,
      logLevel: env.logLevel,
      defaultLocale: env.defaultLocale,
    },
    dataDir: env.dataDir,
    database: env.databaseUrl ? { kind: 'postgres', url: env.databaseUrl } : { kind: 'pglite' },
    outbox: { retryHours: env.outboxRetryHours, baseDelayMs: env.outboxBaseDelayMs },
    scheduler: {
      enabled: env.scheduler,
      escalationCron: file.scheduler.escalation_cron,
      catchUpMinutes: file.scheduler.catch_up_minutes,
    },
    retention: {
      historyDays: file.retention.history_days,
      sentMessagesDays: file.retention.sent_messages_days,
      cron: file.retention.cron,
    },
    source,
    people: file.people.map((p) => ({
      ...p,
      locale: p.locale ?? env.defaultLocale,
    })),
    channels: {
      ...(file.channels.slack && { slack: file.channels.slack }),
      ...(file.channels.teams && { teams: file.channels.teams }),
      // The playground always exists; its channels are named after their purpose unless renamed.
      local: { ...local, ...file.channels.local },
    },
    channelLocales: file.channels.locales ?? {},
    endorsement: { required: file.endorsement.required },
    calendar: {
      timeZone: file.calendar.time_zone,
      weekend: file.calendar.weekend,
      workday: file.calendar.workday,
      holidays: file.calendar.holidays,
    },
    sla: applySlaOverrides(DEFAULT_SLA_POLICY, file.sla),
    platforms: { slack: env.slack, teams: env.teams },
    mailtest: {
      dnsServers: file.mailtest.dns_servers,
      timeoutMs: file.mailtest.timeout_seconds * 1000,
      runsPerMinute: file.mailtest.runs_per_minute,
      allowTargets: file.mailtest.allow_targets,
      dnsblZones: file.mailtest.dnsbl_zones,
      dkimSelectors: file.mailtest.dkim_selectors,
      heloName: file.mailtest.helo_name,
      // A sender at a provider that sends mail, which the monitored domains' probes already use: an MX that
      // refuses a sender domain taking no mail (Postfix's reject_unknown_sender_domain) before it weighs
      // relaying leaves the test untested. The recipient stays a reserved name (file-schema.ts): a real
      // mailbox would be local to its provider's MX hosts, and its acceptance a false "open relay".
      relaySender: file.mailtest.relay_sender ?? outsideProbe ?? FALLBACK_RELAY_SENDER,
      relayRecipient: file.mailtest.relay_recipient,
      extraCaFile,
    },
    delivery,
  };
}

/** `mailtest.extra_ca_file` as written, when it is text at all. */
function looseCaFile(data: unknown): string | undefined {
  const mailtest = (data as { mailtest?: { extra_ca_file?: unknown } }).mailtest;
  const name = typeof mailtest === 'object' && mailtest !== null ? mailtest.extra_ca_file : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}

// Read now, so `mailops config check` names it with every other problem rather than the first /mailtest.
// Every certificate is parsed: TLS would drop one it cannot read without a word, and the agency's CA would
// silently not be trusted.
function caFileProblems(file: string): ConfigText[] {
  const at = 'mailtest.extra_ca_file';
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    return [say('config.file_unreadable', { at, file })];
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return [say('config.ca.no_certificate', { at, file })];
  return blocks.flatMap((block, i) => {
    try {
      new X509Certificate(block);
      return [];
    } catch {
      return [say('config.ca.bad_certificate', { at, file, index: i + 1 })];
    }
  });
}
