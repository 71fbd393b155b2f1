import {
  AgentApplication,
  CardFactory,
  CloudAdapter,
  MessageFactory,
  OutboundHostValidator,
  type TurnState,
} from '@microsoft/agents-hosting';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adaptiveCardAction,
  botAdded,
  cardRefresh,
  installationUpdate,
  messageActivity,
} from '../support/teams/activities.ts';
import { type BotClient, createBotClient } from '../support/teams/bot-client.ts';
import { type FakeConnector, startFakeConnector } from '../support/teams/fake-connector.ts';
import { approvalCard } from '../support/teams/outbound.ts';
import { serveAdapter } from '../support/teams/serve-adapter.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';

// A bare AgentApplication on CloudAdapter.process inside node:http (serve-adapter.ts), fed by the bot client
// and replying through the fake connector: the whole loop the Teams adapter's tests will use, anonymous as
// in development (no client id, NODE_ENV not production) and with the outbound host allow-list off so a
// loopback serviceUrl is accepted.

const aminah = TENANT.users.aminah;
const refreshable = {
  ...approvalCard('Menunggu'),
  refresh: {
    action: { type: 'Action.Execute', verb: 'view', data: { ticket: 'CR-1' } },
    userIds: [aminah.id],
  },
};

let connector: FakeConnector;
let bot: BotClient;
let close: () => Promise<void>;
const seen: Array<{ type: string; text?: string; data?: unknown; locale?: string }> = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  const adapter = new CloudAdapter(
    {},
    undefined,
    undefined,
    undefined,
    new OutboundHostValidator({ enabled: false }),
  );
  const app = new AgentApplication<TurnState>({ adapter });
  app.onActivity('message', async (context) => {
    seen.push({ type: 'message', text: context.activity.text, locale: context.activity.locale });
    if (context.activity.text === 'gagal') throw new Error('flow failed');
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(refreshable)));
  });
  app.adaptiveCards.actionExecute('approve', async (_context, _state, action) => {
    seen.push({ type: 'approve', data: action });
    return approvalCard('Diluluskan');
  });
  app.adaptiveCards.actionExecute('view', async () => approvalCard('Paparan anda'));
  app.onConversationUpdate('membersAdded', async (context) => {
    seen.push({ type: 'membersAdded', data: context.activity.conversation });
  });
  app.onActivity('installationUpdate', async (context) => {
    seen.push({ type: 'installationUpdate', data: context.activity.action });
  });
  const server = await serveAdapter(adapter, (context) => app.run(context));
  close = server.close;
  bot = createBotClient({ url: server.url });
});
afterAll(async () => {
  connector.expectNoUnansweredRequests();
  await close();
  await connector.close();
});
beforeEach(() => {
  seen.length = 0;
});

const inChannel = { type: 'channel' as const, channelId: TENANT.channels.approvals };

describe('CloudAdapter.process behind node:http, talking to the fake connector', () => {
  it('answers a channel @mention with 200 after replying in its thread, mention removed from the text', async () => {
    const message = messageActivity({
      serviceUrl: connector.url,
      from: aminah,
      in: inChannel,
      text: 'status CR-1',
    });
    const response = await bot.send(message);
    expect(response).toEqual({ status: 200, body: '' });
    expect(seen).toEqual([{ type: 'message', text: 'status CR-1', locale: 'ms-MY' }]);
    const [reply] = connector.callsTo('replyToActivity');
    expect(reply).toMatchObject({
      conversationId: message.conversation.id,
      activityId: message.id,
      auth: 'none',
    });
    expect(reply!.body).toMatchObject({
      type: 'message',
      replyToId: message.id,
      from: { id: TENANT.bot.id },
      recipient: { id: aminah.id },
      conversation: { id: message.conversation.id },
    });
    expect(connector.messagesIn(message.conversation.id)).toHaveLength(1);
  });

  it('answers an Action.Execute invoke in the HTTP response, sending nothing to the connector', async () => {
    const message = messageActivity({ serviceUrl: connector.url, from: aminah, text: 'status CR-1' });
    await bot.send(message);
    const card = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const before = connector.calls.length;
    const click = adaptiveCardAction({ serviceUrl: connector.url, from: aminah, card, verb: 'approve' });
    const response = await bot.send(click);
    expect(response).toMatchObject({
      status: 200,
      json: {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: approvalCard('Diluluskan'),
      },
    });
    // Agents SDK 1.8.1 hands the handler the whole action, not its data.
    expect(seen.at(-1)).toEqual({
      type: 'approve',
      data: { type: 'Action.Execute', verb: 'approve', data: { ticket: 'CR-1' } },
    });
    expect(connector.calls.length).toBe(before);
  });

  it('answers the automatic refresh with the user-specific card', async () => {
    await bot.send(messageActivity({ serviceUrl: connector.url, from: aminah, text: 'x' }));
    const card = connector.messagesIn(personalChatOf(aminah)).at(-1)!;
    const response = await bot.send(cardRefresh({ serviceUrl: connector.url, from: aminah, card }));
    expect(response.json).toMatchObject({ statusCode: 200, value: approvalCard('Paparan anda') });
  });

  it('delivers installation into a team as conversationUpdate and installationUpdate', async () => {
    const input = { serviceUrl: connector.url, from: aminah, in: { type: 'channel' as const } };
    expect(await bot.send(botAdded(input))).toMatchObject({ status: 200 });
    expect(await bot.send(installationUpdate({ ...input, action: 'add' }))).toMatchObject({ status: 200 });
    expect(seen).toEqual([
      {
        type: 'membersAdded',
        data: expect.objectContaining({ id: TENANT.team.id, conversationType: 'channel' }),
      },
      { type: 'installationUpdate', data: 'add' },
    ]);
  });

  it('holds the HTTP answer until a slow connector has taken the reply', async () => {
    connector.failNext('replyToActivity', { kind: 'slow', delayMs: 300 });
    const started = performance.now();
    await bot.send(messageActivity({ serviceUrl: connector.url, from: aminah, text: 'x' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('turns a failed turn into the SDK’s default apology in the chat, still answering 200', async () => {
    const response = await bot.send(
      messageActivity({ serviceUrl: connector.url, from: aminah, text: 'gagal' }),
    );
    expect(response.status).toBe(200);
    const texts = connector.messagesIn(personalChatOf(aminah)).map((m) => m.activity.text);
    expect(texts.slice(-2)).toEqual([
      'The agent encountered an error or bug.',
      'To continue to run this agent, please fix the source code.',
    ]);
  });

  it('answers 500 when the connector refuses both the reply and the SDK’s apology, so process() rejects', async () => {
    connector.failNext('replyToActivity', { kind: 'rate_limited', retryAfterSeconds: 1 });
    connector.failNext('replyToActivity', { kind: 'server_error' });
    const response = await bot.send(messageActivity({ serviceUrl: connector.url, from: aminah, text: 'x' }));
    expect(response).toMatchObject({ status: 500 });
    expect(
      connector
        .callsTo('replyToActivity')
        .slice(-2)
        .map((c) => c.status),
    ).toEqual([429, 500]);
  });

  it('opens a personal chat proactively with createConversationAsync and posts into it', async () => {
    const adapter = new CloudAdapter(
      {},
      undefined,
      undefined,
      undefined,
      new OutboundHostValidator({ enabled: false }),
    );
    // Without `agent` the turn has no recipient and sendActivity throws -110005 "Activity Recipient undefined".
    const parameters = {
      isGroup: false,
      agent: TENANT.bot,
      members: [{ id: aminah.id }],
      tenantId: TENANT.tenantId,
      channelData: { tenant: { id: TENANT.tenantId } },
    };
    let conversationId: string | undefined;
    await adapter.createConversationAsync(
      TENANT.appId,
      'msteams',
      connector.url,
      'https://api.botframework.com',
      parameters as never,
      async (context) => {
        conversationId = context.activity.conversation?.id;
        await context.sendActivity('Tiket CR-1 menunggu kelulusan anda');
      },
    );
    expect(conversationId).toBe(personalChatOf(aminah));
    // The SDK's synthetic create activity takes the conversation id as its own id, so the first message goes
    // out as a reply to an "activity" named like the conversation (percent-encoded in the path).
    expect(connector.calls.slice(-2).map((c) => [c.kind, c.activityId])).toEqual([
      ['createConversation', undefined],
      ['replyToActivity', conversationId],
    ]);
    expect(connector.calls.at(-1)!.path).toContain(`/activities/${encodeURIComponent(conversationId!)}`);
    expect(connector.messagesIn(conversationId!).at(-1)?.activity.text).toBe(
      'Tiket CR-1 menunggu kelulusan anda',
    );
  });
});
