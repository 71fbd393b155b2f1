import type { CardModel } from './card-model.ts';
import { fieldValueText } from './field-text.ts';
import type { Texts } from './texts.ts';

// What "Read in full" shows (SOP 4.1 step 4: the approver decides from the request as written): the ticket's
// title and every field of its card, whole, in the reader's language. A card shares its room among the fields
// (fair-share.ts) and clips the long ones; this is where they are read to the end.

export interface FullField {
  readonly label: string;
  readonly value: string;
}

export function fullFields(model: CardModel, texts: Texts): FullField[] {
  const title = model.title.trim();
  return [
    ...(title === '' ? [] : [{ label: texts.t('card.full_text.ticket_title'), value: title }]),
    ...model.fields.map((field) => {
      const value = fieldValueText(field.value, texts);
      return {
        label: texts.t(field.label.key, field.label.params),
        value: value.trim() === '' ? texts.t('common.none') : value,
      };
    }),
  ];
}

/**
 * `text` in pieces of at most `max` characters, cut after a line break or a space where there is one in the
 * last fifth of a piece, so neither a word nor an escape (`&amp;`) is split.
 */
export function pieces(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const cut = at >= max * 0.8 ? at + 1 : safeCut(window);
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return rest === '' ? out : [...out, rest];
}

/** Before an escape the cut would split (`&am|p;`), else at `max`. */
function safeCut(window: string): number {
  const amp = window.lastIndexOf('&');
  return amp > window.length - 6 && !window.slice(amp).includes(';') && amp > 0 ? amp : window.length;
}
