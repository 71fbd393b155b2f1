import { describe, expect, it } from 'vitest';
import type { Block, ModalView } from '../../../cards/slack/block-kit.ts';
import { blockKitProblems } from '../../../cards/slack/problems.ts';

// The checker itself: each limit it claims to check is caught when broken.

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (action_id: string, text = 'Luluskan') =>
  ({ type: 'button', action_id, text: { type: 'plain_text', text } }) as const;
const modal = (over: Partial<ModalView> = {}): ModalView => ({
  type: 'modal',
  callback_id: 'mailops.form.action',
  title: { type: 'plain_text', text: 'Tolak permohonan' },
  submit: { type: 'plain_text', text: 'Tolak' },
  blocks: [],
  ...over,
});

describe('blockKitProblems', () => {
  it('accepts a small valid message', () => {
    expect(blockKitProblems({ text: 'CR-2025-000042', blocks: [section('ok')] })).toEqual([]);
  });

  it('catches a modal title over 24 characters', () => {
    const problems = blockKitProblems(modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }));
    expect(problems).toEqual(['title: text is 25 characters, over 24']);
  });

  it('catches 51 blocks in a message, and 101 in a view', () => {
    const blocks = Array.from({ length: 51 }, () => section('x'));
    expect(blockKitProblems({ text: 't', blocks })).toEqual(['51 blocks; a message holds at most 50']);
    expect(blockKitProblems(blocks)).toEqual(['51 blocks; a message holds at most 50']);
    const view = { type: 'home' as const, blocks: Array.from({ length: 101 }, () => section('x')) };
    expect(blockKitProblems(view)).toEqual(['101 blocks; a home holds at most 100']);
  });

  it('catches the same action id twice in one block, and the same block id twice', () => {
    const blocks: Block[] = [
      {
        type: 'actions',
        block_id: 'a',
        elements: [button('mailops.act.approve'), button('mailops.act.approve')],
      },
      { type: 'divider', block_id: 'a' },
    ];
    expect(blockKitProblems(blocks)).toEqual([
      'blocks[0] actions: action_id "mailops.act.approve" is used twice in the block',
      'blocks[1] divider: block_id "a" is used twice',
    ]);
  });

  it('catches over-long texts, values and ids', () => {
    const blocks: Block[] = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      section('s'.repeat(3001)),
      { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })) },
      {
        type: 'actions',
        elements: [{ ...button('b'.repeat(256), 'x'.repeat(76)), value: 'v'.repeat(2001) }],
      },
    ];
    expect(blockKitProblems(blocks)).toEqual([
      'blocks[0] header.text: text is 151 characters, over 150',
      'blocks[1] section.text: text is 3001 characters, over 3000',
      'blocks[2] section: 11 fields, over 10',
      'blocks[3] actions.elements[0].text: text is 76 characters, over 75',
      'blocks[3] actions.elements[0]: id is 256 characters, over 255',
      'blocks[3] actions.elements[0]: value is 2001 characters, over 2000',
    ]);
  });

  it('catches bad inputs in a modal', () => {
    const option = (value: string) => ({ text: { type: 'plain_text' as const, text: value }, value });
    const problems = blockKitProblems(
      modal({
        submit: undefined,
        private_metadata: 'm'.repeat(3001),
        blocks: [
          {
            type: 'input',
            block_id: 'risk',
            label: { type: 'plain_text', text: 'Penilaian risiko' },
            element: {
              type: 'static_select',
              action_id: 'value',
              options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)),
              initial_option: option('none'),
            },
          },
          {
            type: 'input',
            block_id: 'notes',
            label: { type: 'plain_text', text: '' },
            element: {
              type: 'plain_text_input',
              action_id: 'value',
              max_length: 3001,
              initial_value: 'x'.repeat(3002),
            },
          },
        ],
      }),
    );
    expect(problems).toEqual([
      'blocks[0] input.element: 101 options, allowed 1–100',
      'blocks[0] input.element: initial_option is not one of the options',
      'blocks[1] input.label: text is empty',
      'blocks[1] input.element: max_length 3001, allowed 1–3000',
      'blocks[1] input.element: initial_value is longer than max_length',
      'private_metadata is 3001 characters, over 3000',
      'a modal with input blocks needs a submit button',
    ]);
  });

  it('catches a static_select with both options and groups, and groups over their limits', () => {
    const option = (value: string) => ({ text: { type: 'plain_text' as const, text: value }, value });
    const select = (element: Record<string, unknown>): ModalView =>
      modal({
        blocks: [
          {
            type: 'input',
            block_id: 'manager.id',
            label: { type: 'plain_text', text: 'Disokong oleh (Pengurus)' },
            element: { type: 'static_select', action_id: 'value', ...element },
          },
        ],
      });
    const group = (label: string, values: string[]) => ({
      label: { type: 'plain_text' as const, text: label },
      options: values.map(option),
    });
    expect(blockKitProblems(select({ options: [option('a')], option_groups: [group('A', ['b'])] }))).toEqual([
      'blocks[0] input.element: needs exactly one of options and option_groups',
    ]);
    const tooMany = Array.from({ length: 101 }, (_, i) => group(`G${i}`, [`v${i}`]));
    expect(blockKitProblems(select({ option_groups: tooMany }))).toEqual([
      'blocks[0] input.element: 101 option groups, allowed 1–100',
    ]);
    const bad = [
      group(
        'x'.repeat(76),
        Array.from({ length: 101 }, (_, i) => `a${i}`),
      ),
      group('B', ['a0']),
    ];
    expect(blockKitProblems(select({ option_groups: bad, initial_option: option('zz') }))).toEqual([
      'blocks[0] input.element.option_groups[0].label: text is 76 characters, over 75',
      'blocks[0] input.element.option_groups[0]: 101 options, allowed 1–100',
      'blocks[0] input.element: duplicate option values',
      'blocks[0] input.element: initial_option is not one of the options',
    ]);
  });

  it('catches a message whose texts add up past what chat.postMessage takes', () => {
    const blocks = Array.from({ length: 4 }, () => section('x'.repeat(2500)));
    expect(blockKitProblems({ text: 'CR-2025-000042', blocks })).toEqual([
      'block texts add up to 10000 characters, over the 9000 budget',
    ]);
    expect(blockKitProblems({ text: ' ', blocks: [] })).toEqual([
      'text (the notification fallback) is empty',
    ]);
  });
});
