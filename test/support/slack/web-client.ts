import { webApi } from '@slack/bolt';
import type { FakeSlackApi } from './fake-web-api.ts';
import { createQuietLogger } from './quiet-logger.ts';
import { WORKSPACE } from './workspace.ts';

// The real @slack/web-api client (the copy Bolt itself uses, through its `webApi` re-export) pointed at the
// fake. No retries: @slack/web-api's default retries for about 30 minutes.
export function webClientFor(
  api: FakeSlackApi,
  options: webApi.WebClientOptions = {},
  // null sends no token at all.
  token: string | null = WORKSPACE.botToken,
) {
  return new webApi.WebClient(token ?? undefined, {
    slackApiUrl: api.url,
    retryConfig: { retries: 0 },
    logger: createQuietLogger().logger,
    ...options,
  });
}

// The whole ok:false answer, as WebAPIPlatformError carries it in `data`.
export function slackErrorOf(call: Promise<unknown>): Promise<webApi.WebAPICallResult & { error?: string }> {
  return call.then(
    () => {
      throw new Error('expected Slack to answer ok:false');
    },
    (error: unknown) => {
      if (error instanceof webApi.WebAPIPlatformError) return error.data;
      throw error;
    },
  );
}
