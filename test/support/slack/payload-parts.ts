import { WORKSPACE } from './workspace.ts';

// Pieces every inbound payload shares (https://docs.slack.dev/reference/interaction-payloads).

export interface SlackUserRef {
  id: string;
  name?: string;
}

// A response_url that points at a closed loopback port: a test that forgets to pass the fake's
// responseUrl() fails loudly instead of reaching hooks.slack.com.
export const UNSET_RESPONSE_URL = 'http://127.0.0.1:9/hooks/unset';

export const team = () => ({ id: WORKSPACE.teamId, domain: WORKSPACE.teamDomain });

export function userOf(user: SlackUserRef) {
  const name = user.name ?? user.id.toLowerCase();
  return { id: user.id, username: name, name, team_id: WORKSPACE.teamId };
}

// Action and event timestamps look like message timestamps: "<unix seconds>.<6 digits>".
export function slackTs(atMs: number = Date.now()) {
  return `${Math.floor(atMs / 1000)}.${String((atMs % 1000) * 1000).padStart(6, '0')}`;
}
