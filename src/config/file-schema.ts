import { z } from 'zod';
import { WEEKDAYS } from '../../flows/business-hours.ts';
import { ROLES } from '../../flows/types.ts';
import { LOCALES } from '../i18n/locale.ts';
import { isAddressBlock, isDnsServer } from './addresses.ts';
import { DELIVERY_DEFAULTS, deliverySchema } from './delivery-schema.ts';
import { zodMessage as m } from './messages.ts';
import { cronSchema, mustBeText, oneOf, text } from './schema-parts.ts';
import { slaOverridesSchema } from './sla-overrides.ts';
import { CHANNEL_PURPOSES } from './types.ts';

// The YAML configuration file. Every object is strict, so a typo (`approver:` for `approvals:`) is a
// problem rather than a silently ignored key; cross-field rules live in cross-checks.ts.

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

const localeSchema = z.enum(LOCALES, { error: oneOf(LOCALES) });

const personSchema = z.strictObject({
  id: z
    .string({ error: mustBeText })
    .regex(/^[a-z0-9._-]+$/, m('config.person.id'))
    // The bot acts as `system` (flows/types.ts SYSTEM_ACTOR): a person with that id would be its requester.
    .refine((id) => id !== 'system', m('config.person.id_reserved')),
  name: text,
  email: z.email({ error: m('config.person.email') }),
  phone: z
    .string({ error: mustBeText })
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, m('config.person.phone'))
    .optional(),
  designation: text.optional(),
  unit: text.optional(),
  locale: localeSchema.optional(),
  roles: z
    .array(z.enum(ROLES, { error: oneOf(ROLES) }), { error: m('config.person.roles') })
    .min(1, m('config.roles.at_least_one'))
    .refine(unique, m('config.roles.twice')),
  slack: z
    .string({ error: mustBeText })
    .regex(/^[UW][A-Z0-9]{2,}$/, m('config.person.slack'))
    .optional(),
  teams: z.guid({ error: m('config.person.teams') }).optional(),
});

const channelMap = (id: RegExp, example: string) =>
  z.strictObject(
    Object.fromEntries(
      CHANNEL_PURPOSES.map((purpose) => [
        purpose,
        z.string({ error: mustBeText }).regex(id, m('config.channel_id', { example })).optional(),
      ]),
    ) as Record<(typeof CHANNEL_PURPOSES)[number], z.ZodOptional<z.ZodString>>,
  );

const channelsSchema = z.strictObject({
  slack: channelMap(/^[CG][A-Z0-9]{2,}$/, 'C0123ABCD').optional(),
  teams: channelMap(/^19:\S+@thread\.(tacv2|skype)$/, '19:…@thread.tacv2').optional(),
  local: channelMap(/^[a-z0-9][a-z0-9_-]*$/, 'approvals').optional(),
  // The language of a purpose's channel on every platform (an outside vendor's, in English); else the default.
  locales: z
    .strictObject(
      Object.fromEntries(CHANNEL_PURPOSES.map((purpose) => [purpose, localeSchema.optional()])) as Record<
        (typeof CHANNEL_PURPOSES)[number],
        z.ZodOptional<typeof localeSchema>
      >,
    )
    .optional(),
});

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = z.string({ error: mustBeText }).regex(CLOCK, m('config.calendar.clock'));

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const calendarSchema = z.strictObject({
  time_zone: z
    .string({ error: mustBeText })
    .refine(isTimeZone, m('config.calendar.time_zone'))
    .default('Asia/Kuala_Lumpur'),
  weekend: z
    .array(z.enum(WEEKDAYS, { error: oneOf(WEEKDAYS) }))
    .refine(unique, m('config.calendar.day_twice'))
    .refine((days) => days.length < 7, m('config.calendar.working_day'))
    .default(['saturday', 'sunday']),
  workday: z
    .strictObject({ start: clock, end: clock })
    // Compared as text, so only once both are HH:MM: "8:30" is its own problem, not also an end before it.
    .refine((w) => !CLOCK.test(w.start) || !CLOCK.test(w.end) || w.start < w.end, {
      message: m('config.calendar.start_before_end'),
      path: ['end'],
    })
    .default({ start: '08:30', end: '17:30' }),
  holidays: z
    .array(
      z.strictObject({
        date: z
          .string({ error: m('config.calendar.date') })
          .refine(isCalendarDate, m('config.calendar.date')),
        name: text,
      }),
    )
    .default([]),
});

const hostPort = z.string({ error: mustBeText }).refine(isDnsServer, m('config.mailtest.dns_server'));
const cidr = z.string({ error: mustBeText }).refine(isAddressBlock, m('config.mailtest.address_block'));
const hostName = z
  .string({ error: mustBeText })
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, m('config.host_name'));
const mailbox = z.email({ error: m('config.email') });

// /mailtest (src/mail): where it asks DNS, how long it waits, what it may touch. Defaults suit an agency on
// the Internet; an air-gapped one names its own resolvers.
const MAILTEST_DEFAULTS = {
  dns_servers: [] as string[],
  timeout_seconds: 10,
  runs_per_minute: 3,
  allow_targets: [] as string[],
  dnsbl_zones: ['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org'],
  dkim_selectors: [] as string[],
  helo_name: 'mailtest.mailops.invalid',
  /**
   * A reserved name (RFC 2606) no MX anywhere takes as its own, so a 250 for it is relaying, never local
   * delivery; a real provider's mailbox would be local to that provider's MX hosts (and to every domain they
   * host), and an accepted RCPT there a false "open relay". It takes no mail (null MX), so an MX that checks
   * recipient domains before relaying makes the test "could not test" (src/mail/smtp-relay.ts).
   */
  relay_recipient: 'relay-test@example.net',
};

/**
 * The relay test's outside sender when none is configured and no monitored domain has an outside probe
 * mailbox (load-config.ts): a reserved name (RFC 2606) that sends no mail (null MX), so an MX that checks
 * sender domains before relaying makes the test "could not test".
 */
export const FALLBACK_RELAY_SENDER = 'postmaster@example.com';

/**
 * catch_up_minutes: a daily checklist fire no replica saw through (circular 4(c) is a daily check) runs up to
 * four hours late, which covers a morning's maintenance window; a day is the most, as by then the next fire
 * has come.
 */
const SCHEDULER_DEFAULTS = { escalation_cron: '*/5 * * * *', catch_up_minutes: 240 };

/**
 * What mailops deletes once it is old (src/db/prune.ts): the /mailtest runs that belong to no ticket with the
 * checklist's history, and chat messages already delivered. Tickets, their evidence and the audit trail are
 * government records and are never deleted by mailops. A year and a month of history by default, so a
 * year-on-year comparison and an annual audit of the daily checks (circular 4(c)) still find every day; 30
 * days at least, so a slip of the keyboard cannot delete last week's evidence.
 */
const RETENTION_DEFAULTS = { history_days: 400, sent_messages_days: 90, cron: '15 3 * * *' };
const retentionDays = (fallback: number) =>
  z
    .number({ error: m('config.days') })
    .int(m('config.days.whole'))
    .min(30, m('config.days.retention', { min: 30, max: 36500 }))
    .max(36500, m('config.days.retention', { min: 30, max: 36500 }))
    .default(fallback);

const mailtestSchema = z.strictObject({
  dns_servers: z.array(hostPort).default(MAILTEST_DEFAULTS.dns_servers),
  timeout_seconds: z
    .number({ error: m('config.seconds') })
    .int(m('config.seconds.whole'))
    .min(1, m('config.seconds.range', { min: 1, max: 60 }))
    .max(60, m('config.seconds.range', { min: 1, max: 60 }))
    .default(MAILTEST_DEFAULTS.timeout_seconds),
  runs_per_minute: z
    .number({ error: m('config.runs') })
    .int(m('config.runs.whole'))
    .min(1, m('config.runs.range', { min: 1, max: 60 }))
    .max(60, m('config.runs.range', { min: 1, max: 60 }))
    .default(MAILTEST_DEFAULTS.runs_per_minute),
  allow_targets: z.array(cidr).default(MAILTEST_DEFAULTS.allow_targets),
  dnsbl_zones: z.array(hostName).default(MAILTEST_DEFAULTS.dnsbl_zones),
  dkim_selectors: z
    .array(z.string({ error: mustBeText }).regex(/^[a-z0-9._-]{1,63}$/i, m('config.mailtest.dkim_selector')))
    .default(MAILTEST_DEFAULTS.dkim_selectors),
  helo_name: hostName.default(MAILTEST_DEFAULTS.helo_name),
  // Unset: the first monitored domain's outside probe mailbox, else FALLBACK_RELAY_SENDER (load-config.ts).
  relay_sender: mailbox.optional(),
  relay_recipient: mailbox.default(MAILTEST_DEFAULTS.relay_recipient),
  /** PEM file of extra certificate authorities trusted for STARTTLS and MTA-STS (an agency's own CA). */
  extra_ca_file: text.optional(),
});

export const configFileSchema = z.strictObject({
  people: z.array(personSchema, { error: m('config.people.list') }).min(1, m('config.people.at_least_one')),
  channels: channelsSchema.default({}),
  endorsement: z
    .strictObject({ required: z.boolean({ error: m('config.type.boolean') }).default(true) })
    .default({
      required: true,
    }),
  calendar: calendarSchema.default({
    time_zone: 'Asia/Kuala_Lumpur',
    weekend: ['saturday', 'sunday'],
    workday: { start: '08:30', end: '17:30' },
    holidays: [],
  }),
  sla: slaOverridesSchema.default({}),
  scheduler: z
    .strictObject({
      escalation_cron: cronSchema.default(SCHEDULER_DEFAULTS.escalation_cron),
      catch_up_minutes: z
        .number({ error: m('config.minutes') })
        .int(m('config.minutes.whole'))
        .min(0, m('config.minutes.catch_up'))
        .max(1440, m('config.minutes.catch_up'))
        .default(SCHEDULER_DEFAULTS.catch_up_minutes),
    })
    .default(SCHEDULER_DEFAULTS),
  mailtest: mailtestSchema.default(MAILTEST_DEFAULTS),
  delivery: deliverySchema.default(DELIVERY_DEFAULTS),
  retention: z
    .strictObject({
      history_days: retentionDays(RETENTION_DEFAULTS.history_days),
      sent_messages_days: retentionDays(RETENTION_DEFAULTS.sent_messages_days),
      cron: cronSchema.default(RETENTION_DEFAULTS.cron),
    })
    .default(RETENTION_DEFAULTS),
});

export type ConfigFile = z.output<typeof configFileSchema>;
