import type { CardModel } from '../card-model.ts';
import { createFitter, type Fitter } from '../fit-text.ts';
import { actionIdOf } from '../ids.ts';
import type { Texts } from '../texts.ts';
import { waitingLine } from '../who-acts.ts';
import { actionStyle } from './action-style.ts';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  type ExecuteAction,
  type Refresh,
  textBlock,
} from './adaptive-card.ts';
import { factElements } from './card-facts.ts';
import { jsonBytes, TEAMS_LIMITS as L } from './limits.ts';
import { investigationElements } from './render-investigation.ts';
import { leadFacts, NAME_MAX, ticketData, ticketHeading, WHO_MAX } from './ticket-head.ts';
import { TEAMS_VERBS } from './verbs.ts';

// A ticket card as an Adaptive Card (DESIGN.md, Chat platforms), the Teams twin of cards/slack/render-card.ts:
// what the ticket is, its state, the form's fields, the bot's investigation of a complaint, who must act next
// and by when, then the buttons, or "Processing…" right after a click, or the decision that took them away;
// the history folds away.

const LINE_MAX = 1000;
/** Bytes kept back for the "… more fields" line and the "Read in full" button. */
const MORE_RESERVE = 600;
/** The element the "Ticket history" button shows and hides. */
const HISTORY_ID = 'history';

export interface TeamsCardOptions {
  /** Right after a click: the buttons give way to "Processing…" until the decision is made. */
  readonly processing?: boolean;
  /**
   * Universal Actions user-specific views: Teams asks the bot again (verb 'refresh') for each of these users'
   * own view, so people who may act see the buttons and everyone else sees `showActions: false`.
   */
  readonly refreshUserIds?: readonly string[];
  /** False for the status-only view of someone who may not act: no buttons at all. */
  readonly showActions?: boolean;
}

function nextActorElements(model: CardModel, texts: Texts, fit: Fitter): CardElement[] {
  const next = model.nextActor;
  if (next === null) return [];
  const line = waitingLine(next, texts, (names) => fit.plain(names, WHO_MAX));
  return [textBlock(line, { weight: 'bolder', spacing: 'medium' })];
}

/** "Processing…", or the last decision once no buttons are left; nothing while buttons are offered. */
function outcomeElements(model: CardModel, texts: Texts, fit: Fitter, processing: boolean): CardElement[] {
  if (processing) return [textBlock(texts.t('common.processing'), { isSubtle: true })];
  const last = model.lastDecision;
  if (model.actions.length > 0 || last === null) return [];
  const line = texts.t('done.by', {
    action: texts.t(last.event.key, last.event.params),
    name: fit.plain(last.actorName, NAME_MAX),
    at: texts.formatDate(last.at),
  });
  return [textBlock(line)];
}

function timelineElements(model: CardModel, texts: Texts, fit: Fitter): CardElement[] {
  if (model.timeline.length === 0) return [];
  const lines = model.timeline.map((e) => {
    const line = `${texts.formatDate(e.at)} · ${fit.plain(e.actorName, NAME_MAX)} · ${texts.t(e.event.key, e.event.params)}`;
    return textBlock(fit.plain(line, LINE_MAX), { size: 'small', spacing: 'small' });
  });
  return [
    {
      type: 'ActionSet',
      actions: [
        { type: 'Action.ToggleVisibility', title: texts.t('card.history'), targetElements: [HISTORY_ID] },
      ],
    },
    { type: 'Container', id: HISTORY_ID, isVisible: false, items: lines },
  ];
}

function buttons(model: CardModel, texts: Texts): ExecuteAction[] {
  return model.actions.map((action) => ({
    type: 'Action.Execute',
    verb: actionIdOf(action),
    title: texts.t(`action.${action}`),
    data: ticketData(model),
    ...actionStyle(action),
  }));
}

/**
 * Teams refreshes a card automatically only for the users listed, at most 60; more is a caller's mistake
 * (a whole channel), refused rather than cut so nobody silently loses their buttons.
 */
function refreshOf(model: CardModel, userIds: readonly string[] | undefined): { refresh?: Refresh } {
  if (userIds === undefined) return {};
  if (userIds.length > L.refreshUserIds) {
    throw new RangeError(
      `renderTeamsCard: ${userIds.length} refresh user ids for ${model.ticketNumber}; Teams shows user-specific views to at most ${L.refreshUserIds} users, so pass the people who may act, not everyone`,
    );
  }
  const action: ExecuteAction = {
    type: 'Action.Execute',
    verb: TEAMS_VERBS.refresh,
    data: ticketData(model),
  };
  return { refresh: { action, userIds: [...userIds] } };
}

export function renderTeamsCard(
  model: CardModel,
  texts: Texts,
  options: TeamsCardOptions = {},
): AdaptiveCard {
  const refresh = refreshOf(model, options.refreshUserIds);
  const fit = createFitter(texts, { inertLinks: true });
  const state = texts.t(`state.${model.state}`);
  const heading = ticketHeading(model, fit);
  const processing = options.processing === true;
  const head: CardElement[] = [textBlock(heading, { style: 'heading', size: 'large', weight: 'bolder' })];
  const lead = leadFacts(model, texts, fit);
  const tail: CardElement[] = [
    ...investigationElements(model, texts, fit),
    ...nextActorElements(model, texts, fit),
    ...outcomeElements(model, texts, fit, processing),
    ...timelineElements(model, texts, fit),
  ];
  const shown = !processing && options.showActions !== false ? buttons(model, texts) : [];
  const extra = {
    fallbackText: `${heading} (${state})`,
    ...(shown.length > 0 ? { actions: shown } : {}),
    ...refresh,
  };
  const full: ExecuteAction = {
    type: 'Action.Execute',
    verb: TEAMS_VERBS.fullText,
    title: texts.t('card.full_text'),
    data: ticketData(model),
  };
  const budget = L.cardBytes - jsonBytes(adaptiveCard([...head, ...tail], extra)) - MORE_RESERVE;
  const facts = factElements(model.fields, texts, fit, budget, lead, full);
  return adaptiveCard([...head, ...facts, ...tail], extra);
}
