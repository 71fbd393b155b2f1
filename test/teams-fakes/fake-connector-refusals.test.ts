import { type ConnectorClient, MessageFactory } from '@microsoft/agents-hosting';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeConnector, startFakeConnector } from '../support/teams/fake-connector.ts';
import { approvalCard, type ConversationParameters, textTo } from '../support/teams/outbound.ts';
import { connectorErrorOf, sdkConnectorClient } from '../support/teams/sdk-connector-client.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';

// What the connector refuses, and how the refusal reaches the SDK: an HttpError whose response.data is the
// Bot Framework error body `{ error: { code, message } }`.

const chat = personalChatOf(TENANT.users.aminah);
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

let connector: FakeConnector;
let client: ConnectorClient;
beforeEach(async () => {
  connector = await startFakeConnector();
  client = sdkConnectorClient(connector.url);
});
afterEach(() => connector.close());

const send = (activity: ReturnType<typeof textTo>) =>
  connectorErrorOf(client.sendToConversation(chat, activity));
const withAttachment = (attachment: object) =>
  Object.assign(MessageFactory.attachment(attachment as never), textTo(connector.url, chat, ''), {
    text: undefined,
    attachments: [attachment],
  });
const error = (code: string) => ({ error: { code, message: expect.any(String) } });

describe('fake Teams connector, refusing what Teams refuses', () => {
  it('refuses activities without a type, and messages without text or attachments', async () => {
    const untyped = Object.assign(textTo(connector.url, chat, 'x'), { type: undefined as never });
    await expect(send(untyped)).resolves.toEqual({
      status: 400,
      data: error('BadArgument'),
      message: expect.stringMatching(/^Request failed with status 400: \{"error":\{"code":"BadArgument"/),
    });
    await expect(send(textTo(connector.url, chat, ''))).resolves.toMatchObject({ status: 400 });
    expect(connector.messagesIn(chat)).toEqual([]);
  });

  it('refuses an Adaptive Card attachment whose content is not an AdaptiveCard object', async () => {
    const stringified = withAttachment({ contentType: ADAPTIVE, content: JSON.stringify(approvalCard('x')) });
    await expect(send(stringified)).resolves.toMatchObject({ status: 400, data: error('BadArgument') });
    const wrongType = withAttachment({ contentType: ADAPTIVE, content: { type: 'HeroCard' } });
    await expect(send(wrongType)).resolves.toMatchObject({ status: 400 });
    const ok = withAttachment({ contentType: ADAPTIVE, content: approvalCard('x') });
    await expect(client.sendToConversation(chat, ok)).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('refuses a message over the size limit with 413 MessageSizeTooBig', async () => {
    const huge = textTo(connector.url, chat, 'x'.repeat(30 * 1024));
    await expect(send(huge)).resolves.toMatchObject({ status: 413, data: error('MessageSizeTooBig') });
  });

  it('answers 404 for an unknown or deleted activity and for a conversation id Teams never issues', async () => {
    const update = (conversationId: string, id: string) =>
      connectorErrorOf(client.updateActivity(conversationId, id, textTo(connector.url, chat, 'x')));
    await expect(update(chat, '1700000000000')).resolves.toMatchObject({
      status: 404,
      data: error('ActivityNotFoundInConversation'),
    });
    const posted = await client.sendToConversation(chat, textTo(connector.url, chat, 'x'));
    await client.deleteActivity(chat, posted.id!);
    await expect(update(chat, posted.id!)).resolves.toMatchObject({ status: 404 });
    await expect(connectorErrorOf(client.deleteActivity(chat, posted.id!))).resolves.toMatchObject({
      status: 404,
    });
    await expect(update('C0APPROVE', posted.id!)).resolves.toMatchObject({
      status: 404,
      data: error('ConversationNotFound'),
    });
  });

  it('refuses conversations Teams cannot create', async () => {
    const base = {
      isGroup: false,
      members: [{ id: TENANT.users.aminah.id }],
      channelData: { tenant: { id: TENANT.tenantId } },
    } as unknown as ConversationParameters;
    const create = (overrides: object) =>
      connectorErrorOf(client.createConversation({ ...base, ...overrides } as ConversationParameters));
    await expect(create({ members: [{ id: '29:1NotInThisTenant' }] })).resolves.toMatchObject({
      status: 400,
      data: error('MemberNotFoundInConversation'),
    });
    const rosli = { id: TENANT.users.rosli.id };
    await expect(create({ isGroup: true, members: [base.members![0], rosli] })).resolves.toMatchObject({
      status: 400,
      data: error('BadArgument'),
    });
    await expect(create({ channelData: {} })).resolves.toMatchObject({ status: 400 });
    const channelOnly = { members: undefined, channelData: { channel: { id: TENANT.channels.approvals } } };
    await expect(create(channelOnly)).resolves.toMatchObject({ status: 400 });
    await expect(create({ members: [] })).resolves.toMatchObject({ status: 400 });
  });

  it('refuses a body that is not JSON, and answers unknown routes with 404', async () => {
    const response = await fetch(`${connector.url}v3/conversations/${chat}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message",',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(error('BadSyntax'));
    expect(connector.calls[0]!.body).toEqual({ raw: '{"type":"message",' });
    const conversations = await connectorErrorOf(client.getConversations());
    expect(conversations).toMatchObject({ status: 404, data: error('NotFound') });
    expect(connector.callsTo('unknown')).toHaveLength(1);
  });

  it('with requireToken, refuses calls without a bearer token as the real connector does', async () => {
    const strict = await startFakeConnector({ requireToken: true });
    try {
      const anonymous = sdkConnectorClient(strict.url);
      await expect(
        connectorErrorOf(anonymous.sendToConversation(chat, textTo(strict.url, chat, 'x'))),
      ).resolves.toMatchObject({
        status: 401,
        data: { message: 'Authorization has been denied for this request.' },
      });
      const withToken = sdkConnectorClient(strict.url, { token: 'eyJ0eXAi.fake.token' });
      await expect(withToken.sendToConversation(chat, textTo(strict.url, chat, 'x'))).resolves.toHaveProperty(
        'id',
      );
    } finally {
      await strict.close();
    }
  });
});
