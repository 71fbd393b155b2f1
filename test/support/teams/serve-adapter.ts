import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from '@microsoft/agents-hosting';
import { processActivityRequest, type TurnLogic } from '../../../src/platform/teams/http-glue.ts';

// The bot's messaging endpoint alone, for the fake's own tests: a bare node:http server around the
// production glue (src/platform/teams/http-glue.ts, whose header says what the SDK needs from its host).

const plain = (res: ServerResponse, status: number, text: string) =>
  void res.writeHead(status, { 'content-type': 'text/plain' }).end(text);

async function handle(adapter: CloudAdapter, logic: TurnLogic, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') return plain(res.setHeader('allow', 'POST'), 405, 'POST only');
  try {
    await processActivityRequest(adapter, logic, req, res);
  } catch {
    if (!res.headersSent) return plain(res, 500, 'Turn failed');
    res.destroy();
  }
}

export async function serveAdapter(adapter: CloudAdapter, logic: TurnLogic, path = '/api/messages') {
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== path) return plain(res, 404, 'Not found');
    handle(adapter, logic, req, res).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
