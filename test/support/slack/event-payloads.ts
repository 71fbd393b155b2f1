import { randomBytes } from 'node:crypto';
import type { EnvelopedEvent, types } from '@slack/bolt';
import type { StoredView } from './fake-web-api-state.ts';
import { slackTs } from './payload-parts.ts';
import { WORKSPACE } from './workspace.ts';

// Events API bodies, posted as application/json (https://docs.slack.dev/apis/events-api/).

// Sent once when the Request URL is saved; the app must echo `challenge`.
export function urlVerification(challenge = randomBytes(24).toString('base64url')) {
  return { token: WORKSPACE.verificationToken, challenge, type: 'url_verification' as const };
}

// https://docs.slack.dev/reference/events/app_home_opened: `view` is present once a Home was published.
export function appHomeOpened(input: {
  user: string;
  tab?: 'home' | 'messages';
  view?: StoredView;
}): EnvelopedEvent<types.AppHomeOpenedEvent> {
  const now = Date.now();
  const event: types.AppHomeOpenedEvent = {
    type: 'app_home_opened',
    user: input.user,
    channel: `D${input.user.slice(1)}`,
    tab: input.tab ?? 'home',
    event_ts: slackTs(now),
    ...(input.view ? { view: input.view as unknown as types.View } : {}),
  };
  return {
    token: WORKSPACE.verificationToken,
    team_id: WORKSPACE.teamId,
    api_app_id: WORKSPACE.appId,
    event,
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(now / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: WORKSPACE.teamId,
        user_id: WORKSPACE.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('base64url')}`,
  };
}
