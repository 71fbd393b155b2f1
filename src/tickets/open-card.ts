import type { CardModel } from '../../cards/card-model.ts';
import { cardKindFor } from '../../cards/ticket-card.ts';
import { availableActions } from '../../flows/decide.ts';
import { maySeeTicket } from '../../flows/roles.ts';
import type { Actor, CardKind } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import type { Directory } from '../directory/directory.ts';
import { buildTicketCard } from './card-source.ts';
import { loadSnapshot } from './snapshot.ts';

// "Open" on a home (Slack's App Home, the Teams home card): the card a person brings into their own chat,
// as the kind that carries their buttons and drawn for them. Each platform posts and records it its own way.

/**
 * Null, alike, for a ticket this person may not see (flows/roles.ts, maySeeTicket) and one that does not
 * exist, so that a forged button learns nothing.
 */
export async function cardToOpen(
  db: Db,
  directory: Directory,
  ticketId: string,
  reader: { readonly actor: Actor; readonly person: { readonly id: string } | undefined },
  now: Date,
): Promise<{ readonly kind: CardKind; readonly model: CardModel } | null> {
  const ticket = await db.$transaction((tx) => loadSnapshot(tx, ticketId));
  if (!ticket || !maySeeTicket(ticket, reader.actor)) return null;
  const kind = cardKindFor(availableActions(ticket, reader.actor, now));
  const model = await buildTicketCard(db, directory, ticket.id, kind, now, reader.person?.id);
  return { kind, model };
}
