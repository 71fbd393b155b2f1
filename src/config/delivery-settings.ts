import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DeliverySettings, MailEndpoint, ProbeMailbox } from '../mail/probe/delivery-types.ts';
import { type DeliveryFile, type MailboxFile, mailboxSchema } from './delivery-schema.ts';
import { type ConfigText, say } from './messages.ts';
import { Secret } from './secret.ts';

// Turns the `delivery:` section into the probes' settings, reading each probe mailbox's password from the
// environment variable or the file it names. A problem names the variable or the file, never its content.

const MIB = 1024 * 1024;

export interface DeliveryAssembly {
  readonly settings: DeliverySettings | null;
  readonly problems: ConfigText[];
  readonly warnings: ConfigText[];
}

type Findings = { problems: ConfigText[]; warnings: ConfigText[] };

function endpoint(e: NonNullable<MailboxFile['imap']>): MailEndpoint {
  return {
    host: e.host,
    port: e.port,
    security: e.security,
    ...(e.servername ? { servername: e.servername } : {}),
  };
}

function password(
  m: MailboxFile,
  at: string,
  env: Readonly<Record<string, string | undefined>>,
  baseDir: string,
  out: Findings,
): Secret | null {
  if (m.password_env) {
    const value = env[m.password_env];
    if (value === undefined || value === '') {
      out.problems.push(say('config.password.env_unset', { at: `${at}.password_env`, name: m.password_env }));
      return null;
    }
    return new Secret(value);
  }
  const file = resolve(baseDir, m.password_file ?? '');
  try {
    // Only the first line: editors add a final newline, and a password never spans lines.
    const value = readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
    if (value === '') {
      out.problems.push(say('config.password.file_empty', { at: `${at}.password_file`, file }));
      return null;
    }
    if ((statSync(file).mode & 0o077) !== 0)
      out.warnings.push(say('config.password.file_open', { at: `${at}.password_file`, file }));
    return new Secret(value);
  } catch {
    out.problems.push(say('config.file_unreadable', { at: `${at}.password_file`, file }));
    return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * For a file that did not parse as a whole: the password of every probe mailbox whose own entry is valid is
 * still looked up, so an unset variable or a missing file is listed with the file's other problems rather than
 * on the next run.
 */
export function mailboxPasswordProblems(
  data: unknown,
  env: Readonly<Record<string, string | undefined>>,
  configPath: string,
): ConfigText[] {
  const out: Findings = { problems: [], warnings: [] };
  const delivery = isRecord(data) && isRecord(data.delivery) ? data.delivery : {};
  const domains = Array.isArray(delivery.domains) ? delivery.domains : [];
  domains.forEach((domain: unknown, i) => {
    for (const side of ['agency', 'outside'] as const) {
      const mailbox = mailboxSchema.safeParse(isRecord(domain) ? domain[side] : undefined);
      if (mailbox.success)
        password(mailbox.data, `delivery.domains[${i}].${side}`, env, dirname(configPath), out);
    }
  });
  return out.problems;
}

export function assembleDelivery(
  file: DeliveryFile,
  env: Readonly<Record<string, string | undefined>>,
  configPath: string,
): DeliveryAssembly {
  const out: Findings = { problems: [], warnings: [] };
  const baseDir = dirname(configPath);
  const mailbox = (m: MailboxFile, at: string): ProbeMailbox | null => {
    const secret = password(m, at, env, baseDir, out);
    if (!secret) return null;
    return {
      address: m.address,
      username: m.username ?? m.address,
      password: secret,
      submission: endpoint(m.submission),
      imap: m.imap ? endpoint(m.imap) : null,
    };
  };
  const domains = file.domains.map((d, i) => {
    const agency = mailbox(d.agency, `delivery.domains[${i}].agency`);
    const outside = mailbox(d.outside, `delivery.domains[${i}].outside`);
    if (!d.agency.imap)
      out.warnings.push(
        say('config.delivery.no_imap', { at: `delivery.domains[${i}].agency.imap`, domain: d.domain }),
      );
    return agency && outside ? { domain: d.domain, schedule: d.schedule, agency, outside } : null;
  });
  if (out.problems.length > 0) return { settings: null, ...out };
  return {
    settings: {
      deadlineMs: file.deadline_seconds * 1000,
      replyGraceMs: file.reply_grace_seconds * 1000,
      sizeProbes: file.size_probes,
      // Circular 4(f)(iii) and (i) in the units mail servers use: 10 MiB as Postfix counts message_size_limit.
      sizeLimitBytes: 10 * MIB,
      minimumMailboxBytes: file.minimum_mailbox_mb * MIB,
      quotaWarningPercents: file.quota_warning_percent,
      serviceDomains: file.service_domains,
      domains: domains.filter((d) => d !== null),
    },
    ...out,
  };
}
