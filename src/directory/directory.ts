import type { Actor, Audience, Role } from '../../flows/types.ts';
import type { Destination } from '../platform/port.ts';

// Who is who, from the configuration file: people with their roles and platform identities, and the
// channels per platform. Role and channel names are configuration, never code (DESIGN.md: MAMPU is now JDN).

export type Locale = 'ms' | 'en';
export type ChannelPurpose = 'approvals' | 'soc' | 'vendor' | 'announcements' | 'service_desk';

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly locale: Locale;
  readonly roles: readonly Role[];
  /** Platform name → that platform's user id. */
  readonly identities: Readonly<Record<string, string>>;
  /** What the paper form asks of them (Section A), so chat forms can be pre-filled. */
  readonly email?: string;
  readonly phone?: string;
  readonly designation?: string;
  readonly unit?: string;
}

export interface Recipient {
  readonly destination: Destination;
  readonly locale: Locale;
}

const ROLE_CHANNEL: Partial<Record<Role, ChannelPurpose>> = {
  approver: 'approvals',
  soc: 'soc',
  vendor: 'vendor',
  service_desk: 'service_desk',
};

export class Directory {
  readonly #people: ReadonlyMap<string, Person>;
  readonly #channels: Readonly<Record<string, Partial<Record<ChannelPurpose, string>>>>;
  readonly #channelLocales: Partial<Record<ChannelPurpose, Locale>>;
  readonly defaultLocale: Locale;

  /**
   * `channelLocales`: the language of a purpose's channel on every platform, for a channel its readers share
   * another language than the default (an outside vendor's); the others speak `defaultLocale`.
   */
  constructor(
    people: readonly Person[],
    channels: Readonly<Record<string, Partial<Record<ChannelPurpose, string>>>>,
    defaultLocale: Locale,
    channelLocales: Partial<Record<ChannelPurpose, Locale>> = {},
  ) {
    this.#people = new Map(people.map((p) => [p.id, p]));
    this.#channels = channels;
    this.#channelLocales = channelLocales;
    this.defaultLocale = defaultLocale;
  }

  #inChannel(channel: string, purpose: ChannelPurpose): Recipient {
    return {
      destination: { kind: 'channel', channel },
      locale: this.#channelLocales[purpose] ?? this.defaultLocale,
    };
  }

  person(id: string): Person | undefined {
    return this.#people.get(id);
  }

  people(): Person[] {
    return [...this.#people.values()];
  }

  /** The actor the flows see. Someone the configuration does not name acts with no roles at all. */
  actor(id: string, fallbackName?: string): Actor {
    const p = this.#people.get(id);
    if (!p) return { id, name: fallbackName ?? id, roles: [] };
    return { id: p.id, name: p.name, roles: p.roles, ...(p.phone ? { phone: p.phone } : {}) };
  }

  /** Finds the person behind a platform user id (a Slack U…, a Teams AAD object id). */
  byIdentity(platform: string, userId: string): Person | undefined {
    for (const p of this.#people.values()) if (p.identities[platform] === userId) return p;
    return undefined;
  }

  withRole(role: Role): Person[] {
    return [...this.#people.values()].filter((p) => p.roles.includes(role));
  }

  /**
   * Resolves an audience on one platform: a role goes to its channel when one is configured, otherwise to
   * each holder of the role directly; a person goes to their identity on that platform. Nobody reachable
   * gives an empty list, which the caller records rather than failing the decision.
   */
  resolve(platform: string, to: Audience): Recipient[] {
    const channels = this.#channels[platform] ?? {};
    if ('channel' in to) {
      const channel = channels.announcements;
      return channel ? [this.#inChannel(channel, 'announcements')] : [];
    }
    if ('person' in to) {
      const p = this.#people.get(to.person);
      const user = p?.identities[platform];
      return p && user ? [{ destination: { kind: 'user', user }, locale: p.locale }] : [];
    }
    const purpose = ROLE_CHANNEL[to.role];
    const channel = purpose ? channels[purpose] : undefined;
    if (purpose && channel) return [this.#inChannel(channel, purpose)];
    return this.withRole(to.role).flatMap((p) => {
      const user = p.identities[platform];
      return user ? [{ destination: { kind: 'user' as const, user }, locale: p.locale }] : [];
    });
  }
}
