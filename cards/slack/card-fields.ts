import type { CardField } from '../card-model.ts';
import { fairCaps } from '../fair-share.ts';
import { fieldValueText } from '../field-text.ts';
import type { Fitter } from '../fit-text.ts';
import type { Texts } from '../texts.ts';
import type { Block, Mrkdwn } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// The form's fields on a ticket card, in the paper form's order. Short values share two-column section
// fields (≤ 10 per section, ≤ 2000 characters each); long or multi-line values get a section of their own
// (≤ 3000). The card has a block and character budget (limits.ts): when the fields do not all fit whole the
// long ones share the room (fair-share.ts), and what does not fit at all is counted in a "… more fields" line.

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
  const whole = `*${fit.md(label, LABEL_MAX)}*\n${fit.md(value, max)}`;
  if (whole.length <= max) return whole;
  const head = `*${fit.md(label, Math.min(LABEL_MAX, Math.floor(max / 2)))}*\n`;
  return head + fit.md(value, max - head.length);
}

function shownValue(field: CardField, texts: Texts): string {
  const raw = fieldValueText(field.value, texts);
  return raw.trim() === '' ? texts.t('common.none') : raw;
}

/**
 * How many of the first fields Block Kit's block limit lets in, whatever their length: fieldBlocks lays out no
 * more, and only these share the characters (fair-share.ts). Short values fill grids of ten, long ones a
 * section each.
 */
function withinBlocks(shorts: readonly boolean[], limit: number): number {
  let sealed = 0;
  let grid = 0;
  for (const [i, short] of shorts.entries()) {
    const cost = short && grid % L.sectionFields !== 0 ? 0 : 1;
    if (sealed + (grid > 0 ? 1 : 0) + cost > limit) return i;
    if (!short) {
      sealed += (grid > 0 ? 1 : 0) + 1;
      grid = 0;
      continue;
    }
    if (grid === L.sectionFields) {
      sealed += 1;
      grid = 0;
    }
    grid += 1;
  }
  return shorts.length;
}

/** The field blocks, how many fields did not fit, and whether any shown was cut short. */
export function fieldBlocks(
  fields: readonly CardField[],
  texts: Texts,
  fit: Fitter,
  budget: FieldBudget,
): { blocks: Block[]; omitted: number; clipped: boolean } {
  const blocks: Block[] = [];
  let grid: Mrkdwn[] = [];
  let chars = budget.chars;
  let shown = 0;
  let clipped = false;
  const values = fields.map((field) => shownValue(field, texts));
  const isShort = (value: string) => value.length <= SHORT_VALUE && !value.includes('\n');
  const labels = fields.map((field) => texts.t(field.label.key, field.label.params));
  const widest = (value: string) => (isShort(value) ? L.fieldText : L.sectionText);
  const wants = values.map((value, i) => labelled(fit, labels[i]!, value, widest(value)).length);
  const fitting = withinBlocks(values.map(isShort), budget.blocks);
  const caps = fairCaps(wants.slice(0, fitting), chars, MIN_FIELD);
  const flush = () => {
    if (grid.length > 0) blocks.push({ type: 'section', fields: grid });
    grid = [];
  };
  for (const [i, value] of values.entries()) {
    if (i >= fitting || chars < Math.min(wants[i]!, MIN_FIELD)) break;
    const short = isShort(value);
    const text = labelled(fit, labels[i]!, value, Math.min(caps[i]!, chars));
    if (text !== labelled(fit, labels[i]!, value, Number.MAX_SAFE_INTEGER)) clipped = true;
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
  return { blocks, omitted: fields.length - shown, clipped };
}
