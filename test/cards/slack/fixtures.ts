import type { CardField } from '../../../cards/card-model.ts';
import type { TicketCardSource } from '../../../cards/ticket-card.ts';
import type { TicketKind, TicketState } from '../../../flows/types.ts';
import { ticket } from '../../flows/fixtures.ts';

/** The morning after the fixture tickets' deadline (flows/fixtures.ts DUE): every button has opened. */
const DRAWN_AT = new Date('2025-06-19T09:00:00+08:00');

// Worst-case content for the Block Kit limit tests: every text far longer than Slack takes, with the
// characters mrkdwn treats specially (a mention, an entity, a link) in user-typed values.

export const HOSTILE = '<!channel> & <https://example.com|klik> *tebal* ';

export function long(length: number, seed = 'Tambah rakan.edu.my ke senarai putih. '): string {
  return (HOSTILE + seed.repeat(Math.ceil(length / seed.length))).slice(0, length);
}

/** 40 fields: multi-line essays, over-long one-liners, short answers and translated choices. */
export const LONG_FIELDS: readonly CardField[] = Array.from({ length: 40 }, (_, i): CardField => {
  const label = { key: i % 2 === 0 ? 'field.description' : 'field.impact_if_not' };
  if (i % 4 === 0) return { label, value: `${long(2500)}\n${long(2500)}` };
  if (i % 4 === 1) return { label, value: long(6000) };
  if (i % 4 === 2) return { label, value: 'Rendah' };
  return { label: { key: 'field.risk' }, value: { key: 'option.risk.high' } };
});

export function longSource(kind: TicketKind, state: TicketState): TicketCardSource {
  return {
    snapshot: ticket(kind, state),
    now: DRAWN_AT,
    title: long(400),
    requesterName: long(300, 'Aminah binti Ali '),
    slaDueAt: new Date('2025-06-18T02:00:00Z'),
    fields: LONG_FIELDS,
    lastDecision: {
      action: 'approve',
      actorName: long(500, 'Siti Nurhaliza '),
      at: new Date('2025-06-16T02:00:00Z'),
    },
    timeline: Array.from({ length: 8 }, (_, i) => ({
      type: 'cr.approved',
      actorName: long(600, 'Kumar a/l Rajan '),
      at: new Date(Date.UTC(2025, 5, 16, i)),
    })),
    nameOf: (id) => (id === 'u-aminah' ? long(300, 'Aminah binti Ali ') : null),
  };
}

/** A card as it usually looks: a short Section A summary. */
/** A day before plainSource's deadline (18 Jun 10:00 MYT), which its cards are drawn a day after. */
export const BEFORE_DEADLINE = new Date('2025-06-17T02:00:00Z');

export function plainSource(kind: TicketKind, state: TicketState): TicketCardSource {
  return {
    snapshot: ticket(kind, state),
    now: DRAWN_AT,
    title: 'Tambah rakan.edu.my ke senarai putih',
    requesterName: 'Aminah binti Ali',
    slaDueAt: new Date('2025-06-18T02:00:00Z'),
    fields: [
      { label: { key: 'field.request_type' }, value: { key: 'option.request_type.add' } },
      { label: { key: 'field.description' }, value: 'Tambah <rakan.edu.my> & subdomain ke senarai putih.' },
    ],
    lastDecision: {
      action: 'approve',
      actorName: 'Siti Nurhaliza (JDN)',
      at: new Date('2025-06-16T02:00:00Z'),
    },
    timeline: [{ type: 'cr.submitted', actorName: 'Aminah binti Ali', at: new Date('2025-06-15T01:00:00Z') }],
    nameOf: (id) => (id === 'u-aminah' ? 'Aminah binti Ali' : null),
  };
}

/**
 * A whole change request whose requester wrote at the most the form takes (3000 characters, Slack's input
 * limit) in Section A's description and impact and Section B's activities and fallback plan, beside the
 * form's short answers: the card an approver must decide from.
 */
export const ESSAY_FIELDS: readonly CardField[] = [
  { label: { key: 'field.request_type' }, value: { key: 'option.request_type.add' } },
  { label: { key: 'field.domain' }, value: 'rakan.edu.my' },
  { label: { key: 'field.description' }, value: long(3000) },
  { label: { key: 'field.impact' }, value: long(3000, 'Pengguna tidak menerima e-mel rakan. ') },
  { label: { key: 'field.urgency' }, value: 'Tinggi' },
  { label: { key: 'field.requester_name' }, value: 'Aminah binti Ali' },
  { label: { key: 'field.requester_email' }, value: 'aminah@agensi.gov.my' },
  { label: { key: 'field.requester_contact' }, value: '03-8888 0000' },
  { label: { key: 'field.change_activities' }, value: long(3000, 'Kemas kini senarai putih. ') },
  { label: { key: 'field.risk' }, value: { key: 'option.risk.high' } },
  { label: { key: 'field.fallback_plan' }, value: long(3000, 'Buang entri dan muat semula. ') },
  { label: { key: 'field.planned_start' }, value: '20 Jun 2025, 9:00 PG' },
  { label: { key: 'field.planned_end' }, value: '20 Jun 2025, 10:00 PG' },
];

export function essaySource(): TicketCardSource {
  return { ...plainSource('change_request', 'awaiting_approval'), fields: ESSAY_FIELDS };
}
