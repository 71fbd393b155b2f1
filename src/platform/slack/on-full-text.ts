import type { App } from '@slack/bolt';
import { FULL_TEXT_ACTION_ID } from '../../../cards/ids.ts';
import { renderSlackFullText } from '../../../cards/slack/render-full-text.ts';
import { textsFor } from '../../i18n/texts.ts';
import type { SlackContext } from './context.ts';
import { withErrorBoundary } from './error-boundary.ts';
import { openedOrTold } from './on-home.ts';

// "Read in full" under a card whose fields were cut to fit (cards/slack/render-card.ts): every field whole,
// in a modal for the person who pressed it. Only for those who may see the ticket (flows/roles.ts), as Open
// is: a channel card is read by people the ticket does not name, and a forged button learns nothing.

export function registerFullText(app: App, ctx: SlackContext): void {
  app.action(FULL_TEXT_ACTION_ID, async ({ ack, body, action }) => {
    await ack();
    const user = await ctx.identity.resolve(body.user.id);
    const ticketId = (action as { value?: string }).value ?? '';
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? '';
    await withErrorBoundary(ctx, user, {}, async () => {
      const opened = await openedOrTold(ctx, user, /^[0-9a-f-]{36}$/.test(ticketId) ? ticketId : null);
      if (!opened) return;
      await ctx.openModal(triggerId, renderSlackFullText(opened.model, textsFor(user.locale)));
    });
  });
}
