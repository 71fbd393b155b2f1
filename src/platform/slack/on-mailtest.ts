import type { App } from '@slack/bolt';
import type { MailtestView } from '../../../cards/mailtest-view.ts';
import { renderMessage } from '../../i18n/index.ts';
import type { MailtestService } from '../../mail/mailtest-service.ts';
import type { ChatPlatform, PostedRef } from '../port.ts';
import type { SlackContext } from './context.ts';
import { withErrorBoundary } from './error-boundary.ts';

// /mailtest <domain> (issue 5): any configured person may diagnose a mail domain. The command is acknowledged
// at once; the report card goes to the channel it was typed in and fills in as checks finish. Where the bot
// is not a member (Slack refuses with not_in_channel), the card goes to the person's DM with the bot instead.
// A bad domain or the per-person limit is answered only to the person who asked (response_url).

export const MAILTEST_COMMAND = '/mailtest';
const NOT_POSTABLE = /not_in_channel|channel_not_found|is_archived/;

export function registerMailtest(
  app: App,
  ctx: SlackContext,
  wired: {
    mailtest: MailtestService;
    reports: Required<Pick<ChatPlatform, 'name' | 'postReport' | 'updateReport'>>;
  },
): void {
  app.command(MAILTEST_COMMAND, async ({ command, ack, respond }) => {
    const user = ctx.identity.resolveNow(command.user_id, command.user_name);
    const person = user.person;
    if (!person) {
      await ack({
        response_type: 'ephemeral',
        text: renderMessage(
          { key: 'slack.unknown_user', params: { command: MAILTEST_COMMAND } },
          user.locale,
        ),
      });
      return;
    }
    await ack();
    ctx.afterAck(() =>
      withErrorBoundary(ctx, user, { channel: command.channel_id }, async () => {
        const post = async (view: MailtestView): Promise<PostedRef> => {
          try {
            return await wired.reports.postReport({ kind: 'channel', channel: command.channel_id }, view);
          } catch (error) {
            if (!NOT_POSTABLE.test((error as Error).message)) throw error;
            return wired.reports.postReport({ kind: 'user', user: command.user_id }, view);
          }
        };
        const started = await wired.mailtest.start({
          text: command.text,
          requester: { id: person.id, name: person.name, via: 'slack' },
          locale: user.locale,
          sink: {
            platform: wired.reports.name,
            post,
            update: (posted, view) => wired.reports.updateReport(posted as PostedRef, view),
          },
        });
        if (!started.ok) await respond({ response_type: 'ephemeral', text: started.message });
      }),
    );
  });
}
