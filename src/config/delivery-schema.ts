import { z } from 'zod';
import { zodMessage as m } from './messages.ts';
import { cronSchema, mustBeText, oneOf, text } from './schema-parts.ts';

// The `delivery:` section: the probe mailboxes of every monitored domain and how the probes behave (issue 6).
// Passwords are never in the file: each mailbox names the environment variable or the file that holds its
// password (`password_env` / `password_file`), read by delivery-settings.ts into a Secret.

const domainName = z
  .string({ error: mustBeText })
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, m('config.domain_name'));

const endpointSchema = (defaultPort: number) =>
  z.strictObject({
    host: text,
    port: z
      .number({ error: m('config.port') })
      .int(m('config.port.whole'))
      .min(1, m('config.port.range'))
      .max(65535, m('config.port.range'))
      .default(defaultPort),
    // STARTTLS on the submission (587, RFC 6409) and IMAP (143) ports; `tls` for 465 / 993 (RFC 8314).
    security: z
      .enum(['starttls', 'tls', 'none'], { error: oneOf(['starttls', 'tls', 'none']) })
      .default('starttls'),
    /** The certificate's name when `host` is an address. */
    servername: text.optional(),
  });

export const mailboxSchema = z
  .strictObject({
    address: z.email({ error: m('config.email') }),
    username: text.optional(),
    password_env: z
      .string({ error: mustBeText })
      .regex(/^[A-Z_][A-Z0-9_]*$/, m('config.delivery.password_env'))
      .optional(),
    password_file: text.optional(),
    submission: endpointSchema(587),
    // Without IMAP the mailbox can still send probes; what reaches it is then only known from replies.
    imap: endpointSchema(143).optional(),
  })
  .refine((box) => (box.password_env === undefined) !== (box.password_file === undefined), {
    message: m('config.delivery.one_password'),
  });

/** Circular 4(c): the delivery test is an item of the daily checklist; 07:30 MYT is before the working day. */
export const DEFAULT_CHECKLIST_SCHEDULE = '30 7 * * *';

const domainSchema = z.strictObject({
  domain: domainName,
  schedule: cronSchema.default(DEFAULT_CHECKLIST_SCHEDULE),
  agency: mailboxSchema,
  outside: mailboxSchema,
});

export const DELIVERY_DEFAULTS = {
  deadline_seconds: 300,
  reply_grace_seconds: 15,
  size_probes: true,
  minimum_mailbox_mb: 100,
  quota_warning_percent: [80, 90, 95],
  service_domains: [] as string[],
  domains: [] as z.output<typeof domainSchema>[],
};

export const deliverySchema = z.strictObject({
  deadline_seconds: z
    .number({ error: m('config.seconds') })
    .int(m('config.seconds.whole'))
    .min(5, m('config.seconds.range', { min: 5, max: 3600 }))
    .max(3600, m('config.seconds.range', { min: 5, max: 3600 }))
    .default(DELIVERY_DEFAULTS.deadline_seconds),
  reply_grace_seconds: z
    .number({ error: m('config.seconds') })
    .int(m('config.seconds.whole'))
    .min(0, m('config.seconds.range', { min: 0, max: 600 }))
    .max(600, m('config.seconds.range', { min: 0, max: 600 }))
    .default(DELIVERY_DEFAULTS.reply_grace_seconds),
  size_probes: z.boolean({ error: m('config.type.boolean') }).default(DELIVERY_DEFAULTS.size_probes),
  minimum_mailbox_mb: z
    .number({ error: m('config.megabytes') })
    .int(m('config.megabytes.whole'))
    .min(1, m('config.megabytes.at_least_one'))
    .default(DELIVERY_DEFAULTS.minimum_mailbox_mb),
  quota_warning_percent: z
    .array(
      z
        .number({ error: m('config.percent') })
        .int(m('config.percent.whole'))
        .min(1, m('config.percent.range'))
        .max(100, m('config.percent.range')),
      { error: m('config.percent.list') },
    )
    .refine((levels) => levels.every((l, i) => i === 0 || l > levels[i - 1]!), m('config.percent.ascending'))
    .default(DELIVERY_DEFAULTS.quota_warning_percent),
  service_domains: z.array(domainName).default(DELIVERY_DEFAULTS.service_domains),
  domains: z
    .array(domainSchema, { error: m('config.delivery.domains') })
    .refine((ds) => new Set(ds.map((d) => d.domain)).size === ds.length, m('config.delivery.domain_twice'))
    .default([]),
});

export type DeliveryFile = z.output<typeof deliverySchema>;
export type MailboxFile = z.output<typeof mailboxSchema>;
