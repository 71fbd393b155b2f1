// The servers' own record of when mail moved, for "time to inbox as the server logged it". Postfix's log file
// (maillog_file through postlogd) has whole-second timestamps and `delay=` in 10 ms steps; Dovecot's log has
// microseconds (`log_timestamp` with %{usecs}), so its LMTP "saved mail to" line is the moment a message reached
// the mailbox.

export interface PostfixLogLine {
  /** Local time, to the second (the log has no year: the current one, or last year's for a future date). */
  readonly at: Date;
  /** e.g. `deliveryworld-agency/lmtp`, `deliveryworld-agency/submission/smtpd`. */
  readonly program: string;
  readonly queueId?: string;
  /** `key=value` fields of the line (`to`, `from`, `relay`, `delay`, `dsn`, `status`…), values without `<>`. */
  readonly fields: Readonly<Record<string, string>>;
  /** The text after `program[pid]: `. */
  readonly text: string;
  readonly raw: string;
}

export interface MailboxDelivery {
  /** When Dovecot saved the message, to the millisecond (the log has microseconds: `micros`). */
  readonly at: Date;
  readonly micros: number;
  /** The mailbox's user (`probe@agency.test`). */
  readonly user: string;
  /** The Message-ID, without `<>`. */
  readonly messageId: string;
  /** The folder it was saved to (`INBOX`). */
  readonly mailbox: string;
  readonly raw: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const POSTFIX_LINE = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) \S+ ([^[\s]+)\[\d+\]: (.*)$/;
const FIELD = /(?:^|[ ,])([a-z_]+)=(<[^>]*>|[^,\s]+)/g;

export function parsePostfixLog(text: string, now = new Date()): PostfixLogLine[] {
  const lines: PostfixLogLine[] = [];
  for (const raw of text.split('\n')) {
    const m = POSTFIX_LINE.exec(raw);
    if (!m) continue;
    const [, month, day, hh, mm, ss, program, rest] = m as unknown as string[];
    let at = new Date(
      now.getFullYear(),
      MONTHS.indexOf(month!),
      Number(day),
      Number(hh),
      Number(mm),
      Number(ss),
    );
    if (at.getTime() > now.getTime() + 86_400_000) at = new Date(at.setFullYear(now.getFullYear() - 1));
    const queue = /^([0-9A-F]{6,}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,}):\s/.exec(rest!);
    const fields: Record<string, string> = {};
    for (const f of rest!.matchAll(FIELD)) fields[f[1]!] ??= f[2]!.replace(/^<|>$/g, '');
    lines.push({ at, program: program!, ...(queue ? { queueId: queue[1]! } : {}), fields, text: rest!, raw });
  }
  return lines;
}

const DOVECOT_SAVED =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6}) lmtp\(([^)]+)\)\S*: Info: msgid=<([^>]*)>: saved mail to (.+)$/;

export function parseDovecotDeliveries(text: string): MailboxDelivery[] {
  const deliveries: MailboxDelivery[] = [];
  for (const raw of text.split('\n')) {
    const m = DOVECOT_SAVED.exec(raw);
    if (!m) continue;
    const [, y, mo, d, hh, mi, ss, us, user, messageId, mailbox] = m as unknown as string[];
    const micros = Number(us);
    const at = new Date(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(hh),
      Number(mi),
      Number(ss),
      Math.floor(micros / 1000),
    );
    deliveries.push({ at, micros, user: user!, messageId: messageId!, mailbox: mailbox!, raw });
  }
  return deliveries;
}
