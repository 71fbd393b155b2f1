import { CHANNEL_PURPOSES, type ChannelPurpose, type Config } from '../../config/index.ts';

// The chat workspace the local playground plays (DESIGN.md, "Local playground"): one Microsoft 365 tenant
// with one team whose channels are the configuration's `channels.local`, and every configured person as a
// Teams user with a personal chat with the bot. Ids have Teams' shapes
// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-basics):
// `28:` the bot, `29:` a user, `a:` a personal chat, `19:…@thread.tacv2` a channel, so the bot's Teams code
// path runs unchanged. A person the configuration already gives a Teams (Entra object) id keeps it.

export const PLAYGROUND_TENANT = '00000000-0000-4000-8000-00006d61696c';
// The app id the Teams adapter uses when it runs without credentials (teams-adapter.ts).
export const PLAYGROUND_BOT = { id: '28:mailops-local', name: 'mailops' } as const;
export const PLAYGROUND_TEAM = { id: '19:playground-team@thread.tacv2', name: 'mailops' } as const;

export interface PlaygroundPerson {
  readonly id: string;
  readonly name: string;
  /** The Teams user id (29:…) activities carry in `from.id`. */
  readonly teamsId: string;
  /** The Entra object id the configuration's `people[].teams` names. */
  readonly aadObjectId: string;
  /** This person's personal chat with the bot. */
  readonly chat: string;
}

export interface PlaygroundChannel {
  readonly purpose: ChannelPurpose;
  readonly id: string;
}

export interface Workspace {
  readonly people: readonly PlaygroundPerson[];
  readonly channels: readonly PlaygroundChannel[];
  person(id: string): PlaygroundPerson | undefined;
  /** The person behind a Teams user id or an Entra object id. */
  byTeamsId(id: string): PlaygroundPerson | undefined;
  channel(id: string): PlaygroundChannel | undefined;
}

export function playgroundWorkspace(config: Config): Workspace {
  const people = config.people.map((p) => ({
    id: p.id,
    name: p.name,
    teamsId: `29:playground-${p.id}`,
    aadObjectId: p.teams ?? `playground-${p.id}`,
    chat: `a:playground-${p.id}`,
  }));
  const local = config.channels.local;
  const channels = CHANNEL_PURPOSES.flatMap((purpose) => {
    const name = local[purpose];
    return name ? [{ purpose, id: `19:playground-${name}@thread.tacv2` }] : [];
  });
  return {
    people,
    channels,
    person: (id) => people.find((p) => p.id === id),
    byTeamsId: (id) => people.find((p) => p.teamsId === id || p.aadObjectId === id),
    channel: (id) => channels.find((c) => c.id === id),
  };
}

/**
 * The configuration the bot runs with in the playground: every person reachable in Teams by the
 * workspace's ids, and the Teams channels named after the playground's.
 */
export function withPlaygroundIdentities(config: Config, workspace: Workspace): Config {
  return {
    ...config,
    people: config.people.map((p) => ({ ...p, teams: workspace.person(p.id)!.aadObjectId })),
    channels: {
      ...config.channels,
      teams: Object.fromEntries(workspace.channels.map((c) => [c.purpose, c.id])),
    },
  };
}
