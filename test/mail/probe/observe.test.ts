import { describe, expect, it } from 'vitest';
import { classifyProbeMessage } from '../../../src/mail/probe/classify-message.ts';
import type { MailboxWatcher, WatchedMessage } from '../../../src/mail/probe/mailbox-watch.ts';
import { type ObserveInput, observe } from '../../../src/mail/probe/observe.ts';
import type { ProbeRef } from '../../../src/mail/probe/types.ts';
import { fixture, PROBES } from './fixtures.ts';

// How long a probe waits (observe.ts) when the sender's server reports before the deadline. Mailboxes are
// stand-ins that deliver real messages at set times, classified as the IMAP watcher classifies them.

const probe = PROBES.unreachable;
const input: ObserveInput = { to: { address: 'someone@unreachable.test' }, deadlineMs: 400, replyGraceMs: 0 };

/** The probe's own copy, as the recipient's server stores it once its MX answers again. */
const copy = fixture('probe-delivered.eml')
  .replaceAll(PROBES.postfix.id, probe.id)
  .replace(PROBES.postfix.messageId, probe.messageId);
const delayed = fixture('postfix-4.4.1-delayed.eml');
const failed = fixture('postfix-4.4.1-failed.eml');

/** A mailbox where each message arrives `afterMs` after the wait began. */
function mailbox(arrivals: readonly { afterMs: number; raw: string }[]): MailboxWatcher {
  const opened = Date.now();
  const read = (probes: ProbeRef | readonly ProbeRef[], uid: number, raw: string) =>
    classifyProbeMessage(raw, probes).then(
      (outcome): WatchedMessage => ({ uid, raw: Buffer.from(raw), outcome, seenAt: new Date() }),
    );
  return {
    mailbox: 'INBOX',
    lost: null,
    waitFor: (probes, deadlineMs, accept, signal) =>
      new Promise((resolve) => {
        const timers: NodeJS.Timeout[] = [];
        const finish = (found: WatchedMessage | null) => {
          for (const timer of timers) clearTimeout(timer);
          resolve(found);
        };
        timers.push(setTimeout(() => finish(null), deadlineMs));
        signal?.addEventListener('abort', () => finish(null), { once: true });
        arrivals.forEach(({ afterMs, raw }, uid) => {
          const at = Math.max(0, afterMs - (Date.now() - opened));
          timers.push(
            setTimeout(async () => {
              const message = await read(probes, uid, raw);
              if (accept(message.raw, message.outcome)) finish(message);
            }, at),
          );
        });
      }),
    related: async (probes) => {
      const elapsed = Date.now() - opened;
      const messages = await Promise.all(
        arrivals.flatMap(({ afterMs, raw }, uid) => (afterMs <= elapsed ? [read(probes, uid, raw)] : [])),
      );
      return messages.filter((m) => m.outcome.kind !== 'unrelated');
    },
    remove: async () => true,
    quota: () => Promise.reject(new Error('not asked of these mailboxes')),
    close: async () => {},
  };
}

const kindOf = (m: WatchedMessage | null) => {
  const o = m?.outcome;
  return o?.kind === 'bounce' ? `bounce ${o.recipients[0]?.action}` : (o?.kind ?? null);
};

describe('a delay warning (RFC 3464 §2.3.3 Action: delayed) before the deadline', () => {
  it('does not end the wait: the copy that arrives after it, still in time, is the delivery', async () => {
    const seen = await observe(
      probe,
      {
        recipient: mailbox([{ afterMs: 120, raw: copy }]),
        sender: mailbox([{ afterMs: 20, raw: delayed }]),
      },
      input,
    );
    expect(kindOf(seen.delivered)).toBe('delivered');
    expect(seen.returned).toBeNull();
  });

  it('is the answer when the deadline passes with no copy and nothing final', async () => {
    const started = Date.now();
    const seen = await observe(
      probe,
      { recipient: mailbox([]), sender: mailbox([{ afterMs: 20, raw: delayed }]) },
      input,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(input.deadlineMs - 5);
    expect(seen.delivered).toBeNull();
    expect(kindOf(seen.returned)).toBe('bounce delayed');
  });

  it('gives way to a failure reported after it', async () => {
    const seen = await observe(
      probe,
      {
        recipient: mailbox([]),
        sender: mailbox([
          { afterMs: 20, raw: delayed },
          { afterMs: 80, raw: failed },
        ]),
      },
      input,
    );
    expect(kindOf(seen.returned)).toBe('bounce failed');
  });

  it('is never the answer when mailops stops the wait: that is a stop, not a delay', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 60);
    const seen = await observe(
      probe,
      { recipient: mailbox([]), sender: mailbox([{ afterMs: 20, raw: delayed }]) },
      { ...input, signal: stop.signal },
    );
    expect(seen).toEqual({ delivered: null, returned: null });
  });
});

describe('a failure report (Action: failed)', () => {
  it('ends the wait at once, before the deadline', async () => {
    const started = Date.now();
    const seen = await observe(
      probe,
      {
        recipient: mailbox([{ afterMs: 300, raw: copy }]),
        sender: mailbox([{ afterMs: 20, raw: failed }]),
      },
      input,
    );
    expect(Date.now() - started).toBeLessThan(250);
    expect(seen.delivered).toBeNull();
    expect(kindOf(seen.returned)).toBe('bounce failed');
  });
});
