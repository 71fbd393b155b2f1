import type { CardField } from '../card-model.ts';
import { fieldValueText } from '../field-text.ts';
import type { Fitter } from '../fit-text.ts';
import type { Texts } from '../texts.ts';
import type { Block, Mrkdwn } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// The form's fields on a ticket card, in the paper form's order. Short values share two-column section
// fields (≤ 10 per section, ≤ 2000 characters each); long or multi-line values get a section of their own
// (≤ 3000). The card has a block and character budget (limits.ts): the first fields are shown whole, later
// ones are clipped, and what does not fit at all is counted in a "… more fields" line.

/** Values up to this long, on one line, sit in the two-column grid. */
const SHORT_VALUE = 120;
/** Below this many characters left, a field is not worth starting. */
const MIN_FIELD = 120;
const LABEL_MAX = 200;

export interface FieldBudget {
  readonly blocks: number;
  readonly chars: number;
}

export function labelled(fit: Fitter, label: string, value: string, max: number): string {
  const head = `*${fit.md(label, Math.min(LABEL_MAX, Math.floor(max / 2)))}*\n`;
  return head + fit.md(value, max - head.length);
}

function shownValue(field: CardField, texts: Texts): string {
  const raw = fieldValueText(field.value, texts);
  return raw.trim() === '' ? texts.t('common.none') : raw;
}

/** The field blocks, and how many fields did not fit. */
export function fieldBlocks(
  fields: readonly CardField[],
  texts: Texts,
  fit: Fitter,
  budget: FieldBudget,
): { blocks: Block[]; omitted: number } {
  const blocks: Block[] = [];
  let grid: Mrkdwn[] = [];
  let chars = budget.chars;
  let shown = 0;
  const flush = () => {
    if (grid.length > 0) blocks.push({ type: 'section', fields: grid });
    grid = [];
  };
  for (const field of fields) {
    const value = shownValue(field, texts);
    const short = value.length <= SHORT_VALUE && !value.includes('\n');
    const cost = short && grid.length % L.sectionFields !== 0 ? 0 : 1;
    const used = blocks.length + (grid.length > 0 ? 1 : 0);
    const max = Math.min(short ? L.fieldText : L.sectionText, chars);
    if (used + cost > budget.blocks || max < MIN_FIELD) break;
    const text = labelled(fit, texts.t(field.label.key, field.label.params), value, max);
    chars -= text.length;
    shown++;
    if (!short) {
      flush();
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
      continue;
    }
    if (grid.length === L.sectionFields) flush();
    grid.push({ type: 'mrkdwn', text });
  }
  flush();
  return { blocks, omitted: fields.length - shown };
}
