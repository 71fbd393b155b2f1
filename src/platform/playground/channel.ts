import { randomUUID } from 'node:crypto';
import { ADAPTIVE_CARD, isObject, type Json } from './connector-protocol.ts';
import type { MessageStore, StoredMessage } from './message-store.ts';
import {
  PLAYGROUND_BOT,
  PLAYGROUND_TEAM,
  PLAYGROUND_TENANT,
  type PlaygroundPerson,
  type Workspace,
} from './workspace.ts';

// The Teams side of the playground: what Teams' service would post to the bot's /api/messages when a person
// types, clicks an Action.Execute button or opens a card with a user-specific view, with the activity shapes
// of https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages and
// the Universal Actions invoke (adaptiveCard/action). Activities go over loopback HTTP to the bot's real
// endpoint; the answer to an invoke comes back in the HTTP response, as in Teams.

const TIMEZONE = 'Asia/Kuala_Lumpur';
// Teams waits about 15 s for an invoke's answer, then shows the person an error.
const BOT_TIMEOUT_MS = 15_000;
const MENTION = `<at>${PLAYGROUND_BOT.name}</at>`;

export type ActionAnswer =
  | { readonly kind: 'card'; readonly card: Json }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'failed'; readonly status: number; readonly why: string };

/** The bot's HTTP answer, or the gateway status Teams would see when none came, and why for the log. */
interface BotReply {
  readonly status: number;
  readonly body: unknown;
  readonly why?: string;
}

export interface ChannelOptions {
  readonly workspace: Workspace;
  readonly store: MessageStore;
  /** The bot's endpoint and the connector's address, known once the server listens. */
  readonly botUrl: () => string;
  readonly serviceUrl: () => string;
  /** How long a person waits for the bot; tests shorten Teams' 15 s. */
  readonly botTimeoutMs?: number;
}

const locale = (lang: string) => (lang === 'en' ? 'en-US' : 'ms-MY');
const installRefused = (place: string, answer: BotReply) =>
  new Error(`the bot refused the install in ${place}: ${answer.why ?? `HTTP ${answer.status}`}`);

export function createChannel(options: ChannelOptions) {
  const { workspace, store } = options;

  function placeOf(conversation: string) {
    const base = conversation.split(';')[0]!;
    const channel = workspace.channel(base);
    return channel ? { type: 'channel' as const, channel } : { type: 'personal' as const };
  }

  function envelope(from: PlaygroundPerson, conversationId: string, id: string, lang: string) {
    const place = placeOf(conversationId);
    const now = new Date();
    const tenant = { id: PLAYGROUND_TENANT };
    const channelData =
      place.type === 'channel'
        ? {
            teamsChannelId: place.channel.id,
            teamsTeamId: PLAYGROUND_TEAM.id,
            channel: { id: place.channel.id },
            team: { id: PLAYGROUND_TEAM.id, name: PLAYGROUND_TEAM.name },
            tenant,
          }
        : { tenant };
    return {
      id,
      timestamp: now.toISOString(),
      localTimezone: TIMEZONE,
      serviceUrl: options.serviceUrl(),
      channelId: 'msteams',
      from: { id: from.teamsId, name: from.name, aadObjectId: from.aadObjectId },
      recipient: { ...PLAYGROUND_BOT },
      conversation: {
        id: conversationId,
        tenantId: PLAYGROUND_TENANT,
        conversationType: place.type,
        ...(place.type === 'channel' ? { isGroup: true } : {}),
      },
      channelData,
      locale: locale(lang),
      entities: [
        { type: 'clientInfo', locale: locale(lang), country: 'MY', platform: 'Web', timezone: TIMEZONE },
      ],
    };
  }

  // A bot that is slow or down is an outcome the person is told about (a 502 with a reference in the page
  // API), not an exception: thrown, it would surface as the server's bare 500.
  async function deliver(activity: object): Promise<BotReply> {
    const timeoutMs = options.botTimeoutMs ?? BOT_TIMEOUT_MS;
    let status: number;
    let text: string;
    try {
      const res = await fetch(options.botUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError')
        return { status: 504, body: undefined, why: `no answer within ${timeoutMs} ms` };
      const cause = (error as Error & { cause?: Error }).cause;
      return {
        status: 502,
        body: undefined,
        why: `unreachable: ${cause?.message ?? (error as Error).message}`,
      };
    }
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {}
    return { status, body };
  }

  /** Reads an invoke response: `{ statusCode, type, value }` with a card or a message for the person. */
  function answerOf(response: BotReply): ActionAnswer {
    const body = response.body;
    const failed = {
      kind: 'failed',
      status: response.status,
      why: response.why ?? `bot answered HTTP ${response.status}`,
    } as const;
    if (response.status !== 200 || !isObject(body)) return failed;
    if (body.type === ADAPTIVE_CARD && isObject(body.value)) return { kind: 'card', card: body.value };
    if (typeof body.value === 'string') return { kind: 'text', text: body.value };
    return failed;
  }

  return {
    /**
     * A person writes in a conversation. Teams shows their message at once; in a channel it starts a
     * thread and reaches the bot with an @mention, as Teams only delivers mentioned channel messages.
     */
    async say(from: PlaygroundPerson, conversation: string, text: string, lang: string) {
      const place = placeOf(conversation);
      const shown = place.type === 'channel' ? `${MENTION} ${text}` : text;
      const id = await store.nextId();
      const activity = {
        ...envelope(from, conversation, id, lang),
        type: 'message',
        text: shown,
        textFormat: 'plain',
      };
      const stored = await store.post({
        conversationId: conversation,
        activity: { ...activity, text },
        fromBot: false,
        fromName: from.name,
        id,
      });
      activity.conversation.id = stored.conversationId;
      if (place.type === 'channel')
        Object.assign(activity, {
          entities: [
            { type: 'mention', text: MENTION, mentioned: { ...PLAYGROUND_BOT } },
            ...activity.entities,
          ],
        });
      return deliver(activity);
    },

    /** An Action.Execute on a card (a button, a form sent, or Teams fetching the person's own view). */
    async act(
      from: PlaygroundPerson,
      message: StoredMessage,
      action: { verb: string; data: Json },
      lang: string,
      trigger: 'manual' | 'automatic' = 'manual',
    ): Promise<ActionAnswer> {
      const activity = {
        ...envelope(from, message.conversationId, `f:${randomUUID()}`, lang),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: message.id,
        value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger },
      };
      const answer = answerOf(await deliver(activity));
      if (answer.kind === 'card')
        await store.setView(message, from.teamsId, answer.card, trigger === 'manual' ? 'answer' : 'refresh');
      return answer;
    },

    /**
     * What Teams sends when the app is added: the bot joins each person's personal chat and the team's
     * channels (conversationUpdate, https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events),
     * so it holds a conversation reference for every place it will post to.
     */
    async install(lang: string): Promise<void> {
      const installer = workspace.people[0];
      if (!installer) return;
      const added = { type: 'conversationUpdate', membersAdded: [{ id: PLAYGROUND_BOT.id }] };
      for (const person of workspace.people) {
        const answer = await deliver({
          ...envelope(person, person.chat, `f:${randomUUID()}`, lang),
          ...added,
        });
        if (answer.status >= 300) throw installRefused(person.chat, answer);
      }
      for (const channel of workspace.channels) {
        const base = envelope(installer, channel.id, `f:${randomUUID()}`, lang);
        const answer = await deliver({
          ...base,
          ...added,
          channelData: { ...base.channelData, eventType: 'channelCreated' },
        });
        if (answer.status >= 300) throw installRefused(channel.id, answer);
      }
    },
  };
}

export type PlaygroundChannelService = ReturnType<typeof createChannel>;
