import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// views.open on the slash-command path, without @slack/web-api. The modal must reach Slack within the
// trigger's 3 s (docs.slack.dev/interactivity/handling-user-interaction#modals), and it is sent from the
// same event loop that acknowledges every other command: WebClient spends most of its per-call time on
// eager debug serialisation (it JSON-stringifies a redacted copy of each body before the logger decides
// to drop it), form-encoding and its queue. One JSON POST on a kept-alive connection is all views.open
// needs (docs.slack.dev/apis/web-api/#posting-json). Failures are thrown in WebClient's shapes, so the
// error boundary and delivery-errors.ts read them alike.

export type ModalOpener = (triggerId: string, view: unknown) => Promise<void>;

export function createModalOpener(options: {
  apiUrl: string;
  token: string;
  timeoutMs: number;
}): ModalOpener {
  const url = new URL('views.open', options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
  const secure = url.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const authorization = `Bearer ${options.token}`;
  return (triggerId, view) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ trigger_id: triggerId, view });
      const req = send(
        url,
        {
          method: 'POST',
          agent,
          timeout: options.timeoutMs,
          headers: {
            authorization,
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status === 429) {
              const retryAfter = Number(res.headers['retry-after'] ?? 'NaN');
              return reject(
                Object.assign(new Error(`views.open was rate limited (retry after ${retryAfter} s)`), {
                  code: 'slack_webapi_rate_limited_error',
                  retryAfter,
                }),
              );
            }
            if (status !== 200)
              return reject(
                Object.assign(new Error(`views.open answered HTTP ${status}`), {
                  code: 'slack_webapi_http_error',
                  statusCode: status,
                }),
              );
            let data: { ok?: boolean; error?: string };
            try {
              data = JSON.parse(text) as typeof data;
            } catch {
              return reject(
                Object.assign(new Error('views.open answered with something that is not JSON'), {
                  code: 'slack_webapi_http_error',
                  statusCode: status,
                }),
              );
            }
            if (data.ok === true) return resolve();
            reject(
              Object.assign(new Error(`views.open failed: ${data.error ?? 'unknown error'}`), {
                code: 'slack_webapi_platform_error',
                data,
              }),
            );
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`views.open gave no answer in ${options.timeoutMs} ms`)));
      req.on('error', (error) =>
        reject(
          Object.assign(new Error(`views.open request failed: ${error.message}`), {
            code: 'slack_webapi_request_error',
            original: error,
          }),
        ),
      );
      req.end(body);
    });
}
