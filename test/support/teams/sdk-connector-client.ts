import {
  ConnectorClient,
  HttpClient,
  HttpError,
  type HttpRequestConfig,
  type HttpResponse,
} from '@microsoft/agents-hosting';

// The Agents SDK's own ConnectorClient pointed at a connector URL, built the way
// ConnectorClient.createClientWithToken builds it (same default headers), with what the SDK lacks: a
// deadline. The SDK passes no AbortSignal, so a connector that never answers holds the call (and the turn,
// and Teams' HTTP request to the bot) until the socket closes. ConnectorClient has no option for it; an
// HttpClient that adds AbortSignal.timeout to every request bounds it.

class DeadlineHttpClient extends HttpClient {
  readonly #timeoutMs: number;

  constructor(options: ConstructorParameters<typeof HttpClient>[0], timeoutMs: number) {
    super(options);
    this.#timeoutMs = timeoutMs;
  }

  override request<T = unknown>(config: HttpRequestConfig): Promise<HttpResponse<T>> {
    return super.request<T>({ ...config, signal: config.signal ?? AbortSignal.timeout(this.#timeoutMs) });
  }
}

class DeadlineConnectorClient extends ConnectorClient {
  constructor(httpClient: HttpClient) {
    super(httpClient);
  }
}

export function sdkConnectorClient(serviceUrl: string, options: { token?: string; timeoutMs?: number } = {}) {
  const plain = ConnectorClient.createClientWithToken(serviceUrl, options.token ?? '');
  if (options.timeoutMs === undefined) return plain;
  const http = new DeadlineHttpClient(
    { baseURL: serviceUrl, headers: plain.httpClient.defaultHeaders },
    options.timeoutMs,
  );
  return new DeadlineConnectorClient(http);
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
