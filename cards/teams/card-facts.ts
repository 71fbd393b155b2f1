import type { CardField } from '../card-model.ts';
import { fairCaps } from '../fair-share.ts';
import { fieldValueText } from '../field-text.ts';
import type { Fitter } from '../fit-text.ts';
import type { Texts } from '../texts.ts';
import { type CardElement, type ExecuteAction, type Fact, textBlock } from './adaptive-card.ts';
import { clipToBytes } from './fit-text.ts';
import { jsonBytes } from './limits.ts';

// The form's fields on a ticket card, in the paper form's order, as one FactSet with the card's own facts
// (status, requester) first: one FactSet has one title column, so every row lines up. The card has a byte budget
// (limits.ts): fields are shown whole up to VALUE_MAX; when they do not all fit, the long ones share the room
// (fair-share.ts) and are clipped with the visible truncation note, and what does not fit at all is counted in
// a "… more fields" line.

/** A long answer (a bounce, a description) shows this much; the full text stays in the ticket. */
const VALUE_MAX = 2000;
const LABEL_MAX = 200;
/** Below this many bytes left, a field is not worth starting. */
const MIN_FIELD = 200;
/** A fact's separator in the facts array. */
const COMMA = 1;

function shownValue(field: CardField, texts: Texts): string {
  const raw = fieldValueText(field.value, texts);
  return raw.trim() === '' ? texts.t('common.none') : raw;
}

/**
 * The FactSet of `lead` (always shown, already fitted) and the fields that fit in `budget` bytes, and the
 * line counting the others. `full`, when given, is offered under them whenever a field was cut short or
 * left out: the "Read in full" button (cards/teams/render-full-text.ts).
 */
export function factElements(
  fields: readonly CardField[],
  texts: Texts,
  fit: Fitter,
  budget: number,
  lead: readonly Fact[] = [],
  full?: ExecuteAction,
): CardElement[] {
  const facts: Fact[] = [...lead];
  let clipped = false;
  let left = budget - jsonBytes({ type: 'FactSet', facts });
  const titles = fields.map((field) => fit.plain(texts.t(field.label.key, field.label.params), LABEL_MAX));
  const values = fields.map((field) => shownValue(field, texts));
  const sizer = (title: string) => (value: string) => jsonBytes({ title, value }) + COMMA;
  const wants = values.map((value, i) => sizer(titles[i]!)(fit.plain(value, VALUE_MAX)));
  const caps = fairCaps(wants, left, MIN_FIELD);
  for (const [i, title] of titles.entries()) {
    const size = sizer(title);
    if (left < Math.min(wants[i]!, MIN_FIELD)) break;
    const value = clipToBytes(values[i]!, VALUE_MAX, Math.min(caps[i]!, left), fit, size);
    if (value === null) break;
    if (value !== fit.plain(values[i]!, Number.MAX_SAFE_INTEGER)) clipped = true;
    facts.push({ title, value });
    left -= size(value);
  }
  const elements: CardElement[] = facts.length > 0 ? [{ type: 'FactSet', facts }] : [];
  const omitted = fields.length - facts.length;
  if (omitted > 0) {
    elements.push(
      textBlock(texts.t('card.more_fields', { count: omitted }), { isSubtle: true, spacing: 'small' }),
    );
  }
  if (full && (omitted > 0 || clipped)) elements.push({ type: 'ActionSet', actions: [full] });
  return elements;
}
