import type { App } from '@slack/bolt';
import { formDefinition } from '../../../cards/forms/definitions.ts';
import { renderSlackModal } from '../../../cards/slack/render-modal.ts';
import { CHAT_COMMANDS } from '../../../commands/index.ts';
import { renderMessage } from '../../i18n/index.ts';
import { textsFor } from '../../i18n/texts.ts';
import { endorsingManagers } from '../endorsing-managers.ts';
import { commandForm } from '../form-prefill.ts';
import type { SlackContext } from './context.ts';
import { withErrorBoundary } from './error-boundary.ts';

// /changerequest and /mailcomplaint (SOP 4.1 steps 1–2, 4.2 step 1). Slack's trigger_id expires 3 s after
// the command (docs.slack.dev/interactivity/handling-user-interaction#modals), so the modal opens at once,
// before any database work, from what the bot already knows; the ticket is opened when the form is sent.

export function registerCommands(app: App, ctx: SlackContext): void {
  for (const spec of CHAT_COMMANDS) {
    app.command(spec.name, async ({ command, ack }) => {
      const user = ctx.identity.resolveNow(command.user_id, command.user_name);
      if (!user.actor.roles.includes(spec.role)) {
        const key = user.person ? 'slack.command.needs_role' : 'slack.unknown_user';
        await ack({
          response_type: 'ephemeral',
          text: renderMessage({ key, params: { role: spec.role, command: spec.name } }, user.locale),
        });
        return;
      }
      // A modal opened by views.open cannot show a note on a field, so typed text the form had to shorten
      // is told in the command's own private reply.
      const form = commandForm(spec, command.text, user.person, user.locale);
      const notice = Object.values(form.notices).join(' ');
      await (notice ? ack({ response_type: 'ephemeral', text: notice }) : ack());
      ctx.afterAck(() =>
        withErrorBoundary(ctx, user, { channel: command.channel_id }, async () => {
          const view = {
            definition: formDefinition(spec.form, { endorsementRequired: ctx.endorsementRequired }),
            context: { kind: spec.form },
            values: form.values,
            errors: {},
          };
          await ctx.openModal(
            command.trigger_id,
            renderSlackModal(view, textsFor(user.locale), { people: endorsingManagers(ctx.directory) }),
          );
        }),
      );
    });
  }
}
