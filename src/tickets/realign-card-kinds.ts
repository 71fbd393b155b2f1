import type { Db } from '../db/types.ts';
import type { Directory } from '../directory/directory.ts';
import type { Clock } from '../time.ts';
import { enqueueDecisionMessages, type OutboxTarget } from './outbox-writer.ts';

// The service desk's copy of a ticket's card was once the requester's kind, `ticket`; it is now `desk`, so
// neither copy offers the other's button (SOP 4.1.1 step 13, 4.2.1 step 9: only the desk closes a ticket its
// requester never confirmed). Migration 20261129180000_desk_card moved the copies posted to a channel. A
// desk with no channel gets its copy in each desk person's own chat, which only the configuration can tell
// from the requester's: so at start, a `ticket` copy of an open ticket posted to someone who is not its
// requester becomes the desk's, a post still waiting likewise, and the ticket's cards are redrawn once
// (Teams cards carry their kind in their buttons). Idempotent: a second start, or a second replica, finds
// nothing left to move.

export interface RealignCardDeps extends OutboxTarget {
  readonly db: Db;
  readonly clock: Clock;
  readonly directory: Directory;
}

interface PostedToPerson {
  readonly id: string;
  readonly ticketId: string;
  readonly platform: string;
  readonly user: string | null;
  readonly requesterId: string;
}

/** Returns how many tickets had a copy moved to the desk's kind. */
export async function realignCardKinds(deps: RealignCardDeps): Promise<number> {
  const posted = await deps.db.$queryRaw<PostedToPerson[]>`
    SELECT pc.id, pc.ticket_id AS "ticketId", pc.platform, o.payload -> 'to' ->> 'user' AS "user",
           t.requester_id AS "requesterId"
    FROM posted_cards pc
    JOIN tickets t ON t.id = pc.ticket_id AND t.closed_at IS NULL
    JOIN outbox_messages o ON o.ticket_id = pc.ticket_id AND o.platform = pc.platform
      AND o.platform_message_id = pc.message_id
    WHERE pc.card = 'ticket' AND o.payload ->> 'kind' = 'card.post' AND o.payload ->> 'card' = 'ticket'
      AND o.payload -> 'to' ->> 'kind' = 'user'`;
  const waiting = await deps.db.$queryRaw<PostedToPerson[]>`
    SELECT o.id, o.ticket_id AS "ticketId", o.platform, o.payload -> 'to' ->> 'user' AS "user",
           t.requester_id AS "requesterId"
    FROM outbox_messages o
    JOIN tickets t ON t.id = o.ticket_id
    WHERE o.status <> 'sent' AND o.payload ->> 'kind' = 'card.post' AND o.payload ->> 'card' = 'ticket'
      AND o.payload -> 'to' ->> 'kind' = 'user'`;
  const isDesk = (row: PostedToPerson) =>
    row.user !== deps.directory.person(row.requesterId)?.identities[row.platform];
  const cards = posted.filter(isDesk);
  const posts = waiting.filter(isDesk);
  const tickets = new Set(cards.map((c) => c.ticketId));
  for (const post of posts) {
    await deps.db.$executeRaw`
      UPDATE outbox_messages SET payload = jsonb_set(payload, '{card}', '"desk"')
      WHERE id = ${post.id}::uuid AND status <> 'sent' AND payload ->> 'card' = 'ticket'`;
  }
  let moved = 0;
  for (const ticketId of tickets) {
    const ids = cards.filter((c) => c.ticketId === ticketId).map((c) => c.id);
    const changed = await deps.db.$transaction(async (tx) => {
      const updated = await tx.postedCard.updateMany({
        where: { id: { in: ids }, card: 'ticket' },
        data: { card: 'desk' },
      });
      if (updated.count === 0) return false;
      const ticket = await tx.ticket.findUniqueOrThrow({
        where: { id: ticketId },
        select: { id: true, number: true, title: true },
      });
      await enqueueDecisionMessages(
        tx,
        deps,
        ticket,
        { notify: [], cards: [{ op: 'refresh', card: 'all' }] },
        deps.clock.now(),
      );
      return true;
    });
    if (changed) moved += 1;
  }
  if (moved > 0 || posts.length > 0)
    deps.logger.info("service desk's card copies given the desk's kind", {
      tickets: moved,
      waitingPosts: posts.length,
    });
  return moved;
}
