import type { AddressInfo } from 'node:net';
import { App, type ViewStateValue } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpened, urlVerification } from '../support/slack/event-payloads.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/slack/fake-web-api.ts';
import { blockActions, viewClosed, viewSubmission } from '../support/slack/interaction-payloads.ts';
import { createQuietLogger } from '../support/slack/quiet-logger.ts';
import { createSignedClient, type SignedClient } from '../support/slack/signed-client.ts';
import { slashCommand } from '../support/slack/slash-command.ts';
import { triggerMintedAt } from '../support/slack/trigger-id.ts';
import { field } from '../support/slack/view-state.ts';
import { WORKSPACE } from '../support/slack/workspace.ts';

// A bare Bolt 5 app on its HTTPReceiver (127.0.0.1), talking to the fake Web API and fed by the signed
// client: the whole loop the Slack adapter's tests will use, with a throwaway modal and card.

const plain = (text: string) => ({ type: 'plain_text', text });
const input = (block_id: string, element: object, optional = false) => ({
  type: 'input',
  block_id,
  optional,
  label: plain(block_id),
  element: { action_id: 'value', ...element },
});
const modal = (description: string) => ({
  type: 'modal',
  callback_id: 'change_request',
  notify_on_close: true,
  private_metadata: 'draft-1',
  title: plain('Permohonan perubahan'),
  submit: plain('Hantar'),
  blocks: [
    input('type', { type: 'static_select', options: [{ text: plain('Tukar MX'), value: 'mx_change' }] }),
    input('when', { type: 'datetimepicker' }),
    input('description', {
      type: 'plain_text_input',
      multiline: true,
      ...(description ? { initial_value: description } : {}),
    }),
    input('manager', { type: 'users_select' }),
    input('contact', { type: 'email_text_input' }, true),
  ],
});

let api: FakeSlackApi;
let app: App;
let slack: SignedClient;
const submitted: Array<Record<string, Record<string, ViewStateValue>>> = [];
const closed: string[] = [];
const aminah = { id: 'U0AMINAH', name: 'aminah' };

beforeAll(async () => {
  api = await startFakeSlackApi();
  const { logger } = createQuietLogger();
  const clientOptions = { slackApiUrl: api.url, retryConfig: { retries: 0 } };
  app = new App({ token: WORKSPACE.botToken, signingSecret: WORKSPACE.signingSecret, logger, clientOptions });
  app.command('/changerequest', async ({ ack, command, client }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: modal(command.text) as never });
  });
  app.view('change_request', async ({ ack, view, client }) => {
    const values = view.state.values;
    if (values.contact?.value?.value === 'bad@example.invalid') {
      return ack({ response_action: 'errors', errors: { contact: 'Alamat tidak sah' } });
    }
    await ack();
    submitted.push(values);
    const button = { type: 'button', action_id: 'approve', text: plain('Lulus'), value: 'CR-1' };
    await client.chat.postMessage({
      channel: 'C0APPROVE',
      text: 'CR-1',
      blocks: [{ type: 'actions', block_id: 'decide', elements: [button] }] as never,
    });
  });
  app.view({ callback_id: 'change_request', type: 'view_closed' }, async ({ ack, view }) => {
    await ack();
    closed.push(view.id);
  });
  app.action('approve', async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.channel || !body.message) return;
    await client.chat.update({
      channel: body.channel.id,
      ts: body.message.ts,
      text: 'CR-1 approved',
      blocks: [],
    });
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
  slack = createSignedClient({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
  });
});
afterAll(async () => {
  await app.stop();
  await api.close();
});

describe('Bolt over HTTP, between the signed client and the fake Web API', () => {
  it('acks a slash command and opens the modal while its trigger is fresh', async () => {
    const command = slashCommand({ command: '/changerequest', text: 'Tukar MX ke mx2', user: aminah });
    await expect(slack.command(command)).resolves.toMatchObject({ status: 200 });
    await expect.poll(() => api.callsTo('views.open').length).toBe(1);
    const call = api.callsTo('views.open')[0]!;
    expect(call).toMatchObject({ status: 200, answer: { ok: true } });
    expect(call.at - triggerMintedAt(command.trigger_id)!).toBeLessThan(3000);
  });

  it('submits the opened modal with typed values, initial values and nulls where Slack puts them', async () => {
    const view = api.view((api.callsTo('views.open')[0]!.answer!.view as { id: string }).id)!;
    const values = {
      type: { value: field.select('mx_change') },
      when: { value: field.dateTime(1_767_225_600) },
      manager: { value: field.user('U0MANAGER') },
    };
    await expect(slack.interaction(viewSubmission({ view, user: aminah, values }))).resolves.toMatchObject({
      status: 200,
    });
    expect(submitted[0]).toEqual({
      type: {
        value: { type: 'static_select', selected_option: { text: plain('Tukar MX'), value: 'mx_change' } },
      },
      when: { value: { type: 'datetimepicker', selected_date_time: 1_767_225_600 } },
      description: { value: { type: 'plain_text_input', value: 'Tukar MX ke mx2' } },
      manager: { value: { type: 'users_select', selected_user: 'U0MANAGER' } },
      contact: { value: { type: 'email_text_input', value: null } },
    });
    const bad = { ...values, contact: { value: field.email('bad@example.invalid') } };
    const refused = await slack.interaction(viewSubmission({ view, user: aminah, values: bad }));
    expect(refused.json).toEqual({ response_action: 'errors', errors: { contact: 'Alamat tidak sah' } });
  });

  it('clicks the button on the card the bot posted, and sees the card updated', async () => {
    await expect.poll(() => api.callsTo('chat.postMessage').length).toBe(1);
    const ts = api.callsTo('chat.postMessage')[0]!.answer!.ts as string;
    const click = blockActions({
      user: { id: 'U0APPROVER' },
      actionId: 'approve',
      from: { message: api.message('C0APPROVE', ts)! },
    });
    expect(click.actions[0]).toMatchObject({
      action_id: 'approve',
      block_id: 'decide',
      value: 'CR-1',
      type: 'button',
    });
    await expect(slack.interaction(click)).resolves.toMatchObject({ status: 200 });
    await expect.poll(() => api.message('C0APPROVE', ts)?.text).toBe('CR-1 approved');
  });

  it('tells the app a modal was closed when it asked to be told', async () => {
    const view = api.view((api.callsTo('views.open')[0]!.answer!.view as { id: string }).id)!;
    await expect(slack.interaction(viewClosed({ view, user: aminah }))).resolves.toMatchObject({
      status: 200,
    });
    expect(closed).toEqual([view.id]);
  });

  it('answers the url_verification challenge and App Home opens', async () => {
    const challenge = urlVerification();
    await expect(slack.event(challenge)).resolves.toMatchObject({
      status: 200,
      json: { challenge: challenge.challenge },
    });
    await expect(slack.event(appHomeOpened({ user: aminah.id }))).resolves.toMatchObject({ status: 200 });
    await expect.poll(() => api.homeOf(aminah.id)?.type).toBe('home');
  });

  it('refuses forged, stale and malformed requests before any listener runs', async () => {
    const before = api.calls.length;
    const command = () => slashCommand({ command: '/changerequest', user: aminah });
    await expect(slack.command(command(), { signature: 'bad' })).resolves.toMatchObject({ status: 401 });
    await expect(slack.command(command(), { timestamp: 'stale' })).resolves.toMatchObject({ status: 401 });
    await expect(slack.event(urlVerification(), { malformed: true })).resolves.toMatchObject({ status: 400 });
    expect(api.calls.length).toBe(before);
  });
});
