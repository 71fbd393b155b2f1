import type { TicketActionType } from '../../flows/types.ts';
import type { CardModel } from '../card-model.ts';
import { createFitter, type Fitter } from '../fit-text.ts';
import { actionIdOf, FULL_TEXT_ACTION_ID } from '../ids.ts';
import type { Texts } from '../texts.ts';
import { waitingLine } from '../who-acts.ts';
import type { Block, Button, SlackMessage } from './block-kit.ts';
import { fieldBlocks, labelled } from './card-fields.ts';
import { textsOf } from './element-problems.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { investigationBlocks } from './render-investigation.ts';

// A ticket card as a Slack message (DESIGN.md, Chat platforms): what the ticket is, its state, the form's
// fields, the bot's investigation of a complaint, who must act next and by when, then the buttons, or
// "Processing…" right after a click, or the decision that took them away. Rebuilt from the view model for
// every post and update.

const STYLE: Partial<Record<TicketActionType, 'primary' | 'danger'>> = {
  endorse: 'primary',
  approve: 'primary',
  confirm_resolved: 'primary',
  decline_endorsement: 'danger',
  reject: 'danger',
};

/** Characters and a block kept back for the "… more fields" line. */
const MORE_RESERVE = 200;
const FALLBACK_MAX = 1000;

function nextActorBlocks(model: CardModel, texts: Texts, fit: Fitter): Block[] {
  const next = model.nextActor;
  if (next === null) return [];
  return [
    { type: 'section', text: { type: 'mrkdwn', text: fit.md(waitingLine(next, texts), L.sectionText) } },
  ];
}

function button(model: CardModel, action: TicketActionType, texts: Texts, fit: Fitter): Button {
  const style = STYLE[action];
  return {
    type: 'button',
    action_id: actionIdOf(action),
    text: { type: 'plain_text', text: fit.plain(texts.t(`action.${action}`), L.buttonText) },
    // The version lets the adapter recognise a click on a stale card (DESIGN.md, exactly-once state).
    value: JSON.stringify({ ticketId: model.ticketId, version: model.version }),
    ...(style ? { style } : {}),
  };
}

function actionBlocks(model: CardModel, texts: Texts, fit: Fitter, processing: boolean): Block[] {
  if (processing) {
    return [{ type: 'context', elements: [{ type: 'mrkdwn', text: texts.t('common.processing') }] }];
  }
  if (model.actions.length > 0) {
    const buttons = model.actions.slice(0, L.actionsElements).map((a) => button(model, a, texts, fit));
    return [{ type: 'actions', elements: buttons }];
  }
  const last = model.lastDecision;
  if (last === null) return [];
  const line = texts.t('done.by', {
    action: texts.t(last.event.key, last.event.params),
    name: last.actorName,
    at: texts.formatDate(last.at),
  });
  return [{ type: 'section', text: { type: 'mrkdwn', text: fit.md(line, L.sectionText) } }];
}

function timelineBlocks(model: CardModel, texts: Texts, fit: Fitter): Block[] {
  if (model.timeline.length === 0) return [];
  const lines = model.timeline.map(
    (e) => `${texts.formatDate(e.at)} · ${e.actorName} · ${texts.t(e.event.key, e.event.params)}`,
  );
  const text = labelled(fit, texts.t('card.history'), lines.join('\n'), L.textObject);
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }];
}

export function renderSlackCard(
  model: CardModel,
  texts: Texts,
  options: { readonly processing?: boolean } = {},
): SlackMessage {
  const fit = createFitter(texts);
  const state = texts.t(`state.${model.state}`);
  const title = model.title.trim();
  const heading = title === '' ? model.ticketNumber : `${model.ticketNumber} · ${title}`;
  const head: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: fit.plain(heading, L.headerText) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: labelled(fit, texts.t('card.status'), state, L.fieldText) },
        { type: 'mrkdwn', text: labelled(fit, texts.t('role.requester'), model.requesterName, L.fieldText) },
      ],
    },
  ];
  const tail: Block[] = [
    ...investigationBlocks(model, texts, fit),
    ...nextActorBlocks(model, texts, fit),
    ...actionBlocks(model, texts, fit, options.processing === true),
    ...timelineBlocks(model, texts, fit),
  ];
  const fixedChars = [...head, ...tail].flatMap(textsOf).reduce((sum, t) => sum + t.text.length, 0);
  const fields = fieldBlocks(model.fields, texts, fit, {
    // The "… more fields" line and the "Read in full" button.
    blocks: L.messageBlocks - head.length - tail.length - 2,
    chars: L.messageBlocksText - fixedChars - MORE_RESERVE,
  });
  const more: Block[] =
    fields.omitted === 0
      ? []
      : [
          {
            type: 'context',
            elements: [{ type: 'mrkdwn', text: texts.t('card.more_fields', { count: fields.omitted }) }],
          },
        ];
  const full = fields.omitted > 0 || fields.clipped ? [fullTextBlock(model, texts)] : [];
  return {
    // Top-level text is read as mrkdwn too, so it is escaped like the blocks.
    text: fit.md(`${heading} (${state})`, FALLBACK_MAX),
    blocks: [...head, ...fields.blocks, ...more, ...full, ...tail],
  };
}

/** Whoever may see the ticket reads every field whole in a modal (src/platform/slack/on-full-text.ts). */
function fullTextBlock(model: CardModel, texts: Texts): Block {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: FULL_TEXT_ACTION_ID,
        text: { type: 'plain_text', text: texts.t('card.full_text') },
        value: model.ticketId,
      },
    ],
  };
}
