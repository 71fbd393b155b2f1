import type { AuthConfiguration } from '@microsoft/agents-hosting';
import type { TeamsCredentials } from '../../config/types.ts';
import type { Route } from '../../http/server.ts';
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

// Teams waits about 15 s for a bot's answer to an invoke; a connector call gets a third of it.
const CONNECTOR_TIMEOUT_MS = 5000;

export function createTeamsAdapter(
  credentials: TeamsCredentials | null,
  deps: Omit<TeamsContext, 'adapter' | 'reports'>,
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
  return {
    platform,
    routes: [
      {
        method: 'POST',
        path: '/api/messages',
        handler: (req, res) =>
          processActivityRequest(adapter, (context) => handleTurn(ctx, context), req, res),
      },
    ],
  };
}
