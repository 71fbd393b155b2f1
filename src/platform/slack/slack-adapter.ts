import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { SlackCredentials } from '../../config/types.ts';
import { ERROR_CODES, MailopsError } from '../../errors.ts';
import type { Route } from '../../http/server.ts';
import type { Logger } from '../../log.ts';
import { createInflight, type Inflight } from '../inflight.ts';
import type { ChatPlatform } from '../port.ts';
import { type AfterAck, createAfterAck } from './after-ack.ts';
import type { SlackContext } from './context.ts';
import { createSlackIdentity } from './identity.ts';
import { createModalOpener } from './modal-opener.ts';
import { registerButtons } from './on-button.ts';
import { registerCommands } from './on-command.ts';
import { registerFormSubmissions } from './on-form-submit.ts';
import { registerFullText } from './on-full-text.ts';
import { registerHome } from './on-home.ts';
import { registerMailtest } from './on-mailtest.ts';
import { createSlackPlatform } from './slack-platform.ts';

// The Slack adapter (DESIGN.md, "Chat platforms"): one Bolt app, one registration point for every
// command, form and button (STYLE.md 7). HTTP mode answers on our own server's POST /slack/events, with
// Bolt checking the request signature; Socket Mode (SLACK_APP_TOKEN) serves agencies without a public
// endpoint. Bolt's client never retries on its own: the outbox retries deliveries, and an interactive
// call that fails is reported at once rather than after Slack's 3-second window has passed.

export interface SlackAdapter {
  readonly platform: ChatPlatform;
  readonly routes: readonly Route[];
  readonly mode: 'http' | 'socket';
  start(): Promise<void>;
  /**
   * Takes no new event from here on (Socket Mode: left unacknowledged, so Slack delivers it again to a
   * replica that is up or after the restart); what is under way goes on. HTTP mode needs nothing: the
   * server stops taking connections.
   */
  pause(): void;
  stop(): Promise<void>;
}

function boltLogger(logger: Logger) {
  const slack = logger.child({ component: 'slack' });
  return {
    debug: (...msg: unknown[]) => slack.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => slack.debug(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => slack.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => slack.error(msg.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/** A command's follow-up counts as work under way from when it is queued, not only once it starts. */
function trackedAfterAck(afterAck: AfterAck, inflight: Inflight): AfterAck {
  return (task) => {
    let finished = () => {};
    inflight.track(
      new Promise<void>((resolve) => {
        finished = resolve;
      }),
    );
    afterAck(() => task().finally(finished));
  };
}

function authFailure(variable: string, method: string, error: unknown, apiUrl: string): MailopsError {
  const reason =
    (error as { data?: { error?: string }; message?: string }).data?.error ?? (error as Error).message;
  return new MailopsError(
    ERROR_CODES.SLACK_AUTH_FAILED,
    `Slack did not accept ${variable} (${method}: ${reason})`,
    {
      hint: `check ${variable} and that ${apiUrl} is reachable from this host`,
    },
  );
}

export async function createSlackAdapter(
  credentials: SlackCredentials,
  deps: Omit<SlackContext, 'client' | 'identity' | 'openModal' | 'afterAck'>,
  inflight: Inflight = createInflight(),
): Promise<SlackAdapter> {
  const logger = boltLogger(deps.logger);
  const clientOptions = {
    slackApiUrl: credentials.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
  const socket = credentials.appToken !== null;
  const receiver = socket
    ? new SocketModeReceiver({
        appToken: credentials.appToken!.reveal(),
        logger,
        installerOptions: { clientOptions: { slackApiUrl: credentials.apiUrl } },
      } as ConstructorParameters<typeof SocketModeReceiver>[0])
    : new HTTPReceiver({
        signingSecret: credentials.signingSecret!.reveal(),
        endpoints: '/slack/events',
        logger,
      });
  const app = new App({
    token: credentials.botToken.reveal(),
    receiver,
    clientOptions,
    logger,
    deferInitialization: true,
  });
  try {
    await app.init();
  } catch (error) {
    throw authFailure('SLACK_BOT_TOKEN', 'auth.test', error, credentials.apiUrl);
  }
  if (socket) {
    // Bolt's Socket Mode client retries a refused apps.connections.open for ever, saying nothing an
    // operator would see; one call of our own turns a wrong or revoked app token into a refusal to start.
    // The URL it hands out is left unused and expires (docs.slack.dev/reference/methods/apps.connections.open).
    try {
      await new WebClient(credentials.appToken!.reveal(), clientOptions).apps.connections.open();
    } catch (error) {
      throw authFailure('SLACK_APP_TOKEN', 'apps.connections.open', error, credentials.apiUrl);
    }
  }
  const ctx: SlackContext = {
    ...deps,
    client: app.client,
    openModal: createModalOpener({
      apiUrl: credentials.apiUrl,
      token: credentials.botToken.reveal(),
      timeoutMs: 10_000,
    }),
    afterAck: trackedAfterAck(createAfterAck({ budgetMs: 2 }), inflight),
    identity: createSlackIdentity(app.client, deps.directory),
  };
  const platform = createSlackPlatform(app.client);
  // Every event's handling, acknowledged or not, counts as work under way until its listener returns (Bolt
  // resolves next() then), whether it came over HTTP or Socket Mode.
  let paused = false;
  app.use(async ({ next }) => {
    if (paused && socket) return;
    await inflight.track(next());
  });
  registerCommands(app, ctx);
  if (deps.mailtest)
    registerMailtest(app, ctx, {
      mailtest: deps.mailtest,
      reports: {
        name: platform.name,
        postReport: platform.postReport!,
        updateReport: platform.updateReport!,
      },
    });
  registerFormSubmissions(app, ctx);
  registerButtons(app, ctx);
  registerHome(app, ctx);
  registerFullText(app, ctx);
  app.error(async (error) => {
    deps.logger.error('slack handler failed', { error: (error as { original?: unknown }).original ?? error });
  });
  return {
    platform,
    mode: socket ? 'socket' : 'http',
    routes: socket
      ? []
      : [
          {
            method: 'POST',
            path: '/slack/events',
            handler: (req, res) => (receiver as HTTPReceiver).requestListener(req, res),
          },
        ],
    async start() {
      if (socket) await app.start();
    },
    pause() {
      paused = true;
    },
    async stop() {
      if (socket) await app.stop();
    },
  };
}
