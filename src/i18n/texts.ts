import type { Texts } from '../../cards/texts.ts';
import { createTranslator, formatMyt, type Locale } from './index.ts';

// The language kit a renderer in cards/ receives for one reader (cards/ cannot import src/).

const cache = new Map<Locale, Texts>();

export function textsFor(locale: Locale): Texts {
  let texts = cache.get(locale);
  if (!texts) {
    texts = { locale, t: createTranslator(locale), formatDate: (date) => formatMyt(date, locale) };
    cache.set(locale, texts);
  }
  return texts;
}
