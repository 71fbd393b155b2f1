import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../support/slack/fake-web-api.ts';
import { webClientFor } from '../support/slack/web-client.ts';

// What the real @slack/web-api 8 client raises when the fake misbehaves: these are the errors the Slack
// adapter has to map (rate limit, server error, Slack error, no answer).

let api: FakeSlackApi;
beforeEach(async () => {
  api = await startFakeSlackApi();
});
afterEach(() => api.close());

const clientWith = (options: webApi.WebClientOptions = {}) => webClientFor(api, options);

const post = (client: webApi.WebClient) => client.chat.postMessage({ channel: 'C0SOC', text: 'Escalated' });
const rejection = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );

describe('fake Slack Web API misbehaving on demand', () => {
  it('answers 429 with Retry-After, which rejectRateLimitedCalls turns into WebAPIRateLimitedError', async () => {
    api.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 7 });
    const client = clientWith({ rejectRateLimitedCalls: true });
    const limited: number[] = [];
    client.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number) => limited.push(seconds));
    const error = await rejection(post(client));
    expect(error).toBeInstanceOf(webApi.WebAPIRateLimitedError);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(limited).toEqual([7]);
    expect(api.callsTo('chat.postMessage')[0]).toMatchObject({ status: 429, injected: 'rate_limited' });
  });

  it('without rejectRateLimitedCalls, waits Retry-After and retries, so the message is posted once', async () => {
    api.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 0 });
    const result = await post(clientWith({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } }));
    expect(result.ok).toBe(true);
    expect(api.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  // The client's own "rate limit was exceeded" Error is caught by its request wrapper, so the adapter sees a
  // network-style error; only the message still names retry-after.
  it('without rejectRateLimitedCalls and no retries left, raises WebAPIRequestError, not a rate-limit error', async () => {
    api.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 0 });
    const error = await rejection(post(clientWith()));
    expect(error).toBeInstanceOf(webApi.WebAPIRequestError);
    expect(error).toMatchObject({
      code: webApi.ErrorCode.RequestError,
      original: { message: expect.stringMatching(/^A rate limit was exceeded \(url: .+, retry-after: 0\)$/) },
    });
  });

  it('answers 500, which the client raises as WebAPIHTTPError', async () => {
    api.failNext('chat.postMessage', { kind: 'server_error' });
    const error = await rejection(post(clientWith()));
    expect(error).toBeInstanceOf(webApi.WebAPIHTTPError);
    expect(error).toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 500,
      statusMessage: 'Internal Server Error',
    });
  });

  it('answers ok:false, which the client raises as WebAPIPlatformError carrying the whole answer', async () => {
    api.failNext('chat.postMessage', { kind: 'slack_error', error: 'channel_not_found' });
    const error = await rejection(post(clientWith()));
    expect(error).toBeInstanceOf(webApi.WebAPIPlatformError);
    expect(error).toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error: 'channel_not_found' },
    });
    expect(api.message('C0SOC', api.calls[0]!.answer?.ts as string)).toBeUndefined();
  });

  it('spoils only the next call, in the order failures were queued', async () => {
    api.failNext('chat.postMessage', { kind: 'server_error', status: 503 });
    api.failNext('chat.postMessage', { kind: 'slack_error', error: 'ratelimited' });
    const client = clientWith();
    await rejection(post(client));
    await rejection(post(client));
    await expect(post(client)).resolves.toMatchObject({ ok: true });
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(api.callsTo('chat.postMessage').map((c) => c.status)).toEqual([503, 200, 200]);
  });

  it('answers late, when slow: the call succeeds and what it carried takes effect only then', async () => {
    api.failNext('chat.postMessage', { kind: 'slow', delayMs: 300 });
    const client = clientWith();
    const started = performance.now();
    const posting = post(client);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.callsTo('chat.postMessage').at(-1)).toMatchObject({ outcome: 'hung', injected: 'slow' });
    await expect(posting).resolves.toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(api.callsTo('chat.postMessage').at(-1)).toMatchObject({ outcome: 'answered', status: 200 });
  });

  it('resets the connection, which the client raises as WebAPIRequestError', async () => {
    api.failNext('chat.update', { kind: 'connection_reset' });
    const error = await rejection(clientWith().chat.update({ channel: 'C0SOC', ts: '1.1', text: 'x' }));
    expect(error).toBeInstanceOf(webApi.WebAPIRequestError);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RequestError });
  });

  it('hangs until the client times out, leaving nothing unanswered once it gave up', async () => {
    api.hangNext('views.publish');
    const error = await rejection(
      clientWith({ timeout: 200 }).views.publish({ user_id: 'U0AMINAH', view: { type: 'home', blocks: [] } }),
    );
    expect(error).toBeInstanceOf(webApi.WebAPIRequestError);
    expect((error as webApi.WebAPIRequestError).original).toMatchObject({ name: 'TimeoutError' });
    await expect.poll(() => api.callsTo('views.publish')[0]?.outcome).toBe('abandoned');
    expect(() => api.expectNoUnansweredRequests()).not.toThrow();
  });

  it('reports a request still hanging', async () => {
    api.hangNext('chat.postMessage');
    const pending = post(clientWith()).catch(() => 'connection closed');
    await expect.poll(() => api.callsTo('chat.postMessage').length).toBe(1);
    expect(() => api.expectNoUnansweredRequests()).toThrow('chat.postMessage');
    await api.close();
    await expect(pending).resolves.toBe('connection closed');
  });
});
