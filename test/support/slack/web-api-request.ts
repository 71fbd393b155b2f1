import type { IncomingHttpHeaders } from 'node:http';

// How Slack reads a Web API call (https://docs.slack.dev/apis/web-api/): a POST whose body is
// application/x-www-form-urlencoded (what @slack/web-api sends, with nested arguments such as `blocks`
// and `view` JSON-encoded inside the form) or application/json (token then only in the Authorization
// header). Other content types get invalid_post_type, unparseable JSON invalid_json.

export type TokenKind = 'bot' | 'user' | 'app' | 'none' | 'unknown';

// Form values that carry JSON; anything else stays the string that was sent.
const JSON_ARGUMENTS = new Set(['attachments', 'blocks', 'metadata', 'view']);

export type ParsedCall =
  | { ok: true; args: Record<string, unknown>; bodyToken?: string }
  | { ok: false; error: string };

export function parseCallBody(headers: IncomingHttpHeaders, raw: string): ParsedCall {
  const contentType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (raw.length === 0) return { ok: true, args: {} };
  if (contentType === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return { ok: false, error: 'invalid_json' };
      return { ok: true, args: parsed as Record<string, unknown> };
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    const args: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw))
      args[key] = JSON_ARGUMENTS.has(key) ? decodeJson(value) : value;
    const { token, ...rest } = args;
    return { ok: true, args: rest, bodyToken: typeof token === 'string' ? token : undefined };
  }
  return { ok: false, error: contentType === '' ? 'missing_post_type' : 'invalid_post_type' };
}

function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer (\S+)$/.exec(headers.authorization ?? '');
  return match?.[1];
}

export function tokenKind(token: string | undefined): TokenKind {
  if (token === undefined || token === '') return 'none';
  if (token.startsWith('xoxb-')) return 'bot';
  if (token.startsWith('xoxp-')) return 'user';
  if (token.startsWith('xapp-')) return 'app';
  return 'unknown';
}

// not_authed: no token at all; invalid_auth: a token Slack does not recognise; not_allowed_token_type: a
// real token of the wrong kind (app-level tokens only open Socket Mode connections, and only from the
// Authorization header, per apps.connections.open).
export function authProblem(method: string, headerToken?: string, bodyToken?: string): string | undefined {
  const appOnly = method === 'apps.connections.open';
  const kind = tokenKind(appOnly ? headerToken : (headerToken ?? bodyToken));
  if (kind === 'none') return 'not_authed';
  if (kind === 'unknown') return 'invalid_auth';
  if (appOnly !== (kind === 'app')) return 'not_allowed_token_type';
  return undefined;
}
