import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Db } from '../../db/types.ts';
import type { Directory } from '../../directory/directory.ts';
import type { Route } from '../../http/server.ts';
import type { Locale } from '../../i18n/index.ts';
import type { Logger } from '../../log.ts';
import type { Clock } from '../../time.ts';
import { createChannel } from './channel.ts';
import { CONNECTOR_PATH, connectorRoutes } from './connector.ts';
import type { Json } from './connector-protocol.ts';
import { createMessageStore } from './message-store.ts';
import { pageApiRoutes } from './page-api.ts';
import { createRequestGuard } from './request-guard.ts';
import type { Workspace } from './workspace.ts';

// The local playground (DESIGN.md, "Local playground"): with no Slack or Teams credentials, `npm start`
// serves a page that plays a Teams workspace. It is a small Bot Framework channel emulator on mailops' own
// server: the page's people write and click, the playground posts the activities Teams would to the bot's
// /api/messages, and the bot answers through the playground's connector (connector.ts). The bot runs its
// real Teams code path; nothing reaches Microsoft or Slack. Having no sign-in, it answers only its own page
// at its own address (request-guard.ts).

const WEB = new URL('./web/', import.meta.url);
const ADAPTIVE_CARDS = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
// The page's ES modules (app.js imports the others) and its stylesheets (index.html links them in cascade
// order): every web/*.js and web/*.css, each at its own exact path. A request names a route, never a file,
// so nothing else in the folder, or outside it, can be reached.
const FILES = readdirSync(WEB);
const MODULES = FILES.filter((name) => /^[a-z0-9-]+\.js$/.test(name));
const STYLESHEETS = FILES.filter((name) => /^[a-z0-9-]+\.css$/.test(name));
const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

// The page loads nothing from elsewhere; the Adaptive Cards renderer sets styles on elements, never inline
// <style>, so only the page's own files are allowed.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

function staticRoute(path: string, file: string | URL, type: string): Route {
  const body = readFileSync(file);
  return {
    method: 'GET',
    path,
    handler: (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': type, 'content-length': body.length, ...SECURITY_HEADERS });
      res.end(body);
    },
  };
}

/** Where the bot and the playground reach each other: loopback unless the server listens on one address. */
function loopbackBase(host: string, port: number): string {
  const wildcard = ['0.0.0.0', '::', '', 'localhost'].includes(host);
  if (wildcard || host.startsWith('127.')) return `http://127.0.0.1:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

export function createPlayground(deps: {
  workspace: Workspace;
  db: Db;
  directory: Directory;
  logger: Logger;
  clock: Clock;
  host: string;
  /** Names the operator serves the playground under besides its own addresses (request-guard.ts). */
  names?: readonly string[];
}) {
  let base = '';
  const serviceUrl = () => `${base}${CONNECTOR_PATH}`;
  const guard = createRequestGuard({ listenHost: deps.host, names: deps.names ?? [], logger: deps.logger });
  const store = createMessageStore(deps.db);
  const events = new EventEmitter<{ message: [Json]; ticket: [] }>();
  events.setMaxListeners(0);
  store.changes.on('message', (change) => events.emit('message', { ...change }));
  const channel = createChannel({
    workspace: deps.workspace,
    store,
    botUrl: () => `${base}/api/messages`,
    serviceUrl,
  });
  const routes: Route[] = [
    ...[
      staticRoute('/', new URL('index.html', WEB), 'text/html; charset=utf-8'),
      ...MODULES.map((name) => staticRoute(`/playground/${name}`, new URL(name, WEB), JAVASCRIPT)),
      ...STYLESHEETS.map((name) => staticRoute(`/playground/${name}`, new URL(name, WEB), CSS)),
      staticRoute('/playground/adaptivecards.js', ADAPTIVE_CARDS, JAVASCRIPT),
    ].map(guard.page),
    ...connectorRoutes(deps.workspace, store).map(guard.api),
    ...pageApiRoutes({ ...deps, store, channel, events }).map(guard.api),
  ];
  return {
    routes,
    /** For the Teams adapter: the only connector the bot answers, and who may post activities to it. */
    trustedChannel: { serviceUrl, admits: guard.admits },
    /** Once the server listens: the bot is added to every person's chat and every channel. */
    async start(port: number, lang: Locale): Promise<void> {
      base = loopbackBase(deps.host, port);
      await channel.install(lang);
    },
    ticketsChanged: () => events.emit('ticket'),
  };
}
