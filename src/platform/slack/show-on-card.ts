import { renderSlackCard } from '../../../cards/slack/render-card.ts';
import type { CardKind } from '../../../flows/types.ts';
import { textsFor } from '../../i18n/texts.ts';
import { buildTicketCard } from '../../tickets/card-source.ts';
import type { SlackContext } from './context.ts';

// Redraws one posted card straight away, outside the outbox: the "Processing…" swap the moment a button
// is pressed, and putting the buttons back when the click changed nothing. The decision's own refresh
// still goes through the outbox, after this, and is what everyone ends up seeing.

export async function showOnCard(
  ctx: SlackContext,
  channel: string,
  messageTs: string,
  options: { processing: boolean },
): Promise<void> {
  const posted = await ctx.db.postedCard.findUnique({
    where: { platform_channel_messageId: { platform: 'slack', channel, messageId: messageTs } },
  });
  if (!posted) return;
  const model = await buildTicketCard(ctx.db, ctx.directory, posted.ticketId, posted.card as CardKind);
  const { text, blocks } = renderSlackCard(model, textsFor(posted.locale === 'en' ? 'en' : 'ms'), options);
  try {
    await ctx.client.chat.update({ channel, ts: messageTs, text, blocks } as never);
  } catch (error) {
    // Only feedback: the decision and its outbox refresh do not depend on it.
    ctx.logger.warn('could not redraw the card', { channel, messageTs, error });
  }
}
