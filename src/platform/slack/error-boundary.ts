import { randomUUID } from 'node:crypto';
import { renderMessage } from '../../i18n/index.ts';
import type { SlackContext } from './context.ts';
import type { SlackUser } from './identity.ts';

// The Slack adapter's one error boundary (STYLE.md 15): a fault that is not the person's doing is logged
// with a reference id, and the person is told, in their language, that it failed, that nothing was lost,
// and which reference to give the service desk. Nothing is thrown back into Bolt.

export async function withErrorBoundary(
  ctx: SlackContext,
  user: SlackUser,
  where: { channel?: string },
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    ctx.logger.error('slack request failed', { reference, user: user.slackId, error });
    const text = renderMessage({ key: 'slack.failed', params: { reference } }, user.locale);
    try {
      if (where.channel)
        await ctx.client.chat.postEphemeral({ channel: where.channel, user: user.slackId, text });
      else await ctx.client.chat.postMessage({ channel: user.slackId, text });
    } catch (reportError) {
      ctx.logger.warn('could not tell the user about a failure', { reference, error: reportError });
    }
  }
}
