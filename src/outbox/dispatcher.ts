import { randomUUID } from 'node:crypto';
import type { CardModel } from '../../cards/card-model.ts';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import { renderTextMailtest } from '../../cards/text/render-mailtest.ts';
import type { CardKind, MessageRef } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { type ChatPlatform, PlatformDeliveryError } from '../platform/port.ts';
import type { Clock } from '../time.ts';
import { type BackoffPolicy, nextDelayMs } from './backoff.ts';
import { type ClaimedMessage, claimDue } from './claim.ts';
import { fenceOf, holdLease, persistently } from './lease.ts';
import { type OutboxPayload, outboxPayload, type ReportPost } from './payload.ts';

// Delivers outbox rows through the chat-platform port (DESIGN.md, "Durable, exactly-once state").
// Rows are claimed with a lease under FOR UPDATE SKIP LOCKED, so several dispatchers (replicas) never
// hold the same row; the lease is renewed while a delivery runs and every write about it is fenced by the
// claim (lease.ts). A row is marked sent in the same statement batch that records the posted card, and that
// write is retried through a database blip rather than taken for a failed delivery. The one window that
// remains is a crash (or a database down for longer than the lease) between the platform's "ok" and our
// commit: then the lease expires and the message is sent again. Platforms offer no idempotency key to close it.
//
// A platform that keeps failing (an outage) is retried for `retryWindowMs` from the message's first failure,
// however many attempts that takes, so an outage of hours loses nothing, and a rate limit is never the end of
// it; a refusal for good (a channel that does not exist) parks the message at once. Parked messages go out
// again with `mailops outbox retry`.

export interface DeliveryContext {
  renderText(message: MessageRef, locale: string): string;
  /** `reader`: the platform user whose own chat with the bot the copy is in, who reads "you" on it. */
  buildCard(
    ticketId: string,
    card: CardKind,
    reader?: { readonly platform: string; readonly user: string },
  ): Promise<CardModel>;
  /**
   * A report card from the runs it names, in the payload's language (src/scheduler/checklist-report.ts).
   * Optional only while a composition root has not wired it: such rows are parked as `dead` with a reason.
   */
  buildReport?(report: ReportPost): Promise<MailtestView>;
}

export interface DispatcherOptions {
  readonly db: Db;
  readonly platforms: ReadonlyMap<string, ChatPlatform>;
  readonly context: DeliveryContext;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long after its first failure a message's retryable failures are still retried. */
  readonly retryWindowMs: number;
  readonly backoff: BackoffPolicy;
  readonly leaseMs?: number;
  readonly batchSize?: number;
  readonly onDelivered?: (platform: string, kind: string) => void;
  readonly onFailed?: (platform: string, kind: string, final: boolean) => void;
}

/** What the platform took: the message's id, the card to record, and the card copies it refused for good. */
interface Delivered {
  readonly messageId: string | null;
  readonly card: {
    readonly card: CardKind;
    readonly locale: string;
    /** The platform user of a copy in their own chat with the bot; null in a channel. */
    readonly reader: string | null;
    readonly channel: string;
    readonly messageId: string;
  } | null;
  readonly refused?: readonly string[];
}

const readerOn = (platform: ChatPlatform, user: string | null) =>
  user === null ? undefined : { platform: platform.name, user };

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
}

export function createDispatcher(options: DispatcherOptions) {
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 20;
  const { db, clock, logger } = options;

  async function deliver(
    row: ClaimedMessage,
    payload: OutboxPayload,
    platform: ChatPlatform,
  ): Promise<Delivered> {
    const ticket = row.ticketId
      ? await db.ticket.findUnique({ where: { id: row.ticketId }, select: { number: true } })
      : null;
    if (payload.kind === 'notify') {
      const text = options.context.renderText(payload.message, payload.locale);
      const posted = await platform.sendText(
        payload.to,
        { text, ticketNumber: ticket?.number },
        payload.locale,
      );
      return { messageId: posted.messageId, card: null };
    }
    if (payload.kind === 'report.post') return deliverReport(payload, platform);
    if (payload.kind === 'card.post') {
      if (!row.ticketId) throw new PlatformDeliveryError('card without ticket', { retryable: false });
      const reader = payload.to.kind === 'user' ? payload.to.user : null;
      const model = await options.context.buildCard(row.ticketId, payload.card, readerOn(platform, reader));
      const posted = await platform.postCard(payload.to, model, payload.locale);
      const card = { card: payload.card, locale: payload.locale, reader, ...posted };
      return { messageId: posted.messageId, card };
    }
    if (!row.ticketId) throw new PlatformDeliveryError('card without ticket', { retryable: false });
    return { messageId: null, card: null, refused: await refresh(row.ticketId, payload.card, platform) };
  }

  // Every copy of the ticket's card is redrawn. A copy the platform refuses for good (its message deleted,
  // its channel archived, its reader gone) must not freeze the others on a stale "who acts next", so each
  // copy is tried and the refusals are returned to be recorded. A transient failure retries the whole row
  // after the rest are done (an update only redraws the latest state, so repeating one is harmless); a rate
  // limit stops at once, as the platform asks.
  async function refresh(ticketId: string, card: CardKind | 'all', platform: ChatPlatform) {
    const posted = await db.postedCard.findMany({
      where: { ticketId, platform: platform.name, ...(card === 'all' ? {} : { card }) },
      orderBy: { createdAt: 'asc' },
    });
    const refused: string[] = [];
    const gone: string[] = [];
    let transient: unknown;
    for (const ref of posted) {
      try {
        const reader = readerOn(platform, ref.reader);
        const model = await options.context.buildCard(ticketId, ref.card as CardKind, reader);
        await platform.updateCard({ channel: ref.channel, messageId: ref.messageId }, model, ref.locale);
      } catch (error) {
        if (!(error instanceof PlatformDeliveryError)) transient ??= error;
        else if (error.retryAfterMs !== undefined) throw error;
        else if (error.retryable) transient ??= error;
        else if (error.gone) gone.push(ref.id);
        else refused.push(`${ref.channel}/${ref.messageId}: ${error.message}`);
      }
    }
    // A deleted message is forgotten, so that no later refresh tries it again nor reports it each time.
    if (gone.length > 0) {
      await db.postedCard.deleteMany({ where: { id: { in: gone } } });
      logger.info('outbox forgot card copies whose messages were deleted', { ticketId, copies: gone.length });
    }
    if (transient !== undefined) throw transient;
    if (refused.length > 0 && refused.length === posted.length - gone.length)
      throw new PlatformDeliveryError(refused.join('; '), { retryable: false });
    return refused;
  }

  // A platform without report cards gets the same words as a text message rather than nothing: the summary
  // is how SOC learns that a check failed (circular 4(c)).
  async function deliverReport(payload: ReportPost, platform: ChatPlatform) {
    if (!options.context.buildReport)
      throw new PlatformDeliveryError('no report builder wired (DeliveryContext.buildReport)', {
        retryable: false,
      });
    const view = await options.context.buildReport(payload);
    const posted = platform.postReport
      ? await platform.postReport(payload.to, view)
      : await platform.sendText(payload.to, { text: renderTextMailtest(view) }, payload.locale);
    return { messageId: posted.messageId, card: null };
  }

  async function handle(row: ClaimedMessage, result: DrainResult) {
    const platform = options.platforms.get(row.platform);
    const parsed = outboxPayload.safeParse(row.payload);
    if (!platform || !parsed.success) {
      const why = platform
        ? `payload does not parse: ${parsed.error?.message}`
        : `no platform "${row.platform}"`;
      await db.outboxMessage.updateMany({ where: fenceOf(row), data: { status: 'dead', lastError: why } });
      logger.error('outbox message cannot be delivered', { outboxId: row.id, why });
      result.dead += 1;
      return;
    }
    const lease = holdLease(db, row, { leaseMs, clock, logger });
    try {
      let delivered: Delivered;
      try {
        delivered = await deliver(row, parsed.data, platform);
      } catch (error) {
        await recordFailure(row, parsed.data.kind, error, result);
        return;
      }
      await recordDelivery(row, parsed.data.kind, platform.name, delivered, result);
    } finally {
      lease.stop();
    }
  }

  /** What the platform said yes to, written down: the row sent, the card posted (so later decisions update it). */
  async function recordDelivery(
    row: ClaimedMessage,
    kind: string,
    platformName: string,
    delivered: Delivered,
    result: DrainResult,
  ) {
    const partly = delivered.refused?.length ? delivered.refused : null;
    const reference = partly ? randomUUID().slice(0, 8) : null;
    const card = delivered.card;
    const write = () =>
      db.$transaction([
        db.outboxMessage.updateMany({
          where: fenceOf(row),
          data: {
            status: 'sent',
            sentAt: clock.now(),
            platformMessageId: delivered.messageId,
            lockedUntil: null,
            ...(partly ? { lastError: `[${reference}] not updated: ${partly.join('; ')}` } : {}),
          },
        }),
        // Recorded even when the row was taken over meanwhile: the message is in the channel either way, and
        // a copy nobody recorded would keep stale buttons for ever. Upserted, so a retried write is harmless.
        ...(card && row.ticketId
          ? [
              db.postedCard.upsert({
                where: {
                  platform_channel_messageId: {
                    platform: platformName,
                    channel: card.channel,
                    messageId: card.messageId,
                  },
                },
                create: {
                  ticketId: row.ticketId,
                  card: card.card,
                  platform: platformName,
                  channel: card.channel,
                  messageId: card.messageId,
                  locale: card.locale,
                  reader: card.reader,
                },
                update: {},
              }),
            ]
          : []),
      ]);
    let marked: Awaited<ReturnType<typeof write>>;
    try {
      // Bounded well inside the lease, and short enough not to hold up a stop for long.
      marked = await persistently(write, Math.min(leaseMs / 2, 15_000));
    } catch (error) {
      const failed = randomUUID().slice(0, 8);
      logger.error('outbox message delivered but not recorded; it will be sent again when its lease ends', {
        reference: failed,
        outboxId: row.id,
        platform: row.platform,
        error,
      });
      result.retried += 1;
      return;
    }
    if (marked[0].count === 0) {
      const now = await db.outboxMessage.findUnique({ where: { id: row.id } });
      // A write that committed before its connection dropped is found again by the retry: that is ours.
      if (now?.status !== 'sent' || now.platformMessageId !== delivered.messageId)
        logger.warn('outbox message delivered after its lease passed; another replica had taken it over', {
          outboxId: row.id,
          platform: row.platform,
          attempt: row.attempts,
        });
    }
    if (partly)
      logger.warn('outbox refresh left cards the platform refused', {
        reference,
        outboxId: row.id,
        platform: row.platform,
        refused: partly,
      });
    result.sent += 1;
    options.onDelivered?.(row.platform, kind);
  }

  async function recordFailure(row: ClaimedMessage, kind: string, error: unknown, result: DrainResult) {
    const retryable = error instanceof PlatformDeliveryError ? error.retryable : true;
    const retryAfterMs = error instanceof PlatformDeliveryError ? error.retryAfterMs : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const failingSince = row.failingSince ?? clock.now();
    const failingFor = clock.now().getTime() - failingSince.getTime();
    // A 429 says when to come back: the platform is up and will take the message then.
    const rateLimited = retryAfterMs !== undefined;
    const final = !retryable || (!rateLimited && failingFor >= options.retryWindowMs);
    const reference = randomUUID().slice(0, 8);
    const delay = nextDelayMs(row.attempts, options.backoff, retryAfterMs);
    const recorded = await db.outboxMessage.updateMany({
      where: fenceOf(row),
      // This attempt ended with an outcome, so the lapses before it were not the message's doing.
      data: final
        ? { status: 'dead', lastError: `[${reference}] ${message}`, lockedUntil: null, lapses: 0 }
        : {
            lastError: `[${reference}] ${message}`,
            lapses: 0,
            failingSince,
            nextAttemptAt: new Date(clock.now().getTime() + delay),
            lockedUntil: null,
          },
    });
    if (recorded.count === 0) {
      // Another replica claimed the row after this attempt's lease ran out: what happens to it is theirs.
      logger.warn('outbox delivery failed after its lease passed; left to the replica that took it over', {
        reference,
        outboxId: row.id,
        platform: row.platform,
        attempt: row.attempts,
        error: message,
      });
      return;
    }
    (final ? logger.error : logger.warn)('outbox delivery failed', {
      reference,
      outboxId: row.id,
      platform: row.platform,
      attempt: row.attempts,
      final,
      retryInMs: final ? undefined : delay,
      error: message,
    });
    if (final) result.dead += 1;
    else result.retried += 1;
    options.onFailed?.(row.platform, kind, final);
  }

  let stopping = false;

  /** Delivers everything that is due now, batch after batch, and says what happened. */
  async function drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, dead: 0 };
    for (;;) {
      const rows = await claimDue(db, {
        now: clock.now(),
        leaseMs,
        limit: batchSize,
        platforms: [...options.platforms.keys()],
        onParked: (row) => {
          logger.error('outbox message parked: its deliveries keep ending with no outcome', {
            outboxId: row.id,
            platform: row.platform,
            attempts: row.attempts,
          });
          result.dead += 1;
        },
      });
      if (rows.length === 0) return result;
      // Settled, not all: one delivery whose bookkeeping threw must not let stop() close the database under
      // the others still in flight.
      const handled = await Promise.allSettled(rows.map((row) => handle(row, result)));
      const failed = handled.find((h) => h.status === 'rejected');
      if (failed) throw failed.reason;
      // A stop lets the batch in hand finish but claims no more: a long backlog must not outlast the grace
      // period a service manager gives before it kills the process mid-delivery.
      if (stopping) return result;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = true;
  // A wake during a drain must not be lost: rows committed after the drain's last claim would otherwise
  // wait for the next poll.
  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = drainOnce()
      .catch((error: unknown) => logger.error('outbox drain failed', { error }))
      .finally(() => {
        running = undefined;
        if (again) tick();
      });
  };

  return {
    drainOnce,
    /** Polls every `intervalMs`; `wake()` after a commit delivers at once instead of at the next poll. */
    start(intervalMs = 1000) {
      stopped = false;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    wake: tick,
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
