import { renderSlackCard } from '../../../cards/slack/render-card.ts';
import type { CardKind } from '../../../flows/types.ts';
import { textsFor } from '../../i18n/texts.ts';
import { buildTicketCard } from '../../tickets/card-source.ts';
import type { SlackContext } from './context.ts';

// Redraws one posted card straight away, outside the outbox: the "Processing…" swap the moment a button
// is pressed, and putting the buttons back when the click changed nothing. The decision's own refresh
// still goes through the outbox, after this, and is what everyone ends up seeing.

type DrawnCard = { readonly text: string; readonly blocks: unknown };

/** Returns, with "Processing…", the card as it was drawn without it, for putting the buttons back. */
export async function showOnCard(
  ctx: SlackContext,
  channel: string,
  messageTs: string,
  options: { processing: boolean },
): Promise<DrawnCard | null> {
  const posted = await ctx.db.postedCard.findUnique({
    where: { platform_channel_messageId: { platform: 'slack', channel, messageId: messageTs } },
  });
  if (!posted) return null;
  // A copy in someone's own chat with the bot is drawn for them, as the outbox draws it.
  const reader = posted.reader === null ? undefined : ctx.directory.byIdentity('slack', posted.reader);
  const model = await buildTicketCard(
    ctx.db,
    ctx.directory,
    posted.ticketId,
    posted.card as CardKind,
    ctx.clock.now(),
    reader?.id,
  );
  const texts = textsFor(posted.locale === 'en' ? 'en' : 'ms');
  await draw(ctx, channel, messageTs, renderSlackCard(model, texts, options));
  return options.processing ? renderSlackCard(model, texts, { processing: false }) : null;
}

async function draw(ctx: SlackContext, channel: string, messageTs: string, card: DrawnCard) {
  try {
    await ctx.client.chat.update({ channel, ts: messageTs, text: card.text, blocks: card.blocks } as never);
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
  let before: DrawnCard | null = null;
  const drawn = showOnCard(ctx, card.channel, card.messageId, { processing: true })
    .then((drawnBefore) => {
      before = drawnBefore;
    })
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
      await showOnCard(ctx, card.channel, card.messageId, { processing: false }).catch(
        async (error: unknown) => {
          ctx.logger.warn('could not redraw the card', { ...card, error });
          // The database that failed the decision fails the redraw too. Nothing was decided, so the card as
          // it was before the click is still true: without it, "Processing…" would stay with no buttons
          // until the ticket's next decision, which nobody could take from this card.
          if (!applied && before) await draw(ctx, card.channel, card.messageId, before);
        },
      );
    },
  };
}
