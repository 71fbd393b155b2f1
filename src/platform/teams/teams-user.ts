import type { TurnContext } from '@microsoft/agents-hosting';
import type { Actor } from '../../../flows/types.ts';
import type { Directory, Person } from '../../directory/directory.ts';
import type { Locale } from '../../i18n/index.ts';
import { normalizeLocale } from '../../i18n/locale.ts';
import { TEAMS } from './conversation-refs.ts';

// Who a Teams user is to the procedures: people are matched by the Entra object id (aadObjectId) the
// configuration names (`people[].teams`). The language rule is Slack's (src/platform/slack/identity.ts):
// a configured person's locale everywhere, the Teams client's locale only for people the configuration
// does not know.

export interface TeamsUser {
  readonly aadObjectId: string | undefined;
  readonly person: Person | undefined;
  readonly actor: Actor;
  readonly locale: Locale;
}

export function teamsUserOf(directory: Directory, activity: TurnContext['activity']): TeamsUser {
  const aadObjectId = activity.from?.aadObjectId ?? undefined;
  const person = aadObjectId ? directory.byIdentity(TEAMS, aadObjectId) : undefined;
  const actor = person
    ? directory.actor(person.id)
    : {
        id: `teams:${aadObjectId ?? activity.from?.id ?? 'unknown'}`,
        name: activity.from?.name ?? '?',
        roles: [],
      };
  const locale = person?.locale ?? normalizeLocale(activity.locale, directory.defaultLocale);
  return { aadObjectId, person, actor, locale };
}
