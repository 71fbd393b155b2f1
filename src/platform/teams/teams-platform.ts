import {
  CardFactory,
  type CloudAdapter,
  type ConnectorClient,
  HttpError,
  MessageFactory,
} from '@microsoft/agents-hosting';
import type { CardModel } from '../../../cards/card-model.ts';
import type { MailtestView } from '../../../cards/mailtest-view.ts';
import { renderTeamsCard } from '../../../cards/teams/render-card.ts';
import { renderTeamsMailtest } from '../../../cards/teams/render-mailtest.ts';
import type { Role } from '../../../flows/types.ts';
import type { Db } from '../../db/types.ts';
import type { Directory } from '../../directory/directory.ts';
import { textsFor } from '../../i18n/texts.ts';
import {
  type ChatPlatform,
  type Destination,
  PlatformDeliveryError,
  type PostedRef,
  type TextMessage,
} from '../port.ts';
import { findConversation, TEAMS, teamsUserIds } from './conversation-refs.ts';

// Teams as a chat platform for the outbox. Every message is proactive: it goes through the conversation
// reference Teams gave when the bot was installed or first addressed (conversation-refs.ts), posted with
// the connector's sendToConversation (a new message, or a new thread in a channel). A card in a channel
// or group chat is the status-only view with a refresh for the people who may act, who get their own view
// with the buttons (Universal Actions user-specific views, at most 60 users); in a person's chat with the
// bot the card carries its buttons.

const locale = (l: string) => (l === 'en' ? 'en' : 'ms');
/** Channels and group chats are 19:…@thread.*; a person's chat with the bot is a:… . */
const isShared = (conversationId: string) => conversationId.startsWith('19:');
const MAX_REFRESH_USERS = 60;

/** The role whose channel a shared card is posted to (flows' `post` audiences); the others go to people. */
const CHANNEL_ROLE: Partial<Record<CardModel['card'], Role>> = {
  approval: 'approver',
  soc: 'soc',
  vendor: 'vendor',
  desk: 'service_desk',
};

export function toTeamsDeliveryError(error: unknown): PlatformDeliveryError {
  if (error instanceof HttpError) {
    const status = error.status;
    const retryAfter = Number(error.response.headers?.get?.('retry-after') ?? Number.NaN);
    return new PlatformDeliveryError(`Teams connector answered HTTP ${status}`, {
      retryable: status === 429 || status === 408 || status >= 500,
      retryAfterMs: status === 429 && Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined,
      cause: error,
    });
  }
  if (error instanceof PlatformDeliveryError) return error;
  // No answer within the deadline, a reset connection, DNS: the connector may come back.
  return new PlatformDeliveryError(`Teams connector unreachable: ${(error as Error)?.message ?? error}`, {
    retryable: true,
    cause: error,
  });
}

export function createTeamsPlatform(deps: {
  adapter: CloudAdapter;
  botAppId: string;
  db: Db;
  directory: Directory;
}): ChatPlatform {
  async function withConnector<T>(
    conversationId: string,
    reference: Record<string, unknown>,
    work: (connector: ConnectorClient, conversationId: string) => Promise<T>,
  ): Promise<T> {
    let result: T | undefined;
    // The SDK hands an error thrown inside the turn to the adapter's onTurnError (which only logs), and
    // continueConversation then resolves as if all went well: the connector's answer is caught here.
    let failure: { error: unknown } | undefined;
    try {
      await deps.adapter.continueConversation(deps.botAppId, reference as never, async (context) => {
        try {
          result = await work(context.turnState.get(deps.adapter.ConnectorClientKey), conversationId);
        } catch (error) {
          failure = { error };
        }
      });
    } catch (error) {
      throw toTeamsDeliveryError(error);
    }
    if (failure) throw toTeamsDeliveryError(failure.error);
    return result as T;
  }

  async function referenceFor(to: Destination) {
    const key = to.kind === 'channel' ? `channel:${to.channel}` : `user:${to.user}`;
    const found = await findConversation(deps.db, key);
    if (found) return found;
    const what =
      to.kind === 'channel'
        ? `Teams channel ${to.channel}: add the mailops app to its team`
        : `Teams user ${to.user}: they have not opened a chat with mailops yet`;
    throw new PlatformDeliveryError(`no conversation with ${what}`, { retryable: false });
  }

  /**
   * Who gets a view of their own: configured people who have talked to the bot and may act next, or may
   * press one of the card's buttons in this state, even one not open yet (the desk's close, once the
   * requester's deadline passes: their view is drawn when they look, so it shows the button then). And the
   * people of the channel's role who read another language than the card's: a vendor in English would
   * otherwise read the shared card in Malay once he has acted and holds no button.
   */
  async function refreshUsers(card: CardModel, l: string): Promise<string[]> {
    const next = card.nextActor && card.actions.length > 0 ? [card.nextActor.who] : [];
    const channelRole = CHANNEL_ROLE[card.card];
    const readers = channelRole ? deps.directory.withRole(channelRole).filter((p) => p.locale !== l) : [];
    const people = [...next, ...card.actors].flatMap((who) =>
      'role' in who
        ? deps.directory.withRole(who.role)
        : 'person' in who
          ? [deps.directory.person(who.person)]
          : [],
    );
    people.push(...readers);
    const ids = people.map((p) => p?.identities[TEAMS]).filter((id): id is string => typeof id === 'string');
    return (await teamsUserIds(deps.db, [...new Set(ids)])).slice(0, MAX_REFRESH_USERS);
  }

  async function cardActivity(card: CardModel, l: string, conversationId: string) {
    const shared = isShared(conversationId);
    const content = renderTeamsCard(card, textsFor(locale(l)), {
      showActions: !shared,
      ...(shared ? { refreshUserIds: await refreshUsers(card, l) } : {}),
    });
    return MessageFactory.attachment(CardFactory.adaptiveCard(content));
  }

  async function post(to: Destination, build: (conversationId: string) => Promise<unknown>) {
    const found = await referenceFor(to);
    const activity = await build(found.conversationId);
    const sent = await withConnector(found.conversationId, found.reference, (connector, id) =>
      connector.sendToConversation(id, activity as never),
    );
    return { channel: found.conversationId, messageId: String(sent.id) };
  }

  const reportActivity = (view: MailtestView) =>
    MessageFactory.attachment(
      CardFactory.adaptiveCard(renderTeamsMailtest(view, textsFor(locale(view.locale)))),
    );

  async function update(ref: PostedRef, activity: object) {
    const row = await deps.db.conversationRef.findFirst({
      where: { platform: TEAMS, conversationId: ref.channel },
    });
    if (!row) throw new PlatformDeliveryError(`no conversation ${ref.channel} known`, { retryable: false });
    const withId = Object.assign(activity, { id: ref.messageId });
    await withConnector(ref.channel, row.reference as Record<string, unknown>, (connector, id) =>
      connector.updateActivity(id, ref.messageId, withId as never),
    );
  }

  return {
    name: TEAMS,
    sendText: (to: Destination, message: TextMessage) =>
      post(to, async () =>
        MessageFactory.text(
          message.ticketNumber && !message.text.includes(message.ticketNumber)
            ? `**${message.ticketNumber}** · ${message.text}`
            : message.text,
        ),
      ),
    postCard: (to: Destination, card: CardModel, l: string) =>
      post(to, (conversationId) => cardActivity(card, l, conversationId)),
    async updateCard(ref: PostedRef, card: CardModel, l: string) {
      await update(ref, await cardActivity(card, l, ref.channel));
    },
    postReport: (to: Destination, view: MailtestView) => post(to, async () => reportActivity(view)),
    updateReport: (ref: PostedRef, view: MailtestView) => update(ref, reportActivity(view)),
  };
}
