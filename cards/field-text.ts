import type { CardField } from './card-model.ts';
import type { Texts } from './texts.ts';

// A card field's value as the reader sees it, the same on every platform: text as typed, a form choice in
// the reader's language, and times in Malaysia time (the SOP's working day), never as a UTC timestamp.

/** A moment a field's message carries (ISO 8601, as the card source writes it), shown in Malaysia time. */
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function fieldValueText(value: CardField['value'], texts: Texts): string {
  if (typeof value === 'string') return value;
  if ('key' in value) {
    const params = Object.fromEntries(
      Object.entries(value.params ?? {}).map(([name, param]) => [
        name,
        typeof param === 'string' && MOMENT.test(param) ? texts.formatDate(new Date(param)) : param,
      ]),
    );
    return texts.t(value.key, params);
  }
  if ('at' in value) return texts.formatDate(value.at);
  return `${texts.formatDate(value.from)} – ${texts.formatDate(value.to)}`;
}
