import type { TicketKind, TicketSnapshot, TicketState } from '../../flows/types.ts';
import type { Tx } from '../db/types.ts';

// Loads what the flows need to decide, inside the deciding transaction (STYLE.md 3: the state is
// reloaded from the database for every event, never taken from a card or from memory).

/** The relations a snapshot needs; include them in any ticket query that must yield snapshots. */
export const SNAPSHOT_RELATIONS = {
  sectionC: { select: { approverId: true, approved: true } },
  sectionsB: { select: { implementerId: true }, orderBy: { round: 'desc' }, take: 1 },
  assignments: { where: { role: 'manager' }, select: { personId: true }, take: 1 },
} as const;

interface SnapshotRow {
  id: string;
  kind: string;
  number: string;
  state: string;
  version: number;
  requesterId: string;
  sectionC: { approverId: string; approved: boolean } | null;
  sectionsB: { implementerId: string }[];
  assignments: { personId: string }[];
}

export function toSnapshot(row: SnapshotRow): TicketSnapshot {
  return {
    id: row.id,
    kind: row.kind as TicketKind,
    number: row.number,
    state: row.state as TicketState,
    version: row.version,
    requesterId: row.requesterId,
    managerId: row.assignments[0]?.personId ?? null,
    approverId: row.sectionC?.approved ? row.sectionC.approverId : null,
    implementerId: row.sectionsB[0]?.implementerId ?? null,
  };
}

export async function loadSnapshot(tx: Tx, ticketId: string): Promise<TicketSnapshot | null> {
  const row = await tx.ticket.findUnique({ where: { id: ticketId }, include: SNAPSHOT_RELATIONS });
  return row ? toSnapshot(row) : null;
}

/** Accepts a ticket id (uuid) or its number (CR-2026-000001), as people and cards refer to either. */
export async function findTicketId(tx: Tx, ref: string): Promise<string | null> {
  const byNumber = /^(CR|AD)-\d{4}-\d{6}$/i.test(ref);
  const row = byNumber
    ? await tx.ticket.findUnique({ where: { number: ref.toUpperCase() }, select: { id: true } })
    : /^[0-9a-f-]{36}$/i.test(ref)
      ? await tx.ticket.findUnique({ where: { id: ref }, select: { id: true } })
      : null;
  return row?.id ?? null;
}
