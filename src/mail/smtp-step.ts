import { formatReply, type SmtpFailureReason, type SmtpReply } from './smtp-client.ts';

// What the SMTP probe's steps hand each other (smtp-probe.ts, smtp-relay.ts): a step either worked or says
// why its check could not be tested.

/** Why a check could not be tested; each reason has a text at `mailtest.smtp.reason.<reason>`. */
export type UntestedReason =
  | SmtpFailureReason
  | 'rejected'
  | 'temporary'
  | 'no_ptr'
  | 'no_starttls'
  | 'accepts_all_local'
  | 'recipient_domain'
  | 'recipient_local'
  | 'helo_rejected'
  | 'sender_rejected';

export interface Untested {
  readonly reason: UntestedReason;
  readonly detail: string;
}

export type Step<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Untested);
export type Params = Record<string, string | number>;

/** A reply that stops a test without judging it: a 5xx refusal, a 4xx for now, anything else out of protocol. */
export function replyUntested(reply: SmtpReply): Untested {
  const reason = reply.code >= 500 ? 'rejected' : reply.code >= 400 ? 'temporary' : 'protocol';
  return { reason, detail: formatReply(reply) };
}

/**
 * What of the probe itself a refusal is about, so the report can say what to change: the name mailops gives in
 * EHLO (Postfix's reject_unknown_helo_hostname and kin, "Helo command rejected", answered at RCPT under
 * smtpd_delay_reject) or its test sender (RFC 3463 X.1.7 and X.1.8, RFC 7505's X.7.27 null-MX sender,
 * "Sender address rejected").
 */
export function probeRefusal(reply: SmtpReply): 'helo_rejected' | 'sender_rejected' | null {
  if (reply.code < 400) return null;
  const text = reply.lines.join(' ');
  if (/helo command rejected/i.test(text)) return 'helo_rejected';
  if (/sender address rejected/i.test(text) || /^[45]\.(?:1\.[78]|7\.27)\b/.test(reply.lines[0] ?? ''))
    return 'sender_rejected';
  return null;
}

/** As replyUntested, but a refusal of mailops' EHLO name or test sender says so. */
export function refusalUntested(reply: SmtpReply): Untested {
  const why = replyUntested(reply);
  return { ...why, reason: probeRefusal(reply) ?? why.reason };
}
