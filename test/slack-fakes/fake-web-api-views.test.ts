import type { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../support/slack/fake-web-api.ts';
import { mintTriggerId } from '../support/slack/trigger-id.ts';
import { slackErrorOf, webClientFor } from '../support/slack/web-client.ts';

// views.open / push / update / publish through the real WebClient: triggers are single-use and live 3 s,
// hashes guard updates, and views Slack would not render are refused with its messages.

const plain = (text: string) => ({ type: 'plain_text', text });
const modal = {
  type: 'modal',
  callback_id: 'change_request',
  title: plain('Change request'),
  submit: plain('Submit'),
  blocks: [
    {
      type: 'input',
      block_id: 'desc',
      label: plain('Description'),
      element: { type: 'plain_text_input', action_id: 'value' },
    },
  ],
};
const home = { type: 'home', blocks: [{ type: 'header', block_id: 'mine', text: plain('My tickets') }] };

let api: FakeSlackApi;
let client: webApi.WebClient;
beforeEach(async () => {
  api = await startFakeSlackApi();
  client = webClientFor(api);
});
afterEach(() => api.close());

const open = (trigger_id: string, view: object = modal) =>
  client.views.open({ trigger_id, view: view as never });

describe('fake Slack Web API views', () => {
  it('opens a modal once per trigger and records when the call arrived', async () => {
    const trigger = mintTriggerId();
    const opened = await open(trigger);
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      type: 'modal',
      callback_id: 'change_request',
      state: { values: {} },
    });
    expect(api.view(opened.view!.id!)?.root_view_id).toBe(opened.view!.id);
    expect(api.callsTo('views.open')[0]!.at).toBeGreaterThanOrEqual(Date.now() - 1000);
    await expect(slackErrorOf(open(trigger))).resolves.toMatchObject({ error: 'exchanged_trigger_id' });
    await expect(
      client.views.push({ trigger_id: mintTriggerId(), view: modal as never }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('updates a view by id while its hash is current, by external_id too', async () => {
    const opened = await open(mintTriggerId(), { ...modal, external_id: 'CR-1' });
    const id = opened.view!.id!;
    const hash = opened.view!.hash;
    const updated = await client.views.update({
      view_id: id,
      hash,
      view: { ...modal, callback_id: 'step_two' } as never,
    });
    expect(updated.view).toMatchObject({ id, callback_id: 'step_two' });
    const stale = client.views.update({ view_id: id, hash, view: modal as never });
    await expect(slackErrorOf(stale)).resolves.toMatchObject({ error: 'hash_conflict' });
    await expect(client.views.update({ external_id: 'CR-1', view: modal as never })).resolves.toMatchObject({
      view: { id },
    });
    const unknown = client.views.update({ view_id: 'V0NOPE', view: modal as never });
    await expect(slackErrorOf(unknown)).resolves.toMatchObject({ error: 'not_found' });
  });

  it('refuses triggers that are malformed or older than 3 seconds', async () => {
    await expect(slackErrorOf(open('abc'))).resolves.toMatchObject({ error: 'invalid_trigger_id' });
    await expect(slackErrorOf(open(mintTriggerId(Date.now() - 3100)))).resolves.toMatchObject({
      error: 'expired_trigger_id',
    });
  });

  it('refuses views Slack would not render, saying where', async () => {
    const broken = { ...modal, submit: undefined, title: plain('A title far longer than 24') };
    await expect(slackErrorOf(open(mintTriggerId(), broken))).resolves.toMatchObject({
      error: 'invalid_arguments',
      response_metadata: {
        messages: [
          '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
          '[ERROR] must provide submit when the view has input blocks [json-pointer:/view/submit]',
        ],
      },
    });
    await expect(slackErrorOf(open(mintTriggerId(), home))).resolves.toMatchObject({
      error: 'invalid_arguments',
    });
  });

  it('publishes one App Home per user, and only home views', async () => {
    const first = await client.views.publish({ user_id: 'U0AMINAH', view: home as never });
    const second = await client.views.publish({ user_id: 'U0AMINAH', view: home as never });
    expect(second.view?.id).toBe(first.view?.id);
    expect(api.homeOf('U0AMINAH')?.blocks).toEqual(home.blocks);
    const notHome = client.views.publish({ user_id: 'U0AMINAH', view: modal as never });
    await expect(slackErrorOf(notHome)).resolves.toMatchObject({ error: 'invalid_arguments' });
    await expect(slackErrorOf(client.apiCall('views.publish', { view: home }))).resolves.toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] missing required field: user_id'] },
    });
  });
});
