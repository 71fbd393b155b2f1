import { ImapFlow, type ImapFlowError } from 'imapflow';
import type { ImapFailure, ProbeMailbox, QuotaReport } from './delivery-types.ts';
import { type ConnectDeps, scrubSecret, trustAnchors } from './probe-deps.ts';

// One logged-in IMAP session (RFC 9051 / RFC 3501) of a probe mailbox, shared by the watcher and the quota
// reader. Implicit TLS (RFC 8314) or STARTTLS (RFC 2595) as the endpoint says, never falling back to clear
// text when STARTTLS was asked for; the certificate checked against `servername`. imapflow's logger stays
// off, and a failure comes back as a reason with a scrubbed detail, never as a thrown error.

export type { ImapFailure } from './delivery-types.ts';

export type ImapSession =
  | { readonly ok: true; readonly client: ImapFlow }
  | { readonly ok: false; readonly failure: ImapFailure; readonly detail: string };

export interface ImapOptions {
  /** Keep the session in IDLE (RFC 2177) whenever it is free; off for one-shot sessions. */
  readonly idle?: boolean;
}

/** IDLE starts this long after the last command: short, so no delivery waits for the next command. */
const AUTO_IDLE_DELAY_MS = 25;
/** RFC 2177 §3: re-issue IDLE at least every 29 minutes, or the server may log the client off. */
const MAX_IDLE_MS = 10 * 60_000;
/** A watcher is quiet for as long as a probe's deadline: the socket watchdog must not end it first. */
const IDLE_SOCKET_TIMEOUT_MS = 30 * 60_000;

export async function connectImap(
  mailbox: ProbeMailbox,
  deps: ConnectDeps,
  options: ImapOptions = {},
): Promise<ImapSession> {
  const endpoint = mailbox.imap;
  if (!endpoint) return { ok: false, failure: 'error', detail: 'no IMAP endpoint configured' };
  const password = mailbox.password.reveal();
  const ca = trustAnchors(deps.ca);
  const client = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === 'tls',
    doSTARTTLS: endpoint.security === 'starttls' ? true : endpoint.security === 'none' ? false : undefined,
    ...(endpoint.servername ? { servername: endpoint.servername } : {}),
    tls: { ...(endpoint.servername ? { servername: endpoint.servername } : {}), ...(ca ? { ca } : {}) },
    auth: { user: mailbox.username, pass: password },
    logger: false,
    emitLogs: false,
    disableAutoIdle: !options.idle,
    autoIdleDelay: AUTO_IDLE_DELAY_MS,
    maxIdleTime: MAX_IDLE_MS,
    connectionTimeout: deps.timeoutMs,
    greetingTimeout: deps.timeoutMs,
    socketTimeout: options.idle ? Math.max(IDLE_SOCKET_TIMEOUT_MS, deps.timeoutMs) : deps.timeoutMs,
    clientInfo: { name: 'mailops' },
  });
  // An error after connect() resolved is reported by the watcher through 'close'; without a listener,
  // EventEmitter would throw it.
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), deps.timeoutMs * 2);
  });
  // Settled either way, so a connect() that fails after the race was lost is not an unhandled rejection.
  const connecting = client.connect().then(
    () => ({ late: false, error: null }),
    (error: ImapFlowError) => ({ late: false, error }),
  );
  const outcome = await Promise.race([connecting, late]);
  clearTimeout(timer);
  if ('error' in outcome && outcome.error === null) return { ok: true, client };
  client.close();
  const failure = 'error' in outcome ? imapFailure(outcome.error) : 'timeout';
  const detail =
    'error' in outcome
      ? scrubSecret(describe(outcome.error), password, mailbox.username)
      : `no login within ${deps.timeoutMs * 2} ms`;
  deps.logger?.warn('probe mailbox login failed', { mailbox: mailbox.address, failure, detail });
  return { ok: false, failure, detail };
}

const TIMEOUT_CODES = new Set([
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'ETIMEDOUT',
]);
const TLS_CODE = /^(?:ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(?:GET|VERIFY)_)/;
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);

/** RFC 5530 AUTHENTICATIONFAILED (or any failed LOGIN / AUTHENTICATE) is a login failure. */
export function imapFailure(error: ImapFlowError): ImapFailure {
  const code = error.code ?? '';
  if (error.authenticationFailed || error.serverResponseCode === 'AUTHENTICATIONFAILED') return 'login';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (error.tlsFailed || TLS_CODE.test(code) || code === 'STARTTLS_INJECTION') return 'tls';
  if (CONNECTION_CODES.has(code)) return 'connection';
  return 'error';
}

function describe(error: ImapFlowError): string {
  const parts = [error.code, error.serverResponseCode, error.responseText ?? error.message];
  return parts.filter(Boolean).join(': ');
}

/**
 * GETQUOTAROOT INBOX (RFC 9208 §4.3, formerly RFC 2087): the STORAGE resource, which the protocol counts in
 * units of 1024 octets (imapflow converts it to bytes). A root without STORAGE means no storage limit;
 * the usage is then unknown and reported as 0.
 */
export async function readQuotaWith(client: ImapFlow, mailbox: string): Promise<QuotaReport> {
  const hasQuota = [...client.capabilities.keys()].some((c) => c === 'QUOTA' || c.startsWith('QUOTA=RES-'));
  if (!hasQuota) return { ok: false, mailbox, reason: 'unsupported' };
  try {
    const quota = await client.getQuota('INBOX');
    if (!quota) return { ok: false, mailbox, reason: 'error' };
    const storage = quota.storage;
    return {
      ok: true,
      mailbox,
      usedBytes: storage?.usage ?? 0,
      limitBytes: storage?.limit ?? null,
    };
  } catch {
    return { ok: false, mailbox, reason: 'error' };
  }
}
