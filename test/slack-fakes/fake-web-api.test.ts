import type { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from '../support/slack/fake-web-api.ts';
import { slackErrorOf, webClientFor } from '../support/slack/web-client.ts';
import { WORKSPACE } from '../support/slack/workspace.ts';

// The real @slack/web-api client against the fake: chat, conversations, users and auth answers have
// Slack's shapes, and arguments Slack would refuse are refused with Slack's codes.

const section = (text: string) => ({ type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text } });

let api: FakeSlackApi;
let client: webApi.WebClient;
beforeEach(async () => {
  api = await startFakeSlackApi({ users: { U0AMINAH: { realName: 'Aminah binti Ali', locale: 'en-US' } } });
  client = webClientFor(api);
});
afterEach(() => api.close());

describe('fake Slack Web API, answering the real WebClient', () => {
  it('answers auth.test with the workspace and bot identity Bolt needs', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      team_id: WORKSPACE.teamId,
      user_id: WORKSPACE.botUserId,
      bot_id: WORKSPACE.botId,
    });
    expect(result.url).toMatch(/^https:\/\/.+\.slack\.com\/$/);
    expect(api.calls[0]).toMatchObject({
      method: 'auth.test',
      tokenKind: 'bot',
      outcome: 'answered',
      status: 200,
    });
  });

  it('posts to a user id in the DM channel and decodes form-encoded blocks', async () => {
    const result = await client.chat.postMessage({
      channel: 'U0AMINAH',
      text: 'CR-1',
      blocks: [section('*CR-1*')],
    });
    expect(result.channel).toBe('D0AMINAH');
    expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(result.message).toMatchObject({ bot_id: WORKSPACE.botId, text: 'CR-1' });
    expect(api.callsTo('chat.postMessage')[0]!.args.blocks).toEqual([section('*CR-1*')]);
  });

  it('gives every message its own ts and keeps each version chat.update makes', async () => {
    const first = await client.chat.postMessage({ channel: 'C0APPROVE', text: 'one' });
    const second = await client.chat.postMessage({ channel: 'C0APPROVE', text: 'two' });
    expect(first.ts).not.toBe(second.ts);
    const updated = await client.chat.update({ channel: 'C0APPROVE', ts: first.ts!, text: 'one, approved' });
    expect(updated).toMatchObject({ channel: 'C0APPROVE', ts: first.ts, text: 'one, approved' });
    expect(api.message('C0APPROVE', first.ts!)?.versions.map((v) => v.text)).toEqual([
      'one',
      'one, approved',
    ]);
  });

  it('refuses what Slack refuses in chat calls', async () => {
    const post = (args: Record<string, unknown>) => slackErrorOf(client.apiCall('chat.postMessage', args));
    await expect(post({ channel: 'approvals', text: 'x' })).resolves.toMatchObject({
      error: 'channel_not_found',
    });
    await expect(post({ channel: 'C0APPROVE', text: '' })).resolves.toMatchObject({ error: 'no_text' });
    await expect(post({ channel: 'C0APPROVE', blocks: '{"a":1}' })).resolves.toMatchObject({
      error: 'invalid_blocks_format',
    });
    const tooLong = await post({ channel: 'C0APPROVE', text: 'x', blocks: [section('y'.repeat(3001))] });
    expect(tooLong).toMatchObject({
      error: 'invalid_blocks',
      response_metadata: {
        messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      },
    });
    const update = client.chat.update({ channel: 'C0APPROVE', ts: '1700000000.000001', text: 'x' });
    await expect(slackErrorOf(update)).resolves.toMatchObject({ error: 'message_not_found' });
  });

  it('answers chat.postEphemeral with message_ts and records who saw it', async () => {
    const result = await client.chat.postEphemeral({
      channel: 'C0APPROVE',
      user: 'U0AMINAH',
      text: 'Already decided',
    });
    expect(result.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(api.ephemerals).toEqual([
      expect.objectContaining({ channel: 'C0APPROVE', user: 'U0AMINAH', text: 'Already decided' }),
    ]);
  });

  it('opens DMs with conversations.open and says when one was already open', async () => {
    await expect(client.conversations.open({ users: 'U0AMINAH' })).resolves.toMatchObject({
      channel: { id: 'D0AMINAH' },
    });
    await expect(client.conversations.open({ users: 'U0AMINAH' })).resolves.toMatchObject({
      already_open: true,
    });
    const group = await client.conversations.open({ users: 'U0AMINAH,U0ROSLI' });
    expect(group.channel?.id).toMatch(/^G[0-9A-F]{10}$/);
    await expect(slackErrorOf(client.apiCall('conversations.open', {}))).resolves.toMatchObject({
      error: 'users_list_not_supplied',
    });
  });

  it('gives users.info a locale only when asked, defaulting to ms-MY', async () => {
    const plain = await client.users.info({ user: 'U0AMINAH' });
    expect(plain.user).toMatchObject({ id: 'U0AMINAH', real_name: 'Aminah binti Ali' });
    expect(plain.user?.locale).toBeUndefined();
    const localeOf = async (user: string) =>
      (await client.users.info({ user, include_locale: true })).user?.locale;
    await expect(localeOf('U0AMINAH')).resolves.toBe('en-US');
    await expect(localeOf('U0ROSLI')).resolves.toBe('ms-MY');
    api.setUserLocale('U0ROSLI', 'en-GB');
    await expect(localeOf('U0ROSLI')).resolves.toBe('en-GB');
    await expect(slackErrorOf(client.users.info({ user: 'aminah' }))).resolves.toMatchObject({
      error: 'user_not_found',
    });
  });

  it('checks tokens the way Slack does', async () => {
    await expect(slackErrorOf(webClientFor(api, {}, null).auth.test())).resolves.toMatchObject({
      error: 'not_authed',
    });
    await expect(slackErrorOf(webClientFor(api, {}, 'not-a-token').auth.test())).resolves.toMatchObject({
      error: 'invalid_auth',
    });
    await expect(slackErrorOf(client.apps.connections.open({}))).resolves.toMatchObject({
      error: 'not_allowed_token_type',
    });
    const appClient = webClientFor(api, {}, WORKSPACE.appToken);
    await expect(
      slackErrorOf(appClient.chat.postMessage({ channel: 'C0SOC', text: 'x' })),
    ).resolves.toMatchObject({
      error: 'not_allowed_token_type',
    });
    // With no Socket Mode server wired in, the app behaves as one with Socket Mode off.
    await expect(slackErrorOf(appClient.apps.connections.open({}))).resolves.toMatchObject({
      error: 'access_denied',
    });
    await expect(slackErrorOf(client.apiCall('chat.postMesage', {}))).resolves.toMatchObject({
      error: 'unknown_method',
    });
  });

  it('accepts JSON bodies with the token in the Authorization header', async () => {
    const response = await fetch(`${api.url}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${WORKSPACE.botToken}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({ channel: 'C0SOC', blocks: [section('json')] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C0SOC' });
    expect(api.callsTo('chat.postMessage')[0]!.args).toEqual({ channel: 'C0SOC', blocks: [section('json')] });
  });

  it('records what Bolt posts to a response_url', async () => {
    const body = JSON.stringify({ text: 'Received', response_type: 'ephemeral' });
    const response = await fetch(api.responseUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(api.callsTo('response_url')[0]!.args).toMatchObject({
      text: 'Received',
      response_type: 'ephemeral',
    });
  });
});
