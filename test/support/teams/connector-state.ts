import {
  channelBaseOf,
  isChannelId,
  type Json,
} from '../../../src/platform/playground/connector-protocol.ts';
import type { TeamsUser } from './tenant.ts';

// What the fake connector remembers between calls: every message the bot posted, with each version it
// updated it to, keyed the way Teams finds them (channel, then activity id). Route handlers read and change
// it; tests read it back through the fake's accessors.

export interface StoredActivity {
  // Where the message sits: a personal or group chat id, or a channel thread `19:…@thread.tacv2;messageid=…`.
  conversationId: string;
  id: string;
  replyToId?: string;
  // The activity as last sent; `versions` holds every one the bot sent, oldest first.
  activity: Json;
  versions: Json[];
  deleted: boolean;
}

const key = (conversationId: string, activityId: string) => `${channelBaseOf(conversationId)}/${activityId}`;

export function createConnectorState(options: { now: () => number; users: readonly TeamsUser[] }) {
  const messages = new Map<string, StoredActivity>();
  let lastId = 0;
  return {
    now: options.now,
    users: options.users,
    // Teams message ids are the post time in epoch milliseconds; kept strictly increasing so two posts in
    // one millisecond still differ.
    nextActivityId() {
      lastId = Math.max(lastId + 1, options.now());
      return String(lastId);
    },
    findUser: (id: string) => options.users.find((u) => u.id === id || u.aadObjectId === id),
    store(conversationId: string, activity: Json, replyToId?: string): StoredActivity {
      const id = this.nextActivityId();
      // A post to a bare channel starts a thread whose id names the post.
      const where = isChannelId(conversationId) ? `${conversationId};messageid=${id}` : conversationId;
      const stored: StoredActivity = {
        conversationId: where,
        id,
        activity,
        versions: [activity],
        deleted: false,
        ...(replyToId ? { replyToId } : {}),
      };
      messages.set(key(where, id), stored);
      return stored;
    },
    find(conversationId: string, activityId: string) {
      const stored = messages.get(key(conversationId, activityId));
      return stored && !stored.deleted ? stored : undefined;
    },
    // A thread id gives that thread; a bare channel id every thread in the channel.
    messagesIn(conversationId: string) {
      const threaded = conversationId.includes(';messageid=');
      return [...messages.values()].filter((m) =>
        threaded ? m.conversationId === conversationId : channelBaseOf(m.conversationId) === conversationId,
      );
    },
    message: (conversationId: string, activityId: string) => messages.get(key(conversationId, activityId)),
  };
}

export type ConnectorState = ReturnType<typeof createConnectorState>;
