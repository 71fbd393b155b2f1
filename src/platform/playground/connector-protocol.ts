// The Bot Framework connector protocol as Teams speaks it, shared by the playground's connector
// (connector.ts) and the tests' fake one: the routes the Agents SDK's ConnectorClient calls and what the
// connector refuses before it touches a conversation.
//
// What the Teams connector refuses before it touches a conversation, with the codes of "Status codes from
// bot conversational APIs"
// (https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability) in the
// Bot Framework ErrorResponse shape `{ error: { code, message } }`
// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference).
// Messages are ours; clients key on the status and the code.

export type Json = Record<string, unknown>;

export interface ConnectorAnswer {
  status: number;
  body?: unknown;
}

export const refuse = (status: number, code: string, message: string): ConnectorAnswer => ({
  status,
  body: { error: { code, message } },
});

export const badArgument = (message: string) => refuse(400, 'BadArgument', message);
export const conversationNotFound = () => refuse(404, 'ConversationNotFound', 'Conversation not found.');
export const activityNotFound = () =>
  refuse(404, 'ActivityNotFoundInConversation', 'The activity was not found in the conversation.');
export const memberNotFound = (status: 400 | 404) =>
  refuse(status, 'MemberNotFoundInConversation', 'Member not found in conversation.');

// "Message size too large" above about 28 KB of message
// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages); measured here on
// the whole request body, a little stricter than Teams.
const MAX_MESSAGE_BYTES = 28 * 1024;

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

// a: personal chat; 19:…@thread.tacv2 (or the older @thread.skype) team channel, with ;messageid=<root> for a
// thread in it; 19:…@thread.v2 group chat; 19:…@unq.gbl.spaces a newer personal chat.
const CONVERSATION_ID =
  /^(a:[\w.-]+|19:[\w-]+@(thread\.(tacv2|skype|v2)|unq\.gbl\.spaces))(;messageid=\d+)?$/;
const CHANNEL_ID = /^19:[\w-]+@thread\.(tacv2|skype)$/;

export const isConversationId = (id: string) => CONVERSATION_ID.test(id);
export const isChannelId = (id: string) => CHANNEL_ID.test(id);

// A channel message lives in the channel whatever thread id it was addressed through.
export const channelBaseOf = (conversationId: string) => conversationId.split(';')[0]!;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function attachmentProblem(attachment: unknown, index: number): string | undefined {
  if (!isObject(attachment) || typeof attachment.contentType !== 'string')
    return `attachments[${index}] needs a contentType`;
  if (attachment.contentType !== ADAPTIVE_CARD) return undefined;
  const content = attachment.content;
  if (!isObject(content) || content.type !== 'AdaptiveCard')
    return `attachments[${index}] of type ${ADAPTIVE_CARD} needs a content object of type AdaptiveCard`;
  return undefined;
}

export function activityProblem(activity: Json, rawBytes: number): ConnectorAnswer | undefined {
  if (typeof activity.type !== 'string' || activity.type === '')
    return badArgument('Activity type is required');
  if (activity.type !== 'message') return undefined;
  const hasText = typeof activity.text === 'string' && activity.text.length > 0;
  const attachments = activity.attachments;
  if (attachments !== undefined && !Array.isArray(attachments))
    return badArgument('attachments must be an array');
  if (!hasText && (attachments ?? []).length === 0)
    return badArgument('A message needs text or at least one attachment');
  for (const [index, attachment] of (attachments ?? []).entries()) {
    const problem = attachmentProblem(attachment, index);
    if (problem) return badArgument(problem);
  }
  if (rawBytes > MAX_MESSAGE_BYTES) return refuse(413, 'MessageSizeTooBig', 'Message size too large.');
  return undefined;
}

export type RouteKind =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getConversationMember'
  | 'unknown';

export interface RouteCall {
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  body: Json;
  rawBytes: number;
  serviceUrl: string;
}

// Conversation ids arrive as the SDK sends them (raw: `19:…@thread.tacv2;messageid=1`) or percent-encoded
// (as botbuilder and curl users send them); both name the same conversation.
export function matchRoute(method: string, path: string): { kind: RouteKind; params: Partial<RouteCall> } {
  const segments = path.split('/').slice(1);
  const decoded = segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const [v3, conversations, conversationId, sub, id] = decoded;
  const unknown = { kind: 'unknown' as const, params: {} };
  if (v3 !== 'v3' || conversations !== 'conversations') return unknown;
  if (segments.length === 2) return method === 'POST' ? { kind: 'createConversation', params: {} } : unknown;
  if (sub === 'members' && segments.length === 5 && method === 'GET')
    return { kind: 'getConversationMember', params: { conversationId, memberId: id } };
  if (sub !== 'activities') return unknown;
  if (segments.length === 4)
    return method === 'POST' ? { kind: 'sendToConversation', params: { conversationId } } : unknown;
  if (segments.length !== 5) return unknown;
  const byMethod: Record<string, RouteKind> = {
    POST: 'replyToActivity',
    PUT: 'updateActivity',
    DELETE: 'deleteActivity',
  };
  const kind = byMethod[method];
  return kind ? { kind, params: { conversationId, activityId: id } } : unknown;
}
