import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Inflight } from '../platform/inflight.ts';

// The HTTP entry point: /healthz and /metrics now; the Slack and Teams adapters register their routes here
// (one registration point per platform, STYLE.md 7). One error boundary: a fault becomes a 500 with a
// reference id the operator can find in the log, never a stack trace on the wire.

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** Also answers every path below `path` (which then ends in `/`), as the playground's connector needs. */
  readonly prefix?: boolean;
  readonly handler: Handler;
}

const matches = (route: Route, path: string) =>
  route.prefix ? path.startsWith(route.path) : route.path === path;

/**
 * `inflight` counts the requests that act (POST, PUT, DELETE), so a stop waits for them; reads, and the
 * playground's event stream that stays open, are not waited for.
 */
export function createHttpServer(routes: readonly Route[], logger: Logger, inflight?: Inflight): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => matches(r, path ?? '/') && r.method === req.method);
    if (!route) {
      const allowed = routes.some((r) => matches(r, path ?? '/'));
      sendJson(res, allowed ? 405 : 404, { error: allowed ? 'method not allowed' : 'not found' });
      return;
    }
    const handled = Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((error: unknown) => {
        const reference = randomUUID().slice(0, 8);
        logger.error('request failed', { reference, path, error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error', reference });
        else res.end();
      });
    if (req.method !== 'GET') inflight?.track(handled);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function listen(
  server: Server,
  port: number,
  host: string,
): Promise<{ port: number; close(drain?: () => Promise<unknown>): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const refused = (error: NodeJS.ErrnoException) => reject(listenFailure(error, host, port));
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      resolve({
        port: bound,
        // No new connection is taken from the first moment; `drain` (the requests under way) runs before the
        // connections still open, the playground's event streams among them, are cut.
        async close(drain) {
          const closed = new Promise<void>((done) => server.close(() => done()));
          // A connection kept alive may still bring a request while the others drain: it is answered, and
          // told to close, so no more arrive on it.
          server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
            if (!res.headersSent) res.setHeader('connection', 'close');
          });
          server.closeIdleConnections();
          await drain?.();
          server.closeAllConnections();
          await closed;
        },
      });
    });
  });
}

// What an operator can do about each way the port is refused, instead of node's bare "listen EADDRINUSE".
const LISTEN_HINTS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'another program (or another mailops) listens there: stop it, or set PORT to a free port',
  EACCES: 'ports below 1024 need privileges: set PORT to 1024 or above, or let a reverse proxy listen',
  EADDRNOTAVAIL: 'HOST is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0',
};

function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const hint = error.code ? LISTEN_HINTS[error.code] : undefined;
  if (!hint) return error;
  return new MailopsError(
    ERROR_CODES.SERVER_LISTEN_FAILED,
    `Cannot listen on ${host}:${port} (${error.code}).`,
    {
      hint,
    },
  );
}
