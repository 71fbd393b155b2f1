import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv6 } from 'node:net';
import { type Route, sendJson } from '../../http/server.ts';
import { createTranslator } from '../../i18n/index.ts';
import type { Logger } from '../../log.ts';

// The playground has no sign-in: whoever reaches its API acts as any person, and whoever reaches its
// connector posts as the bot (a phishing link in the approvals channel). It listens on loopback, but so is
// the person's browser, and every web page that browser shows can send requests there. Refused here:
// - cross-site requests: a POST with a CORS-safelisted type (text/plain, a form) needs no preflight
//   (https://fetch.spec.whatwg.org/#cors-safelisted-request-header), so bodies must be application/json,
//   which another origin cannot send without the preflight this server never grants; and a request whose
//   browser names another site (Origin, or Sec-Fetch-Site: cross-site, https://www.w3.org/TR/fetch-metadata/);
// - DNS rebinding: a name the attacker controls, re-resolved to 127.0.0.1, makes their page same-origin with
//   the playground; only the Host header still carries their name. So the playground answers only at the
//   address it listens on, a loopback name with its port, or a name the operator lists.
// The bot's own calls (the Agents SDK's connector client, the playground's activities to /api/messages) go
// to the loopback address with JSON and no Origin, and pass.

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

type Reason = 'host' | 'site' | 'json';

const REFUSALS = {
  host: { status: 403, key: 'playground.error.foreign_host' },
  site: { status: 403, key: 'playground.error.foreign_site' },
  json: { status: 415, key: 'playground.error.not_json' },
} as const;

/** An address as a Host header writes it: IPv6 in brackets, an IPv4 peer of a dual-stack socket plain. */
const asHostName = (address: string) => {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIPv6(plain) ? `[${plain}]` : plain.toLowerCase();
};

export interface RequestGuardOptions {
  /** HOST: a specific address or name is one of the playground's own. */
  readonly listenHost: string;
  /** Names the operator serves the playground under (a reverse proxy's), `name` or `name:port`. */
  readonly names?: readonly string[];
  readonly logger: Logger;
}

export interface RequestGuard {
  /** The page and its files: answered at the playground's own names only (a link from elsewhere may open it). */
  page(route: Route): Route;
  /** The page API, its event stream and the connector: also only for the playground's own pages, and JSON. */
  api(route: Route): Route;
  /** The same checks for a route served elsewhere (the bot's /api/messages); false once it has answered. */
  admits(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const listened = WILDCARDS.has(options.listenHost) ? [] : [asHostName(options.listenHost)];
  const listed = (options.names ?? []).map((n) => n.trim().toLowerCase()).filter((n) => n !== '');

  /** Loopback names, the listen address and the address this connection reached, at the port it reached. */
  function isOwn(host: string, req: IncomingMessage): boolean {
    const port = req.socket.localPort;
    const local = req.socket.localAddress ? [asHostName(req.socket.localAddress)] : [];
    const own = [...LOOPBACK, ...listened, ...local].flatMap((n) =>
      port === 80 ? [n, `${n}:80`] : [`${n}:${port}`],
    );
    if (own.includes(host)) return true;
    return listed.some((n) => host === n || (!/:\d+$/.test(n) && host.startsWith(`${n}:`)));
  }

  function originIsOwn(origin: string, req: IncomingMessage): boolean {
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && isOwn(url.host, req);
    } catch {
      return false;
    }
  }

  function reasonOf(req: IncomingMessage, checks: 'page' | 'api'): Reason | undefined {
    if (!isOwn((req.headers.host ?? '').toLowerCase(), req)) return 'host';
    if (checks === 'page') return undefined;
    const origin = req.headers.origin;
    if (req.headers['sec-fetch-site'] === 'cross-site') return 'site';
    if (origin !== undefined && !originIsOwn(origin, req)) return 'site';
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (WITH_BODY.has(req.method ?? '') && type !== 'application/json') return 'json';
    return undefined;
  }

  function admitted(req: IncomingMessage, res: ServerResponse, checks: 'page' | 'api'): boolean {
    const reason = reasonOf(req, checks);
    if (!reason) return true;
    const url = new URL(req.url ?? '/', 'http://playground.invalid');
    options.logger.warn('playground: refused a request from outside the playground', {
      reason,
      method: req.method,
      path: url.pathname,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.headers['sec-fetch-site'],
      contentType: req.headers['content-type'],
    });
    const { status, key } = REFUSALS[reason];
    const t = createTranslator(url.searchParams.get('lang') === 'en' ? 'en' : 'ms');
    sendJson(res, status, { error: { code: reason, message: t(key, { host: req.headers.host ?? '' }) } });
    return false;
  }

  const guarded =
    (checks: 'page' | 'api') =>
    (route: Route): Route => ({
      ...route,
      handler: (req, res) => (admitted(req, res, checks) ? route.handler(req, res) : undefined),
    });

  return { page: guarded('page'), api: guarded('api'), admits: (req, res) => admitted(req, res, 'api') };
}
