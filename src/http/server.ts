import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';

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

export function createHttpServer(routes: readonly Route[], logger: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => matches(r, path ?? '/') && r.method === req.method);
    if (!route) {
      const allowed = routes.some((r) => matches(r, path ?? '/'));
      sendJson(res, allowed ? 405 : 404, { error: allowed ? 'method not allowed' : 'not found' });
      return;
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((error: unknown) => {
        const reference = randomUUID().slice(0, 8);
        logger.error('request failed', { reference, path, error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error', reference });
        else res.end();
      });
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
): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      resolve({
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
