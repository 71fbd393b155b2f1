import type { HomeModel, HomeTicket } from '../../cards/home-model.ts';
import { availableActions } from '../../flows/decide.ts';
import type { Actor, TicketKind, TicketState } from '../../flows/types.ts';
import type { Db } from '../db/types.ts';
import { SNAPSHOT_RELATIONS, toSnapshot } from './snapshot.ts';

// App Home's read model for one person: their open tickets, the tickets waiting for an action they may
// take now (the same rule the buttons follow), and recent closures they were part of.

const RECENT_DAYS = 14;

export async function loadHome(db: Db, actor: Actor, known: boolean, now: Date): Promise<HomeModel> {
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
  return {
    personName: known ? actor.name : null,
    known,
    myOpen: rows.filter((_, i) => open[i]!.requesterId === actor.id),
    // Withdrawing is not work waiting for anyone: it is the requester's choice, not a step of the SOP.
    waitingForMe: rows.filter((r) => r.actions.some((a) => a !== 'withdraw')),
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
