import type { App } from '@slack/bolt';
import { OPEN_TICKET_ACTION_ID } from '../../../cards/ids.ts';
import { renderSlackCard } from '../../../cards/slack/render-card.ts';
import { renderSlackHome } from '../../../cards/slack/render-home.ts';
import { renderMessage } from '../../i18n/index.ts';
import { textsFor } from '../../i18n/texts.ts';
import { loadHome } from '../../tickets/home-query.ts';
import { cardToOpen } from '../../tickets/open-card.ts';
import type { SlackContext } from './context.ts';
import { withErrorBoundary } from './error-boundary.ts';
import type { SlackUser } from './identity.ts';

// App Home (app_home_opened → views.publish): what I asked for, what waits for me, what closed lately;
// "Open" sends the ticket's card to the person's DM with the bot, where its buttons work as anywhere.

export function registerHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    const user = await ctx.identity.resolve(event.user);
    await withErrorBoundary(ctx, user, {}, async () => {
      const home = await loadHome(
        ctx.db,
        user.actor,
        user.person !== undefined,
        ctx.clock.now(),
        ctx.directory,
      );
      await ctx.client.views.publish({
        user_id: user.slackId,
        view: renderSlackHome(home, textsFor(user.locale)) as never,
      });
    });
  });

  app.action(OPEN_TICKET_ACTION_ID, async ({ ack, body, action }) => {
    await ack();
    const user = await ctx.identity.resolve(body.user.id);
    const ticketId = (action as { value?: string }).value ?? '';
    await withErrorBoundary(ctx, user, {}, async () => {
      const opened = await openedOrTold(ctx, user, ticketId);
      if (!opened) return;
      const { kind: card, model } = opened;
      const { text, blocks } = renderSlackCard(model, textsFor(user.locale));
      const posted = await ctx.client.chat.postMessage({ channel: user.slackId, text, blocks } as never);
      // Recorded like any posted card, so later decisions update this copy too.
      if (posted.channel && posted.ts) {
        await ctx.db.postedCard.create({
          data: {
            ticketId,
            card,
            platform: 'slack',
            channel: posted.channel,
            messageId: posted.ts,
            locale: user.locale,
            reader: user.slackId,
          },
        });
      }
    });
  });
}

/**
 * The card this person may open (src/tickets/open-card.ts), or null once they have been told, in their DM, that
 * it cannot be opened for them: App Home's Open and a card's "Read in full" answer a refusal alike. A null
 * `ticketId` is a button whose value is no ticket id at all, refused without a lookup.
 */
export async function openedOrTold(ctx: SlackContext, user: SlackUser, ticketId: string | null) {
  const opened = ticketId && (await cardToOpen(ctx.db, ctx.directory, ticketId, user, ctx.clock.now()));
  if (opened) return opened;
  const text = renderMessage({ key: 'result.cannot_open' }, user.locale);
  await ctx.client.chat.postMessage({ channel: user.slackId, text });
  return null;
}
