import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP, isIPv6 } from 'node:net';
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
//   the playground; only the Host header still carries their name. So the playground answers only at a Host
//   no rebinding can produce, a loopback name or an IP literal (at any port: an SSH tunnel or a port forward
//   changes it), or at a name the operator chose (HOST, MAILOPS_PLAYGROUND_HOSTS);
// - another origin at an accepted Host (http://localhost:5173, another local app's page): an Origin must name
//   the request's Host and port (https://html.spec.whatwg.org/multipage/browsers.html#same-origin); its scheme
//   only gives a port left out, as a proxy may end TLS in front of the playground.
// The bot's own calls (the Agents SDK's connector client, the playground's activities to /api/messages) go
// to the loopback address with JSON and no Origin, and pass.

const LOOPBACK_NAMES = new Set(['localhost']);
const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

type Reason = 'host' | 'site' | 'json';

const REFUSALS = {
  host: { status: 403, key: 'playground.error.foreign_host' },
  site: { status: 403, key: 'playground.error.foreign_site' },
  json: { status: 415, key: 'playground.error.not_json' },
} as const;

/** A Host header (RFC 9110 §7.2) as its name, lower case with IPv6 in brackets, and its port; null if malformed. */
function splitHost(host: string): { name: string; port: string } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host);
  return m ? { name: m[1]!.toLowerCase(), port: m[2] ?? '' } : null;
}

const isIpLiteral = (name: string) => (name.startsWith('[') ? isIPv6(name.slice(1, -1)) : isIP(name) === 4);

export interface RequestGuardOptions {
  /** HOST: a specific name is one of the playground's own. */
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
  const listen = options.listenHost.trim().toLowerCase();
  const chosen = [
    ...(WILDCARDS.has(listen) ? [] : [listen]),
    ...(options.names ?? []).map((n) => n.trim().toLowerCase()),
  ].filter((n) => n !== '');

  /** A loopback name or an IP literal at any port, or a chosen name (at its port, when it names one). */
  function isOwn(host: string): boolean {
    const parts = splitHost(host);
    if (!parts) return false;
    if (LOOPBACK_NAMES.has(parts.name) || isIpLiteral(parts.name)) return true;
    return chosen.some((n) => host === n || (!/:\d+$/.test(n) && parts.name === n));
  }

  /** The Origin's host and port are the Host's, a missing port being its scheme's default. */
  function sameOrigin(origin: string, host: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const parts = splitHost(host);
    const fallback = url.protocol === 'https:' ? '443' : '80';
    return parts?.name === url.hostname && (parts.port || fallback) === (url.port || fallback);
  }

  function reasonOf(req: IncomingMessage, checks: 'page' | 'api'): Reason | undefined {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!isOwn(host)) return 'host';
    if (checks === 'page') return undefined;
    const origin = req.headers.origin;
    if (req.headers['sec-fetch-site'] === 'cross-site') return 'site';
    if (origin !== undefined && !sameOrigin(origin, host)) return 'site';
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
