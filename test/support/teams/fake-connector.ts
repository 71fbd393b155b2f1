import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConnectorAnswer,
  isObject,
  type Json,
  matchRoute,
  type RouteKind,
  refuse,
} from '../../../src/platform/playground/connector-protocol.ts';
import { ROUTES } from './connector-routes.ts';
import { createConnectorState } from './connector-state.ts';
import { TENANT, type TeamsUser } from './tenant.ts';

// A Bot Framework connector (the `serviceUrl` side of Teams) on 127.0.0.1 for the real Agents SDK
// ConnectorClient: put `url` in inbound activities' serviceUrl. It answers the connector operations the SDK
// calls (connector-routes.ts), records every call, keeps every message with all its versions, and misbehaves
// on demand.
//
// What @microsoft/agents-hosting 1.8.1 makes of each misbehaviour (httpClient.ts, connectorClient.ts). It
// never retries and sets no timeout of its own; connection-level failures come through unwrapped.
// - any non-2xx: HttpError { name: 'HttpError', status, message: 'Request failed with status <n>: <body as
//   JSON>', response: { status, statusText, headers, data } }. `response.data` is the parsed error body,
//   `{ error: { code, message } }`, or the text when it is not JSON (503 here, as from Teams' gateway).
//   Beware: the error's own `data` is the activity that was sent (with `url`, `method`, `host`), not the
//   connector's answer.
// - 429 + Retry-After: that HttpError with status 429; Retry-After (seconds) is only in
//   `response.headers.get('retry-after')`, nothing waits for it.
// - no answer: the call waits until the socket closes, however long, unless the HttpClient passes an
//   AbortSignal (sdk-connector-client.ts); then fetch's DOMException named 'TimeoutError' ('The operation
//   was aborted due to timeout'). When the fake closes under a waiting call: TypeError('fetch failed').
// - connection reset: TypeError('fetch failed') whose `cause` is undici's SocketError
//   { code: 'UND_ERR_SOCKET', message: 'other side closed' }.
// - slow: the call succeeds late; a reply made inside a turn holds the bot's HTTP answer to Teams as long.

export type ConnectorFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'server_error'; status?: 500 | 502 | 503 }
  | { kind: 'connection_reset' }
  // Answers as usual, but only after this long: a Teams that is slow rather than down.
  | { kind: 'slow'; delayMs: number };

export interface RecordedCall {
  kind: RouteKind;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  // The parsed JSON body ({} when there was none); { raw } when it was not a JSON object.
  body: Json;
  auth: 'none' | 'bearer';
  at: number;
  // 'hung' until the client gives up on a hangNext() call ('abandoned') or the fake closes.
  outcome: 'answered' | 'hung' | 'abandoned';
  // 0 when the connection was reset instead of answered.
  status?: number;
  answer?: unknown;
  injected?: ConnectorFailure['kind'];
}

export interface FakeConnectorOptions {
  // Who createConversation and GET members know, by Teams id or aadObjectId; TENANT.users by default.
  users?: readonly TeamsUser[];
  // Refuse calls without a bearer token, as the real connector does; off because anonymous SDK runs send none.
  requireToken?: boolean;
  now?: () => number;
}

const WRITES = new Set(['POST', 'PUT']);

function parseBody(req: IncomingMessage, raw: string): { ok: true; body: Json } | { ok: false; body: Json } {
  if (raw === '') return WRITES.has(req.method ?? '') ? { ok: false, body: {} } : { ok: true, body: {} };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  try {
    const parsed: unknown = JSON.parse(raw);
    if (type === 'application/json' && isObject(parsed)) return { ok: true, body: parsed };
  } catch {}
  return { ok: false, body: { raw } };
}

export async function startFakeConnector(options: FakeConnectorOptions = {}) {
  const state = createConnectorState({
    now: options.now ?? Date.now,
    users: options.users ?? Object.values(TENANT.users),
  });
  const calls: RecordedCall[] = [];
  const failures = new Map<RouteKind, Array<ConnectorFailure | 'hang'>>();
  const hanging = new Set<ServerResponse>();
  let serviceUrl = '';

  function answer(res: ServerResponse, call: RecordedCall, result: ConnectorAnswer, headers = {}) {
    Object.assign(call, { outcome: 'answered', status: result.status, answer: result.body });
    if (result.body === undefined) return res.writeHead(result.status, headers).end();
    res
      .writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(result.body));
  }

  function misbehave(res: ServerResponse, call: RecordedCall, failure: ConnectorFailure | 'hang') {
    if (failure === 'hang') {
      hanging.add(res);
      res.on('close', () => {
        hanging.delete(res);
        if (call.outcome === 'hung') call.outcome = 'abandoned';
      });
      return;
    }
    call.injected = failure.kind;
    if (failure.kind === 'rate_limited') {
      // https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit: 429 Throttled with
      // Retry-After in seconds.
      const headers = { 'retry-after': String(failure.retryAfterSeconds) };
      return answer(res, call, refuse(429, 'Throttled', 'Too many requests.'), headers);
    }
    if (failure.kind === 'server_error') {
      const status = failure.status ?? 500;
      // 500 and 502 carry ServiceError; 503 has no code in Teams' table: it comes from a gateway, as text.
      if (status !== 503) return answer(res, call, refuse(status, 'ServiceError', 'Internal server error.'));
      Object.assign(call, { outcome: 'answered', status, answer: 'Service Unavailable' });
      return res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    }
    Object.assign(call, { outcome: 'answered', status: 0 });
    res.socket?.destroy();
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const { kind, params } = matchRoute(method, path);
    const parsed = parseBody(req, raw);
    const bearer = /^Bearer \S+$/.test(req.headers.authorization ?? '');
    const call: RecordedCall = {
      kind,
      method,
      path,
      ...(params.conversationId !== undefined ? { conversationId: params.conversationId } : {}),
      ...(params.activityId !== undefined ? { activityId: params.activityId } : {}),
      body: parsed.body,
      auth: bearer ? 'bearer' : 'none',
      at: state.now(),
      outcome: 'hung',
    };
    calls.push(call);
    if (kind === 'unknown')
      return answer(res, call, refuse(404, 'NotFound', `No route for ${method} ${path}`));
    // The connector's ASP.NET front end answers a missing token before any Bot Framework logic.
    if (options.requireToken && !bearer)
      return answer(res, call, {
        status: 401,
        body: { message: 'Authorization has been denied for this request.' },
      });
    if (!parsed.ok)
      return answer(res, call, refuse(400, 'BadSyntax', 'The request body must be a JSON object.'));
    const failure = failures.get(kind)?.shift();
    if (failure && failure !== 'hang' && failure.kind === 'slow') {
      call.injected = 'slow';
      await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    } else if (failure) return misbehave(res, call, failure);
    const handle = ROUTES[kind];
    answer(
      res,
      call,
      handle({ ...params, body: parsed.body, rawBytes: Buffer.byteLength(raw), serviceUrl }, state),
    );
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  // Teams sends serviceUrl with a trailing slash (https://smba.trafficmanager.net/emea/).
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const enqueue = (kind: RouteKind, failure: ConnectorFailure | 'hang') => {
    failures.set(kind, [...(failures.get(kind) ?? []), failure]);
  };

  return {
    url: serviceUrl,
    calls,
    callsTo: (kind: RouteKind) => calls.filter((c) => c.kind === kind),
    messagesIn: (conversationId: string) => state.messagesIn(conversationId),
    // Deleted messages too (with deleted: true), so a test can see what was removed.
    message: (conversationId: string, activityId: string) => state.message(conversationId, activityId),
    // Queued per route kind, oldest first; each spoils exactly one call.
    failNext: (kind: RouteKind, failure: ConnectorFailure) => enqueue(kind, failure),
    hangNext: (kind: RouteKind) => enqueue(kind, 'hang'),
    expectNoUnansweredRequests() {
      const open = calls.filter((c) => c.outcome === 'hung').map((c) => `${c.method} ${c.path}`);
      if (open.length > 0) throw new Error(`Connector calls still waiting for an answer: ${open.join(', ')}`);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeConnector = Awaited<ReturnType<typeof startFakeConnector>>;
