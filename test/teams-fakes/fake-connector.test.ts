import type { ConnectorClient } from '@microsoft/agents-hosting';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeConnector, startFakeConnector } from '../support/teams/fake-connector.ts';
import { approvalCard, cardTo, textTo } from '../support/teams/outbound.ts';
import { sdkConnectorClient } from '../support/teams/sdk-connector-client.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';

// The Agents SDK's real ConnectorClient against the fake: replies, updates, proactive conversations and
// member look-ups have the connector's paths and answers, and what the connector keeps is readable back.

const aminah = TENANT.users.aminah;
const chat = personalChatOf(aminah);
const thread = `${TENANT.channels.approvals};messageid=1700000000000`;

let connector: FakeConnector;
let client: ConnectorClient;
beforeEach(async () => {
  connector = await startFakeConnector();
  client = sdkConnectorClient(connector.url);
});
afterEach(() => connector.close());

describe('fake Teams connector, answering the SDK ConnectorClient', () => {
  it('records a reply sent to a raw Teams thread id and stores it under that thread', async () => {
    const reply = await client.replyToActivity(
      thread,
      '1700000000000',
      textTo(connector.url, thread, 'Diterima'),
    );
    expect(reply.id).toMatch(/^\d{13,}$/);
    expect(connector.callsTo('replyToActivity')).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/v3/conversations/${thread}/activities/1700000000000`,
        conversationId: thread,
        activityId: '1700000000000',
        auth: 'none',
        outcome: 'answered',
        status: 201,
        answer: { id: reply.id },
      }),
    ]);
    const stored = connector.message(thread, reply.id!);
    expect(stored).toMatchObject({ conversationId: thread, replyToId: '1700000000000', deleted: false });
    expect(stored?.activity).toMatchObject({ type: 'message', text: 'Diterima', channelId: 'msteams' });
    expect(connector.messagesIn(thread)).toEqual([stored]);
    expect(connector.messagesIn(TENANT.channels.approvals)).toEqual([stored]);
  });

  it('replaces a card in place on update and keeps every version', async () => {
    const posted = await client.sendToConversation(
      chat,
      cardTo(connector.url, chat, approvalCard('Menunggu')),
    );
    const updated = await client.updateActivity(
      chat,
      posted.id!,
      cardTo(connector.url, chat, approvalCard('Diluluskan')),
    );
    expect(updated).toEqual({ id: posted.id });
    expect(connector.callsTo('updateActivity')[0]).toMatchObject({ method: 'PUT', activityId: posted.id });
    const stored = connector.message(chat, posted.id!)!;
    const texts = stored.versions.map((v) => JSON.stringify(v.attachments));
    expect(texts).toEqual([
      expect.stringContaining('CR-1: Menunggu'),
      expect.stringContaining('CR-1: Diluluskan'),
    ]);
    // Teams replaces the whole message: an update without the card removes it.
    await client.updateActivity(chat, posted.id!, textTo(connector.url, chat, 'Selesai'));
    expect(connector.message(chat, posted.id!)?.activity.attachments).toBeUndefined();
    expect(connector.messagesIn(chat)).toHaveLength(1);
  });

  it('opens the personal chat with a user, the same one every time, posting the first message', async () => {
    const parameters = {
      isGroup: false,
      agent: { id: TENANT.bot.id },
      members: [{ id: aminah.id }],
      tenantId: TENANT.tenantId,
      channelData: { tenant: { id: TENANT.tenantId } },
    };
    const first = await client.createConversation({
      ...parameters,
      activity: textTo(connector.url, '', 'Hai'),
    });
    expect(first).toEqual({
      id: chat,
      activityId: expect.stringMatching(/^\d+$/),
      serviceUrl: connector.url,
    });
    const byAad = await client.createConversation({
      ...parameters,
      members: [{ id: aminah.aadObjectId }],
    } as never);
    expect(byAad).toEqual({ id: chat, serviceUrl: connector.url });
    expect(connector.messagesIn(chat).map((m) => m.activity.text)).toEqual(['Hai']);
    // The SDK sends the bot as `agent`; the REST reference names it `bot`.
    expect(connector.callsTo('createConversation')[0]!.body).toMatchObject({ agent: { id: TENANT.bot.id } });
    expect(connector.callsTo('createConversation')[0]!.body).not.toHaveProperty('bot');
  });

  it('starts a thread in a channel and answers the thread id with the root activity id', async () => {
    const created = await client.createConversation({
      isGroup: true,
      channelData: { channel: { id: TENANT.channels.approvals }, tenant: { id: TENANT.tenantId } },
      activity: cardTo(connector.url, TENANT.channels.approvals, approvalCard('Menunggu')),
    } as never);
    expect(created).toEqual({
      id: `${TENANT.channels.approvals};messageid=${created.activityId}`,
      activityId: expect.stringMatching(/^\d+$/),
      serviceUrl: connector.url,
    });
    const root = connector.message(created.id, created.activityId!);
    expect(root?.activity.attachments).toEqual([
      { contentType: 'application/vnd.microsoft.card.adaptive', content: approvalCard('Menunggu') },
    ]);
    // The root is found through the thread id and through the bare channel id alike.
    await client.updateActivity(
      TENANT.channels.approvals,
      created.activityId!,
      textTo(connector.url, '', 'x'),
    );
    expect(root?.versions).toHaveLength(2);
  });

  it('deletes a message, keeping it readable as deleted', async () => {
    const posted = await client.sendToConversation(chat, textTo(connector.url, chat, 'Sementara'));
    await client.deleteActivity(chat, posted.id!);
    expect(connector.message(chat, posted.id!)).toMatchObject({ deleted: true });
    expect(connector.callsTo('deleteActivity')[0]).toMatchObject({ method: 'DELETE', status: 200 });
  });

  it('answers a member look-up with the TeamsChannelAccount', async () => {
    const member = await client.getConversationMember(aminah.id, chat);
    expect(member).toMatchObject({
      id: aminah.id,
      aadObjectId: aminah.aadObjectId,
      email: aminah.email,
      userPrincipalName: aminah.userPrincipalName,
      tenantId: TENANT.tenantId,
    });
  });

  it('records the kind of Authorization the client sent', async () => {
    await sdkConnectorClient(connector.url, { token: 'eyJ0eXAi.fake.token' }).sendToConversation(
      chat,
      textTo(connector.url, chat, 'x'),
    );
    await client.sendToConversation(chat, textTo(connector.url, chat, 'y'));
    expect(connector.calls.map((c) => c.auth)).toEqual(['bearer', 'none']);
  });

  it('accepts percent-encoded conversation ids as the same conversation', async () => {
    const posted = await client.sendToConversation(chat, textTo(connector.url, chat, 'x'));
    const response = await fetch(
      `${connector.url}v3/conversations/${encodeURIComponent(chat)}/activities/${posted.id}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'encoded' }),
      },
    );
    expect(response.status).toBe(200);
    expect(connector.message(chat, posted.id!)?.activity.text).toBe('encoded');
  });
});
