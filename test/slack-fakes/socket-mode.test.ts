import { App, type SlashCommand, SocketModeReceiver } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appHomeOpened } from '../support/slack/event-payloads.ts';
import { type FakeSocketMode, startFakeSocketMode } from '../support/slack/fake-socket-mode.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../support/slack/fake-web-api.ts';
import { createQuietLogger } from '../support/slack/quiet-logger.ts';
import { slashCommand } from '../support/slack/slash-command.ts';
import { WORKSPACE } from '../support/slack/workspace.ts';

// Bolt 5 in Socket Mode (its SocketModeReceiver drives @slack/socket-mode's SocketModeClient) against the
// fake Socket Mode server, reached through the fake Web API's apps.connections.open.

let socket: FakeSocketMode;
let api: FakeSlackApi;
let app: App;
const commands: SlashCommand[] = [];

beforeEach(async () => {
  socket = await startFakeSocketMode();
  api = await startFakeSlackApi({ socketMode: socket });
  const { logger } = createQuietLogger();
  // Without retryConfig the Socket Mode client gives itself 100 retries of apps.connections.open.
  const clientOptions = { slackApiUrl: api.url, retryConfig: { retries: 0 } };
  // A short ping timeout also shortens the client's reconnect delay (timeout × consecutive failures).
  const receiver = new SocketModeReceiver({
    appToken: WORKSPACE.appToken,
    logger,
    clientPingTimeout: 300,
    installerOptions: { clientOptions },
  });
  app = new App({ token: WORKSPACE.botToken, receiver, logger, clientOptions });
  app.command('/changerequest', async ({ ack, command }) => {
    commands.push(command);
    await ack(command.text === 'help' ? 'Usage: /changerequest [description]' : undefined);
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
  });
  app.action('approve', async ({ ack }) => ack());
  await app.start();
});
afterEach(async () => {
  await app.stop();
  await Promise.all([socket.close(), api.close()]);
  commands.length = 0;
});

describe('fake Socket Mode server', () => {
  it('is found through apps.connections.open with the app-level token and greets with hello first', async () => {
    expect(api.callsTo('apps.connections.open')).toEqual([
      expect.objectContaining({ tokenKind: 'app', status: 200 }),
    ]);
    expect(socket.traffic[0]).toMatchObject({
      direction: 'sent',
      message: { type: 'hello', num_connections: 1, connection_info: { app_id: WORKSPACE.appId } },
    });
    expect(socket.openConnections).toBe(1);
  });

  it('delivers a slash command envelope and returns the ack Bolt sends on the same socket', async () => {
    const command = slashCommand({ command: '/changerequest', text: 'Tukar MX', user: { id: 'U0AMINAH' } });
    const ack = await socket.deliver('slash_commands', command);
    expect(ack).toMatchObject({ envelope_id: expect.any(String), payload: {} });
    expect(ack.afterMs).toBeLessThan(3000);
    expect(commands).toEqual([command]);
  });

  it('carries a response payload in the ack when the envelope accepts one', async () => {
    const ack = await socket.deliver(
      'slash_commands',
      slashCommand({ command: '/changerequest', text: 'help', user: { id: 'U0AMINAH' } }),
    );
    expect(ack.payload).toEqual({ text: 'Usage: /changerequest [description]' });
  });

  it('delivers Events API envelopes, acked before the listener finishes its Web API work', async () => {
    const ack = await socket.deliver('events_api', appHomeOpened({ user: 'U0AMINAH' }));
    expect(ack.envelope_id).toEqual(expect.any(String));
    await expect.poll(() => api.homeOf('U0AMINAH')?.type).toBe('home');
  });

  it('rejects when nobody acks in time', async () => {
    const unhandled = { type: 'block_actions', actions: [{ action_id: 'nobody-listens', type: 'button' }] };
    await expect(socket.deliver('interactive', unhandled, { ackTimeoutMs: 300 })).rejects.toThrow(/no ack/);
  });

  it('sends disconnect, after which the client opens a fresh connection with a new URL', async () => {
    socket.disconnect('refresh_requested');
    await socket.waitForConnections(2);
    expect(api.callsTo('apps.connections.open')).toHaveLength(2);
    expect(socket.traffic).toContainEqual(
      expect.objectContaining({ message: expect.objectContaining({ type: 'disconnect' }) }),
    );
    await expect.poll(() => socket.openConnections).toBe(1);
    // A round trip on the new socket: the client has handled its hello. Stopping Bolt before that leaves
    // @slack/socket-mode 3.1's reconnect promise rejected with nobody listening (an unhandled rejection).
    const command = slashCommand({ command: '/changerequest', user: { id: 'U0AMINAH' } });
    await expect(socket.deliver('slash_commands', command)).resolves.toMatchObject({ payload: {} });
  });

  it('accepts each connection URL once, as Slack tickets are single-use', async () => {
    const url = socket.issueUrl();
    const first = new WebSocket(url);
    await new Promise((resolve) => first.once('message', resolve));
    const second = new WebSocket(url);
    const refused = await new Promise((resolve) =>
      second.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
    );
    expect(refused).toBe(401);
    first.close();
  });
});
