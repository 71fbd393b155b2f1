import type { Db } from '../db/types.ts';

// Read models for the operator CLI and, later, App Home: narrow, intent-named shapes (STYLE.md 12).

export interface TicketListItem {
  readonly number: string;
  readonly kind: string;
  readonly state: string;
  readonly title: string;
  readonly requesterName: string;
  readonly createdAt: Date;
  readonly slaDueAt: Date | null;
}

export async function listTickets(
  db: Db,
  filter: { state?: string; kind?: 'change_request' | 'complaint'; limit?: number },
): Promise<TicketListItem[]> {
  return db.ticket.findMany({
    where: {
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    orderBy: [{ year: 'desc' }, { seq: 'desc' }],
    take: filter.limit ?? 200,
    select: {
      number: true,
      kind: true,
      state: true,
      title: true,
      requesterName: true,
      createdAt: true,
      slaDueAt: true,
    },
  });
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
