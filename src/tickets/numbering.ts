import type { TicketKind } from '../../flows/types.ts';
import type { Tx } from '../db/types.ts';

// Ticket numbers CR-YYYY-NNNNNN / AD-YYYY-NNNNNN are gapless per year: the counter row is incremented in
// the same transaction that opens the ticket, so a rolled-back opening gives its number back, and the row
// lock makes concurrent openings take consecutive numbers.

const PREFIX: Record<TicketKind, string> = { change_request: 'CR', complaint: 'AD' };

/** The calendar year in Malaysia: a ticket opened at 00:30 MYT on 1 January belongs to the new year. */
export function malaysiaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
}

export function formatTicketNumber(kind: TicketKind, year: number, seq: number): string {
  return `${PREFIX[kind]}-${year}-${String(seq).padStart(6, '0')}`;
}

export async function nextTicketNumber(
  tx: Tx,
  kind: TicketKind,
  now: Date,
): Promise<{ number: string; year: number; seq: number }> {
  const year = malaysiaYear(now);
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO ticket_counters (kind, year, last) VALUES (${kind}::"TicketKind", ${year}, 1)
    ON CONFLICT (kind, year) DO UPDATE SET last = ticket_counters.last + 1
    RETURNING last`;
  const seq = Number(rows[0]?.last);
  return { number: formatTicketNumber(kind, year, seq), year, seq };
}
