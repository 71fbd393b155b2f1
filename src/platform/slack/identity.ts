import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../../flows/types.ts';
import type { Directory, Person } from '../../directory/directory.ts';
import type { Locale } from '../../i18n/index.ts';
import { normalizeLocale } from '../../i18n/locale.ts';

// Who a Slack user is to the procedures, and which language to answer them in. People are matched by the
// Slack member id the configuration names; anyone else acts with no role and is told whom to ask.
// Language: for anyone the configuration names, their configured locale (or MAILOPS_DEFAULT_LOCALE),
// everywhere — in replies and modals as in the DMs and cards the outbox sends, so one person never sees
// two languages. Slack offers no Malay interface, so an English Slack says nothing about the language a
// Malaysian officer prefers; "English on request" is a line in the configuration. Only people the
// configuration does not know are answered in their Slack locale (users.info include_locale).

export interface SlackUser {
  readonly slackId: string;
  readonly person: Person | undefined;
  readonly actor: Actor;
  readonly locale: Locale;
}

const LOCALE_TTL_MS = 60 * 60_000;

export function createSlackIdentity(client: WebClient, directory: Directory) {
  const locales = new Map<string, { locale: Locale; until: number }>();

  async function slackLocale(userId: string, fallback: Locale, chosen: boolean): Promise<Locale> {
    if (chosen) return fallback;
    const cached = locales.get(userId);
    if (cached && cached.until > Date.now()) return cached.locale;
    try {
      const res = await client.users.info({ user: userId, include_locale: true });
      const locale = normalizeLocale((res.user as { locale?: string } | undefined)?.locale, fallback);
      locales.set(userId, { locale, until: Date.now() + LOCALE_TTL_MS });
      return locale;
    } catch {
      // The language is a courtesy: a failed lookup must not stop the person from acting.
      return fallback;
    }
  }

  function who(slackId: string, displayName?: string) {
    const person = directory.byIdentity('slack', slackId);
    const actor = person
      ? directory.actor(person.id)
      : { id: `slack:${slackId}`, name: displayName ?? slackId, roles: [] };
    return {
      person,
      actor,
      fallback: person?.locale ?? directory.defaultLocale,
      chosen: person !== undefined,
    };
  }

  return {
    async resolve(slackId: string, displayName?: string): Promise<SlackUser> {
      const { person, actor, fallback, chosen } = who(slackId, displayName);
      return { slackId, person, actor, locale: await slackLocale(slackId, fallback, chosen) };
    },
    /**
     * Without waiting for Slack: a slash command must open its modal within the trigger's 3 seconds, so
     * the language comes from the cache (or the configuration) and the lookup refreshes it for next time.
     */
    resolveNow(slackId: string, displayName?: string): SlackUser {
      const { person, actor, fallback, chosen } = who(slackId, displayName);
      if (chosen) return { slackId, person, actor, locale: fallback };
      const cached = locales.get(slackId);
      if (!cached || cached.until <= Date.now()) void slackLocale(slackId, fallback, false);
      return { slackId, person, actor, locale: cached?.locale ?? fallback };
    },
    personOfSlackId(slackId: string): string | undefined {
      return directory.byIdentity('slack', slackId)?.id;
    },
  };
}

export type SlackIdentity = ReturnType<typeof createSlackIdentity>;
