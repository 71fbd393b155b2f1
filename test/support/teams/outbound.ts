import { CardFactory, type ConnectorClient, MessageFactory } from '@microsoft/agents-hosting';
import { TENANT } from './tenant.ts';

// Outbound activities made the way a bot makes them (MessageFactory, CardFactory), addressed as the SDK
// addresses replies (applyConversationReference: channelId, serviceUrl, conversation, from the bot). The
// ConnectorClient wants the SDK's Activity class, not a plain object: it calls isTargetedActivity() on it.

type OutboundActivity = ReturnType<typeof MessageFactory.text>;
export type ConversationParameters = Parameters<ConnectorClient['createConversation']>[0];

export const approvalCard = (status: string) => ({
  type: 'AdaptiveCard' as const,
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: `CR-1: ${status}`, wrap: true }],
  actions: [{ type: 'Action.Execute', title: 'Lulus', verb: 'approve', data: { ticket: 'CR-1' } }],
});

function addressed(activity: OutboundActivity, serviceUrl: string, conversationId: string) {
  return Object.assign(activity, {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: TENANT.bot.id, name: TENANT.bot.name },
  });
}

export const textTo = (serviceUrl: string, conversationId: string, text: string) =>
  addressed(MessageFactory.text(text), serviceUrl, conversationId);

export const cardTo = (serviceUrl: string, conversationId: string, card: object) =>
  addressed(MessageFactory.attachment(CardFactory.adaptiveCard(card)), serviceUrl, conversationId);
