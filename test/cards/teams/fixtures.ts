import type { Texts } from '../../../cards/texts.ts';
import { createTranslator, formatMyt, type Locale } from '../../../src/i18n/index.ts';

// Texts that refuse a key the catalogs do not have: a renderer building a key at run time
// (`state.${…}`, `action.${…}`) would otherwise show the bare key and pass every test.

export function strictTexts(locale: Locale): Texts {
  const t = createTranslator(locale, {
    onMissing: (key) => {
      throw new Error(`no ${locale} text for message key "${key}"`);
    },
  });
  return { locale, t, formatDate: (date) => formatMyt(date, locale) };
}

export const ms = strictTexts('ms');
export const en = strictTexts('en');

/** Everything a card says, for "does it say X" checks. */
export const textOf = (card: unknown): string => JSON.stringify(card);

/** Every object in a card with the given `type`, depth first. */
export function elementsOf<T = Record<string, unknown>>(node: unknown, type: string): T[] {
  if (Array.isArray(node)) return node.flatMap((item) => elementsOf<T>(item, type));
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as { type?: unknown }).type === type ? [node as T] : [];
  return [...own, ...Object.values(node).flatMap((value) => elementsOf<T>(value, type))];
}
