import { describe, expect, it } from 'vitest';
import {
  adaptiveCardAction,
  botAdded,
  cardRefresh,
  installationUpdate,
  messageActivity,
} from '../support/teams/activities.ts';
import type { StoredActivity } from '../support/teams/connector-state.ts';
import { approvalCard } from '../support/teams/outbound.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';

// The builders make what Teams sends and refuse what no Teams client could: a click on a button the card
// lacks, a refresh for a user the card does not name, a look into someone else's personal chat.

const serviceUrl = 'http://127.0.0.1:9/';
const { aminah, rosli } = TENANT.users;
const thread = `${TENANT.channels.approvals};messageid=1700000000000`;

function stored(conversationId: string, card: object, id = '1700000000001'): StoredActivity {
  const activity = {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
  return { conversationId, id, activity, versions: [activity], deleted: false };
}

describe('Teams activity builders', () => {
  it('builds a personal chat message with Teams ids, tenant and locale', () => {
    const message = messageActivity({ serviceUrl, from: aminah, text: 'status CR-1', locale: 'en-US' });
    expect(message).toMatchObject({
      type: 'message',
      id: expect.stringMatching(/^\d{13,}$/),
      channelId: 'msteams',
      serviceUrl,
      text: 'status CR-1',
      locale: 'en-US',
      from: { id: aminah.id, name: aminah.name, aadObjectId: aminah.aadObjectId },
      recipient: { id: `28:${TENANT.appId}`, name: 'mailops' },
      conversation: { conversationType: 'personal', tenantId: TENANT.tenantId, id: personalChatOf(aminah) },
      channelData: { tenant: { id: TENANT.tenantId } },
    });
    expect(message.timestamp).toMatch(/Z$/);
    expect(message.localTimestamp).toMatch(/\+08:00$/);
    expect(() => messageActivity({ serviceUrl, from: aminah, text: 'x', mention: true })).toThrow(
      'personal chat',
    );
  });

  it('puts a channel message in its thread, @mentioning the bot in text and entities', () => {
    const post = messageActivity({ serviceUrl, from: aminah, in: { type: 'channel' }, text: 'status' });
    expect(post.conversation).toEqual({
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT.tenantId,
      id: `${TENANT.channels.general};messageid=${post.id}`,
    });
    expect(post.text).toBe('<at>mailops</at> status');
    expect(post.entities).toContainEqual({
      type: 'mention',
      text: '<at>mailops</at>',
      mentioned: { id: TENANT.bot.id, name: 'mailops' },
    });
    expect(post.channelData).toMatchObject({
      teamsTeamId: TENANT.team.id,
      channel: { id: TENANT.channels.general },
      team: { id: TENANT.team.id },
      tenant: { id: TENANT.tenantId },
    });
    const reply = messageActivity({
      serviceUrl,
      from: rosli,
      in: { type: 'channel', channelId: TENANT.channels.approvals, threadId: '1700000000000' },
      text: 'ok',
    });
    expect(reply.conversation.id).toBe(thread);
    const group = messageActivity({
      serviceUrl,
      from: rosli,
      in: { type: 'groupChat' },
      text: 'x',
      mention: false,
    });
    expect([group.conversation.conversationType, group.text]).toEqual(['groupChat', 'x']);
  });

  it('builds an Action.Execute invoke from the card that was posted, merging inputs into its data', () => {
    const card = stored(thread, approvalCard('Menunggu'));
    const click = adaptiveCardAction({
      serviceUrl,
      from: rosli,
      card,
      verb: 'approve',
      inputs: { note: 'ok' },
    });
    expect(click).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: expect.stringMatching(/^f:/),
      replyToId: card.id,
      conversation: { id: thread, conversationType: 'channel' },
      value: {
        action: { type: 'Action.Execute', verb: 'approve', data: { ticket: 'CR-1', note: 'ok' } },
        trigger: 'manual',
      },
    });
    expect(() => adaptiveCardAction({ serviceUrl, from: rosli, card, verb: 'reject' })).toThrow(
      'verb "reject"',
    );
    const private_ = stored(personalChatOf(aminah), approvalCard('x'));
    expect(() => adaptiveCardAction({ serviceUrl, from: rosli, card: private_, verb: 'approve' })).toThrow(
      "someone else's personal chat",
    );
  });

  it('builds the automatic refresh only for users the card names', () => {
    const refresh = {
      action: { type: 'Action.Execute', verb: 'view', data: { ticket: 'CR-1' } },
      userIds: [aminah.id],
    };
    const card = stored(thread, { ...approvalCard('x'), refresh });
    expect(cardRefresh({ serviceUrl, from: aminah, card }).value).toEqual({
      action: { type: 'Action.Execute', verb: 'view', data: { ticket: 'CR-1' } },
      trigger: 'automatic',
    });
    expect(() => cardRefresh({ serviceUrl, from: rosli, card })).toThrow('not in refresh.userIds');
    expect(() => cardRefresh({ serviceUrl, from: aminah, card: stored(thread, approvalCard('x')) })).toThrow(
      'no refreshable card',
    );
  });

  it('builds installation events for a team and for a personal chat', () => {
    const team = botAdded({ serviceUrl, from: aminah, in: { type: 'channel' } });
    expect(team).toMatchObject({
      type: 'conversationUpdate',
      membersAdded: [{ id: TENANT.bot.id }],
      conversation: { id: TENANT.team.id, conversationType: 'channel' },
      channelData: { eventType: 'teamMemberAdded', team: { id: TENANT.team.id, name: TENANT.team.name } },
    });
    const personal = installationUpdate({ serviceUrl, from: aminah, action: 'remove' });
    expect(personal).toMatchObject({
      type: 'installationUpdate',
      action: 'remove',
      conversation: { id: personalChatOf(aminah), conversationType: 'personal' },
      channelData: { tenant: { id: TENANT.tenantId } },
    });
    expect(personal).not.toHaveProperty('membersAdded');
  });
});
