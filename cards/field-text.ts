import type { CardField } from './card-model.ts';
import type { Texts } from './texts.ts';

// A card field's value as the reader sees it, the same on every platform: text as typed, a form choice in
// the reader's language, and times in Malaysia time (the SOP's working day), never as a UTC timestamp.

export function fieldValueText(value: CardField['value'], texts: Texts): string {
  if (typeof value === 'string') return value;
  if ('key' in value) return texts.t(value.key, value.params);
  if ('at' in value) return texts.formatDate(value.at);
  return `${texts.formatDate(value.from)} – ${texts.formatDate(value.to)}`;
}
