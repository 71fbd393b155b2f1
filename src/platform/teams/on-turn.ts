import { CardFactory, type CloudAdapter, MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import type { CardModel } from '../../../cards/card-model.ts';
import {
  actionFromForm,
  FORM_FOR_ACTION,
  fieldIdOfError,
  formDefinition,
} from '../../../cards/forms/definitions.ts';
import type { FormContext, FormKind, FormValues } from '../../../cards/forms/types.ts';
import { actionOfId } from '../../../cards/ids.ts';
import type { AdaptiveCard } from '../../../cards/teams/adaptive-card.ts';
import { renderTeamsCard } from '../../../cards/teams/render-card.ts';
import { readTeamsForm, renderTeamsForm } from '../../../cards/teams/render-form.ts';
import { renderTeamsFullText } from '../../../cards/teams/render-full-text.ts';
import { renderTeamsNotice } from '../../../cards/teams/render-notice.ts';
import { TEAMS_VERBS } from '../../../cards/teams/verbs.ts';
import { CHAT_COMMANDS } from '../../../commands/index.ts';
import {
  type CardKind,
  isCardKind,
  TICKET_ACTION_TYPES,
  type TicketAction,
  type TicketActionType,
} from '../../../flows/types.ts';
import type { Db } from '../../db/types.ts';
import type { Directory } from '../../directory/directory.ts';
import { renderMessage } from '../../i18n/index.ts';
import { textsFor } from '../../i18n/texts.ts';
import type { Logger } from '../../log.ts';
import type { MailtestService } from '../../mail/mailtest-service.ts';
import { buildTicketCard } from '../../tickets/card-source.ts';
import { describeResult } from '../../tickets/describe-result.ts';
import { cardToOpen } from '../../tickets/open-card.ts';
import { type ActResult, type createTicketService, formActionKey } from '../../tickets/ticket-service.ts';
import { describeResultWithNames } from '../../tickets/waiting-line.ts';
import type { Clock } from '../../time.ts';
import { endorsingManagerIds, endorsingManagers } from '../endorsing-managers.ts';
import { actionPrefill, commandForm, withManagerDetails } from '../form-prefill.ts';
import type { ChatPlatform, Destination, PostedRef } from '../port.ts';
import { rememberConversation, TEAMS } from './conversation-refs.ts';
import { HOME_WORDS, homeWord, onHomeCommand, openTicket, ownActions } from './on-home.ts';
import { type TeamsUser, teamsUserOf } from './teams-user.ts';

// One Teams turn (DESIGN.md, Chat platforms): the conversation's reference is kept for later proactive
// messages, then a message is read as a command (`changerequest …`, `mailcomplaint …`) answered with its
// form as a card, and an Action.Execute (invoke `adaptiveCard/action`, Universal Actions) is a form sent,
// a ticket button pressed, or Teams asking for one person's own view of a card (`refresh`). The answer to
// an Action.Execute is the card that person sees next, returned in the invoke response; everyone else's
// copy is refreshed by the outbox after the decision commits.

export interface TeamsContext {
  readonly tickets: Pick<ReturnType<typeof createTicketService>, 'act' | 'submit' | 'precheck'>;
  readonly directory: Directory;
  readonly db: Db;
  readonly logger: Logger;
  /** When a person's own view of a card is drawn: buttons whose time has come (the desk's close). */
  readonly clock: Clock;
  readonly endorsementRequired: boolean;
  readonly adapter: CloudAdapter;
  /** /mailtest (issue 5) and where its report cards go; absent where mailtest is not wired (unit tests). */
  readonly mailtest?: MailtestService;
  readonly reports?: Required<Pick<ChatPlatform, 'name' | 'postReport' | 'updateReport'>>;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

interface ExecuteValue {
  readonly action?: { readonly verb?: unknown; readonly data?: unknown };
}

export async function handleTurn(ctx: TeamsContext, context: TurnContext): Promise<void> {
  await rememberConversation(ctx.db, context);
  const activity = context.activity;
  if (activity.type === 'message') return onMessage(ctx, context);
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') return onAction(ctx, context);
}

/** Text after an @mention of the bot, without it: Teams puts `<at>name</at>` in channel messages. */
function commandText(text: string | undefined): string {
  return (text ?? '').replace(/<at>[^<]*<\/at>/g, '').trim();
}

async function onMessage(ctx: TeamsContext, context: TurnContext): Promise<void> {
  const user = teamsUserOf(ctx.directory, context.activity);
  const text = commandText(context.activity.text);
  // The words after the command as typed: a description written over several lines keeps its line breaks.
  const [, word = '', rest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(text) ?? [];
  const name = word.replace(/^\//, '').toLowerCase();
  if (name === MAILTEST && ctx.mailtest && ctx.reports)
    return onMailtest(ctx, context, user, rest, { mailtest: ctx.mailtest, reports: ctx.reports });
  if (HOME_WORDS.includes(name)) return onHomeCommand(ctx, context, user);
  const spec = CHAT_COMMANDS.find((c) => c.name.replace(/^\//, '') === name);
  if (!spec) {
    const typed = [...CHAT_COMMANDS.map((c) => c.name.replace(/^\//, '')), MAILTEST, homeWord(user.locale)];
    const commands = typed.join(', ');
    await context.sendActivity(
      MessageFactory.text(renderMessage({ key: 'teams.help', params: { commands } }, user.locale)),
    );
    return;
  }
  if (!user.actor.roles.includes(spec.role)) {
    const key = user.person ? 'slack.command.needs_role' : 'teams.unknown_user';
    await context.sendActivity(
      MessageFactory.text(
        renderMessage({ key, params: { role: spec.role, command: spec.name } }, user.locale),
      ),
    );
    return;
  }
  // Typed text the form had to shorten is said under its field (form-prefill.ts, commandForm).
  const form = commandForm(spec, rest, user.person, user.locale);
  const card = formCard(ctx, user, { kind: spec.form }, form.values, form.notices);
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

const MAILTEST = 'mailtest';

/**
 * `mailtest <domain>`: any configured person may diagnose a domain; the report card goes where the command
 * was typed (the person's chat with the bot, or the channel), and a refusal is a sentence in their language.
 */
async function onMailtest(
  ctx: TeamsContext,
  context: TurnContext,
  user: TeamsUser,
  text: string,
  wired: { mailtest: MailtestService; reports: NonNullable<TeamsContext['reports']> },
): Promise<void> {
  const say = (message: string) => context.sendActivity(MessageFactory.text(message));
  if (!user.person || !user.aadObjectId)
    return void (await say(
      renderMessage({ key: 'teams.unknown_user', params: { command: `/${MAILTEST}` } }, user.locale),
    ));
  const activity = context.activity;
  const channel = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
  const to: Destination =
    activity.conversation?.conversationType === 'channel' && channel
      ? { kind: 'channel', channel }
      : { kind: 'user', user: user.aadObjectId };
  const started = await wired.mailtest.start({
    text,
    requester: { id: user.person.id, name: user.person.name, via: 'teams' },
    locale: user.locale,
    sink: {
      platform: wired.reports.name,
      post: (view) => wired.reports.postReport(to, view),
      update: (posted, view) => wired.reports.updateReport(posted as PostedRef, view),
    },
  });
  if (!started.ok) await say(started.message);
  else ctx.logger.info('mailtest started', { domain: started.domain, by: user.person.id });
}

/** `ticket`: the card whose button opened the form, kept in view above it with Cancel back to it. */
function formCard(
  ctx: TeamsContext,
  user: TeamsUser,
  context: FormContext,
  values: FormValues,
  errors: Record<string, string> = {},
  ticket?: CardModel,
): AdaptiveCard {
  const definition = formDefinition(context.kind, { endorsementRequired: ctx.endorsementRequired });
  const people = endorsingManagers(ctx.directory);
  return renderTeamsForm({ definition, context, values, errors }, textsFor(user.locale), {
    people,
    ...(ticket ? { ticket } : {}),
  });
}

async function answer(context: TurnContext, body: { type: string; value: unknown }): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: { statusCode: 200, ...body } },
  } as never);
}

const cardAnswer = (context: TurnContext, card: AdaptiveCard) => answer(context, { type: CARD, value: card });
const textAnswer = (context: TurnContext, text: string) => answer(context, { type: MESSAGE, value: text });

async function onAction(ctx: TeamsContext, context: TurnContext): Promise<void> {
  const user = teamsUserOf(ctx.directory, context.activity);
  const action = (context.activity.value ?? {}) as ExecuteValue;
  const verb = typeof action.action?.verb === 'string' ? action.action.verb : '';
  const data = (
    typeof action.action?.data === 'object' && action.action.data !== null ? action.action.data : {}
  ) as Record<string, unknown>;
  try {
    if (verb.startsWith('form:'))
      return await onFormSent(ctx, context, user, verb.slice(5) as FormKind, data);
    const ticketId = typeof data.ticketId === 'string' ? data.ticketId : null;
    if (!ticketId || !/^[0-9a-f-]{36}$/.test(ticketId))
      return await textAnswer(context, renderMessage({ key: 'teams.bad_button' }, user.locale));
    if (verb === TEAMS_VERBS.open) {
      const home = await openTicket(ctx, context, user, ticketId);
      if (home) return await cardAnswer(context, home);
      return await textAnswer(context, renderMessage({ key: 'result.cannot_open' }, user.locale));
    }
    // Only for those who may see the ticket, as Open: a channel card is read by people it does not name.
    if (verb === TEAMS_VERBS.fullText) {
      const opened = await cardToOpen(ctx.db, ctx.directory, ticketId, user, ctx.clock.now());
      if (opened) return await cardAnswer(context, renderTeamsFullText(opened.model, textsFor(user.locale)));
      return await textAnswer(context, renderMessage({ key: 'result.cannot_open' }, user.locale));
    }
    // Cancel on a form is the person's own view again: nothing is decided, so nothing is stored.
    if (verb === TEAMS_VERBS.refresh || verb === TEAMS_VERBS.cancel)
      return await cardAnswer(context, await viewFor(ctx, context, user, ticketId, data.card));
    const type = actionOfId(verb);
    if (!type || !(TICKET_ACTION_TYPES as readonly string[]).includes(type))
      return await textAnswer(context, renderMessage({ key: 'teams.bad_button' }, user.locale));
    return await onButton(ctx, context, user, ticketId, type as TicketActionType, data.card);
  } catch (error) {
    const reference = crypto.randomUUID().slice(0, 8);
    ctx.logger.error('teams action failed', { reference, verb, error });
    await textAnswer(context, renderMessage({ key: 'slack.failed', params: { reference } }, user.locale));
  }
}

/**
 * The kind of card the action came from (the approval card, the SOC card, …): the one recorded for the message,
 * else the one its refresh names (Teams may ask for a view while the post is still being answered, before the
 * message is recorded), else the requester's copy. The record comes first: a card posted before its kind was
 * split (the desk's copy, once the requester's `ticket`) names the old kind until it is redrawn. A kind named
 * falsely only changes which buttons are drawn; every press is checked against the SOP.
 */
async function cardKindOf(
  ctx: TeamsContext,
  context: TurnContext,
  ticketId: string,
  named: unknown,
): Promise<CardKind> {
  const conversationId = (context.activity.conversation?.id ?? '').split(';')[0]!;
  const posted = await ctx.db.postedCard.findFirst({
    where: {
      platform: TEAMS,
      channel: conversationId,
      messageId: context.activity.replyToId ?? '',
      ticketId,
    },
  });
  if (isCardKind(posted?.card)) return posted.card;
  return isCardKind(named) ? named : 'ticket';
}

/**
 * The ticket as the card the action came from shows it, before it is cut to one person's buttons: drawn for
 * the person who acted, whom it tells "waiting for you" when the next step is theirs.
 */
async function cardModelOf(
  ctx: TeamsContext,
  context: TurnContext,
  user: TeamsUser,
  ticketId: string,
  named?: unknown,
): Promise<CardModel> {
  const kind = await cardKindOf(ctx, context, ticketId, named);
  return buildTicketCard(ctx.db, ctx.directory, ticketId, kind, ctx.clock.now(), user.person?.id);
}

/** This person's own view of a card: the buttons only for someone the SOP lets act now. */
async function viewFor(
  ctx: TeamsContext,
  context: TurnContext,
  user: TeamsUser,
  ticketId: string,
  named?: unknown,
): Promise<AdaptiveCard> {
  const model = await cardModelOf(ctx, context, user, ticketId, named);
  // Only the buttons this person may press: one who holds two roles (an approver who is also SOC) must not
  // see the other role's buttons on this card as if they were theirs.
  const mine = await ownActions(ctx, user, model);
  return renderTeamsCard({ ...model, actions: mine }, textsFor(user.locale), {
    showActions: mine.length > 0,
  });
}

async function onButton(
  ctx: TeamsContext,
  context: TurnContext,
  user: TeamsUser,
  ticketId: string,
  type: TicketActionType,
  named: unknown,
): Promise<void> {
  const refusal = await ctx.tickets.precheck(ticketId, type, user.actor);
  if (refusal) return textAnswer(context, await described(ctx, ticketId, refusal, user));
  const formKind = FORM_FOR_ACTION[type];
  if (formKind) {
    const ticket = await cardModelOf(ctx, context, user, ticketId, named);
    const formContext: FormContext = {
      kind: formKind,
      ticketId,
      ticketNumber: ticket.ticketNumber,
      version: ticket.version,
    };
    const values = await actionPrefill(ctx.db, ticketId, formKind, user.person, ctx.clock.now());
    return cardAnswer(context, formCard(ctx, user, formContext, values, {}, ticket));
  }
  const result = await ctx.tickets.act(ticketId, { type } as TicketAction, user.actor);
  if (result.status !== 'applied') return textAnswer(context, await described(ctx, ticketId, result, user));
  return cardAnswer(context, await viewFor(ctx, context, user, ticketId, named));
}

async function described(ctx: TeamsContext, ticketId: string, result: ActResult, user: TeamsUser) {
  return (await describeResultWithNames(ctx, ticketId, result, user)).text;
}

async function onFormSent(
  ctx: TeamsContext,
  context: TurnContext,
  user: TeamsUser,
  kind: FormKind,
  data: Record<string, unknown>,
): Promise<void> {
  const formContext = data.context as FormContext | undefined;
  const known = Object.values(FORM_FOR_ACTION) as string[];
  if (!formContext || formContext.kind !== kind || !known.includes(kind))
    return textAnswer(context, renderMessage({ key: 'slack.form.malformed' }, user.locale));
  const options = {
    endorsementRequired: ctx.endorsementRequired,
    managers: endorsingManagerIds(ctx.directory),
  };
  const definition = formDefinition(kind, options);
  const values = withManagerDetails(readTeamsForm(definition, data), ctx.directory);
  const action = actionFromForm(formContext, values, options);
  const result: ActResult = formContext.ticketId
    ? await ctx.tickets.act(
        formContext.ticketId,
        action,
        user.actor,
        formActionKey(formContext, action.type, user.actor.id),
      )
    : // Opening a ticket is keyed by the card it was sent from: a double submit is one ticket.
      await ctx.tickets.submit(
        action,
        user.actor,
        `teams:form:${context.activity.conversation?.id}:${context.activity.replyToId}`,
      );
  if (result.status === 'applied') {
    if (formContext.ticketId)
      return cardAnswer(context, await viewFor(ctx, context, user, formContext.ticketId));
    const text = describeResult(result, user.locale).text;
    return cardAnswer(context, renderTeamsNotice(text, textsFor(user.locale)));
  }
  const described = await describeResultWithNames(
    ctx,
    formContext.ticketId,
    result,
    user,
    formContext.ticketNumber ?? '',
  );
  if (result.status === 'refused' && described.fieldErrors) {
    const errors: Record<string, string> = {};
    for (const [path, text] of Object.entries(described.fieldErrors)) {
      const field = fieldIdOfError(definition, path);
      errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
    }
    const ticket = formContext.ticketId
      ? await cardModelOf(ctx, context, user, formContext.ticketId)
      : undefined;
    return cardAnswer(context, formCard(ctx, user, formContext, values, errors, ticket));
  }
  // A refusal of a ticket's form (already decided, no longer allowed) is said, not put in the card's place:
  // a notice there would take the ticket card from this person for good; the form keeps its Cancel.
  if (formContext.ticketId) return textAnswer(context, described.text);
  return cardAnswer(context, renderTeamsNotice(described.text, textsFor(user.locale)));
}
