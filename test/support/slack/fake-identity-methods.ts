import {
  type ApiAnswer,
  type Args,
  type FakeWorkspaceState,
  fail,
  isTrue,
  USER_ID,
} from './fake-web-api-state.ts';
import { WORKSPACE } from './workspace.ts';

// auth.test, users.info and apps.connections.open (https://docs.slack.dev/reference/methods/<method>).
// Bolt calls auth.test while `new App()` runs (single-workspace token verification), so it must answer
// from the first request. users.info only carries `locale` when asked with include_locale.

const DEFAULT_LOCALE = 'ms-MY';

function authTest(): ApiAnswer {
  return {
    ok: true,
    url: `https://${WORKSPACE.teamDomain}.slack.com/`,
    team: WORKSPACE.teamName,
    user: 'mailops',
    team_id: WORKSPACE.teamId,
    user_id: WORKSPACE.botUserId,
    bot_id: WORKSPACE.botId,
    is_enterprise_install: false,
  };
}

function usersInfo(args: Args, state: FakeWorkspaceState): ApiAnswer {
  if (typeof args.user !== 'string')
    return fail('invalid_arguments', ['[ERROR] missing required field: user']);
  if (!USER_ID.test(args.user)) return fail('user_not_found');
  const profile = state.users.get(args.user) ?? {};
  const realName = profile.realName ?? args.user;
  return {
    ok: true,
    user: {
      id: args.user,
      team_id: WORKSPACE.teamId,
      name: realName.toLowerCase().replace(/\W+/g, '.'),
      deleted: false,
      real_name: realName,
      tz: 'Asia/Kuala_Lumpur',
      tz_label: 'Malaysia Time',
      tz_offset: 28_800,
      profile: { real_name: realName, display_name: realName },
      is_bot: false,
      ...(isTrue(args.include_locale) ? { locale: profile.locale ?? DEFAULT_LOCALE } : {}),
    },
  };
}

// Without a Socket Mode server to hand out, the app behaves as one whose Socket Mode is off.
export function identityMethods(socketMode?: { issueUrl(): string }) {
  return {
    'auth.test': authTest,
    'users.info': usersInfo,
    'apps.connections.open': (): ApiAnswer =>
      socketMode ? { ok: true, url: socketMode.issueUrl() } : fail('access_denied'),
  };
}
