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
  const model = await buildTicketCard(
    ctx.db,
    ctx.directory,
    posted.ticketId,
    posted.card as CardKind,
    ctx.clock.now(),
  );
  const { text, blocks } = renderSlackCard(model, textsFor(posted.locale === 'en' ? 'en' : 'ms'), options);
  try {
    await ctx.client.chat.update({ channel, ts: messageTs, text, blocks } as never);
  } catch (error) {
    // Only feedback: the decision and its outbox refresh do not depend on it.
    ctx.logger.warn('could not redraw the card', { channel, messageTs, error });
  }
}

// A form's decision must be answered within Slack's 3 s for view_submission, so the swap gets at most this
// long before the decision goes ahead without it (a click, acknowledged already, is held to the same).
const SWAP_WAIT_MS = 1000;

/**
 * "Processing…" on the card a click or a form came from, for the time its decision takes (a click's own,
 * or the reject comment's, Section B's, Section D's). `ready` settles when the swap is drawn or has had its
 * time; `finish` puts the buttons back when nothing changed and, when the decision went ahead before the swap
 * was drawn, draws the card again from the database once the swap has landed, so a slow "Processing…" never
 * stays on top of the decision's own refresh, however late it lands.
 */
export function processingWhileDeciding(ctx: SlackContext, card: { channel: string; messageId: string }) {
  let settled = false;
  let late = false;
  const drawn = showOnCard(ctx, card.channel, card.messageId, { processing: true })
    .catch((error: unknown) => ctx.logger.warn('could not redraw the card', { ...card, error }))
    .finally(() => {
      settled = true;
    });
  return {
    ready: Promise.race([drawn, new Promise((resolve) => setTimeout(resolve, SWAP_WAIT_MS).unref())]).then(
      () => {
        late = !settled;
      },
    ),
    async finish(applied: boolean) {
      await drawn;
      if (applied && !late) return;
      await showOnCard(ctx, card.channel, card.messageId, { processing: false }).catch((error: unknown) =>
        ctx.logger.warn('could not redraw the card', { ...card, error }),
      );
    },
  };
}
