import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthConfiguration, TurnContext } from '@microsoft/agents-hosting';
import type { TeamsCredentials } from '../../config/types.ts';
import { type Route, sendJson } from '../../http/server.ts';
import type { ChatPlatform } from '../port.ts';
import { DeadlineCloudAdapter } from './deadline-adapter.ts';
import { processActivityRequest } from './http-glue.ts';
import { handleTurn, type TeamsContext } from './on-turn.ts';
import { createTeamsPlatform } from './teams-platform.ts';

// The Teams adapter (DESIGN.md, "Chat platforms"): the Microsoft 365 Agents SDK, the maintained successor
// of the archived Bot Framework SDK, on our own server's POST /api/messages. With credentials every
// request must carry a Bot Framework token for this app (401 otherwise); without them the adapter runs
// anonymous, which the SDK allows only outside production, for the local playground and tests.

export interface TeamsAdapter {
  readonly platform: ChatPlatform;
  readonly routes: readonly Route[];
}

/**
 * The one channel an adapter without credentials serves (the local playground). No Bot Framework token says
 * who sent an activity, so the channel vouches for each request, and only its connector may be the serviceUrl.
 */
export interface TrustedChannel {
  readonly serviceUrl: () => string;
  /** False once it has answered a request it refuses. */
  readonly admits: (req: IncomingMessage, res: ServerResponse) => boolean;
}

// Teams waits about 15 s for a bot's answer to an invoke; a connector call gets a third of it.
const CONNECTOR_TIMEOUT_MS = 5000;

export function createTeamsAdapter(
  credentials: TeamsCredentials | null,
  deps: Omit<TeamsContext, 'adapter' | 'reports'>,
  channel?: TrustedChannel,
): TeamsAdapter {
  const authConfig: AuthConfiguration = credentials
    ? {
        clientId: credentials.clientId.reveal(),
        clientSecret: credentials.clientSecret.reveal(),
        tenantId: credentials.tenantId.reveal(),
      }
    : {};
  const adapter = new DeadlineCloudAdapter(authConfig, {
    timeoutMs: CONNECTOR_TIMEOUT_MS,
    checkServiceUrl: credentials !== null,
  });
  // The SDK's default posts "The agent encountered an error or bug." into the chat; ours logs with a
  // reference id instead (the per-action boundary in on-turn.ts tells the person).
  adapter.onTurnError = async (_context, error) => {
    deps.logger.error('teams turn failed', { error });
  };
  const platform = createTeamsPlatform({
    adapter,
    botAppId: credentials?.clientId.reveal() ?? 'mailops-local',
    db: deps.db,
    directory: deps.directory,
  });
  const reports = {
    name: platform.name,
    postReport: platform.postReport!,
    updateReport: platform.updateReport!,
  };
  const ctx: TeamsContext = { ...deps, adapter, reports };
  // With credentials the token names the sender and the SDK checks the serviceUrl; a trusted channel only
  // stands in for them when there are none.
  const trusted = credentials ? undefined : channel;

  // SSRF and hijack: an anonymous activity naming another serviceUrl would have the bot post its answer
  // there, and keep that address as the person's conversation reference, so every later card for them
  // (an approval, a closure) would go to whoever sent it. Refused before the turn stores anything. The SDK
  // answers 200 to a turn that returns; it leaves a response already finished alone (CloudAdapter.process).
  async function turn(context: TurnContext, res: ServerResponse): Promise<void> {
    const serviceUrl = context.activity.serviceUrl;
    if (trusted && serviceUrl !== trusted.serviceUrl()) {
      deps.logger.warn('teams: refused an activity for another connector than the playground', {
        serviceUrl,
        expected: trusted.serviceUrl(),
        type: context.activity.type,
      });
      return sendJson(res, 403, { error: 'serviceUrl is not the playground connector' });
    }
    await handleTurn(ctx, context);
  }

  return {
    platform,
    routes: [
      {
        method: 'POST',
        path: '/api/messages',
        handler: async (req, res) => {
          if (trusted && !trusted.admits(req, res)) return;
          await processActivityRequest(adapter, (context) => turn(context, res), req, res);
        },
      },
    ],
  };
}
