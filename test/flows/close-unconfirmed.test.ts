import { describe, expect, it } from 'vitest';
import { availableActions, decide } from '../../flows/decide.ts';
import { type Actor, SYSTEM_ACTOR, type TicketKind } from '../../flows/types.ts';
import {
  admin,
  DUE,
  desk,
  expectDecision,
  expectRefusal,
  requester,
  soc,
  ticket,
  VALID,
} from './fixtures.ts';

// SOP 4.1.1 step 13 and 4.2.1 step 9, "Menutup tiket. — 1GovUC SD", when the requester never answers step 11
// (4.2: step 7): once the requester's deadline to test has passed, the desk closes the ticket with a note.
// The clock is the `now` each decision is given; the deadline is the fixtures' DUE (18 Jun 2025, 10:00 MYT).

const BEFORE = new Date('2025-06-18T09:59:00+08:00');
const AFTER = new Date('2025-06-19T09:00:00+08:00');
const NOTE = 'Pemohon tidak menjawab sebelum tarikh akhir walaupun telah diingatkan dua kali.';
const close = { type: 'close_unconfirmed', note: NOTE } as const;
const waiting = (kind: TicketKind) => ticket(kind, 'awaiting_confirmation');

describe('the desk closes a ticket its requester never confirmed', () => {
  it.each([
    ['change_request', 'cr', '4.1/13'],
    ['complaint', 'ad', '4.2/9'],
  ] as const)(
    'closes a %s after the deadline, with the note in the audit trail and on the ticket',
    (kind, p, step) => {
      const d = expectDecision(decide(waiting(kind), close, desk, AFTER));
      expect(d).toMatchObject({ from: 'awaiting_confirmation', to: 'closed', step });
      expect(d.event).toEqual({
        type: `${p}.closed_unconfirmed`,
        data: { step, note: NOTE, dueAt: '2025-06-18T02:00:00.000Z' },
      });
      expect(d.sections).toEqual([{ section: 'note', data: { kind: 'close_note', text: NOTE } }]);
      expect(d.cards).toEqual([{ op: 'refresh', card: 'all' }]);
    },
  );

  it('tells the requester who closed it, by when and why; SOC and the channel that it closed unconfirmed', () => {
    const d = expectDecision(decide(waiting('change_request'), close, desk, AFTER));
    const dueAt = '2025-06-18T02:00:00.000Z';
    expect(d.notify).toEqual([
      {
        to: { person: requester.id },
        message: {
          key: 'notify.cr.closed_unconfirmed',
          params: { number: 'CR-2025-000042', dueAt, note: NOTE, closedBy: desk.name },
        },
      },
      {
        to: { role: 'soc' },
        message: {
          key: 'notify.cr.closed_unconfirmed_announcement',
          params: { number: 'CR-2025-000042', dueAt },
        },
      },
      {
        to: { channel: 'announcements' },
        message: {
          key: 'notify.cr.closed_unconfirmed_announcement',
          params: { number: 'CR-2025-000042', dueAt },
        },
      },
    ]);
  });

  it('messages no requester on a complaint the bot opened: the desk that closed it stands in for one', () => {
    const byBot = ticket('complaint', 'awaiting_confirmation', { requesterId: SYSTEM_ACTOR.id });
    const d = expectDecision(decide(byBot, close, desk, AFTER));
    expect(d.notify.map((n) => n.to)).toEqual([{ role: 'soc' }, { channel: 'announcements' }]);
    expect(d.notify.map((n) => n.message.key)).toEqual([
      'notify.ad.closed_unconfirmed_announcement',
      'notify.ad.closed_unconfirmed_announcement',
    ]);
  });

  it('refuses the desk before the deadline and says until when the requester may still answer', () => {
    const r = expectRefusal(decide(waiting('complaint'), close, desk, BEFORE));
    expect(r.code).toBe('confirmation_not_overdue');
    expect(r.reason).toEqual({
      key: 'refusal.confirmation_not_overdue',
      params: { dueAt: '2025-06-18T02:00:00.000Z' },
    });
  });

  it('lets the desk close from the deadline itself', () => {
    expect(expectDecision(decide(waiting('change_request'), close, desk, DUE)).to).toBe('closed');
  });

  it('refuses the desk when the ticket has no deadline, however long it has waited', () => {
    const noDeadline = ticket('change_request', 'awaiting_confirmation', { slaDueAt: null });
    const r = expectRefusal(decide(noDeadline, close, desk, new Date('2026-06-18T10:00:00+08:00')));
    expect(r).toMatchObject({
      code: 'no_confirmation_deadline',
      reason: { key: 'refusal.no_confirmation_deadline' },
    });
  });

  it.each([
    ['the requester', requester],
    ['VAS SOC', soc],
    ['an admin', admin],
  ] as [string, Actor][])('refuses %s: only the 1GovUC service desk closes', (_who, actor) => {
    const r = expectRefusal(decide(waiting('change_request'), close, actor, AFTER));
    expect(r.reason).toEqual({ key: 'refusal.wrong_role', params: { role: 'service_desk' } });
  });

  it('asks for the note, on its field, before closing', () => {
    for (const note of [undefined, '', '   ']) {
      const r = expectRefusal(decide(waiting('complaint'), { type: 'close_unconfirmed', note }, desk, AFTER));
      expect(r.code).toBe('invalid_input');
      expect(Object.keys(r.fieldErrors ?? {})).toEqual(['note']);
    }
  });

  it('is refused in every other state: the requester was never asked to confirm there', () => {
    for (const state of ['awaiting_approval', 'implementing', 'closed'] as const) {
      const r = expectRefusal(decide(ticket('change_request', state), VALID.close_unconfirmed, desk, AFTER));
      expect(['illegal_transition', 'ticket_finished']).toContain(r.code);
    }
  });

  it('leaves the requester free to answer after the deadline until the desk has closed it', () => {
    expect(
      expectDecision(decide(waiting('change_request'), VALID.confirm_resolved, requester, AFTER)).to,
    ).toBe('closed');
  });
});

describe("the desk's button", () => {
  it('is offered to the desk only once the deadline has passed', () => {
    expect(availableActions(waiting('change_request'), desk, BEFORE)).toEqual([]);
    expect(availableActions(waiting('change_request'), desk, AFTER)).toEqual(['close_unconfirmed']);
    expect(availableActions(waiting('complaint'), desk, AFTER)).toEqual(['close_unconfirmed']);
  });

  it('is never offered to the requester, who keeps confirm and report', () => {
    expect(availableActions(waiting('change_request'), requester, AFTER)).toEqual([
      'confirm_resolved',
      'report_still_failing',
    ]);
  });
});
