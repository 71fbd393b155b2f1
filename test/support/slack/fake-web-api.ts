import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openConversation, postEphemeral, postMessage, updateMessage } from './fake-chat-methods.ts';
import { identityMethods } from './fake-identity-methods.ts';
import { openView, publishView, pushView, updateView } from './fake-view-methods.ts';
import {
  type ApiAnswer,
  type Args,
  createFakeWorkspaceState,
  type FakeWorkspaceState,
  fail,
  messageKey,
  type UserProfile,
} from './fake-web-api-state.ts';
import { authProblem, bearerToken, parseCallBody, type TokenKind, tokenKind } from './web-api-request.ts';

// A Slack Web API on 127.0.0.1 for the real @slack/web-api client (point `slackApiUrl` at `url`). It
// answers POST /api/<method> as Slack does, records every call, and misbehaves on demand.
//
// What @slack/web-api 8 makes of each misbehaviour (WebClient.makeRequest, errors.ts):
// - 429 + Retry-After: with `rejectRateLimitedCalls: true` it throws WebAPIRateLimitedError
//   { code: 'slack_webapi_rate_limited_error', retryAfter: <seconds> }. Without it the client pauses its
//   queue for Retry-After seconds and retries per `retryConfig`; when retries run out it throws
//   WebAPIRequestError whose `original` is Error("A rate limit was exceeded (url: …, retry-after: N)").
//   Either way it first emits WebClientEvent.RATE_LIMITED ('rate_limited', seconds).
// - any other non-200: WebAPIHTTPError { code: 'slack_webapi_http_error', statusCode, statusMessage,
//   headers, body }, retried per `retryConfig` first.
// - 200 with ok:false: WebAPIPlatformError { code: 'slack_webapi_platform_error', data: <whole answer> },
//   never retried.
// - no answer: waits forever unless the client has `timeout`; then WebAPIRequestError
//   { code: 'slack_webapi_request_error', original: DOMException named 'TimeoutError' }. A reset
//   connection gives the same class with fetch's TypeError as `original`.

export type ApiFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'slack_error'; error: string }
  | { kind: 'connection_reset' }
  // Answers as usual, but only after this long: a Slack that is slow rather than down.
  | { kind: 'slow'; delayMs: number };

export interface RecordedCall {
  method: string;
  // Parsed arguments, JSON-encoded form fields decoded, token left out; { raw } when unparseable.
  args: Args;
  at: number;
  tokenKind: TokenKind;
  // 'hung' until the client gives up on a hangNext() call ('abandoned') or the fake closes.
  outcome: 'answered' | 'hung' | 'abandoned';
  // 0 when the connection was reset instead of answered.
  status?: number;
  answer?: ApiAnswer;
  injected?: ApiFailure['kind'];
}

export interface FakeSlackApiOptions {
  // Where apps.connections.open sends Socket Mode clients (see fake-socket-mode.ts).
  socketMode?: { issueUrl(): string };
  users?: Record<string, UserProfile>;
  triggerTtlMs?: number;
  // Stamps `at` and judges trigger age; mint triggers from the same clock when replacing it.
  now?: () => number;
}

type Handler = (args: Args, state: FakeWorkspaceState) => ApiAnswer;

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}) {
  const state = createFakeWorkspaceState({
    now: options.now ?? Date.now,
    triggerTtlMs: options.triggerTtlMs ?? 3000,
    users: options.users ?? {},
  });
  const handlers: Record<string, Handler> = {
    ...identityMethods(options.socketMode),
    'chat.postMessage': postMessage,
    'chat.update': updateMessage,
    'chat.postEphemeral': postEphemeral,
    'conversations.open': openConversation,
    'views.open': openView,
    'views.push': pushView,
    'views.update': updateView,
    'views.publish': publishView,
  };
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Array<ApiFailure | 'hang'>>();
  const hanging = new Set<ServerResponse>();
  let responseUrls = 0;

  function answer(res: ServerResponse, call: RecordedCall, status: number, body: ApiAnswer, headers = {}) {
    Object.assign(call, { outcome: 'answered', status, answer: body });
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(body));
  }

  function misbehave(res: ServerResponse, call: RecordedCall, failure: ApiFailure | 'hang') {
    if (failure === 'hang') {
      call.outcome = 'hung';
      hanging.add(res);
      res.on('close', () => {
        hanging.delete(res);
        if (call.outcome === 'hung') call.outcome = 'abandoned';
      });
      return;
    }
    call.injected = failure.kind;
    if (failure.kind === 'rate_limited') {
      // https://docs.slack.dev/apis/web-api/rate-limits: HTTP 429 with Retry-After in seconds.
      const headers = { 'retry-after': String(failure.retryAfterSeconds) };
      return answer(res, call, 429, { ok: false, error: 'ratelimited' }, headers);
    }
    if (failure.kind === 'slack_error') return answer(res, call, 200, fail(failure.error));
    if (failure.kind === 'server_error') {
      Object.assign(call, { outcome: 'answered', status: failure.status ?? 500 });
      return res
        .writeHead(failure.status ?? 500, { 'content-type': 'text/html' })
        .end('<html>Server Error</html>');
    }
    Object.assign(call, { outcome: 'answered', status: 0 });
    res.socket?.destroy();
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'POST' && path.startsWith('/hooks/')) return serveResponseUrl(req, res, path, raw);
    const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
    if (req.method !== 'POST' || method === undefined) return res.writeHead(404).end();
    const parsed = parseCallBody(req.headers, raw);
    const headerToken = bearerToken(req.headers);
    const bodyToken = parsed.ok ? parsed.bodyToken : undefined;
    const call: RecordedCall = {
      method,
      args: parsed.ok ? parsed.args : { raw },
      at: state.now(),
      tokenKind: tokenKind(headerToken ?? bodyToken),
      outcome: 'hung',
    };
    calls.push(call);
    const handler = handlers[method];
    if (!handler) return answer(res, call, 200, { ok: false, error: 'unknown_method', req_method: method });
    if (!parsed.ok) return answer(res, call, 200, fail(parsed.error));
    const denied = authProblem(method, headerToken, bodyToken);
    if (denied) return answer(res, call, 200, fail(denied));
    const failure = failures.get(method)?.shift();
    if (failure && failure !== 'hang' && failure.kind === 'slow') {
      call.injected = 'slow';
      await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    } else if (failure) return misbehave(res, call, failure);
    answer(res, call, 200, handler(parsed.args, state));
  }

  // response_url (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses):
  // JSON posted by Bolt's respond(), recorded like a method call named 'response_url'.
  function serveResponseUrl(req: IncomingMessage, res: ServerResponse, path: string, raw: string) {
    const parsed = parseCallBody(req.headers, raw);
    const args = { ...(parsed.ok ? parsed.args : { raw }), response_url: path };
    const call: RecordedCall = {
      method: 'response_url',
      args,
      at: state.now(),
      tokenKind: 'none',
      outcome: 'hung',
    };
    calls.push(call);
    const failure = failures.get('response_url')?.shift();
    if (failure) return misbehave(res, call, failure);
    answer(res, call, parsed.ok ? 200 : 400, parsed.ok ? { ok: true } : fail(parsed.error));
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const enqueue = (method: string, failure: ApiFailure | 'hang') => {
    failures.set(method, [...(failures.get(method) ?? []), failure]);
  };

  return {
    url: `${origin}/api/`,
    calls,
    callsTo: (method: string) => calls.filter((c) => c.method === method),
    // Queued per method ('response_url' included), oldest first; each spoils exactly one call.
    failNext: (method: string, failure: ApiFailure) => enqueue(method, failure),
    hangNext: (method: string) => enqueue(method, 'hang'),
    setUserLocale(userId: string, locale: string) {
      state.users.set(userId, { ...state.users.get(userId), locale });
    },
    responseUrl() {
      responseUrls += 1;
      return `${origin}/hooks/${state.nextTs().replace('.', '/')}/${responseUrls}`;
    },
    message: (channel: string, ts: string) => state.messages.get(messageKey(channel, ts)),
    /** A workspace admin deletes a message, the bot's too: chat.update then answers message_not_found. */
    deleteMessage: (channel: string, ts: string) => state.messages.delete(messageKey(channel, ts)),
    ephemerals: state.ephemerals,
    view: (id: string) => state.views.get(id),
    homeOf: (userId: string) => state.views.get(state.homes.get(userId) ?? ''),
    expectNoUnansweredRequests() {
      const open = calls.filter((c) => c.outcome === 'hung').map((c) => c.method);
      if (open.length > 0) throw new Error(`Slack API calls still waiting for an answer: ${open.join(', ')}`);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeSlackApi = Awaited<ReturnType<typeof startFakeSlackApi>>;
