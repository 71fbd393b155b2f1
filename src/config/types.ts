import type { BusinessCalendar } from '../../flows/business-hours.ts';
import type { SlaPolicy } from '../../flows/sla.ts';
import type { Role } from '../../flows/types.ts';
import type { Locale } from '../i18n/locale.ts';
import type { DeliverySettings } from '../mail/probe/delivery-types.ts';
import type { Secret } from './secret.ts';

// The configuration every other module receives: environment variables and the YAML file, validated
// together once at start-up (STYLE.md 13). Secrets are Secret objects, never plain strings, so printing
// a Config cannot leak one.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const CHANNEL_PURPOSES = ['approvals', 'soc', 'vendor', 'announcements', 'service_desk'] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly designation?: string;
  readonly unit?: string;
  readonly locale: Locale;
  readonly roles: readonly Role[];
  /** Slack user id (U…/W…). */
  readonly slack?: string;
  /** Microsoft Entra (AAD) object id. */
  readonly teams?: string;
}

/**
 * A purpose without a channel is delivered to each holder of its role with an id on the platform; announcements
 * only ever go to their channel (src/directory/directory.ts, checked by reachability.ts).
 */
export type ChannelMap = Readonly<Partial<Record<ChannelPurpose, string>>>;

export interface SlackCredentials {
  readonly botToken: Secret;
  /** HTTP mode verifies requests with it. */
  readonly signingSecret: Secret | null;
  /** Socket Mode connects with it. */
  readonly appToken: Secret | null;
  /** Web API base URL (SLACK_API_URL), ending in `/`. */
  readonly apiUrl: string;
}

export interface TeamsCredentials {
  readonly clientId: Secret;
  readonly clientSecret: Secret;
  readonly tenantId: Secret;
}

/** /mailtest settings (the `mailtest:` section of the file). */
export interface MailtestSettings {
  /** Resolvers as HOST or HOST:PORT; empty means the system's. */
  readonly dnsServers: readonly string[];
  readonly timeoutMs: number;
  readonly runsPerMinute: number;
  /** Address blocks that may be tested although private, loopback or reserved. */
  readonly allowTargets: readonly string[];
  readonly dnsblZones: readonly string[];
  readonly dkimSelectors: readonly string[];
  readonly heloName: string;
  readonly relaySender: string;
  readonly relayRecipient: string;
  /** Absolute path of a PEM file of extra trusted certificate authorities, or null. */
  readonly extraCaFile: string | null;
}

export interface Config {
  readonly server: {
    readonly host: string;
    readonly port: number;
    /** Names the local playground also answers at (MAILOPS_PLAYGROUND_HOSTS). */
    readonly playgroundHosts: readonly string[];
  };
  readonly runtime: {
    readonly nodeEnv: string | null;
    readonly production: boolean;
    readonly instanceId: string;
    readonly logLevel: LogLevel;
    readonly defaultLocale: Locale;
  };
  /** Absolute path; holds the embedded PGlite database and its lock. */
  readonly dataDir: string;
  readonly database: { readonly kind: 'pglite' } | { readonly kind: 'postgres'; readonly url: Secret };
  /** How long a message the platform keeps failing on is retried, and the first retry's delay. */
  readonly outbox: { readonly retryHours: number; readonly baseDelayMs: number };
  readonly scheduler: {
    readonly enabled: boolean;
    readonly escalationCron: string;
    /** How late a missed daily checklist fire may still run at start; 0 never. */
    readonly catchUpMinutes: number;
  };
  /** How long what mailops may delete is kept (src/db/prune.ts), and when the daily clean-up runs. */
  readonly retention: {
    readonly historyDays: number;
    readonly sentMessagesDays: number;
    readonly cron: string;
  };
  /** Which YAML file was read; `demo` when it is the bundled sample. */
  readonly source: { readonly path: string; readonly demo: boolean };
  readonly people: readonly Person[];
  /** `local` is always present (the playground); `slack` and `teams` when the file configures them. */
  readonly channels: { readonly slack?: ChannelMap; readonly teams?: ChannelMap; readonly local: ChannelMap };
  /** The language of a purpose's channel on every platform, where it is not the default's. */
  readonly channelLocales: Partial<Record<ChannelPurpose, Locale>>;
  /** SOP Section A "Requester Approval (Manager and above)". */
  readonly endorsement: { readonly required: boolean };
  readonly calendar: BusinessCalendar;
  /** flows/sla.ts defaults with the file's overrides applied. */
  readonly sla: SlaPolicy;
  readonly platforms: { readonly slack: SlackCredentials | null; readonly teams: TeamsCredentials | null };
  readonly mailtest: MailtestSettings;
  /** Delivery probes and the daily checklist (the `delivery:` section; issue 6). */
  readonly delivery: DeliverySettings;
}

export type LoadConfigResult =
  | { readonly ok: true; readonly config: Config; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface ConfigVariable {
  readonly name: string;
  /** Shown as is; null when the variable has no default. */
  readonly default: string | null;
  readonly meaning: string;
  /** Never printed, logged or echoed in a problem. */
  readonly secret: boolean;
}
