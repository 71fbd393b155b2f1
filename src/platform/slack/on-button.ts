import type { App } from '@slack/bolt';
import { z } from 'zod';
import { FORM_FOR_ACTION, formDefinition } from '../../../cards/forms/definitions.ts';
import { ACTION_ID_PREFIX, actionOfId } from '../../../cards/ids.ts';
import { renderSlackModal } from '../../../cards/slack/render-modal.ts';
import { TICKET_ACTION_TYPES, type TicketAction, type TicketActionType } from '../../../flows/types.ts';
import { renderMessage } from '../../i18n/index.ts';
import { textsFor } from '../../i18n/texts.ts';
import { buildTicketCard } from '../../tickets/card-source.ts';
import type { ActResult } from '../../tickets/ticket-service.ts';
import { describeResultWithNames } from '../../tickets/waiting-line.ts';
import { endorsingManagers } from '../endorsing-managers.ts';
import { actionPrefill } from '../form-prefill.ts';
import type { SlackContext } from './context.ts';
import { withErrorBoundary } from './error-boundary.ts';
import type { SlackUser } from './identity.ts';
import { processingWhileDeciding } from './show-on-card.ts';

// A button on a ticket card (block_actions). Acknowledged at once; then either the action's form opens
// (a reject comment, Section B, Section D, notes) — only for someone the SOP lets act now, so nobody fills
// in a form to be refused — or the action is taken on the click: the buttons become "Processing…" for
// everyone, the decision is made once, and the outbox refreshes every copy of the card. A refused or
// repeated click is answered privately, naming who decided and when.

const buttonValue = z.object({ ticketId: z.string().uuid(), version: z.number().int().positive() });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Click {
  readonly user: SlackUser;
  readonly type: TicketActionType;
  readonly ticketId: string;
  readonly channel: string | undefined;
  readonly messageTs: string | undefined;
  readonly triggerId: string;
}

export function registerButtons(app: App, ctx: SlackContext): void {
  app.action(new RegExp(`^${escapeRegExp(ACTION_ID_PREFIX)}`), async ({ ack, body, action: raw }) => {
    await ack();
    const action = raw as { type: string; action_id: string; value?: string };
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const user = await ctx.identity.resolve(body.user.id, body.user.name);
    const type = actionOfId(action.action_id);
    let value: z.infer<typeof buttonValue> | null = null;
    try {
      value = buttonValue.parse(JSON.parse(action.value ?? ''));
    } catch {
      value = null;
    }
    const container = body.container as { channel_id?: string; message_ts?: string };
    if (!type || !(TICKET_ACTION_TYPES as readonly string[]).includes(type) || !value) {
      ctx.logger.warn('unknown or malformed button', { actionId: action.action_id, user: user.slackId });
      const channel = container.channel_id ?? body.channel?.id;
      const text = renderMessage({ key: 'result.bad_button' }, user.locale);
      await withErrorBoundary(ctx, user, { channel }, () =>
        channel
          ? ctx.client.chat.postEphemeral({ channel, user: user.slackId, text }).then(() => undefined)
          : ctx.client.chat.postMessage({ channel: user.slackId, text }).then(() => undefined),
      );
      return;
    }
    const click: Click = {
      user,
      type: type as TicketActionType,
      ticketId: value.ticketId,
      channel: container.channel_id ?? body.channel?.id,
      messageTs: container.message_ts,
      triggerId: body.trigger_id,
    };
    await withErrorBoundary(ctx, user, { channel: click.channel }, () => handleClick(ctx, click));
  });
}

async function handleClick(ctx: SlackContext, click: Click): Promise<void> {
  const refusal = await ctx.tickets.precheck(click.ticketId, click.type, click.user.actor);
  if (refusal) {
    await tell(ctx, click, await described(ctx, click, refusal));
    return;
  }
  const formKind = FORM_FOR_ACTION[click.type];
  if (formKind) {
    // The ticket as its card draws it: its number and version for the form, and a complaint's
    // investigation, which the modal shows above the fields it is the evidence for.
    const ticket = await buildTicketCard(
      ctx.db,
      ctx.directory,
      click.ticketId,
      'ticket',
      ctx.clock.now(),
      click.user.person?.id,
    );
    const view = {
      definition: formDefinition(formKind, { endorsementRequired: ctx.endorsementRequired }),
      context: {
        kind: formKind,
        ticketId: click.ticketId,
        ticketNumber: ticket.ticketNumber,
        version: ticket.version,
        ...(click.channel && click.messageTs
          ? { card: { channel: click.channel, messageId: click.messageTs } }
          : {}),
      },
      values: await actionPrefill(ctx.db, click.ticketId, formKind, click.user.person, ctx.clock.now()),
      errors: {},
    };
    await ctx.openModal(
      click.triggerId,
      renderSlackModal(view, textsFor(click.user.locale), {
        people: endorsingManagers(ctx.directory),
        ...(ticket.investigation ? { investigation: ticket.investigation } : {}),
        nextActor: ticket.nextActor,
      }),
    );
    return;
  }
  const swap =
    click.channel && click.messageTs
      ? processingWhileDeciding(ctx, { channel: click.channel, messageId: click.messageTs })
      : null;
  await swap?.ready;
  let result: Awaited<ReturnType<SlackContext['tickets']['act']>>;
  try {
    result = await ctx.tickets.act(click.ticketId, { type: click.type } as TicketAction, click.user.actor);
  } catch (error) {
    // The decision's transaction rolled back, so nothing changed: the buttons come back before the error
    // boundary gives the reference, or the card would say "Processing…" with no way to act from it.
    await swap?.finish(false);
    throw error;
  }
  // Nothing changed: the buttons come back, and this person alone is told why.
  await swap?.finish(result.status === 'applied');
  if (result.status === 'applied') return;
  await tell(ctx, click, await described(ctx, click, result));
}

async function described(ctx: SlackContext, click: Click, result: ActResult): Promise<string> {
  return (await describeResultWithNames(ctx, click.ticketId, result, click.user)).text;
}

async function tell(ctx: SlackContext, click: Click, text: string): Promise<void> {
  if (click.channel) {
    await ctx.client.chat.postEphemeral({ channel: click.channel, user: click.user.slackId, text });
  } else {
    await ctx.client.chat.postMessage({ channel: click.user.slackId, text });
  }
}
