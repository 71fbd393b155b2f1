import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { actionFromForm, fieldIdOfError, formDefinition } from '../../../cards/forms/definitions.ts';
import type { FormContext } from '../../../cards/forms/types.ts';
import { FORM_IDS } from '../../../cards/ids.ts';
import { renderSlackNotice } from '../../../cards/slack/render-notice.ts';
import type { TicketAction } from '../../../flows/types.ts';
import { renderMessage } from '../../i18n/index.ts';
import { textsFor } from '../../i18n/texts.ts';
import { type ActResult, formActionKey } from '../../tickets/ticket-service.ts';
import { describeResultWithNames } from '../../tickets/waiting-line.ts';
import { endorsingManagerIds } from '../endorsing-managers.ts';
import { withManagerDetails } from '../form-prefill.ts';
import type { SlackContext } from './context.ts';
import type { SlackUser } from './identity.ts';
import { readFormContext, readFormValues, viewState } from './read-form.ts';
import { processingWhileDeciding } from './show-on-card.ts';

// A submitted modal (view_submission) becomes one action on the ticket service. Field errors go back on
// the exact field (`response_action: errors`); any other refusal replaces the modal with a notice saying
// why (and who decided first); success closes it. Slack waits 3 s for this answer, and a decision
// transaction takes milliseconds, so the answer can carry the outcome.

type Ack = (response?: Record<string, unknown>) => Promise<void>;

export function registerFormSubmissions(app: App, ctx: SlackContext): void {
  const ids = [FORM_IDS.changeRequest, FORM_IDS.complaint, FORM_IDS.action];
  for (const callbackId of ids) {
    app.view(callbackId, async ({ ack, body, view }) => {
      const user = await ctx.identity.resolve(body.user.id, body.user.name);
      const context = readFormContext(view.private_metadata);
      const state = viewState.safeParse(view.state);
      if (!context || !state.success) {
        ctx.logger.warn('malformed view submission', { callbackId, user: user.slackId });
        await ack({ response_action: 'update', view: notice(user, 'slack.form.malformed') } as never);
        return;
      }
      const values = withManagerDetails(
        readFormValues(state.data, ctx.identity.personOfSlackId),
        ctx.directory,
      );
      const options = {
        endorsementRequired: ctx.endorsementRequired,
        managers: endorsingManagerIds(ctx.directory),
      };
      const action = actionFromForm(context, values, options);
      const swap = context.ticketId && context.card ? processingWhileDeciding(ctx, context.card) : null;
      await swap?.ready;
      try {
        const result = await decide(ctx, user, context, action, view.id);
        await answer(ctx, ack as Ack, user, context, result, options);
        void swap?.finish(result.status === 'applied');
      } catch (error) {
        void swap?.finish(false);
        // The submission's error boundary (STYLE.md 15). Unanswered, Slack would wait out its 3 s and
        // show a bare "trouble connecting" under a form that looks unsent; the person is told instead,
        // with the reference the log carries. The decision's transaction rolled back: nothing was kept.
        const reference = randomUUID().slice(0, 8);
        ctx.logger.error('slack form submission failed', {
          reference,
          callbackId,
          user: user.slackId,
          error,
        });
        const text = renderMessage({ key: 'slack.failed', params: { reference } }, user.locale);
        await ack({
          response_action: 'update',
          view: renderSlackNotice(text, textsFor(user.locale)),
        } as never);
      }
    });
  }
}

function decide(
  ctx: SlackContext,
  user: SlackUser,
  context: FormContext,
  action: TicketAction,
  viewId: string,
) {
  // Opening a ticket is keyed by the modal (a double submit is one ticket); an action on a ticket by the
  // ticket version the form was opened on and its sender (formActionKey).
  if (!context.ticketId) return ctx.tickets.submit(action, user.actor, `slack:view:${viewId}`);
  return ctx.tickets.act(
    context.ticketId,
    action,
    user.actor,
    formActionKey(context, action.type, user.actor.id),
  );
}

async function answer(
  ctx: SlackContext,
  ack: Ack,
  user: SlackUser,
  context: FormContext,
  result: ActResult,
  options: { endorsementRequired: boolean },
): Promise<void> {
  if (result.status === 'applied') {
    await ack();
    return;
  }
  const described = await describeResultWithNames(
    ctx,
    context.ticketId,
    result,
    user,
    context.ticketNumber ?? '',
  );
  if (result.status === 'refused' && described.fieldErrors) {
    const definition = formDefinition(context.kind, options);
    const errors: Record<string, string> = {};
    for (const [path, text] of Object.entries(described.fieldErrors)) {
      const field = fieldIdOfError(definition, path);
      errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
    }
    await ack({ response_action: 'errors', errors });
    return;
  }
  await ack({ response_action: 'update', view: renderSlackNotice(described.text, textsFor(user.locale)) });
}

function notice(user: SlackUser, key: string) {
  const texts = textsFor(user.locale);
  return renderSlackNotice(texts.t(key), texts);
}
