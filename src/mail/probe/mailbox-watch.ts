import type { ImapFlow } from 'imapflow';
import { classifyProbeMessage } from './classify-message.ts';
import type { ProbeMailbox, QuotaReport } from './delivery-types.ts';
import { connectImap, type ImapFailure, readQuotaWith } from './imap-connect.ts';
import { type ConnectDeps, clockOf } from './probe-deps.ts';
import type { ProbeOutcome, ProbeRef } from './types.ts';

// Watches a probe mailbox's INBOX for what a probe brings: opened BEFORE the probe is sent, it keeps every
// message that arrives from then on, so one that lands between the send and waitFor() is not missed.
// New mail is pushed by IDLE (RFC 2177), not polled: the server's untagged EXISTS (RFC 9051 §7.4.1) is
// the moment the bot saw the message (`seenAt`), and the new messages are fetched by UID from the last one
// seen (UIDs only grow within a UIDVALIDITY, RFC 9051 §2.3.1.1). Their classification is
// classify-message.ts's, for the probes each waitFor() names. The time to inbox measured so includes how long
// the server waits before telling an idling client: Dovecot gathers changes for 500 ms first
// (lib-storage/mailbox-watch.c, NOTIFY_DELAY_MSECS), which the test world shows as ~0.5 s over the LMTP save.
// Two exceptions ask instead of waiting to be told: a server without IDLE is asked every few seconds while a
// probe waits, and at the deadline the watcher looks once more before it answers "nothing came".

export interface WatchedMessage {
  readonly uid: number;
  readonly raw: Buffer;
  readonly outcome: ProbeOutcome;
  /** When the EXISTS that announced it arrived (or, for one found by a catch-up fetch, when it was read). */
  readonly seenAt: Date;
}

export type AcceptMessage = (raw: Buffer, outcome: ProbeOutcome) => boolean;

export interface MailboxWatcher {
  readonly mailbox: string;
  /** Why the session ended before close() (the server or the network dropped it); null while it is open. */
  readonly lost: string | null;
  /**
   * The first message, arrived since the watcher opened, that `accept` takes; null when `deadlineMs`
   * (milliseconds from now) passes, the signal aborts or the session is lost first.
   */
  waitFor(
    probes: ProbeRef | readonly ProbeRef[],
    deadlineMs: number,
    accept: AcceptMessage,
    signal?: AbortSignal,
  ): Promise<WatchedMessage | null>;
  /** Every message read so far that concerns one of the probes (delivered copy, bounce, reply). */
  related(probes: ProbeRef | readonly ProbeRef[]): Promise<WatchedMessage[]>;
  /** \Deleted and UID EXPUNGE (RFC 4315 §2.1) of these messages only; true when the server agreed. */
  remove(uids: readonly number[]): Promise<boolean>;
  quota(): Promise<QuotaReport>;
  close(): Promise<void>;
}

export type WatcherOpening =
  | { readonly ok: true; readonly watcher: MailboxWatcher }
  | { readonly ok: false; readonly failure: ImapFailure; readonly detail: string };

interface Arrival {
  readonly uid: number;
  readonly raw: Buffer;
  readonly seenAt: Date;
}

export async function openMailboxWatcher(mailbox: ProbeMailbox, deps: ConnectDeps): Promise<WatcherOpening> {
  const session = await connectImap(mailbox, deps, { idle: true });
  if (!session.ok) return session;
  const client = session.client;
  let lastUid: number;
  try {
    lastUid = (await client.mailboxOpen('INBOX')).uidNext - 1;
  } catch (error) {
    client.close();
    return { ok: false, failure: 'error', detail: `SELECT INBOX: ${(error as Error).message}` };
  }
  return { ok: true, watcher: new InboxWatcher(client, mailbox.address, lastUid, deps) };
}

/** How often a mailbox whose server has no IDLE is asked for new mail while a probe waits. */
const NO_IDLE_POLL_MS = 3_000;

class InboxWatcher implements MailboxWatcher {
  lost: string | null = null;
  readonly mailbox: string;
  readonly #client: ImapFlow;
  readonly #now: () => Date;
  readonly #deps: ConnectDeps;
  readonly #arrivals: Arrival[] = [];
  readonly #removed = new Set<number>();
  readonly #listeners = new Set<() => void>();
  readonly #outcomes = new Map<string, Promise<ProbeOutcome>>();
  #lastUid: number;
  #pulling: Promise<void> = Promise.resolve();
  #queued = false;
  #notifiedAt: Date | null = null;
  #notifiedCount = 0;
  #closing = false;

  constructor(client: ImapFlow, mailbox: string, lastUid: number, deps: ConnectDeps) {
    this.#client = client;
    this.mailbox = mailbox;
    this.#lastUid = lastUid;
    this.#deps = deps;
    this.#now = clockOf(deps);
    client.on('exists', (event) => {
      this.#notifiedAt ??= this.#now();
      this.#notifiedCount = Math.max(this.#notifiedCount, event.count);
      this.#pull();
    });
    client.on('close', () => {
      if (!this.#closing) this.lost = client.byeReason ?? 'connection closed';
      this.#notify();
    });
  }

  /**
   * Asks the server for what it has not announced: a FETCH alone does not make Dovecot look at its mailbox
   * again, a NOOP does (RFC 9051 §6.1.2), and the EXISTS it answers brings the new mail in through #pull.
   */
  async #look(): Promise<void> {
    if (this.lost || this.#closing) return;
    try {
      await this.#client.noop();
    } catch {
      // A NOOP that fails leaves the connection to the 'close' handler; the fetch below still tries.
    }
    await this.#pull();
  }

  /** Fetches what arrived after the last UID seen; runs one at a time, queued again by a later EXISTS. */
  #pull(): Promise<void> {
    if (this.#queued) return this.#pulling;
    this.#queued = true;
    this.#pulling = this.#pulling.then(async () => {
      this.#queued = false;
      const at = this.#notifiedAt ?? this.#now();
      const announced = this.#notifiedCount;
      this.#notifiedAt = null;
      this.#notifiedCount = 0;
      if (this.lost || this.#closing) return;
      try {
        await this.#fetchNew(at, announced);
      } catch (error) {
        this.#deps.logger?.warn('probe mailbox fetch failed', {
          mailbox: this.mailbox,
          error: (error as Error).message,
        });
      }
      this.#notify();
    });
    return this.#pulling;
  }

  async #fetchNew(at: Date, announced: number) {
    // `n:*` always names the highest message, even below n (RFC 9051 §6.4.8): list UIDs first, so an old
    // large message is not downloaded again just to be skipped.
    const listed = await this.#client.fetchAll(`${this.#lastUid + 1}:*`, { uid: true }, { uid: true });
    const fresh = listed.filter((m) => m.uid > this.#lastUid).map((m) => m.uid);
    if (fresh.length === 0) return;
    for await (const message of this.#client.fetch(fresh, { uid: true, source: true }, { uid: true })) {
      if (!message.source || message.uid <= this.#lastUid) continue;
      // A message beyond the count the EXISTS announced came in while we fetched: seen now, not then.
      const seenAt = message.seq <= announced ? at : this.#now();
      this.#arrivals.push({ uid: message.uid, raw: message.source, seenAt });
    }
    this.#lastUid = Math.max(this.#lastUid, ...fresh);
  }

  #notify() {
    for (const listener of [...this.#listeners]) listener();
  }

  #classify(arrival: Arrival, probes: readonly ProbeRef[]): Promise<ProbeOutcome> {
    const key = `${arrival.uid} ${probes.map((p) => `${p.id}/${p.messageId ?? ''}`).join(' ')}`;
    let outcome = this.#outcomes.get(key);
    if (!outcome) {
      outcome = classifyProbeMessage(arrival.raw, probes);
      this.#outcomes.set(key, outcome);
    }
    return outcome;
  }

  waitFor(
    probes: ProbeRef | readonly ProbeRef[],
    deadlineMs: number,
    accept: AcceptMessage,
    signal?: AbortSignal,
  ): Promise<WatchedMessage | null> {
    const list = listOf(probes);
    return new Promise((resolve) => {
      let next = 0;
      let done = false;
      let running = false;
      let again = false;
      let loop: Promise<void> = Promise.resolve();
      const finish = (found: WatchedMessage | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        this.#listeners.delete(check);
        signal?.removeEventListener('abort', abort);
        resolve(found);
      };
      const abort = () => finish(null);
      // One last look before giving up: mail the server has not announced yet (Dovecot tells an idling client
      // 0.5 s after the save; a server without IDLE is only asked every few seconds) must not turn a probe
      // that arrived in time into "no answer". A stop (`signal`) gives up at once instead.
      const lastLook = async () => {
        // Bounded like any IMAP question: a connection that died without a word would otherwise hold the
        // probe, and the checklist or investigation running it, until the socket's idle timeout.
        let bound: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => {
          bound = setTimeout(resolve, this.#deps.timeoutMs);
        });
        await Promise.race([this.#look().then(() => loop), late]);
        clearTimeout(bound);
        finish(null);
      };
      const check = () => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        loop = (async () => {
          do {
            again = false;
            while (!done && next < this.#arrivals.length) {
              const arrival = this.#arrivals[next++]!;
              if (this.#removed.has(arrival.uid)) continue;
              const outcome = await this.#classify(arrival, list);
              if (accept(arrival.raw, outcome)) finish({ ...arrival, outcome });
            }
          } while (again && !done);
          running = false;
          if (this.lost || this.#closing) finish(null);
        })();
      };
      const timer = setTimeout(() => void lastLook(), Math.max(0, deadlineMs));
      // RFC 2177 IDLE is an extension: without it imapflow only sends NOOP every two minutes, so the watcher
      // asks for new mail itself while a probe waits.
      const poll = this.#client.capabilities.has('IDLE')
        ? undefined
        : setInterval(() => void this.#look(), NO_IDLE_POLL_MS);
      if (signal?.aborted) return finish(null);
      signal?.addEventListener('abort', abort, { once: true });
      this.#listeners.add(check);
      check();
      // A catch-up: anything that came before IDLE was (re)started is fetched now rather than later.
      void this.#pull();
    });
  }

  async related(probes: ProbeRef | readonly ProbeRef[]): Promise<WatchedMessage[]> {
    await this.#pulling;
    const list = listOf(probes);
    const found: WatchedMessage[] = [];
    for (const arrival of this.#arrivals) {
      if (this.#removed.has(arrival.uid)) continue;
      const outcome = await this.#classify(arrival, list);
      if (outcome.kind !== 'unrelated') found.push({ ...arrival, outcome });
    }
    return found;
  }

  async remove(uids: readonly number[]): Promise<boolean> {
    if (uids.length === 0) return true;
    if (this.lost) return false;
    try {
      const done = await this.#client.messageDelete([...uids], { uid: true });
      if (done) for (const uid of uids) this.#removed.add(uid);
      return done;
    } catch {
      return false;
    }
  }

  quota(): Promise<QuotaReport> {
    return readQuotaWith(this.#client, this.mailbox);
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#notify();
    const client = this.#client;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#deps.timeoutMs);
    });
    await Promise.race([client.logout().catch(() => undefined), late]);
    clearTimeout(timer);
    client.close();
  }
}

const listOf = (probes: ProbeRef | readonly ProbeRef[]): readonly ProbeRef[] =>
  Array.isArray(probes) ? probes : [probes as ProbeRef];
