import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPModuleFunctions, isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpened, urlVerification } from '../support/slack/event-payloads.ts';
import { createSignedClient, slackSignature } from '../support/slack/signed-client.ts';
import { slashCommand } from '../support/slack/slash-command.ts';
import { triggerMintedAt } from '../support/slack/trigger-id.ts';
import { WORKSPACE } from '../support/slack/workspace.ts';

// The signed client against Bolt 5's own request pipeline: HTTPModuleFunctions.parseAndVerifyHTTPRequest
// (which calls the exported verifySlackRequest) and parseHTTPRequestBody, the two steps HTTPReceiver runs
// before dispatching. What passes here passes Bolt; what Bolt refuses, it refuses with the same error.

let server: Server;
let client: ReturnType<typeof createSignedClient>;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const reply = (status: number, body: object) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
        { signingSecret: WORKSPACE.signingSecret },
        req,
      );
    } catch (error) {
      return reply(401, { refused: (error as Error).message });
    }
    try {
      const retry = HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req);
      reply(200, { body: HTTPModuleFunctions.parseHTTPRequestBody(buffered), retry });
    } catch (error) {
      reply(400, { malformed: (error as Error).message });
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  client = createSignedClient({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
  });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const aminah = { id: 'U0AMINAH', name: 'aminah' };

describe('signed client', () => {
  it('signs exactly as verifySlackRequest expects', () => {
    const body = 'token=x&command=%2Fchangerequest';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = slackSignature(WORKSPACE.signingSecret, timestamp, body);
    const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp };
    expect(() => verifySlackRequest({ signingSecret: WORKSPACE.signingSecret, body, headers })).not.toThrow();
    expect(isValidSlackRequest({ signingSecret: 'another-secret', body, headers })).toBe(false);
    expect(
      isValidSlackRequest({ signingSecret: WORKSPACE.signingSecret, body: `${body}&x=1`, headers }),
    ).toBe(false);
  });

  it('sends a slash command Bolt parses back field for field', async () => {
    const command = slashCommand({ command: '/changerequest', text: 'Tukar rekod MX', user: aminah });
    const response = await client.command(command);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ body: command });
    expect(triggerMintedAt(command.trigger_id)).toBeLessThanOrEqual(Date.now());
  });

  it('sends interactivity as a form field holding JSON, and events as JSON', async () => {
    const payload = { type: 'block_actions', user: { id: aminah.id }, actions: [] };
    await expect(client.interaction(payload)).resolves.toMatchObject({
      status: 200,
      json: { body: payload },
    });
    const event = appHomeOpened({ user: aminah.id });
    await expect(client.event(event)).resolves.toMatchObject({ status: 200, json: { body: event } });
    expect(event.event).toMatchObject({
      type: 'app_home_opened',
      user: aminah.id,
      channel: 'D0AMINAH',
      tab: 'home',
    });
  });

  it('carries the url_verification challenge', async () => {
    const challenge = urlVerification();
    const response = await client.event(challenge);
    expect(response.json).toEqual({
      body: { token: WORKSPACE.verificationToken, challenge: challenge.challenge, type: 'url_verification' },
    });
  });

  it('forges a signature Bolt refuses as a mismatch', async () => {
    const response = await client.command(slashCommand({ command: '/changerequest', user: aminah }), {
      signature: 'bad',
    });
    expect(response).toMatchObject({
      status: 401,
      json: { refused: expect.stringContaining('signature mismatch') },
    });
  });

  it('sends a request older than five minutes, which Bolt refuses as stale', async () => {
    const response = await client.event(urlVerification(), { timestamp: 'stale' });
    expect(response).toMatchObject({ status: 401, json: { refused: expect.stringContaining('stale') } });
  });

  it('can leave the signature headers out', async () => {
    const response = await client.event(urlVerification(), { signature: 'missing' });
    expect(response).toMatchObject({
      status: 401,
      json: { refused: expect.stringContaining('x-slack-signature') },
    });
  });

  it('sends a correctly signed but malformed body, which only the parser refuses', async () => {
    const response = await client.interaction(
      { type: 'view_submission', view: { id: 'V1' } },
      { malformed: true },
    );
    expect(response).toMatchObject({ status: 400, json: { malformed: expect.stringContaining('JSON') } });
  });

  it('marks Events API redeliveries with Slack retry headers', async () => {
    const response = await client.event(appHomeOpened({ user: aminah.id }), {
      retry: { num: 2, reason: 'http_timeout' },
    });
    expect(response.json).toMatchObject({ retry: 2 });
  });
});
