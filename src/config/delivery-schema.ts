import cron from 'node-cron';
import { z } from 'zod';

// The `delivery:` section: the probe mailboxes of every monitored domain and how the probes behave (issue 6).
// Passwords are never in the file: each mailbox names the environment variable or the file that holds its
// password (`password_env` / `password_file`), read by delivery-settings.ts into a Secret.

const text = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');
const domainName = z
  .string({ error: 'must be text' })
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, 'must be a domain name');

const endpointSchema = (defaultPort: number) =>
  z.strictObject({
    host: text,
    port: z
      .number({ error: 'must be a port number' })
      .int('must be a whole port number')
      .min(1, 'must be a port number 1–65535')
      .max(65535, 'must be a port number 1–65535')
      .default(defaultPort),
    // STARTTLS on the submission (587, RFC 6409) and IMAP (143) ports; `tls` for 465 / 993 (RFC 8314).
    security: z
      .enum(['starttls', 'tls', 'none'], { error: 'must be starttls, tls or none' })
      .default('starttls'),
    /** The certificate's name when `host` is an address. */
    servername: text.optional(),
  });

export const mailboxSchema = z
  .strictObject({
    address: z.email({ error: 'must be an e-mail address' }),
    username: text.optional(),
    password_env: z
      .string({ error: 'must be text' })
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as MAILOPS_PROBE_PASSWORD')
      .optional(),
    password_file: text.optional(),
    submission: endpointSchema(587),
    // Without IMAP the mailbox can still send probes; what reaches it is then only known from replies.
    imap: endpointSchema(143).optional(),
  })
  .refine((m) => (m.password_env === undefined) !== (m.password_file === undefined), {
    message: 'needs exactly one of password_env (an environment variable) or password_file',
  });

const cronSchema = z.string({ error: 'must be text' }).superRefine((expression, ctx) => {
  const result = cron.validateDetailed(expression);
  if (!result.valid) {
    const why = result.errors.map((e) => e.message).join('; ');
    ctx.addIssue({ code: 'custom', message: `invalid cron expression "${expression}" (${why})` });
  }
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
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(5, 'must be 5–3600 seconds')
    .max(3600, 'must be 5–3600 seconds')
    .default(DELIVERY_DEFAULTS.deadline_seconds),
  reply_grace_seconds: z
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be 0–600 seconds')
    .max(600, 'must be 0–600 seconds')
    .default(DELIVERY_DEFAULTS.reply_grace_seconds),
  size_probes: z.boolean({ error: 'must be true or false' }).default(DELIVERY_DEFAULTS.size_probes),
  minimum_mailbox_mb: z
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(1, 'must be at least 1 megabyte')
    .default(DELIVERY_DEFAULTS.minimum_mailbox_mb),
  quota_warning_percent: z
    .array(
      z
        .number({ error: 'must be a percentage' })
        .int('must be a whole percentage')
        .min(1, 'must be a percentage 1–100')
        .max(100, 'must be a percentage 1–100'),
      { error: 'must be a list of percentages such as [80, 90, 95]' },
    )
    .refine((levels) => levels.every((l, i) => i === 0 || l > levels[i - 1]!), 'must be in ascending order')
    .default(DELIVERY_DEFAULTS.quota_warning_percent),
  service_domains: z.array(domainName).default(DELIVERY_DEFAULTS.service_domains),
  domains: z
    .array(domainSchema, { error: 'must be a list of domains' })
    .refine((ds) => new Set(ds.map((d) => d.domain)).size === ds.length, 'lists a domain twice')
    .default([]),
});

export type DeliveryFile = z.output<typeof deliverySchema>;
export type MailboxFile = z.output<typeof mailboxSchema>;
