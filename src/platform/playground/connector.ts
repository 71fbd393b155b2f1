import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../../http/server.ts';
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
  matchRoute,
  memberNotFound,
  type RouteCall,
} from './connector-protocol.ts';
import type { MessageStore } from './message-store.ts';
import { PLAYGROUND_BOT, PLAYGROUND_TENANT, type Workspace } from './workspace.ts';

// The playground's Bot Framework connector: the `serviceUrl` the playground puts in every activity, served
// on mailops' own HTTP server under /playground/connector/. The Agents SDK's ConnectorClient posts, updates
// and deletes the bot's messages here exactly as it would at Teams
// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference), and
// the page reads them back from the store.

export const CONNECTOR_PATH = '/playground/connector/';
const MAX_BODY_BYTES = 256 * 1024;

const nameOf = (activity: Json) =>
  isObject(activity.from) && typeof activity.from.name === 'string'
    ? activity.from.name
    : PLAYGROUND_BOT.name;

export function connectorRoutes(workspace: Workspace, store: MessageStore): Route[] {
  const known = (conversationId: string) => {
    const base = conversationId.split(';')[0]!;
    return (
      isConversationId(conversationId) &&
      (workspace.channel(base) !== undefined || workspace.people.some((p) => p.chat === base))
    );
  };

  async function post(call: RouteCall): Promise<ConnectorAnswer> {
    const conversationId = call.conversationId ?? '';
    if (!known(conversationId)) return conversationNotFound();
    const problem = activityProblem(call.body, call.rawBytes);
    if (problem) return problem;
    // Typing indicators and other non-message activities show nothing.
    if (call.body.type !== 'message') return { status: 200, body: {} };
    const stored = await store.post({
      conversationId,
      activity: call.body,
      fromBot: true,
      fromName: nameOf(call.body),
      replyToId: call.activityId,
    });
    return { status: 201, body: { id: stored.id } };
  }

  async function update(call: RouteCall): Promise<ConnectorAnswer> {
    if (!known(call.conversationId ?? '')) return conversationNotFound();
    const stored = await store.find(call.conversationId!, call.activityId ?? '');
    if (!stored) return activityNotFound();
    const problem = activityProblem(call.body, call.rawBytes);
    if (problem) return problem;
    await store.update(stored, call.body);
    return { status: 200, body: { id: stored.id } };
  }

  async function remove(call: RouteCall): Promise<ConnectorAnswer> {
    if (!known(call.conversationId ?? '')) return conversationNotFound();
    const stored = await store.find(call.conversationId!, call.activityId ?? '');
    if (!stored) return activityNotFound();
    await store.remove(stored);
    return { status: 200 };
  }

  // A bot opens its personal chat with one person or starts a thread in a channel; Teams has no bot-made
  // group chats (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages).
  async function createConversation(call: RouteCall): Promise<ConnectorAnswer> {
    const { body } = call;
    const channelData = isObject(body.channelData) ? body.channelData : {};
    const channel = isObject(channelData.channel) ? channelData.channel.id : undefined;
    const members = Array.isArray(body.members) ? body.members : [];
    const activity = isObject(body.activity) ? body.activity : undefined;
    const problem = activity ? activityProblem(activity, call.rawBytes) : undefined;
    if (problem) return problem;
    const created = (id: string, activityId?: string) => ({
      status: 201,
      body: { id, ...(activityId ? { activityId } : {}), serviceUrl: call.serviceUrl },
    });
    const start = async (conversationId: string) =>
      activity
        ? (
            await store.post({
              conversationId,
              activity,
              fromBot: true,
              fromName: nameOf(activity),
            })
          ).id
        : undefined;
    if (typeof channel === 'string') {
      if (!isChannelId(channel) || !workspace.channel(channel)) return conversationNotFound();
      if (!activity) return badArgument('A new channel thread needs an activity to start it');
      const id = await start(channel);
      return created(`${channel};messageid=${id}`, id);
    }
    if (members.length === 0) return badArgument('members or channelData.channel.id is required');
    if (body.isGroup === true || members.length > 1) return badArgument('Bots cannot create group chats');
    const member = members[0];
    const person =
      isObject(member) && typeof member.id === 'string' ? workspace.byTeamsId(member.id) : undefined;
    if (!person) return memberNotFound(400);
    return created(person.chat, await start(person.chat));
  }

  function member(call: RouteCall): ConnectorAnswer {
    if (!known(call.conversationId ?? '')) return conversationNotFound();
    const person = workspace.byTeamsId(call.memberId ?? '');
    if (!person) return memberNotFound(404);
    return {
      status: 200,
      body: {
        id: person.teamsId,
        name: person.name,
        aadObjectId: person.aadObjectId,
        tenantId: PLAYGROUND_TENANT,
        userRole: 'user',
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of req) {
      bytes += (chunk as Buffer).length;
      if (bytes > MAX_BODY_BYTES) return send(res, { status: 413, body: badArgument('Body too large').body });
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!.slice(CONNECTOR_PATH.length - 1);
    const { kind, params } = matchRoute(req.method ?? 'GET', path);
    if (kind === 'unknown') return send(res, { status: 404, body: { error: { code: 'NotFound' } } });
    let body: Json = {};
    if (raw !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!isObject(parsed)) throw new Error('not an object');
        body = parsed;
      } catch {
        return send(res, badArgument('The request body must be a JSON object.'));
      }
    }
    const serviceUrl = `http://${req.headers.host}${CONNECTOR_PATH}`;
    const call: RouteCall = { ...params, body, rawBytes: Buffer.byteLength(raw), serviceUrl };
    const answers = {
      createConversation,
      sendToConversation: post,
      replyToActivity: post,
      updateActivity: update,
      deleteActivity: remove,
      getConversationMember: member,
    };
    send(res, await answers[kind](call));
  }

  return (['GET', 'POST', 'PUT', 'DELETE'] as const).map((method) => ({
    method,
    path: CONNECTOR_PATH,
    prefix: true,
    handler: handle,
  }));
}

function send(res: ServerResponse, answer: ConnectorAnswer): void {
  if (answer.body === undefined) {
    res.writeHead(answer.status).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
}
