import { createFitter } from '../fit-text.ts';
import type { Texts } from '../texts.ts';
import { type AdaptiveCard, adaptiveCard, textBlock } from './adaptive-card.ts';

// A card that only says something: it replaces a submitted form card when the answer is not a field error
// (a refusal, "already decided by X at T", a form that could not be read), or answers an action in place.

/** Refusals and notices are a few sentences; a runaway one is cut with the visible note, far within 28 KB. */
const NOTICE_MAX = 4000;

export function renderTeamsNotice(text: string, texts: Texts): AdaptiveCard {
  const fit = createFitter(texts, { inertLinks: true });
  return adaptiveCard([textBlock(fit.plain(text, NOTICE_MAX))]);
}
