import type { WebClient } from '@slack/web-api';
import type { CardModel } from '../../../cards/card-model.ts';
import type { MailtestView } from '../../../cards/mailtest-view.ts';
import { renderSlackCard } from '../../../cards/slack/render-card.ts';
import { renderSlackMailtest } from '../../../cards/slack/render-mailtest.ts';
import { textsFor } from '../../i18n/texts.ts';
import type { ChatPlatform, Destination, PostedRef, TextMessage } from '../port.ts';
import { toDeliveryError } from './delivery-errors.ts';

// Slack as a chat platform for the outbox: a DM is a chat.postMessage to the user id (Slack opens the
// app's DM with them), a card is a message with blocks, an update is chat.update of the same message.
// The client given here makes no retries of its own: the outbox owns retrying and honours Retry-After.

const locale = (l: string) => (l === 'en' ? 'en' : 'ms');

export function createSlackPlatform(client: WebClient): ChatPlatform {
  const channelOf = (to: Destination) => (to.kind === 'channel' ? to.channel : to.user);
  async function post(to: Destination, args: { text: string; blocks?: unknown[] }): Promise<PostedRef> {
    try {
      const res = await client.chat.postMessage({ channel: channelOf(to), ...args } as never);
      return { channel: String(res.channel), messageId: String(res.ts) };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
  async function update(ref: PostedRef, message: { text: string; blocks: unknown[] }): Promise<void> {
    try {
      await client.chat.update({ channel: ref.channel, ts: ref.messageId, ...message } as never);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
  return {
    name: 'slack',
    // A notice names its ticket even when the text does not (a request is numbered only once opened).
    sendText: (to: Destination, message: TextMessage) =>
      post(to, {
        text:
          message.ticketNumber && !message.text.includes(message.ticketNumber)
            ? `*${message.ticketNumber}* · ${message.text}`
            : message.text,
      }),
    postCard: (to: Destination, card: CardModel, l: string) =>
      post(to, renderSlackCard(card, textsFor(locale(l)))),
    updateCard: (ref: PostedRef, card: CardModel, l: string) =>
      update(ref, renderSlackCard(card, textsFor(locale(l)))),
    postReport: (to: Destination, view: MailtestView) =>
      post(to, renderSlackMailtest(view, textsFor(locale(view.locale)))),
    updateReport: (ref: PostedRef, view: MailtestView) =>
      update(ref, renderSlackMailtest(view, textsFor(locale(view.locale)))),
  };
}
