import { describe, expect, it } from 'vitest';
import { formDefinition } from '../../../cards/forms/definitions.ts';
import type { FormView, PersonChoice } from '../../../cards/forms/types.ts';
import type { InputBlock, StaticSelect } from '../../../cards/slack/block-kit.ts';
import { blockKitProblems } from '../../../cards/slack/problems.ts';
import { renderSlackModal } from '../../../cards/slack/render-modal.ts';
import { textsFor } from '../../../src/i18n/texts.ts';

// Section A's endorsing manager in Slack: a static_select of the managers the adapter passes (never the
// whole workspace), kept within Block Kit's 100 options by option groups when an agency has more.

const ms = textsFor('ms');
const sectionA = (values: FormView['values'] = {}): FormView => ({
  definition: formDefinition('change_request', { endorsementRequired: true }),
  context: { kind: 'change_request' },
  values,
  errors: {},
});
const managers = (n: number): PersonChoice[] =>
  Array.from({ length: n }, (_, i) => ({ id: `m${String(i).padStart(5, '0')}`, name: `Pengurus ${i + 1}` }));

function picker(people: readonly PersonChoice[], values: FormView['values'] = {}) {
  const modal = renderSlackModal(sectionA(values), ms, { people });
  expect(blockKitProblems(modal)).toEqual([]);
  const block = modal.blocks.find((b): b is InputBlock => b.type === 'input' && b.block_id === 'manager.id');
  return block?.element as StaticSelect;
}

describe('the endorsing manager picker', () => {
  it('lists up to 100 managers as plain options', () => {
    const select = picker(managers(100));
    expect(select.options).toHaveLength(100);
    expect(select.option_groups).toBeUndefined();
  });

  it('splits more than 100 into groups of 100 named by their first and last manager', () => {
    const select = picker(managers(250), { 'manager.id': 'm00180' });
    expect(select.options).toBeUndefined();
    expect(select.option_groups?.map((g) => [g.label.text, g.options.length])).toEqual([
      ['Pengurus 1 – Pengurus 100', 100],
      ['Pengurus 101 – Pengurus 200', 100],
      ['Pengurus 201 – Pengurus 250', 50],
    ]);
    expect(select.initial_option).toEqual({
      text: { type: 'plain_text', text: 'Pengurus 181' },
      value: 'm00180',
    });
  });

  it('keeps to 100 groups, and long names to the option and label limits', () => {
    const long = managers(10_050).map((p) => ({ ...p, name: `${p.name} ${'bin Abdullah '.repeat(10)}` }));
    const select = picker(long);
    expect(select.option_groups).toHaveLength(100);
  });

  it('leaves out a person id too long to be an option value rather than break the modal', () => {
    const select = picker([{ id: 'x'.repeat(76), name: 'Terlalu panjang' }, ...managers(1)]);
    expect(select.options?.map((o) => o.value)).toEqual(['m00000']);
  });
});
