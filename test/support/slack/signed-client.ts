import { createHmac } from 'node:crypto';
import { WORKSPACE } from './workspace.ts';

// Sends requests to the bot's Request URL the way Slack does
// (https://docs.slack.dev/authentication/verifying-requests-from-slack): X-Slack-Request-Timestamp in unix
// seconds and X-Slack-Signature "v0=" + hex HMAC-SHA256 of "v0:{timestamp}:{raw body}" under the signing
// secret. Slash commands and interactivity are form-encoded (interactivity as a single `payload` field
// holding JSON); Events API bodies are JSON. Options spoil a request the ways an attacker or a broken
// proxy would; receivers must refuse requests more than 5 minutes old.

export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestampSeconds}:${rawBody}`)
    .digest('hex');
  return `v0=${digest}`;
}

export interface SendOptions {
  // 'bad' signs with another secret, as a forger would.
  signature?: 'valid' | 'bad' | 'missing';
  // 'stale' is six minutes ago; a number is an explicit unix time in seconds.
  timestamp?: 'now' | 'stale' | number;
  // Cut the body in half after encoding and sign what is left, so only the parser can object.
  malformed?: boolean;
  // Slack's redelivery headers for Events API retries (https://docs.slack.dev/apis/events-api/#retries).
  retry?: { num: number; reason: string };
}

export interface SlackHttpResponse {
  status: number;
  body: string;
  json?: unknown;
}

const FORM = 'application/x-www-form-urlencoded';

export function createSignedClient(options: { url: string; signingSecret?: string; timeoutMs?: number }) {
  const secret = options.signingSecret ?? WORKSPACE.signingSecret;

  async function send(rawBody: string, contentType: string, sendOptions: SendOptions = {}) {
    const body = sendOptions.malformed ? rawBody.slice(0, Math.floor(rawBody.length / 2)) : rawBody;
    const nowSeconds = Math.floor(Date.now() / 1000);
    const when = sendOptions.timestamp ?? 'now';
    const timestamp = when === 'now' ? nowSeconds : when === 'stale' ? nowSeconds - 6 * 60 : when;
    const headers: Record<string, string> = { 'content-type': contentType };
    const signature = sendOptions.signature ?? 'valid';
    if (signature !== 'missing') {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = slackSignature(
        signature === 'valid' ? secret : `${secret}-wrong`,
        timestamp,
        body,
      );
    }
    if (sendOptions.retry) {
      headers['x-slack-retry-num'] = String(sendOptions.retry.num);
      headers['x-slack-retry-reason'] = sendOptions.retry.reason;
    }
    const response = await fetch(options.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    const result: SlackHttpResponse = { status: response.status, body: text };
    if ((response.headers.get('content-type') ?? '').includes('json')) result.json = JSON.parse(text);
    return result;
  }

  return {
    send,
    command: (payload: Record<string, string | undefined>, sendOptions?: SendOptions) => {
      const fields = Object.entries(payload).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      );
      return send(new URLSearchParams(fields).toString(), FORM, sendOptions);
    },
    interaction: (payload: object, sendOptions?: SendOptions) =>
      send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, sendOptions),
    event: (payload: object, sendOptions?: SendOptions) =>
      send(JSON.stringify(payload), 'application/json', sendOptions),
  };
}

export type SignedClient = ReturnType<typeof createSignedClient>;
