import { describe, expect, it } from 'vitest';
import type { StoredMessage, StoredView } from '../support/slack/fake-web-api-state.ts';
import { blockActions, viewClosed, viewSubmission } from '../support/slack/interaction-payloads.ts';
import { mintTriggerId, triggerMintedAt } from '../support/slack/trigger-id.ts';
import { field, viewState } from '../support/slack/view-state.ts';
import { WORKSPACE } from '../support/slack/workspace.ts';

// The builders refuse payloads Slack's client could never send, so a test cannot pass on an impossible
// submission or click.

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const input = (block_id: string, element: object, optional = false) => ({
  type: 'input',
  block_id,
  optional,
  label: plain(block_id),
  element: { action_id: 'value', ...element },
});

function storedModal(blocks: object[], extra: Partial<StoredView> = {}): StoredView {
  return {
    id: 'V000000001',
    team_id: WORKSPACE.teamId,
    app_id: WORKSPACE.appId,
    bot_id: WORKSPACE.botId,
    type: 'modal',
    title: plain('Aduan e-mel'),
    submit: plain('Hantar'),
    close: null,
    blocks: blocks as StoredView['blocks'],
    private_metadata: '',
    callback_id: 'mail_complaint',
    external_id: '',
    state: { values: {} },
    hash: '1.a',
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: 'V000000001',
    previous_view_id: null,
    ...extra,
  };
}

const complaint = storedModal([
  input('domain', { type: 'plain_text_input', max_length: 253 }),
  input('direction', {
    type: 'radio_buttons',
    options: [
      { text: plain('Tidak boleh hantar'), value: 'send' },
      { text: plain('Kedua-dua'), value: 'both' },
    ],
  }),
  input('since', { type: 'datepicker', initial_date: '2026-03-02' }),
  input('sender', { type: 'email_text_input' }, true),
  input('seen_by', { type: 'users_select' }, true),
]);
const user = { id: 'U0AMINAH' };

describe('payload builders', () => {
  it('fills untouched fields with their initial value or null, and option text from the view', () => {
    const state = viewState(complaint, {
      domain: { value: field.text('jdn.gov.my') },
      direction: { value: field.radio('both') },
    });
    expect(state).toEqual({
      domain: { value: { type: 'plain_text_input', value: 'jdn.gov.my' } },
      direction: {
        value: { type: 'radio_buttons', selected_option: { text: plain('Kedua-dua'), value: 'both' } },
      },
      since: { value: { type: 'datepicker', selected_date: '2026-03-02' } },
      sender: { value: { type: 'email_text_input', value: null } },
      seen_by: { value: { type: 'users_select', selected_user: null } },
    });
  });

  it('refuses what Slack would not submit', () => {
    const base = { domain: { value: field.text('jdn.gov.my') }, direction: { value: field.radio('send') } };
    expect(() => viewState(complaint, { domain: base.domain })).toThrow('direction/value is required');
    expect(() => viewState(complaint, { ...base, direction: { value: field.radio('receive') } })).toThrow(
      'offers no option "receive"',
    );
    expect(() =>
      viewState(complaint, { ...base, since: { value: field.date('2026-03-01') }, nope: {} }),
    ).toThrow('no input blocks nope');
    expect(() => viewState(complaint, { ...base, domain: { value: field.email('a@b.my') } })).toThrow(
      'not a email_text_input',
    );
    expect(() => viewState(complaint, { ...base, sender: { value: field.email('not-an-address') } })).toThrow(
      'e-mail address',
    );
    expect(() => viewState(complaint, { ...base, domain: { value: field.text('x'.repeat(254)) } })).toThrow(
      'at most 253',
    );
    expect(() =>
      viewState(storedModal([{ type: 'input', label: plain('x'), element: { type: 'plain_text_input' } }])),
    ).toThrow('without block_id');
  });

  it('builds a view_submission whose view is the stored modal plus its state', () => {
    const values = {
      domain: { value: field.text('jdn.gov.my') },
      direction: { value: field.radio('send') },
      seen_by: { value: field.user('U0SOC') },
    };
    const payload = viewSubmission({ view: complaint, user, values });
    expect(payload).toMatchObject({
      type: 'view_submission',
      team: { id: WORKSPACE.teamId },
      user: { id: 'U0AMINAH', username: 'u0aminah' },
    });
    expect(payload.view).toMatchObject({ id: complaint.id, callback_id: 'mail_complaint', hash: '1.a' });
    expect(payload.view.state.values.seen_by).toEqual({
      value: { type: 'users_select', selected_user: 'U0SOC' },
    });
    expect(() => viewSubmission({ view: { ...complaint, type: 'home' }, user })).toThrow('not a modal');
  });

  it('sends view_closed only for modals opened with notify_on_close', () => {
    expect(() => viewClosed({ view: complaint, user })).toThrow('notify_on_close');
    expect(
      viewClosed({ view: { ...complaint, notify_on_close: true }, user, isCleared: true }),
    ).toMatchObject({ type: 'view_closed', is_cleared: true });
  });

  it('clicks only buttons the message or view really has, with their own value', () => {
    const blocks = [
      {
        type: 'section',
        block_id: 'card',
        text: { type: 'mrkdwn', text: 'CR-7' },
        accessory: { type: 'button', action_id: 'open', text: plain('Buka'), value: 'CR-7' },
      },
    ];
    const message: StoredMessage = {
      channel: 'C0SOC',
      ts: '1767225600.000001',
      text: 'CR-7',
      blocks,
      versions: [],
    };
    const click = blockActions({ user, actionId: 'open', from: { message } });
    expect(click).toMatchObject({
      container: { type: 'message', message_ts: message.ts, channel_id: 'C0SOC', is_ephemeral: false },
      channel: { id: 'C0SOC' },
      message: { ts: message.ts, bot_id: WORKSPACE.botId, blocks },
      actions: [
        {
          action_id: 'open',
          block_id: 'card',
          value: 'CR-7',
          text: plain('Buka'),
          action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
        },
      ],
    });
    expect(() => blockActions({ user, actionId: 'approve', from: { message } })).toThrow(
      'no button with action_id "approve"',
    );
    const home = storedModal(blocks, { type: 'home', title: undefined });
    expect(blockActions({ user, actionId: 'open', from: { view: home } })).toMatchObject({
      container: { type: 'view', view_id: home.id },
    });
  });

  it("mints trigger ids in Slack's three-field format, carrying their mint time", () => {
    const trigger = mintTriggerId(1_767_225_600_123);
    expect(trigger).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(triggerMintedAt(trigger)).toBe(1_767_225_600_123);
    expect(triggerMintedAt('12345.98765')).toBeUndefined();
  });
});
