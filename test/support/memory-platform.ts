import type { CardModel } from '../../cards/card-model.ts';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import {
  type ChatPlatform,
  type Destination,
  PlatformDeliveryError,
  type PostedRef,
  type TextMessage,
} from '../../src/platform/port.ts';

// An in-memory chat platform at the port (STYLE.md 16: fakes at the ports). It records every delivery and
// can fail on demand the way real platforms do: a transient 500, a 429 with Retry-After, or a permanent
// "channel_not_found".

export type Failure =
  | { readonly kind: 'transient' }
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number }
  | { readonly kind: 'permanent' }
  /** The message was deleted: Slack's `message_not_found`. */
  | { readonly kind: 'gone' };

export type Delivery =
  | {
      readonly op: 'text';
      readonly to: Destination;
      readonly text: string;
      readonly locale: string;
      readonly id: string;
    }
  | {
      readonly op: 'post';
      readonly to: Destination;
      readonly card: CardModel;
      readonly locale: string;
      readonly id: string;
    }
  | { readonly op: 'update'; readonly ref: PostedRef; readonly card: CardModel; readonly locale: string }
  | { readonly op: 'report'; readonly to: Destination; readonly view: MailtestView; readonly id: string }
  | { readonly op: 'report_update'; readonly ref: PostedRef; readonly view: MailtestView };

/** `reports`: the platform posts report cards as Slack and Teams do; without it, as one that cannot. */
export function createMemoryPlatform(name = 'memory', options: { reports?: boolean } = {}) {
  const deliveries: Delivery[] = [];
  const attempts: { op: string; at: number }[] = [];
  const failures: Failure[] = [];
  // Cards that fail every update, as one whose message was deleted or whose channel was archived does.
  const brokenCards = new Map<string, Failure>();
  // Calls held until the test lets them go on, as a platform that stalls (a slow API, a paused network) does.
  const holds: { reached: () => void; released: Promise<void> }[] = [];
  async function held() {
    const hold = holds.shift();
    if (!hold) return;
    hold.reached();
    await hold.released;
  }
  // Message ids unique across instances, as a platform's are: posted-card references are unique per channel.
  const nextId = () => `${name}-${crypto.randomUUID().slice(0, 8)}`;

  function maybeFail(op: string, failure = failures.shift()) {
    attempts.push({ op, at: Date.now() });
    if (!failure) return;
    if (failure.kind === 'transient')
      throw new PlatformDeliveryError('500 internal_error', { retryable: true });
    if (failure.kind === 'rate_limited') {
      throw new PlatformDeliveryError('429 ratelimited', {
        retryable: true,
        retryAfterMs: failure.retryAfterMs,
      });
    }
    if (failure.kind === 'gone')
      throw new PlatformDeliveryError('message_not_found', { retryable: false, gone: true });
    throw new PlatformDeliveryError('channel_not_found', { retryable: false });
  }

  function channelOf(to: Destination) {
    return to.kind === 'channel' ? to.channel : `D-${to.user}`;
  }

  const platform: ChatPlatform = {
    name,
    async sendText(to: Destination, message: TextMessage, locale: string) {
      await held();
      maybeFail('text');
      const id = nextId();
      deliveries.push({ op: 'text', to, text: message.text, locale, id });
      return { channel: channelOf(to), messageId: id };
    },
    async postCard(to: Destination, card: CardModel, locale: string) {
      await held();
      maybeFail('post');
      const id = nextId();
      deliveries.push({ op: 'post', to, card, locale, id });
      return { channel: channelOf(to), messageId: id };
    },
    async updateCard(ref: PostedRef, card: CardModel, locale: string) {
      await held();
      maybeFail('update', brokenCards.get(ref.messageId) ?? failures.shift());
      deliveries.push({ op: 'update', ref, card, locale });
    },
    ...(options.reports
      ? {
          async postReport(to: Destination, view: MailtestView) {
            maybeFail('report');
            const id = nextId();
            deliveries.push({ op: 'report', to, view, id });
            return { channel: channelOf(to), messageId: id };
          },
          async updateReport(ref: PostedRef, view: MailtestView) {
            maybeFail('report');
            deliveries.push({ op: 'report_update', ref, view });
          },
        }
      : {}),
  };

  return {
    platform,
    deliveries,
    attempts,
    /** The next calls fail in this order, then calls succeed again. */
    failNext(...next: Failure[]) {
      failures.push(...next);
    },
    /** The next call stalls until `release()`; `reached` resolves once it is stalling. */
    holdNext() {
      let release = () => {};
      let reached = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const isReached = new Promise<void>((resolve) => {
        reached = resolve;
      });
      holds.push({ reached, released });
      return { reached: isReached, release };
    },
    /** Every update of this posted card fails this way until `failing` is undefined. */
    breakCard(messageId: string, failing: Failure | undefined) {
      if (failing) brokenCards.set(messageId, failing);
      else brokenCards.delete(messageId);
    },
  };
}
