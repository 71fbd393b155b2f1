import { CardFactory, MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import type { CardModel } from '../../../cards/card-model.ts';
import type { AdaptiveCard } from '../../../cards/teams/adaptive-card.ts';
import { renderTeamsCard } from '../../../cards/teams/render-card.ts';
import { renderTeamsHome } from '../../../cards/teams/render-home.ts';
import type { TicketActionType } from '../../../flows/types.ts';
import { renderMessage } from '../../i18n/index.ts';
import { textsFor } from '../../i18n/texts.ts';
import { loadHome } from '../../tickets/home-query.ts';
import { cardToOpen } from '../../tickets/open-card.ts';
import { TEAMS } from './conversation-refs.ts';
import type { TeamsContext } from './on-turn.ts';
import type { TeamsUser } from './teams-user.ts';

// Teams' counterpart of Slack's App Home (src/platform/slack/on-home.ts), which Teams has no place for: the
// word `tiket` (or `tickets`) in a person's chat with the bot answers with their home card, my open tickets,
// what waits for my action and what closed lately, so an approver or SOC officer on Teams finds what is
// theirs without scrolling back through the chat. "Buka / Open" brings the ticket's card into the chat with
// the buttons that person may press, recorded like any posted card so every later decision redraws it.

/** The words that ask for the home card, in either language, whatever the person's own. */
export const HOME_WORDS: readonly string[] = ['tiket', 'tickets'];

/** The word a person is told to type, in their language. */
export const homeWord = (locale: string) => (locale === 'en' ? 'tickets' : 'tiket');

/**
 * The person's home card; in a channel or group chat only a sentence saying where to ask, since a home
 * lists one person's tickets and a shared conversation would show them to everyone.
 */
export async function onHomeCommand(ctx: TeamsContext, context: TurnContext, user: TeamsUser) {
  if (context.activity.conversation?.conversationType !== 'personal') {
    const text = renderMessage(
      { key: 'teams.home.personal', params: { word: homeWord(user.locale) } },
      user.locale,
    );
    await context.sendActivity(MessageFactory.text(text));
    return;
  }
  const card = await homeCard(ctx, user);
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

async function homeCard(ctx: TeamsContext, user: TeamsUser): Promise<AdaptiveCard> {
  const home = await loadHome(ctx.db, user.actor, user.person !== undefined, ctx.clock.now(), ctx.directory);
  return renderTeamsHome(home, textsFor(user.locale));
}

/** The buttons of a card this person may press now (an approver who is also SOC sees only his own). */
export async function ownActions(ctx: TeamsContext, user: TeamsUser, model: CardModel) {
  const mine: TicketActionType[] = [];
  for (const type of model.actions)
    if ((await ctx.tickets.precheck(model.ticketId, type, user.actor)) === null) mine.push(type);
  return mine;
}

/**
 * "Open" on the home card: the ticket's card (src/tickets/open-card.ts) posted into the conversation the
 * home card is in; the answer is the home card again, as it is now. Null, and nothing posted, when the card
 * is not this person's to open.
 */
export async function openTicket(
  ctx: TeamsContext,
  context: TurnContext,
  user: TeamsUser,
  ticketId: string,
): Promise<AdaptiveCard | null> {
  const opened = await cardToOpen(ctx.db, ctx.directory, ticketId, user, ctx.clock.now());
  if (!opened) return null;
  const { kind, model } = opened;
  const mine = await ownActions(ctx, user, model);
  const card = renderTeamsCard({ ...model, actions: mine }, textsFor(user.locale), {
    showActions: mine.length > 0,
  });
  const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  const conversationId = context.activity.conversation?.id.split(';')[0];
  if (sent?.id && conversationId) {
    await ctx.db.postedCard.create({
      data: {
        ticketId,
        card: kind,
        platform: TEAMS,
        channel: conversationId,
        messageId: sent.id,
        locale: user.locale,
        ...(user.aadObjectId ? { reader: user.aadObjectId } : {}),
      },
    });
  }
  return homeCard(ctx, user);
}
