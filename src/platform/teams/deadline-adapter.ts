import {
  type AuthConfiguration,
  CloudAdapter,
  ConnectorClient,
  HttpClient,
  type HttpRequestConfig,
  type HttpResponse,
  OutboundHostValidator,
} from '@microsoft/agents-hosting';

// The Agents SDK (1.8) sends connector calls with fetch and no deadline: a connector that never answers
// would hold the outbox's delivery, and a turn, until the socket closes. ConnectorClient takes no timeout,
// so the adapter hands it an HttpClient that adds one to every request (same base URL and headers, the
// token included, as ConnectorClient.createClientWithToken sets them).

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

export function withDeadline(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const http = new DeadlineHttpClient(
    { baseURL: client.httpClient.baseURL, headers: client.httpClient.defaultHeaders },
    timeoutMs,
  );
  return new DeadlineConnectorClient(http);
}

type WithIdentity = CloudAdapter['createConnectorClientWithIdentity'];

export class DeadlineCloudAdapter extends CloudAdapter {
  readonly #timeoutMs: number;

  /**
   * `checkServiceUrl` false only for the local playground, whose connector is on loopback (the SDK's
   * outbound host check allows Microsoft's service URLs only).
   */
  constructor(authConfig: AuthConfiguration, options: { timeoutMs: number; checkServiceUrl: boolean }) {
    super(
      authConfig,
      undefined,
      undefined,
      undefined,
      options.checkServiceUrl ? undefined : new OutboundHostValidator({ enabled: false }),
    );
    this.#timeoutMs = options.timeoutMs;
  }

  protected override async createConnectorClientWithIdentity(
    ...args: Parameters<WithIdentity>
  ): ReturnType<WithIdentity> {
    return withDeadline(await super.createConnectorClientWithIdentity(...args), this.#timeoutMs);
  }
}
