// Posts activities to the bot's messaging endpoint the way the Bot Connector does: JSON with
// `Authorization: Bearer <JWT signed by Bot Framework or Entra>`
// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication).
// Invoke answers (Universal Actions, task modules) come back in the HTTP response body, e.g.
// `{ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }`.
//
// No test can mint a token Bot Framework signed: a well-formed JWT whose audience matches the bot makes the
// SDK fetch signing keys from login.botframework.com. Tokens here are therefore absent, garbage, or JWTs
// for another audience, all refused before any key is fetched.

export type Authorization = 'none' | 'garbage' | { token: string };

export interface BotHttpResponse {
  status: number;
  body: string;
  json?: unknown;
}

// An unsigned JWT (alg none): decodable, so the SDK checks its audience before it fetches any signing key.
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

export function createBotClient(options: { url: string; token?: string; timeoutMs?: number }) {
  const defaultAuth: Authorization = options.token ? { token: options.token } : 'none';

  // Any body and headers, for what a broken proxy or an attacker would send.
  async function sendRaw(body: string, raw: { contentType?: string; authorization?: string } = {}) {
    const headers: Record<string, string> = {
      'content-type': raw.contentType ?? 'application/json; charset=utf-8',
    };
    if (raw.authorization) headers.authorization = raw.authorization;
    const response = await fetch(options.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    const result: BotHttpResponse = { status: response.status, body: text };
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '')
      result.json = JSON.parse(text);
    return result;
  }

  function send(activity: object, sendOptions: { auth?: Authorization } = {}) {
    const auth = sendOptions.auth ?? defaultAuth;
    const authorization =
      auth === 'none' ? undefined : auth === 'garbage' ? 'Bearer not-a-jwt' : `Bearer ${auth.token}`;
    return sendRaw(JSON.stringify(activity), authorization ? { authorization } : {});
  }

  return { send, sendRaw };
}

export type BotClient = ReturnType<typeof createBotClient>;
