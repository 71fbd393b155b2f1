import { pendingNotice } from './bounce-recipient.ts';
import type { MailboxWatcher, WatchedMessage } from './mailbox-watch.ts';
import type { ProbeOutcome, ProbeRef } from './types.ts';

// The wait of one probe (run-probe.ts): the first of the copy in the recipient's inbox and what came back to
// the sender. After a delivery the sender's inbox gets the grace for an auto-reply; after an auto-reply, the
// recipient's inbox gets the same grace for the copy (a responder may answer before the copy is stored). A
// bounce ends the wait, but only a final one: a DSN whose Action for the probe's recipient is `delayed`,
// `relayed`, `expanded` or `delivered` (RFC 3464 §2.3.3) says the message is still on its way, and a delay
// warning can come long before the deadline (Postfix's delay_warning_time, Exim's delay_warning). Such a
// notice is the answer only when the deadline passes with no copy and nothing final.

export interface ObservedMailboxes {
  readonly recipient: MailboxWatcher | null;
  readonly sender: MailboxWatcher | null;
}

export interface ObserveInput {
  readonly to: { readonly address: string };
  readonly deadlineMs: number;
  readonly replyGraceMs: number;
  readonly signal?: AbortSignal;
}

export interface Observed {
  readonly delivered: WatchedMessage | null;
  readonly returned: WatchedMessage | null;
}

type Found = { readonly side: 'recipient' | 'sender'; readonly message: WatchedMessage };

const isDelivered = (_raw: Buffer, o: ProbeOutcome) => o.kind === 'delivered';
const isReply = (_raw: Buffer, o: ProbeOutcome) => o.kind === 'auto_reply' || o.kind === 'reply';

export async function observe(
  probe: ProbeRef,
  mailboxes: ObservedMailboxes,
  input: ObserveInput,
): Promise<Observed> {
  const stopDelivery = new AbortController();
  const stopReturn = new AbortController();
  const stopBoth = () => {
    stopDelivery.abort();
    stopReturn.abort();
  };
  input.signal?.addEventListener('abort', stopBoth, { once: true });
  if (input.signal?.aborted) stopBoth();
  try {
    return await observeUntil(probe, mailboxes, input, stopDelivery, stopReturn);
  } finally {
    input.signal?.removeEventListener('abort', stopBoth);
  }
}

async function observeUntil(
  probe: ProbeRef,
  { recipient, sender }: ObservedMailboxes,
  input: ObserveInput,
  stopDelivery: AbortController,
  stopReturn: AbortController,
): Promise<Observed> {
  const isFinalReturn = (raw: Buffer, o: ProbeOutcome) =>
    isReply(raw, o) || (o.kind === 'bounce' && !pendingNotice(o, input.to.address));
  const delivery = recipient?.waitFor(probe, input.deadlineMs, isDelivered, stopDelivery.signal) ?? none;
  const returned = sender?.waitFor(probe, input.deadlineMs, isFinalReturn, stopReturn.signal) ?? none;
  const first = await firstFound([
    delivery.then((m): Found | null => m && { side: 'recipient', message: m }),
    returned.then((m): Found | null => m && { side: 'sender', message: m }),
  ]);
  if (!first) return { delivered: null, returned: await latestNotice(probe, { recipient, sender }, input) };
  if (first.side === 'recipient') {
    stopReturn.abort();
    const reply = await (sender?.waitFor(probe, input.replyGraceMs, isReply, input.signal) ?? none);
    return { delivered: first.message, returned: reply };
  }
  if (first.message.outcome.kind === 'bounce') {
    stopDelivery.abort();
    return { delivered: null, returned: first.message };
  }
  const graceOver = setTimeout(() => stopDelivery.abort(), input.replyGraceMs);
  const copy = await delivery;
  clearTimeout(graceOver);
  return { delivered: copy, returned: first.message };
}

/**
 * The last not-final notice once the deadline passed; none when the wait ended for another reason (a stop,
 * a lost session), as the deadline then did not pass and the copy might yet have come.
 */
async function latestNotice(
  probe: ProbeRef,
  { recipient, sender }: ObservedMailboxes,
  input: ObserveInput,
): Promise<WatchedMessage | null> {
  if (!sender || sender.lost || recipient?.lost || input.signal?.aborted) return null;
  const related = await sender.related(probe);
  return related.filter((m) => pendingNotice(m.outcome, input.to.address)).at(-1) ?? null;
}

const none: Promise<null> = Promise.resolve(null);

/** The first promise to resolve to a value; null once all of them resolved to null. */
function firstFound<T>(promises: readonly Promise<T | null>[]): Promise<T | null> {
  return new Promise((resolve) => {
    let pending = promises.length;
    for (const promise of promises) {
      void promise.then((value) => {
        pending--;
        if (value !== null) resolve(value);
        else if (pending === 0) resolve(null);
      });
    }
  });
}
