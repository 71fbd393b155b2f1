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
  | 'accepts_all_local';

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
