import type { NodemailerError } from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { composeProbe, newMessageId } from './compose.ts';
import type { ProbeMailbox, SubmissionAttempt } from './delivery-types.ts';
import { type ConnectDeps, clockOf, scrubSecret, trustAnchors } from './probe-deps.ts';

// Submits one probe as the probe mailbox would (RFC 6409 message submission): implicit TLS (RFC 8314) or
// STARTTLS (RFC 3207) as the endpoint says, the certificate checked against `servername`, AUTH (RFC 4954)
// with the mailbox's login, the size declared on MAIL FROM (RFC 1870) so that a server with a smaller limit
// says no before 10 MB cross the wire. Every way it can end is a SubmissionAttempt; nothing is thrown.
// nodemailer's logger stays off (it would print the conversation), and every text we keep is scrubbed of
// the password.

export interface ProbeMessage {
  readonly probeId: string;
  readonly subject: string;
  /** The whole message's size, for the size probes (compose.ts says how close it comes). */
  readonly sizeBytes?: number;
}

/** The submission's outcome, with the size of the message as composed (what SIZE= declared). */
export type SentProbe = SubmissionAttempt & { readonly sizeBytes: number };

export async function sendProbe(
  from: ProbeMailbox,
  to: string,
  message: ProbeMessage,
  deps: ConnectDeps,
): Promise<SentProbe> {
  const now = clockOf(deps);
  const messageId = newMessageId(from.address, now());
  const raw = await composeProbe({
    from: from.address,
    to,
    probeId: message.probeId,
    subject: message.subject,
    messageId,
    date: now(),
    ...(message.sizeBytes === undefined ? {} : { sizeBytes: message.sizeBytes }),
  });
  const password = from.password.reveal();
  const scrub = (text: string) => scrubSecret(text, password, from.username);
  const endpoint = from.submission;
  const ca = trustAnchors(deps.ca);
  const connection = new SMTPConnection({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === 'tls',
    requireTLS: endpoint.security === 'starttls',
    ignoreTLS: endpoint.security === 'none',
    ...(endpoint.servername ? { servername: endpoint.servername } : {}),
    tls: { ...(endpoint.servername ? { servername: endpoint.servername } : {}), ...(ca ? { ca } : {}) },
    ...(deps.heloName ? { name: deps.heloName } : {}),
    connectionTimeout: deps.timeoutMs,
    greetingTimeout: deps.timeoutMs,
    socketTimeout: deps.timeoutMs,
    dnsTimeout: deps.timeoutMs,
    logger: false,
    debug: false,
    transactionLog: false,
  });

  const result = await new Promise<SubmissionAttempt>((resolve) => {
    let settled = false;
    const settle = (outcome: SubmissionAttempt) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const fail = (error: NodemailerError) => settle(submissionFailure(error, scrub));
    connection.on('error', fail);
    connection.connect((error) => {
      if (error) return fail(error);
      connection.login({ user: from.username, pass: password }, (loginError) => {
        if (loginError) return fail(loginError);
        connection.send({ from: from.address, to: [to], size: raw.length }, raw, (sendError, info) => {
          if (sendError || !info) return fail(sendError ?? new Error('no reply to DATA'));
          settle({ ok: true, messageId, acceptedAt: now(), response: scrub(info.response) });
        });
      });
    });
  });
  if (result.ok) connection.quit();
  else connection.close();

  const fields = { probeId: message.probeId, from: from.address, to, bytes: raw.length };
  if (result.ok) deps.logger?.info('probe submitted', { ...fields, response: result.response });
  else deps.logger?.warn('probe submission failed', { ...fields, ...result });
  return { ...result, sizeBytes: raw.length };
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'SOCKET_TIMEOUT']);
const TLS_CODE = /^(?:ETLS|ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(?:GET|VERIFY)_)/;

/**
 * How a submission ended, from nodemailer's error. A reply of the server's own (4yz, 5yz; RFC 5321 §4.2.1)
 * is a refusal; a 535 or 454 to AUTH (RFC 4954 §6) is a login failure, not a refusal of the message.
 */
export function submissionFailure(
  error: NodemailerError,
  scrub: (text: string) => string = (t) => t,
): Extract<SubmissionAttempt, { ok: false }> {
  const code = error.code ?? '';
  const original = String((error as { originalCode?: unknown }).originalCode ?? '');
  const reply = typeof error.response === 'string' ? scrub(error.response) : null;
  const replyCode = error.responseCode ?? null;
  const answer = { code: replyCode, response: reply };
  if (code === 'EAUTH' || code === 'ENOAUTH') return { ok: false, failure: 'auth', ...answer };
  if (TIMEOUT_CODES.has(code) || TIMEOUT_CODES.has(original))
    return { ok: false, failure: 'timeout', code: null, response: null };
  if (TLS_CODE.test(code) || TLS_CODE.test(original) || /certificate/i.test(error.message))
    return { ok: false, failure: 'tls', ...answer };
  if (replyCode !== null && replyCode >= 400) return { ok: false, failure: 'refused', ...answer };
  // nodemailer declines to send what the server's EHLO SIZE already rules out (RFC 1870 §6): that is the
  // server's own answer, given before the question, so it counts as a refusal with the keyword as reply.
  const advertised = /larger than allowed (\d+)/i.exec(error.message);
  if (code === 'EMESSAGE' && advertised)
    return { ok: false, failure: 'refused', code: null, response: `SIZE ${advertised[1]}` };
  return { ok: false, failure: 'connection', code: null, response: null };
}
