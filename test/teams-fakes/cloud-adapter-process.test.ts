import { CloudAdapter, OutboundHostValidator, type WebResponse } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import { messageActivity } from '../support/teams/activities.ts';
import { TENANT } from '../support/teams/tenant.ts';

// CloudAdapter.process with no HTTP server at all, to pin down the contract serve-adapter.ts (and the
// production glue) relies on: what process() calls on the response, and what it does not do by itself.

function recordingResponse() {
  const calls: string[] = [];
  let ended = false;
  const record = (entry: string) => {
    calls.push(entry);
    return response;
  };
  const response: WebResponse = {
    get headersSent() {
      return ended;
    },
    get writableEnded() {
      return ended;
    },
    status: (code) => record(`status ${code}`),
    setHeader: (name, value) => record(`setHeader ${name}: ${value}`),
    send: (body) => record(`send ${JSON.stringify(body)}`),
    end: () => {
      ended = true;
      return record('end');
    },
  };
  return { response, calls };
}

const adapter = () =>
  new CloudAdapter(
    { clientId: TENANT.appId, tenantId: TENANT.tenantId },
    undefined,
    undefined,
    undefined,
    new OutboundHostValidator({ enabled: false }),
  );

// No connector is reached: these turns send nothing, or only an invoke response.
const serviceUrl = 'http://127.0.0.1:9/';
const message = () => messageActivity({ serviceUrl, from: TENANT.users.aminah, text: 'status' });

describe('CloudAdapter.process called directly', () => {
  it('does no authentication itself: without authorizeRequest first, a tokenless request runs its turn', async () => {
    const { response, calls } = recordingResponse();
    let ran = false;
    await adapter().process({ body: message(), headers: {}, method: 'POST' }, response, async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(calls).toEqual(['status 200', 'end']);
  });

  it('answers an invoke with status, the JSON content type, send, then end', async () => {
    const { response, calls } = recordingResponse();
    const invoke = { ...message(), type: 'invoke', name: 'adaptiveCard/action', text: undefined };
    await adapter().process({ body: invoke, headers: {}, method: 'POST' }, response, async (context) => {
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: { statusCode: 200 } },
      } as never);
    });
    expect(calls).toEqual([
      'status 200',
      'setHeader content-type: application/json',
      'send {"statusCode":200}',
      'end',
    ]);
  });

  it('answers 501 to an invoke no handler answered, and throws on a body that is no activity', async () => {
    const { response, calls } = recordingResponse();
    const invoke = { ...message(), type: 'invoke', name: 'task/fetch', text: undefined };
    await adapter().process({ body: invoke, headers: {}, method: 'POST' }, response, async () => {});
    expect(calls).toEqual(['status 501', 'setHeader content-type: application/json', 'end']);
    await expect(
      adapter().process({ headers: {}, method: 'POST' }, response, async () => {}),
    ).rejects.toThrow('request.body');
    await expect(
      adapter().process({ body: {}, headers: {}, method: 'POST' }, response, async () => {}),
    ).rejects.toMatchObject({ name: 'ZodError' });
  });
});
