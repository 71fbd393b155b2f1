import { ADAPTIVE_CARD, isObject, type Json } from '../../../src/platform/playground/connector-protocol.ts';
import { type Common, envelope, eventId, messageId, type Place, placeOf } from './activity-parts.ts';
import type { StoredActivity } from './connector-state.ts';
import { personalChatOf, TENANT } from './tenant.ts';

// The activities Teams posts to a bot's /api/messages. Card actions are built from what the bot really sent
// (a message read back from the fake connector), so clicking a button the card does not have is refused.

const MENTION = `<at>${TENANT.bot.name}</at>`;
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// In a channel or group chat Teams only delivers messages that @mention the bot, with the mention in the
// text and a mention entity (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations).
export function messageActivity(input: Common & { text: string; mention?: boolean }) {
  const base = envelope(input, messageId(input.at ?? Date.now()));
  const personal = (input.in ?? { type: 'personal' }).type === 'personal';
  const mention = input.mention ?? !personal;
  if (mention && personal) throw new Error('Teams users do not @mention the bot in its personal chat');
  if (!mention) return { ...base, type: 'message', text: input.text, textFormat: 'plain' };
  const entity = { type: 'mention', text: MENTION, mentioned: { id: TENANT.bot.id, name: TENANT.bot.name } };
  const html = `<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${TENANT.bot.name}</span> ${escapeHtml(input.text)}</p>`;
  return {
    ...base,
    type: 'message',
    text: `${MENTION} ${input.text}`,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: html }],
    entities: [entity, ...base.entities],
  };
}

function cardsOf(stored: StoredActivity): Json[] {
  const attachments = Array.isArray(stored.activity.attachments) ? stored.activity.attachments : [];
  return attachments
    .filter((a): a is Json => isObject(a) && a.contentType === ADAPTIVE_CARD && isObject(a.content))
    .map((a) => a.content as Json);
}

function findExecute(node: unknown, verb: string): Json | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findExecute(item, verb);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(node)) return undefined;
  if (node.type === 'Action.Execute' && node.verb === verb) return node;
  return findExecute(Object.values(node), verb);
}

function invoke(
  input: Common,
  stored: StoredActivity,
  action: Json,
  trigger: 'manual' | 'automatic',
  inputs = {},
) {
  const place: Place = placeOf(stored.conversationId);
  if (place.type === 'personal' && personalChatOf(input.from) !== stored.conversationId)
    throw new Error(`${input.from.name} cannot see a card in someone else's personal chat`);
  const data = { ...(isObject(action.data) ? action.data : {}), ...inputs };
  const value = {
    action: { type: 'Action.Execute', ...(action.id ? { id: action.id } : {}), verb: action.verb, data },
    trigger,
  };
  const base = envelope({ ...input, in: place }, eventId());
  // In a channel the invoke arrives in the card's thread.
  if (place.type === 'channel') base.conversation.id = stored.conversationId;
  return { ...base, type: 'invoke', name: 'adaptiveCard/action', replyToId: stored.id, value };
}

// A click on an Action.Execute (Universal Actions,
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards):
// the action's data merged with the card's input values, in an invoke the bot answers in the HTTP response.
export function adaptiveCardAction(
  input: Common & { card: StoredActivity; verb: string; inputs?: Record<string, string> },
) {
  const action = cardsOf(input.card)
    .map((card) => findExecute([card.body, card.actions], input.verb))
    .find(Boolean);
  if (!action) throw new Error(`no Action.Execute with verb "${input.verb}" on message ${input.card.id}`);
  return invoke(input, input.card, action, 'manual', input.inputs);
}

// The automatic refresh Teams sends when a user opens a card with `refresh` (user-specific views); only
// users in refresh.userIds get one when the list is present.
export function cardRefresh(input: Common & { card: StoredActivity }) {
  const card = cardsOf(input.card).find((c) => isObject(c.refresh));
  const refresh = card?.refresh as Json | undefined;
  if (!refresh || !isObject(refresh.action))
    throw new Error(`message ${input.card.id} has no refreshable card`);
  const userIds = refresh.userIds;
  if (Array.isArray(userIds) && !userIds.includes(input.from.id))
    throw new Error(`Teams does not refresh this card for ${input.from.name}: not in refresh.userIds`);
  return invoke(input, input.card, refresh.action, 'automatic');
}

// The bot was added to a team (into its General channel), a group chat or a personal chat
// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events).
function installedIn(input: Common) {
  const place = input.in ?? { type: 'personal' };
  if (place.type !== 'channel') return { base: envelope(input, eventId()), team: {} };
  const base = envelope({ ...input, in: { type: 'channel', channelId: TENANT.team.id } }, eventId());
  base.conversation.id = TENANT.team.id;
  const team = {
    team: { id: TENANT.team.id, name: TENANT.team.name, aadGroupId: TENANT.team.aadGroupId },
    settings: { selectedChannel: { id: TENANT.team.id } },
  };
  return { base, team };
}

export function botAdded(input: Common) {
  const { base, team } = installedIn(input);
  const eventType = 'team' in team ? { eventType: 'teamMemberAdded' } : {};
  const channelData = { ...base.channelData, ...team, ...eventType };
  return { ...base, type: 'conversationUpdate', membersAdded: [{ id: TENANT.bot.id }], channelData };
}

// Sent alongside conversationUpdate on install and alone on uninstall (action 'remove').
export function installationUpdate(input: Common & { action: 'add' | 'remove' }) {
  const { base, team } = installedIn(input);
  return {
    ...base,
    type: 'installationUpdate',
    action: input.action,
    channelData: { ...base.channelData, ...team },
  };
}
