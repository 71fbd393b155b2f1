import type { HomeModel, HomeTicket } from '../../cards/home-model.ts';
import { availableActions } from '../../flows/decide.ts';
import type { Actor, TicketKind, TicketState } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import type { Directory } from '../directory/directory.ts';
import { buildTicketCard } from './card-source.ts';
import { SNAPSHOT_RELATIONS, toSnapshot } from './snapshot.ts';

// App Home's read model for one person: their open tickets, the tickets waiting for an action they may
// take now (the same rule the buttons follow), and recent closures they were part of.

const RECENT_DAYS = 14;

/** `directory`: to name whom each of my open tickets waits for, as its card does; without it, only states. */
export async function loadHome(
  db: Db,
  actor: Actor,
  known: boolean,
  now: Date,
  directory?: Directory,
): Promise<HomeModel> {
  // Every open ticket, in one read: a cap would silently leave whatever comes after it (the oldest waits,
  // those with no deadline) out of "waiting for me" and make "and N more" wrong, and pages read one after
  // another would skip or repeat a ticket whose deadline moved in between.
  const open = await db.ticket.findMany({
    where: { closedAt: null },
    orderBy: [{ slaDueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
    include: SNAPSHOT_RELATIONS,
  });
  const rows = open.map((t) => {
    const snapshot = toSnapshot(t);
    const item: HomeTicket = {
      ticketId: t.id,
      number: t.number,
      kind: snapshot.kind,
      state: snapshot.state,
      title: t.title,
      requesterName: t.requesterName,
      slaDueAt: t.slaDueAt,
      actions: availableActions(snapshot, actor, now),
    };
    return item;
  });
  const closed = await db.ticket.findMany({
    where: {
      closedAt: { gte: new Date(now.getTime() - RECENT_DAYS * 86_400_000) },
      OR: [{ requesterId: actor.id }, { actions: { some: { actorId: actor.id } } }],
    },
    orderBy: { closedAt: 'desc' },
    take: 20,
  });
  // A requester has few open tickets; each is read as its card would draw it, for this reader.
  const mine = rows.filter((_, i) => open[i]!.requesterId === actor.id);
  const myOpen = directory
    ? await Promise.all(
        mine.map(async (ticket) => {
          const card = await buildTicketCard(db, directory, ticket.ticketId, 'ticket', now, actor.id);
          return card.nextActor ? { ...ticket, next: card.nextActor } : ticket;
        }),
      )
    : mine;
  return {
    personName: known ? actor.name : null,
    known,
    myOpen,
    // Withdrawing is not work waiting for anyone: it is the requester's choice, not a step of the SOP. The
    // rest is this person's to do, by the step's deadline: said as the cards say it, "waiting for you by …".
    waitingForMe: rows
      .filter((r) => r.actions.some((a) => a !== 'withdraw'))
      .map((r) => ({
        ...r,
        next: { who: { person: actor.id }, name: actor.name, you: true, dueAt: r.slaDueAt },
      })),
    recentlyClosed: closed.map((t) => ({
      ticketId: t.id,
      number: t.number,
      kind: t.kind as TicketKind,
      state: t.state as TicketState,
      title: t.title,
      requesterName: t.requesterName,
      slaDueAt: null,
      actions: [],
    })),
  };
}
