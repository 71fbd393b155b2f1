import type { TurnContext } from '@microsoft/agents-hosting';
import type { Db } from '../../db/types.ts';

// Teams cannot post to an id alone: a proactive message needs the conversation's reference (service URL,
// tenant, conversation) as Teams last sent it (learn.microsoft.com/microsoftteams/platform/bots/how-to/
// conversations/send-proactive-messages). Every activity the bot receives refreshes the reference of the
// conversation it came from: `user:<Entra object id>` for a person's chat with the bot, `channel:<id>`
// for a team channel (the id the configuration names, 19:…@thread.tacv2).

export const TEAMS = 'teams';

export interface StoredReference {
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly reference: Record<string, unknown>;
}

function keysOf(context: TurnContext): string[] {
  const a = context.activity;
  const type = a.conversation?.conversationType;
  const channelData = (a.channelData ?? {}) as { channel?: { id?: string }; team?: { id?: string } };
  if (type === 'personal' && a.from?.aadObjectId) return [`user:${a.from.aadObjectId}`];
  if (type === 'channel') {
    const channel = channelData.channel?.id ?? channelData.team?.id;
    return channel ? [`channel:${channel}`] : [];
  }
  return [];
}

export async function rememberConversation(db: Db, context: TurnContext): Promise<void> {
  const a = context.activity;
  if (!a.serviceUrl || !a.conversation?.id) return;
  const keys = keysOf(context);
  if (keys.length === 0) return;
  const reference = JSON.parse(JSON.stringify(a.getConversationReference())) as Record<string, unknown>;
  // A channel message arrives in its thread (…;messageid=…); new posts go to the channel itself.
  const conversationId =
    a.conversation.conversationType === 'channel' ? a.conversation.id.split(';')[0]! : a.conversation.id;
  reference.conversation = { ...(reference.conversation as object), id: conversationId };
  const data = {
    conversationId,
    serviceUrl: a.serviceUrl,
    tenantId: a.conversation.tenantId ?? null,
    reference,
  };
  for (const key of keys) {
    await db.conversationRef.upsert({
      where: { platform_key: { platform: TEAMS, key } },
      create: { platform: TEAMS, key, ...data, reference: data.reference as object },
      update: { ...data, reference: data.reference as object },
    });
  }
}

export async function findConversation(db: Db, key: string): Promise<StoredReference | null> {
  const row = await db.conversationRef.findUnique({ where: { platform_key: { platform: TEAMS, key } } });
  return row
    ? {
        conversationId: row.conversationId,
        serviceUrl: row.serviceUrl,
        reference: row.reference as Record<string, unknown>,
      }
    : null;
}

/** The Teams user ids (29:…) behind Entra object ids, for user-specific card views. */
export async function teamsUserIds(db: Db, aadObjectIds: readonly string[]): Promise<string[]> {
  if (aadObjectIds.length === 0) return [];
  const rows = await db.conversationRef.findMany({
    where: { platform: TEAMS, key: { in: aadObjectIds.map((id) => `user:${id}`) } },
  });
  return rows
    .map((r) => (r.reference as { user?: { id?: string } }).user?.id)
    .filter((id): id is string => typeof id === 'string');
}
