import { HttpError } from '@microsoft/agents-hosting';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeConnector, startFakeConnector } from '../support/teams/fake-connector.ts';
import { textTo } from '../support/teams/outbound.ts';
import { sdkConnectorClient } from '../support/teams/sdk-connector-client.ts';
import { personalChatOf, TENANT } from '../support/teams/tenant.ts';

// What the real Agents SDK ConnectorClient raises when the connector misbehaves: these are the errors the
// Teams adapter has to map. The SDK never retries and has no timeout of its own.

const chat = personalChatOf(TENANT.users.aminah);

let connector: FakeConnector;
beforeEach(async () => {
  connector = await startFakeConnector();
});
afterEach(() => connector.close());

const post = (options: { timeoutMs?: number } = {}) =>
  sdkConnectorClient(connector.url, options).sendToConversation(
    chat,
    textTo(connector.url, chat, 'Eskalasi'),
  );
const rejection = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );

describe('fake Teams connector misbehaving on demand', () => {
  it('answers 429 Throttled with Retry-After, which the SDK raises as HttpError without waiting or retrying', async () => {
    connector.failNext('sendToConversation', { kind: 'rate_limited', retryAfterSeconds: 7 });
    const error = await rejection(post());
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect(http).toMatchObject({
      name: 'HttpError',
      status: 429,
      message:
        'Request failed with status 429: {"error":{"code":"Throttled","message":"Too many requests."}}',
      response: { status: 429, statusText: 'Too Many Requests', data: { error: { code: 'Throttled' } } },
    });
    expect(http.response.headers.get('retry-after')).toBe('7');
    // The error's own `data` is what was sent, not what the connector answered.
    expect(http).toMatchObject({ data: expect.objectContaining({ text: 'Eskalasi' }), method: 'post' });
    expect(connector.callsTo('sendToConversation')).toEqual([
      expect.objectContaining({ status: 429, injected: 'rate_limited' }),
    ]);
    expect(connector.messagesIn(chat)).toEqual([]);
  });

  it('answers 500 and 502 with ServiceError, 503 with a gateway text body the SDK keeps as a string', async () => {
    connector.failNext('sendToConversation', { kind: 'server_error' });
    connector.failNext('sendToConversation', { kind: 'server_error', status: 502 });
    connector.failNext('sendToConversation', { kind: 'server_error', status: 503 });
    const errors = [await rejection(post()), await rejection(post()), await rejection(post())] as HttpError[];
    expect(errors.map((e) => [e.status, e.response.data])).toEqual([
      [500, { error: { code: 'ServiceError', message: 'Internal server error.' } }],
      [502, { error: { code: 'ServiceError', message: 'Internal server error.' } }],
      [503, 'Service Unavailable'],
    ]);
    expect(errors[2]!.message).toBe('Request failed with status 503: "Service Unavailable"');
    await expect(post()).resolves.toHaveProperty('id');
  });

  it('spoils only the next call of that kind, in the order failures were queued', async () => {
    connector.failNext('updateActivity', { kind: 'server_error' });
    const client = sdkConnectorClient(connector.url);
    const posted = await client.sendToConversation(chat, textTo(connector.url, chat, 'v1'));
    await rejection(client.updateActivity(chat, posted.id!, textTo(connector.url, chat, 'v2')));
    await client.updateActivity(chat, posted.id!, textTo(connector.url, chat, 'v3'));
    expect(connector.calls.map((c) => [c.kind, c.status])).toEqual([
      ['sendToConversation', 201],
      ['updateActivity', 500],
      ['updateActivity', 200],
    ]);
    expect(connector.message(chat, posted.id!)?.versions.map((v) => v.text)).toEqual(['v1', 'v3']);
  });

  it('answers late when slow: the call succeeds and the message appears only then', async () => {
    connector.failNext('sendToConversation', { kind: 'slow', delayMs: 300 });
    const started = performance.now();
    const posting = post();
    await expect.poll(() => connector.callsTo('sendToConversation')[0]?.injected).toBe('slow');
    expect(connector.callsTo('sendToConversation')[0]!.outcome).toBe('hung');
    expect(connector.messagesIn(chat)).toEqual([]);
    await expect(posting).resolves.toHaveProperty('id');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(connector.messagesIn(chat)).toHaveLength(1);
  });

  it('resets the connection, which reaches the SDK as fetch’s bare TypeError', async () => {
    connector.failNext('sendToConversation', { kind: 'connection_reset' });
    const error = await rejection(post());
    expect(error).not.toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'UND_ERR_SOCKET' },
    });
    expect(connector.callsTo('sendToConversation')[0]).toMatchObject({
      status: 0,
      injected: 'connection_reset',
    });
  });

  it('hangs until the client’s deadline, which the SDK raises as the bare TimeoutError, then counts as abandoned', async () => {
    connector.hangNext('sendToConversation');
    const error = await rejection(post({ timeoutMs: 200 }));
    expect(error).toMatchObject({
      name: 'TimeoutError',
      message: 'The operation was aborted due to timeout',
    });
    expect(error).not.toBeInstanceOf(HttpError);
    await expect.poll(() => connector.callsTo('sendToConversation')[0]?.outcome).toBe('abandoned');
    expect(() => connector.expectNoUnansweredRequests()).not.toThrow();
  });

  it('without a deadline the SDK waits as long as the connector does, and reports a request still hanging', async () => {
    connector.hangNext('createConversation');
    const client = sdkConnectorClient(connector.url);
    const pending = client
      .createConversation({ isGroup: false, members: [{ id: TENANT.users.aminah.id }] } as never)
      .catch((error: unknown) => error);
    await expect.poll(() => connector.callsTo('createConversation').length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => connector.expectNoUnansweredRequests()).toThrow('POST /v3/conversations');
    await connector.close();
    await expect(pending).resolves.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});
