import { authenticateReceived } from './auth-results.ts';
import { newProbeId } from './compose.ts';
import type { AuthResults, ProbeKind, ProbeMailbox, ProbeReport } from './delivery-types.ts';
import { type MailboxWatcher, openMailboxWatcher, type WatchedMessage } from './mailbox-watch.ts';
import { observe } from './observe.ts';
import type { ProbeDeps } from './probe-deps.ts';
import { sendProbe } from './send.ts';
import type { ProbeOutcome, ProbeRef } from './types.ts';

// One delivery probe (issue 6; circular 4(c), SOP 4.2 step 3): watch the recipient's inbox and the sender's
// (where bounces, RFC 3464, and auto-replies, RFC 3834, come back) BEFORE sending, submit, then take the
// first of: the copy in the recipient's inbox, a final bounce or a reply in the sender's, the deadline
// (observe.ts). After a delivery the sender's inbox gets `replyGraceMs` more for an auto-reply. Whatever of
// the probe was read is deleted from both mailboxes, so the probe mailboxes do not fill up. Verdicts are
// delivery-findings.ts's.

export type { ProbeDeps } from './probe-deps.ts';

export interface ProbeInput {
  readonly kind: ProbeKind;
  readonly from: ProbeMailbox;
  readonly to: ProbeMailbox;
  /** From the submission's acceptance. */
  readonly deadlineMs: number;
  readonly replyGraceMs: number;
  readonly sizeBytes?: number;
  /**
   * mailops is stopping: a probe not yet sent is not sent, and one waiting stops waiting. Either ends as
   * could-not-test (`stopped`), never as "no answer"; what was read is still cleaned up.
   */
  readonly signal?: AbortSignal;
}

type Reply = NonNullable<ProbeReport['reply']>;

const NOT_SENT = { ok: false, failure: 'not_sent', code: null, response: null } as const;
/** Only something that came back to the sender: a person's reply proves the delivery all the same. */
const RESULT_OF_REPLY = { bounce: 'bounce', auto_reply: 'auto_reply', reply: 'delivered' } as const;

const replyOf = (message: WatchedMessage | null): Reply | null => {
  const outcome = message?.outcome;
  return outcome && (outcome.kind === 'bounce' || outcome.kind === 'auto_reply' || outcome.kind === 'reply')
    ? outcome
    : null;
};

export async function runProbe(input: ProbeInput, deps: ProbeDeps): Promise<ProbeReport> {
  const probeId = newProbeId();
  const log = deps.logger?.child({
    probeId,
    kind: input.kind,
    from: input.from.address,
    to: input.to.address,
  });
  const report = await probeOnce(probeId, input, deps);
  log?.info('probe finished', {
    result: report.result,
    untestedReason: report.untestedReason,
    timeToInboxMs: report.timeToInboxMs,
    cleanedUp: report.cleanedUp,
  });
  return report;
}

async function probeOnce(probeId: string, input: ProbeInput, deps: ProbeDeps): Promise<ProbeReport> {
  const stopped = { result: 'untested', untestedReason: 'stopped' } as const;
  if (input.signal?.aborted) return { ...notSent(probeId, input), ...stopped };
  const [recipientOpening, senderOpening] = await Promise.all([
    input.to.imap ? openMailboxWatcher(input.to, deps) : null,
    input.from.imap ? openMailboxWatcher(input.from, deps) : null,
  ]);
  const recipient = recipientOpening?.ok ? recipientOpening.watcher : null;
  const sender = senderOpening?.ok ? senderOpening.watcher : null;
  const base = notSent(probeId, input);

  try {
    if (input.signal?.aborted) return { ...base, ...stopped };
    // Without both inboxes the outcome could not be told apart from silence: the probe is not sent.
    const unreadable = [senderOpening, recipientOpening].find((o) => o !== null && !o.ok);
    if (unreadable && !unreadable.ok) {
      return { ...base, result: 'untested', untestedReason: `imap_${unreadable.failure}` };
    }

    const { sizeBytes, ...submission } = await sendProbe(
      input.from,
      input.to.address,
      { probeId, subject: `mailops probe ${probeId}`, ...sizeOf(input) },
      deps,
    );
    const sent = { ...base, sizeBytes, submission };
    if (!submission.ok) {
      if (submission.failure === 'refused') return { ...sent, result: 'refused' };
      return { ...sent, result: 'untested', untestedReason: `submission_${submission.failure}` };
    }

    const probe: ProbeRef = { id: probeId, messageId: submission.messageId };
    const seen = await observe(probe, { recipient, sender }, input);
    const cleanedUp = await cleanUp(probe, [recipient, sender]);
    if (!seen.delivered && !seen.returned && input.signal?.aborted) return { ...sent, cleanedUp, ...stopped };
    const lost = [recipient, sender].find((w) => w?.lost);
    if (!seen.delivered && !seen.returned && lost) {
      return { ...sent, cleanedUp, result: 'untested', untestedReason: 'imap_lost' };
    }
    const reply = replyOf(seen.returned);
    // A recipient without IMAP is known to have the probe only from its replies: silence there says nothing
    // about delivery, so it is not "no answer" (a fail) but a probe nobody could watch.
    if (!seen.delivered && !reply && !recipient)
      return { ...sent, cleanedUp, result: 'untested', untestedReason: 'imap_unwatched' };
    if (!seen.delivered) {
      const result = reply ? RESULT_OF_REPLY[reply.kind] : 'no_answer';
      return { ...sent, cleanedUp, result, reply };
    }
    const copy = seen.delivered;
    const outcome = copy.outcome as Extract<ProbeOutcome, { kind: 'delivered' }>;
    return {
      ...sent,
      cleanedUp,
      result: 'delivered',
      // Both instants are on the bot's clock; a notification handled before the 250 to DATA counts as 0.
      timeToInboxMs: Math.max(0, copy.seenAt.getTime() - submission.acceptedAt.getTime()),
      seenAt: copy.seenAt,
      serverReceivedAt: outcome.receivedAt,
      hops: outcome.hops,
      auth: await authOf(copy.raw, deps),
      reply,
    };
  } finally {
    await Promise.all([recipient?.close(), sender?.close()]);
  }
}

/** A probe before anything was sent. */
const notSent = (probeId: string, input: ProbeInput) =>
  ({
    kind: input.kind,
    direction: input.kind === 'outbound' ? 'outbound' : 'inbound',
    probeId,
    from: input.from.address,
    to: input.to.address,
    sizeBytes: 0,
    submission: NOT_SENT,
    timeToInboxMs: null,
    seenAt: null,
    serverReceivedAt: null,
    hops: [],
    auth: null,
    reply: null,
    cleanedUp: true,
  }) as const satisfies Partial<ProbeReport>;

const sizeOf = (input: ProbeInput) => (input.sizeBytes === undefined ? {} : { sizeBytes: input.sizeBytes });

/** Deletes what was read of the probe; true when every inbox agreed (or had nothing of it). */
async function cleanUp(probe: ProbeRef, watchers: readonly (MailboxWatcher | null)[]): Promise<boolean> {
  const done = await Promise.all(
    watchers.map(async (watcher) => {
      if (!watcher) return true;
      const related = await watcher.related(probe);
      return watcher.remove(related.map((m) => m.uid));
    }),
  );
  return done.every(Boolean);
}

async function authOf(raw: Buffer, deps: ProbeDeps): Promise<AuthResults | null> {
  try {
    return await authenticateReceived(raw, { dns: deps.dns });
  } catch (error) {
    deps.logger?.warn('probe authentication results failed', { error: (error as Error).message });
    return null;
  }
}
