import { describe, expect, it } from 'vitest';
import { checkBlocks, checkView } from '../support/slack/block-kit-checks.ts';

// The Block Kit limits the fake Web API enforces, phrased as Slack's response_metadata.messages.

const plain = (text: string) => ({ type: 'plain_text', text });
const button = (action_id: string, text = 'Lulus') => ({ type: 'button', action_id, text: plain(text) });

describe('Block Kit checks', () => {
  it('accepts a well-formed card', () => {
    const card = [
      { type: 'header', block_id: 'title', text: plain('CR-1') },
      { type: 'section', block_id: 'facts', fields: [{ type: 'mrkdwn', text: '*Risk*\nLow' }] },
      { type: 'actions', block_id: 'decide', elements: [button('approve'), button('reject', 'Tolak')] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'MYT' }] },
      { type: 'divider' },
    ];
    expect(checkBlocks(card, 'message')).toEqual([]);
  });

  it('counts blocks per surface: 50 in a message, 100 in a modal', () => {
    const many = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(checkBlocks(many, 'message')).toEqual([
      '[ERROR] must provide no more than 50 items [json-pointer:/blocks]',
    ]);
    expect(checkBlocks(many, 'modal')).toEqual([]);
  });

  it('names each broken field by its JSON pointer', () => {
    const blocks = [
      { type: 'header', block_id: 'x', text: { type: 'mrkdwn', text: 'bold' } },
      { type: 'actions', block_id: 'x', elements: [button('go', 'y'.repeat(76)), button('go')] },
      { type: 'section', block_id: 'empty' },
      { type: 'table' },
    ];
    expect(checkBlocks(blocks, 'message')).toEqual([
      '[ERROR] must be one of plain_text [json-pointer:/blocks/0/text/type]',
      '[ERROR] duplicate block_id [json-pointer:/blocks/1/block_id]',
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/1/elements/0/text/text]',
      '[ERROR] duplicate action_id [json-pointer:/blocks/1/elements/1/action_id]',
      '[ERROR] must provide text or fields [json-pointer:/blocks/2]',
      '[ERROR] unsupported block type [json-pointer:/blocks/3/type]',
    ]);
  });

  it("checks a view's type and own fields", () => {
    expect(checkView({ type: 'home', blocks: [] }, ['modal'])).toEqual([
      '[ERROR] must be one of modal [json-pointer:/view/type]',
    ]);
    const modal = { type: 'modal', title: plain('Aduan'), private_metadata: 'x'.repeat(3001), blocks: [] };
    expect(checkView(modal, ['modal'])).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
    ]);
  });
});
