import type { CardModel } from '../card-model.ts';
import { createFitter } from '../fit-text.ts';
import { fullFields, pieces } from '../full-text.ts';
import type { Texts } from '../texts.ts';
import type { Block, ModalView } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// "Read in full" on Slack: a modal with the ticket's title and every field of its card whole, as the card
// could not hold them (cards/full-text.ts). A section holds 3000 characters, so a long answer takes several.

const ALL = Number.MAX_SAFE_INTEGER;

export function renderSlackFullText(model: CardModel, texts: Texts): ModalView {
  const fit = createFitter(texts);
  const blocks: Block[] = fullFields(model, texts).flatMap(({ label, value }) =>
    pieces(`*${fit.md(label, ALL)}*\n${fit.md(value, ALL)}`, L.sectionText).map(
      (text): Block => ({ type: 'section', text: { type: 'mrkdwn', text } }),
    ),
  );
  const kept = blocks.length > L.viewBlocks ? blocks.slice(0, L.viewBlocks - 1) : blocks;
  const cut: Block[] =
    kept.length < blocks.length
      ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: texts.t('card.full_text.cut') }] }]
      : [];
  return {
    type: 'modal',
    title: { type: 'plain_text', text: fit.plain(model.ticketNumber, L.modalText) },
    close: { type: 'plain_text', text: fit.plain(texts.t('card.full_text.close'), L.modalText) },
    blocks: [...kept, ...cut],
  };
}
