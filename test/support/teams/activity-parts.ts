import { randomUUID } from 'node:crypto';
import { personalChatOf, TENANT, type TeamsUser } from './tenant.ts';

// Pieces every inbound Teams activity shares
// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages and
// https://learn.microsoft.com/microsoftteams/platform/resources/bot-v3/bots-context): who sent it, to which
// conversation, with Teams' channelData (tenant always; team and channel in a team).

// Where an activity happens. In a channel, every message belongs to a thread named by its root post:
// `threadId` replies in that thread, none starts a new post (whose own id names the thread).
export type Place =
  | { type: 'personal' }
  | { type: 'channel'; channelId?: string; threadId?: string }
  | { type: 'groupChat'; id?: string };

export interface Common {
  // The fake connector's url; every reply goes there.
  serviceUrl: string;
  from: TeamsUser;
  in?: Place;
  // Teams sends the user's client language, e.g. 'ms-MY' or 'en-US'.
  locale?: string;
  at?: number;
}

const TIMEZONE = 'Asia/Kuala_Lumpur';
const UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

let lastMessageId = 0;
// Message ids are the post time in epoch milliseconds; invokes and events carry `f:<guid>`.
export function messageId(at: number): string {
  lastMessageId = Math.max(lastMessageId + 1, at);
  return String(lastMessageId);
}
export const eventId = () => `f:${randomUUID()}`;

export function conversationOf(place: Place, from: TeamsUser, ownId: string) {
  const tenantId = TENANT.tenantId;
  if (place.type === 'personal') return { conversationType: 'personal', tenantId, id: personalChatOf(from) };
  if (place.type === 'groupChat')
    return { isGroup: true, conversationType: 'groupChat', tenantId, id: place.id ?? TENANT.groupChat };
  const channel = place.channelId ?? TENANT.channels.general;
  const id = `${channel};messageid=${place.threadId ?? ownId}`;
  return { isGroup: true, conversationType: 'channel', tenantId, id };
}

export function channelDataOf(place: Place) {
  const tenant = { id: TENANT.tenantId };
  if (place.type !== 'channel') return { tenant };
  const channel = place.channelId ?? TENANT.channels.general;
  return {
    teamsChannelId: channel,
    teamsTeamId: TENANT.team.id,
    channel: { id: channel },
    team: { id: TENANT.team.id },
    tenant,
  };
}

// The place a stored bot message sits in, read back from its conversation id.
export function placeOf(conversationId: string): Place {
  if (conversationId.startsWith('a:') || conversationId.endsWith('@unq.gbl.spaces'))
    return { type: 'personal' };
  if (conversationId.endsWith('@thread.v2')) return { type: 'groupChat', id: conversationId };
  const [channelId, thread] = conversationId.split(';messageid=');
  return { type: 'channel', channelId: channelId!, ...(thread ? { threadId: thread } : {}) };
}

export function envelope(input: Common, id: string) {
  const at = input.at ?? Date.now();
  const place = input.in ?? { type: 'personal' };
  const locale = input.locale ?? 'ms-MY';
  return {
    id,
    timestamp: new Date(at).toISOString(),
    localTimestamp: `${new Date(at + UTC_OFFSET_MS).toISOString().slice(0, -1)}+08:00`,
    localTimezone: TIMEZONE,
    serviceUrl: input.serviceUrl,
    channelId: 'msteams',
    from: { id: input.from.id, name: input.from.name, aadObjectId: input.from.aadObjectId },
    recipient: { id: TENANT.bot.id, name: TENANT.bot.name },
    conversation: conversationOf(place, input.from, id),
    channelData: channelDataOf(place),
    locale,
    entities: [{ type: 'clientInfo', locale, country: 'MY', platform: 'Web', timezone: TIMEZONE }],
  };
}
