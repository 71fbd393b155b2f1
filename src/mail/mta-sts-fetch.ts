import { request } from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates, type TLSSocket } from 'node:tls';

// Fetching an MTA-STS policy the way RFC 8461 §3.3 requires a sender to: HTTPS to mta-sts.<domain> on port
// 443, a certificate valid for that name (checked against the public roots, plus an agency's own CA when
// configured), HTTP 200 only, no redirects, a bounded time. The address comes from our DnsClient, so the
// connection is to the address the configured resolver gave, with the host name sent as SNI and Host; node
// verifies the certificate against `servername`.

export interface PolicyRequest {
  readonly host: string;
  readonly address: string;
  /** 443 in production (RFC 8461 §3.3); tests serve on another loopback port. */
  readonly port?: number;
  /** Extra trusted CA certificates in PEM, added to node's public roots. */
  readonly ca?: readonly string[];
  readonly timeoutMs?: number;
  /** Aborted when mailops stops: the request ends at once as a `network` response with code `stopped`. */
  readonly signal?: AbortSignal;
}

export type PolicyResponse =
  | { readonly kind: 'ok'; readonly body: string }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'temporary'; readonly status: number }
  | { readonly kind: 'media_type'; readonly type: string }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'certificate'; readonly code: string }
  | { readonly kind: 'network'; readonly code: string };

export const POLICY_PATH = '/.well-known/mta-sts.txt';
// RFC 8461 §3.3 lets senders cap the policy body: "a suggested maximum policy size is 64 kilobytes".
const MAX_BODY = 64 * 1024;
// Statuses that say "not now" rather than "no policy here": a timed-out request (RFC 9110 §15.5.9), rate
// limiting (RFC 6585 §4), an upstream that failed or timed out behind a proxy (RFC 9110 §15.6.3, §15.6.5),
// overload or maintenance (§15.6.4). Like a network timeout they leave the policy untested, not failed.
const TEMPORARY_STATUS = new Set([408, 429, 502, 503, 504]);
const DEFAULT_TIMEOUT_MS = 10_000;

export function fetchPolicy(target: PolicyRequest): Promise<PolicyResponse> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.address,
        port: target.port ?? 443,
        servername: isIP(target.host) === 0 ? target.host : undefined,
        path: POLICY_PATH,
        headers: { host: target.host, 'user-agent': 'mailops-mailtest' },
        ca: target.ca ? [...rootCertificates, ...target.ca] : undefined,
        agent: false,
      },
      (res) => {
        // §3.3: only 200 counts; a 3xx is not followed.
        if (res.statusCode !== 200) {
          res.resume();
          const status = res.statusCode ?? 0;
          resolve({ kind: TEMPORARY_STATUS.has(status) ? 'temporary' : 'status', status });
          return;
        }
        // RFC 8461 §3.2: senders check for text/plain (parameters such as charset aside) and ignore anything else.
        const type = res.headers['content-type'] ?? '';
        if (!/^text\/plain[ \t]*(;|$)/i.test(type)) {
          res.resume();
          resolve({ kind: 'media_type', type });
          return;
        }
        readBody(res, resolve);
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
      target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const stop = () => {
      resolve({ kind: 'network', code: 'stopped' });
      req.destroy();
    };
    let socket: TLSSocket | undefined;
    req.on('socket', (s) => {
      socket = s as TLSSocket;
    });
    req.on('error', (error) => resolve(classify(error, socket)));
    req.on('close', () => {
      clearTimeout(timer);
      target.signal?.removeEventListener('abort', stop);
    });
    if (target.signal?.aborted) return stop();
    target.signal?.addEventListener('abort', stop, { once: true });
    req.end();
  });
}

function readBody(res: NodeJS.ReadableStream & { destroy(): void }, resolve: (r: PolicyResponse) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) {
      resolve({ kind: 'too_large' });
      res.destroy();
      return;
    }
    chunks.push(chunk);
  });
  res.on('end', () => resolve({ kind: 'ok', body: Buffer.concat(chunks).toString('utf8') }));
  res.on('error', (error: Error) => resolve(classify(error)));
}

// Certificate and TLS handshake errors are the server's doing (an expired, self-signed or wrongly named
// certificate, no TLS on 443): a sender would ignore the policy, so they fail. Anything else (refused,
// reset, timed out, unreachable) is the network between us and the server: could not test. node marks the
// socket with every verify error it rejects (INVALID_PURPOSE, INVALID_CA, UNSPECIFIED, …), whatever the code.
function classify(error: Error, socket?: TLSSocket): PolicyResponse {
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' ? code : 'ERROR';
  const tls =
    Boolean(socket?.authorizationError) ||
    /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|^ERR_SSL_|^ERR_TLS_|^EPROTO$/.test(text);
  return tls ? { kind: 'certificate', code: text } : { kind: 'network', code: text };
}
