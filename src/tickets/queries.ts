import type { NextActor } from '../../flows/decide.ts';
import { nextActor } from '../../flows/decide.ts';
import type { Db } from '../db/types.ts';
import { SNAPSHOT_RELATIONS, toSnapshot } from './snapshot.ts';

// Read models for the operator CLI and, later, App Home: narrow, intent-named shapes (STYLE.md 12).

export interface TicketListItem {
  readonly number: string;
  readonly kind: string;
  readonly state: string;
  readonly title: string;
  readonly requesterId: string;
  readonly requesterName: string;
  readonly createdAt: Date;
  readonly slaDueAt: Date | null;
  /** Who must act next (flows/decide.ts): a person or a role; null once the ticket is over. */
  readonly next: NextActor | null;
}

export async function listTickets(
  db: Db,
  filter: { state?: string; kind?: 'change_request' | 'complaint'; limit?: number },
): Promise<TicketListItem[]> {
  const rows = await db.ticket.findMany({
    where: {
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    orderBy: [{ year: 'desc' }, { seq: 'desc' }],
    take: filter.limit ?? 200,
    include: SNAPSHOT_RELATIONS,
  });
  return rows.map((row) => ({
    number: row.number,
    kind: row.kind,
    state: row.state,
    title: row.title,
    requesterId: row.requesterId,
    requesterName: row.requesterName,
    createdAt: row.createdAt,
    slaDueAt: row.slaDueAt,
    next: nextActor(toSnapshot(row)),
  }));
}

/** Everything known about one ticket: the form's sections in order and its audit timeline. */
export async function getTicketDetail(db: Db, number: string) {
  return db.ticket.findUnique({
    where: { number: number.toUpperCase() },
    include: {
      sectionA: true,
      sectionsB: { orderBy: { round: 'asc' } },
      sectionC: true,
      sectionsD: { orderBy: { round: 'asc' } },
      complaint: true,
      notes: { orderBy: { at: 'asc' } },
      assignments: true,
      events: { orderBy: { seq: 'asc' } },
      // The bot's own checks of a complaint (SOP 4.2 step 3), with counts; findings stay in the run.
      mailtestRuns: {
        orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
        select: { id: true, purpose: true, status: true, startedAt: true, summary: true },
      },
    },
  });
}

export type TicketDetail = NonNullable<Awaited<ReturnType<typeof getTicketDetail>>>;
