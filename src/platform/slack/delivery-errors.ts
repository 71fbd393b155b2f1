import { PlatformDeliveryError } from '../port.ts';

// Maps @slack/web-api failures to the port's delivery error, so the outbox knows whether to retry and
// when. Slack answers HTTP 429 with Retry-After (seconds) for rate limits, 5xx for its own outages, and
// HTTP 200 `{ok:false, error}` for everything else; of those only a few are worth another try
// (docs.slack.dev/apis/web-api/rate-limits, …/reference/methods/chat.postMessage#errors).

const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

interface WebApiFailure {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

export function toDeliveryError(error: unknown): PlatformDeliveryError {
  const e = (error ?? {}) as WebApiFailure;
  const message = e.data?.error ?? e.message ?? String(error);
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return new PlatformDeliveryError(`rate limited: ${message}`, {
        retryable: true,
        retryAfterMs: Number.isFinite(e.retryAfter) ? Number(e.retryAfter) * 1000 : undefined,
        cause: error,
      });
    case 'slack_webapi_http_error':
      return new PlatformDeliveryError(`HTTP ${e.statusCode}: ${message}`, {
        retryable: e.statusCode === undefined || e.statusCode >= 500 || e.statusCode === 408,
        cause: error,
      });
    case 'slack_webapi_request_error':
      return new PlatformDeliveryError(`request failed: ${message}`, { retryable: true, cause: error });
    case 'slack_webapi_platform_error':
      return new PlatformDeliveryError(message, {
        retryable: TRANSIENT_PLATFORM_ERRORS.has(e.data?.error ?? ''),
        // chat.update of a message someone deleted (docs.slack.dev/reference/methods/chat.update#errors).
        gone: e.data?.error === 'message_not_found',
        cause: error,
      });
    default:
      return new PlatformDeliveryError(message, { retryable: true, cause: error });
  }
}
