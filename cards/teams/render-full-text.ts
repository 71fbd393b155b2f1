import type { CardModel } from '../card-model.ts';
import { createFitter } from '../fit-text.ts';
import { fullFields } from '../full-text.ts';
import type { Texts } from '../texts.ts';
import { type AdaptiveCard, adaptiveCard, type CardElement, textBlock } from './adaptive-card.ts';
import { jsonBytes, TEAMS_LIMITS as L } from './limits.ts';
import { ticketData } from './ticket-head.ts';
import { TEAMS_VERBS } from './verbs.ts';

// "Read in full" on Teams: the reader's own view of the card turns into the ticket's title and every field
// whole (cards/full-text.ts), with a button back to the card. Only for the person who pressed it: Universal
// Actions answer the invoke with a card for that user alone.

const ALL = Number.MAX_SAFE_INTEGER;

export function renderTeamsFullText(model: CardModel, texts: Texts): AdaptiveCard {
  const fit = createFitter(texts, { inertLinks: true });
  const back = {
    type: 'Action.Execute' as const,
    verb: TEAMS_VERBS.refresh,
    title: texts.t('card.full_text.back'),
    data: ticketData(model),
  };
  const extra = { actions: [back], fallbackText: model.ticketNumber };
  const head = textBlock(model.ticketNumber, { style: 'heading', size: 'large', weight: 'bolder' });
  const cut = textBlock(texts.t('card.full_text.cut'), { isSubtle: true });
  let left = L.cardBytes - jsonBytes(adaptiveCard([head, cut], extra));
  const body: CardElement[] = [head];
  for (const { label, value } of fullFields(model, texts)) {
    const pair = [
      textBlock(fit.plain(label, ALL), { weight: 'bolder', spacing: 'medium' }),
      textBlock(fit.plain(value, ALL), { spacing: 'small' }),
    ];
    const size = jsonBytes(pair);
    if (size > left) return adaptiveCard([...body, cut], extra);
    body.push(...pair);
    left -= size;
  }
  return adaptiveCard(body, extra);
}
