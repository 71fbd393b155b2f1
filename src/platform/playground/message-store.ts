import { EventEmitter } from 'node:events';
import type { Db } from '../../db/types.ts';
import { channelBaseOf, isChannelId, type Json } from './connector-protocol.ts';

// The playground connector's memory: every message of its workspace, in the database so a restart keeps
// the conversations beside their tickets (and the bot can still update a card it posted before it). A
// change is announced on `changes` for the page's event stream.

export interface StoredMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly place: string;
  readonly replyToId: string | null;
  readonly fromBot: boolean;
  readonly fromName: string;
  readonly activity: Json;
  readonly version: number;
  readonly views: Readonly<Record<string, { version: number; card: Json }>>;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface MessageChange {
  readonly conversation: string;
  readonly messageId: string;
}

export function createMessageStore(db: Db) {
  const changes = new EventEmitter<{ message: [MessageChange] }>();
  changes.setMaxListeners(0);
  let lastId: number | null = null;

  // Teams message ids are the post time in epoch milliseconds; kept strictly increasing (and above every
  // id stored before a restart) so two posts in one millisecond still differ.
  async function nextId(): Promise<string> {
    if (lastId === null) {
      const last = await db.playgroundMessage.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
      lastId = Math.max(lastId ?? 0, Number(last?.id ?? 0));
    }
    lastId = Math.max(lastId + 1, Date.now());
    return String(lastId);
  }

  const announce = (place: string, messageId: string) =>
    changes.emit('message', { conversation: place, messageId });

  return {
    changes,
    nextId,
    /** Posts a message; one posted to a bare channel starts a thread named by the message's own id. */
    async post(input: {
      conversationId: string;
      activity: Json;
      fromBot: boolean;
      fromName: string;
      replyToId?: string | undefined;
      id?: string;
    }): Promise<StoredMessage> {
      const id = input.id ?? (await nextId());
      const conversationId = isChannelId(input.conversationId)
        ? `${input.conversationId};messageid=${id}`
        : input.conversationId;
      const place = channelBaseOf(conversationId);
      const row = await db.playgroundMessage.create({
        data: {
          id,
          conversationId,
          place,
          replyToId: input.replyToId ?? null,
          fromBot: input.fromBot,
          fromName: input.fromName,
          activity: { ...input.activity, id } as object,
        },
      });
      announce(place, id);
      return row as unknown as StoredMessage;
    },
    async find(conversationId: string, id: string): Promise<StoredMessage | null> {
      const row = await db.playgroundMessage.findFirst({
        where: { id, place: channelBaseOf(conversationId), deleted: false },
      });
      return row as unknown as StoredMessage | null;
    },
    /** Teams replaces the whole message: fields the update leaves out are gone. */
    async update(message: StoredMessage, activity: Json): Promise<void> {
      await db.playgroundMessage.update({
        where: { id: message.id },
        data: { activity: { ...activity, id: message.id } as object, version: { increment: 1 } },
      });
      announce(message.place, message.id);
    },
    async remove(message: StoredMessage): Promise<void> {
      await db.playgroundMessage.update({ where: { id: message.id }, data: { deleted: true } });
      announce(message.place, message.id);
    },
    /**
     * A card this one person sees on the message (an Action.Execute answer or their refreshed view), valid
     * for the version it was asked about: once the bot updates the message, everyone sees the new one. A
     * refresh only fills a missing or outdated view: it never replaces an answer (a form the person just
     * opened) given for the same version.
     */
    async setView(
      message: StoredMessage,
      userId: string,
      card: Json,
      kind: 'answer' | 'refresh',
    ): Promise<void> {
      const view = JSON.stringify({ version: message.version, card });
      // One statement each, so two people's views written at once both survive. An answer replaces a view
      // of its own version or older; a refresh only an older one. Neither replaces a newer view.
      // The only text put into the statement is one of these two operators; the values are parameters.
      const newest = kind === 'answer' ? '<=' : '<';
      await db.$executeRawUnsafe(
        `UPDATE playground_messages
          SET views = views || jsonb_build_object($1::text, $2::jsonb)
          WHERE id = $3
            AND (views -> $1::text IS NULL OR (views -> $1::text ->> 'version')::int ${newest} $4::int)`,
        userId,
        view,
        message.id,
        message.version,
      );
    },
    /** This person's view of the message as stored now, if it is still current. */
    async viewOf(id: string, userId: string): Promise<Json | undefined> {
      const row = await db.playgroundMessage.findUnique({
        where: { id },
        select: { version: true, views: true },
      });
      const view = (row?.views as StoredMessage['views'] | undefined)?.[userId];
      return row && view && view.version === row.version ? view.card : undefined;
    },
    async list(place: string): Promise<StoredMessage[]> {
      const rows = await db.playgroundMessage.findMany({
        where: { place, deleted: false },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows as unknown as StoredMessage[];
    },
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;
