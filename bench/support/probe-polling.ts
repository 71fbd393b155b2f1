import { setTimeout as sleep } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';
import type { ProbeMailbox } from '../../src/mail/probe/delivery-types.ts';
import { normalizeMessageId } from '../../src/mail/probe/header-block.ts';

// The baseline `npm run bench:probe` compares IDLE with: a client that never IDLEs (RFC 2177) and instead
// asks the server every `periodMs` whether anything arrived, as a cron-driven mail check would. It keeps
// INBOX open read-only (EXAMINE, so it never changes what the watcher sees) and at each tick sends NOOP,
// which lets the server report new messages (RFC 3501 §6.1.2), then `UID SEARCH UID next:*` for UIDs it
// has not listed before. A message counts as seen when the SEARCH answer listing its UID arrives; its
// Message-ID is fetched afterwards, so the fetch does not count against polling.
//
// Ticks are at start + k × period, not period after the previous tick ended, so a slow poll does not
// shift the phase every later message is measured against.

export interface PollingBaseline {
  /** Date.now() of the first tick; tick k is at startedAt + k × periodMs. */
  readonly startedAt: number;
  /** Date.now() of the poll that first listed each message, by Message-ID as normalizeMessageId gives it. */
  readonly seen: ReadonlyMap<string, number>;
  /** Polls done so far (the first one, at start, finds the mailbox as it was). */
  readonly polls: () => number;
  /** Why a poll failed, in order; the baseline keeps polling on the next tick. */
  readonly errors: readonly string[];
  /** Resolves when every id in `messageIds` has been seen, or at `deadline` (Date.now() ms). */
  waitFor(messageIds: readonly string[], deadline: number): Promise<void>;
  close(): Promise<void>;
}

export async function startPolling(
  mailbox: ProbeMailbox,
  options: { readonly periodMs: number; readonly ca: readonly string[]; readonly timeoutMs: number },
): Promise<PollingBaseline> {
  const endpoint = mailbox.imap;
  if (!endpoint) throw new Error(`${mailbox.address} has no IMAP endpoint to poll`);
  const client = new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.security === 'tls',
    doSTARTTLS: endpoint.security === 'starttls',
    ...(endpoint.servername ? { servername: endpoint.servername } : {}),
    tls: { ...(endpoint.servername ? { servername: endpoint.servername } : {}), ca: [...options.ca] },
    auth: { user: mailbox.username, pass: mailbox.password.reveal() },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    // Quiet between ticks by design: imapflow's inactivity watchdog must not end the session first.
    socketTimeout: options.periodMs * 3,
  });
  client.on('error', () => undefined);
  await client.connect();
  const opened = await client.mailboxOpen('INBOX', { readOnly: true });

  const seen = new Map<string, number>();
  const errors: string[] = [];
  let next = Number(opened.uidNext);
  let polls = 0;
  const stop = new AbortController();
  const listeners = new Set<() => void>();

  const poll = async () => {
    await client.noop();
    const found = (await client.search({ uid: `${next}:*` }, { uid: true })) || [];
    const at = Date.now();
    polls++;
    // `n:*` always includes the highest UID, even when it is below n (RFC 3501 §9, seq-range).
    const fresh = found.filter((uid) => uid >= next);
    if (fresh.length === 0) return;
    next = Math.max(...fresh) + 1;
    for (const message of await client.fetchAll(fresh, { envelope: true }, { uid: true })) {
      const id = message.envelope?.messageId && normalizeMessageId(message.envelope.messageId);
      if (id && !seen.has(id)) seen.set(id, at);
    }
    for (const listener of listeners) listener();
  };

  const start = Date.now();
  const loop = (async () => {
    for (let tick = 0; !stop.signal.aborted; tick++) {
      const wait = start + tick * options.periodMs - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted) break;
      await poll().catch((error: unknown) => {
        errors.push(error instanceof Error ? error.message : String(error));
      });
    }
  })();

  return {
    startedAt: start,
    seen,
    polls: () => polls,
    errors,
    waitFor(messageIds, deadline) {
      return new Promise((resolve) => {
        const check = () => {
          if (messageIds.every((id) => seen.has(id)) || Date.now() >= deadline) done();
        };
        const timer = setTimeout(() => done(), Math.max(0, deadline - Date.now()));
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      });
    },
    async close() {
      stop.abort();
      await loop;
      await client.logout().catch(() => client.close());
    },
  };
}
