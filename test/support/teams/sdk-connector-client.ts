import { ConnectorClient, HttpError } from '@microsoft/agents-hosting';
import { withDeadline } from '../../../src/platform/teams/deadline-adapter.ts';

// The Agents SDK's own ConnectorClient pointed at a connector URL, optionally with the deadline the
// production adapter adds (src/platform/teams/deadline-adapter.ts: the SDK itself has none).

export function sdkConnectorClient(serviceUrl: string, options: { token?: string; timeoutMs?: number } = {}) {
  const plain = ConnectorClient.createClientWithToken(serviceUrl, options.token ?? '');
  return options.timeoutMs === undefined ? plain : withDeadline(plain, options.timeoutMs);
}

// The HttpError a refused call raises, reduced to what a Teams adapter would branch on.
export function connectorErrorOf(call: Promise<unknown>) {
  return call.then(
    () => {
      throw new Error('expected the connector to refuse the call');
    },
    (error: unknown) => {
      if (!(error instanceof HttpError)) throw error;
      return { status: error.status, data: error.response.data, message: error.message };
    },
  );
}
