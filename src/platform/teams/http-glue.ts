import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, Request, TurnContext, WebResponse } from '@microsoft/agents-hosting';
import { sendJson } from '../../http/server.ts';

// The Agents SDK's CloudAdapter and its JWT middleware are written for Express; mailops answers on its own
// node:http server (one server, one error boundary, src/http/server.ts), so this is the whole of Express
// the SDK uses (cloudAdapter.ts, auth/jwt-middleware.ts, interfaces/webResponse.ts in agents-hosting 1.8):
// - request: `{ body, headers, method }` with `body` the parsed JSON activity; process() throws
//   MissingRequestBody without it and a ZodError when it is not an activity.
// - authorization is not done by process(): authorizeRequest (authorizeJWT) must run first and set
//   `request.user`; skipped, every request would run as anonymous even with a client id configured.
// - response: status, setHeader, send (objects as JSON), end, and the headersSent / writableEnded getters.
//   process() calls status → setHeader('content-type', 'application/json') for invokes → send → end.
// - process() resolves only when the turn is over, connector calls included: Teams waits for all of them.

// Bot Framework activities are small; a card with a long form stays far below this.
const MAX_BODY_BYTES = 1024 * 1024;

type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415 };

async function readActivityBody(req: IncomingMessage): Promise<BodyResult> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413 };
    chunks.push(chunk as Buffer);
  }
  if (type !== 'application/json') return { ok: false, status: 415 };
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, status: 400 };
    return { ok: true, body: body as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400 };
  }
}

/**
 * The SDK's WebResponse over node's ServerResponse. As in Express, `send` finishes the response: the JWT
 * middleware answers a refused token with `res.status(401).send({...})` and never calls `end`.
 */
function sdkResponse(res: ServerResponse): WebResponse {
  let status = 200;
  const response: WebResponse = {
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
    status(code: number) {
      status = code;
      return response;
    },
    setHeader(name: string, value: string) {
      res.setHeader(name, value);
      return response;
    },
    send(body?: unknown) {
      if (res.writableEnded) return response;
      if (body === undefined) return response.end();
      const text = typeof body === 'string' || Buffer.isBuffer(body) ? body.toString() : JSON.stringify(body);
      if (typeof body === 'object' && !Buffer.isBuffer(body) && !res.hasHeader('content-type'))
        res.setHeader('content-type', 'application/json; charset=utf-8');
      res.writeHead(status, { 'content-length': Buffer.byteLength(text) }).end(text);
      return response;
    },
    end() {
      if (!res.writableEnded) res.writeHead(status).end();
      return response;
    },
  };
  return response;
}

const REFUSED = { 400: 'body is not a JSON object', 413: 'body too large', 415: 'expected application/json' };

export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * One POST to the bot's messaging endpoint: the JSON activity, the Bot Framework token check (the SDK's
 * authorizeJWT: 401 without a valid token once a client id is configured; anonymous only without one and
 * outside production), then the turn. `process()` itself checks no token, so the order matters. A body
 * that is JSON but no activity fails the SDK's own parse (a ZodError): the sender's fault, answered 400.
 */
export async function processActivityRequest(
  adapter: CloudAdapter,
  logic: TurnLogic,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const read = await readActivityBody(req);
  if (!read.ok) return sendJson(res, read.status, { error: REFUSED[read.status] });
  const request: Request = {
    body: read.body,
    headers: req.headers as Request['headers'],
    method: req.method,
  };
  const response = sdkResponse(res);
  let authorized = false;
  await adapter.authorizeRequest(request, response, () => {
    authorized = true;
  });
  if (!authorized) return;
  try {
    await adapter.process(request, response, logic);
  } catch (error) {
    if ((error as Error).name !== 'ZodError') throw error;
    if (!res.headersSent) sendJson(res, 400, { error: 'body is not an activity' });
  }
}
