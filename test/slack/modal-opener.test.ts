import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModalOpener } from '../../src/platform/slack/modal-opener.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/slack/fake-web-api.ts';
import { mintTriggerId } from '../support/slack/trigger-id.ts';
import { WORKSPACE } from '../support/slack/workspace.ts';

// The lean views.open of the slash-command path, against the fake Web API: what Slack stores, and every
// way Slack can fail it, thrown in the shapes @slack/web-api uses so the error boundary reads them alike.

const modal = {
  type: 'modal',
  callback_id: 'change_request',
  title: { type: 'plain_text', text: 'Permohonan' },
  submit: { type: 'plain_text', text: 'Hantar' },
  blocks: [
    {
      type: 'input',
      block_id: 'description',
      label: { type: 'plain_text', text: 'Keterangan' },
      element: { type: 'plain_text_input', action_id: 'value', initial_value: 'Tukar MX — ünïcödé' },
    },
  ],
};

let api: FakeSlackApi;
let open: ReturnType<typeof createModalOpener>;

beforeAll(async () => {
  api = await startFakeSlackApi();
  open = createModalOpener({ apiUrl: api.url, token: WORKSPACE.botToken, timeoutMs: 500 });
});
afterAll(() => api.close());

describe('opening a modal without @slack/web-api', () => {
  it('posts JSON with the bot token in the Authorization header, and Slack stores the modal as sent', async () => {
    const trigger = mintTriggerId();
    await open(trigger, modal);
    const call = api.callsTo('views.open').at(-1)!;
    expect(call.tokenKind).toBe('bot');
    expect(call.args.trigger_id).toBe(trigger);
    expect(call.answer?.ok).toBe(true);
    const stored = api.view((call.answer as unknown as { view: { id: string } }).view.id);
    expect(stored?.blocks).toEqual(modal.blocks);
  });

  it('passes on what Slack refuses, by name', async () => {
    const trigger = mintTriggerId();
    await open(trigger, modal);
    await expect(open(trigger, modal)).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'exchanged_trigger_id' },
    });
    await expect(open(mintTriggerId(Date.now() - 4000), modal)).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
  });

  it('reports a rate limit with its Retry-After, and a server error with its status', async () => {
    api.failNext('views.open', { kind: 'rate_limited', retryAfterSeconds: 7 });
    await expect(open(mintTriggerId(), modal)).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
    api.failNext('views.open', { kind: 'server_error', status: 503 });
    await expect(open(mintTriggerId(), modal)).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 503,
    });
  });

  it('gives up on a Slack that never answers, and on a reset connection, without naming the token', async () => {
    api.hangNext('views.open');
    const hung = (await open(mintTriggerId(), modal).catch((e: unknown) => e)) as Error;
    expect(hung).toMatchObject({ code: 'slack_webapi_request_error' });
    expect(hung.message).toMatch(/500 ms/);
    await expect.poll(() => api.callsTo('views.open').at(-1)?.outcome).toBe('abandoned');
    api.failNext('views.open', { kind: 'connection_reset' });
    const reset = (await open(mintTriggerId(), modal).catch((e: unknown) => e)) as Error;
    expect(reset).toMatchObject({ code: 'slack_webapi_request_error' });
    for (const error of [hung, reset]) expect(JSON.stringify(error) + error.message).not.toContain('xoxb');
  });

  it('is refused by Slack with a token it does not know', async () => {
    const forged = createModalOpener({ apiUrl: api.url, token: 'not-a-token', timeoutMs: 500 });
    await expect(forged(mintTriggerId(), modal)).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });
});
