import { describe, expect, it } from 'vitest';
import { buildCardModel, cardKindFor, type TicketCardSource } from '../../cards/ticket-card.ts';
import { DUE, NOW, ticket } from '../flows/fixtures.ts';

// The ticket card's view model: which buttons each card offers in each state, who acts next and by when,
// and the last decision that replaces the buttons.

const source = (
  state: Parameters<typeof ticket>[1],
  kind: 'change_request' | 'complaint' = 'change_request',
  now = NOW,
): TicketCardSource => ({
  snapshot: ticket(kind, state),
  now,
  title: 'Tambah rakan.edu.my ke senarai putih',
  requesterName: 'Aminah binti Ali',
  slaDueAt: new Date('2025-06-18T02:00:00Z'),
  fields: [],
  lastDecision: { action: 'endorse', actorName: 'Rahman bin Yusof', at: new Date('2025-06-16T02:00:00Z') },
  timeline: Array.from({ length: 12 }, (_, i) => ({
    type: 'sla.reminded',
    actorName: 'mailops',
    at: new Date(2025, 5, 16, 10, i),
  })),
  nameOf: (id) => (id === 'u-aminah' ? 'Aminah binti Ali' : null),
});

describe('ticket cards', () => {
  it('offers Approve and Reject on the approval card while approval is pending, and who must act by when', () => {
    const card = buildCardModel('approval', source('awaiting_approval'));
    expect(card.actions).toEqual(['approve', 'reject']);
    expect(card.nextActor).toEqual({
      who: { role: 'approver' },
      name: null,
      dueAt: new Date('2025-06-18T02:00:00Z'),
    });
    expect(card.lastDecision).toMatchObject({
      event: { key: 'past.endorse' },
      actorName: 'Rahman bin Yusof',
    });
  });

  it('takes the buttons off the approval card once the request has moved on', () => {
    expect(buildCardModel('approval', source('awaiting_implementation')).actions).toEqual([]);
    expect(buildCardModel('soc', source('awaiting_implementation')).actions).toEqual([
      'start_implementation',
    ]);
    expect(buildCardModel('soc', source('implementing')).actions).toEqual([
      'mark_implemented',
      'escalate_to_vendor',
    ]);
  });

  it('asks the named requester to confirm, and shows nothing to do on a closed ticket', () => {
    const confirmation = buildCardModel('confirmation', source('awaiting_confirmation'));
    expect(confirmation.actions).toEqual(['confirm_resolved', 'report_still_failing']);
    expect(confirmation.nextActor).toMatchObject({ who: { person: 'u-aminah' }, name: 'Aminah binti Ali' });
    const closed = buildCardModel('ticket', source('closed'));
    expect(closed.actions).toEqual([]);
    expect(closed.nextActor).toBeNull();
  });

  it('lets SOC record findings, resolve or escalate a complaint under investigation', () => {
    expect(buildCardModel('soc', source('investigating', 'complaint')).actions).toEqual([
      'record_findings',
      'mark_resolved',
      'escalate_to_vendor',
    ]);
  });

  it("puts the desk's Close unconfirmed on the desk's card only once the requester's deadline has passed", () => {
    const before = buildCardModel('desk', source('awaiting_confirmation', 'change_request', NOW));
    const after = buildCardModel('desk', source('awaiting_confirmation', 'complaint', DUE));
    expect(before.actions).toEqual([]);
    expect(after.actions).toEqual(['close_unconfirmed']);
    expect(buildCardModel('confirmation', source('awaiting_confirmation', 'complaint', DUE)).actions).toEqual(
      ['confirm_resolved', 'report_still_failing'],
    );
  });

  it("keeps each button on its own audience's copy: withdraw on the requester's, close on the desk's", () => {
    const past = source('awaiting_confirmation', 'complaint', DUE);
    expect(buildCardModel('ticket', past).actions).toEqual([]);
    expect(buildCardModel('desk', past).actions).toEqual(['close_unconfirmed']);
    expect(buildCardModel('ticket', source('awaiting_approval')).actions).toEqual(['withdraw']);
    expect(buildCardModel('desk', source('awaiting_approval')).actions).toEqual([]);
  });

  it("names the desk among who may press the desk's card, before its button opens, so Teams can give it a view", () => {
    expect(buildCardModel('desk', source('awaiting_confirmation')).actors).toEqual([
      { role: 'service_desk' },
    ]);
    expect(buildCardModel('ticket', source('awaiting_confirmation')).actors).toEqual([]);
    expect(buildCardModel('ticket', source('awaiting_approval')).actors).toEqual([{ person: 'u-aminah' }]);
    expect(buildCardModel('desk', source('awaiting_approval')).actors).toEqual([]);
    expect(buildCardModel('approval', source('awaiting_approval')).actors).toEqual([{ role: 'approver' }]);
    expect(buildCardModel('ticket', source('closed')).actors).toEqual([]);
  });

  it("opens the desk's card from App Home when closing is what it may do, the requester's for withdrawing", () => {
    expect(cardKindFor(['close_unconfirmed'])).toBe('desk');
    expect(cardKindFor(['withdraw'])).toBe('ticket');
    expect(cardKindFor([])).toBe('ticket');
  });

  it('shows the requester’s "still failing" report as the problem only while SOC works on it again', () => {
    // UX review, 52: a closed ticket's card read "What still fails: …" to everyone after the requester
    // confirmed it resolved.
    const report = {
      label: { key: 'field.still_failing' },
      value: 'Mel daripada rakan.com.my masih ditolak.',
    };
    const labelOf = (state: Parameters<typeof ticket>[1], kind: 'change_request' | 'complaint') =>
      buildCardModel('ticket', { ...source(state, kind), fields: [report] }).fields[0]?.label.key;
    expect(labelOf('awaiting_implementation', 'change_request')).toBe('field.still_failing');
    expect(labelOf('investigating', 'complaint')).toBe('field.still_failing');
    for (const state of ['awaiting_confirmation', 'closed', 'withdrawn'] as const) {
      expect(labelOf(state, 'change_request')).toBe('field.still_failing_earlier');
      expect(labelOf(state, 'complaint')).toBe('field.still_failing_earlier');
    }
  });

  it('shows SOC’s resolution as the earlier one once the requester reports that it still fails', () => {
    // SOP 4.2 step 8 → 3: back with SOC, the card read "How it was resolved: …" as if it were.
    const resolution = { label: { key: 'field.resolution' }, value: 'Peraturan gateway dibetulkan.' };
    const labelOf = (state: Parameters<typeof ticket>[1]) =>
      buildCardModel('ticket', { ...source(state, 'complaint'), fields: [resolution] }).fields[0]?.label.key;
    for (const state of ['investigating', 'escalated_to_vendor'] as const)
      expect(labelOf(state)).toBe('field.resolution_earlier');
    for (const state of ['awaiting_confirmation', 'closed'] as const)
      expect(labelOf(state)).toBe('field.resolution');
  });

  it('keeps the last eight timeline entries', () => {
    const card = buildCardModel('ticket', source('awaiting_approval'));
    expect(card.timeline).toHaveLength(8);
    expect(card.timeline[0]?.event).toEqual({ key: 'event.sla.reminded' });
  });
});
