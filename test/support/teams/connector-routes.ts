import {
  activityNotFound,
  activityProblem,
  badArgument,
  type ConnectorAnswer,
  conversationNotFound,
  isChannelId,
  isConversationId,
  isObject,
  type Json,
  memberNotFound,
  type RouteCall,
  type RouteKind,
} from '../../../src/platform/playground/connector-protocol.ts';
import type { ConnectorState } from './connector-state.ts';
import { personalChatOf, TENANT } from './tenant.ts';

type Handler = (call: RouteCall, state: ConnectorState) => ConnectorAnswer;

// The Bot Framework connector operations the Agents SDK's ConnectorClient calls, with the paths and answers
// of https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference.
// Kinds are named after the ConnectorClient methods, so a test reads like the code it checks.

function post(call: RouteCall, state: ConnectorState): ConnectorAnswer {
  const conversationId = call.conversationId ?? '';
  if (!isConversationId(conversationId)) return conversationNotFound();
  const problem = activityProblem(call.body, call.rawBytes);
  if (problem) return problem;
  // Typing indicators and other non-message activities show nothing that could be updated later.
  if (call.body.type !== 'message') return { status: 200, body: {} };
  const stored = state.store(conversationId, call.body, call.activityId);
  return { status: 201, body: { id: stored.id } };
}

// Teams replaces the whole message: fields the update leaves out are gone, not kept.
function update(call: RouteCall, state: ConnectorState): ConnectorAnswer {
  if (!isConversationId(call.conversationId ?? '')) return conversationNotFound();
  const stored = state.find(call.conversationId!, call.activityId ?? '');
  if (!stored) return activityNotFound();
  const problem = activityProblem(call.body, call.rawBytes);
  if (problem) return problem;
  stored.activity = call.body;
  stored.versions.push(call.body);
  return { status: 200, body: { id: stored.id } };
}

function remove(call: RouteCall, state: ConnectorState): ConnectorAnswer {
  if (!isConversationId(call.conversationId ?? '')) return conversationNotFound();
  const stored = state.find(call.conversationId!, call.activityId ?? '');
  if (!stored) return activityNotFound();
  stored.deleted = true;
  return { status: 200 };
}

const tenantOf = (body: Json) => {
  const channelData = isObject(body.channelData) ? body.channelData : {};
  const tenant = isObject(channelData.tenant) ? channelData.tenant.id : undefined;
  return typeof body.tenantId === 'string' ? body.tenantId : tenant;
};

// A bot can open its personal chat with one user or start a thread in a channel; Teams has no bot-created
// group chats (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
function createConversation(call: RouteCall, state: ConnectorState): ConnectorAnswer {
  const { body } = call;
  const channelData = isObject(body.channelData) ? body.channelData : {};
  const channel = isObject(channelData.channel) ? channelData.channel.id : undefined;
  const members = Array.isArray(body.members) ? body.members : [];
  const activity = isObject(body.activity) ? body.activity : undefined;
  const problem = activity ? activityProblem(activity, call.rawBytes) : undefined;
  if (problem) return problem;
  if (typeof channel === 'string') {
    if (!isChannelId(channel)) return conversationNotFound();
    if (!activity) return badArgument('A new channel thread needs an activity to start it');
    const stored = state.store(channel, activity);
    return {
      status: 201,
      body: { id: stored.conversationId, activityId: stored.id, serviceUrl: call.serviceUrl },
    };
  }
  if (members.length === 0) return badArgument('members or channelData.channel.id is required');
  if (body.isGroup === true || members.length > 1) return badArgument('Bots cannot create group chats');
  if (tenantOf(body) === undefined) return badArgument('A tenant id is required (channelData.tenant.id)');
  const member = members[0];
  const user = isObject(member) && typeof member.id === 'string' ? state.findUser(member.id) : undefined;
  if (!user) return memberNotFound(400);
  const id = personalChatOf(user);
  if (!activity) return { status: 201, body: { id, serviceUrl: call.serviceUrl } };
  const stored = state.store(id, activity);
  return { status: 201, body: { id, activityId: stored.id, serviceUrl: call.serviceUrl } };
}

// A TeamsChannelAccount (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context).
function getConversationMember(call: RouteCall, state: ConnectorState): ConnectorAnswer {
  if (!isConversationId(call.conversationId ?? '')) return conversationNotFound();
  const user = state.findUser(call.memberId ?? '');
  if (!user) return memberNotFound(404);
  return { status: 200, body: { ...user, tenantId: TENANT.tenantId, userRole: 'user' } };
}

export const ROUTES: Record<Exclude<RouteKind, 'unknown'>, Handler> = {
  createConversation,
  sendToConversation: post,
  replyToActivity: post,
  updateActivity: update,
  deleteActivity: remove,
  getConversationMember,
};
