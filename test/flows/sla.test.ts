import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../flows/business-hours.ts';
import {
  DEFAULT_SLA_POLICY,
  dueAt,
  overdueActions,
  type SlaNotice,
  type SlaPolicy,
  type SlaSituation,
} from '../../flows/sla.ts';
import { CHANGE_REQUEST_STATES, COMPLAINT_STATES, SYSTEM_ACTOR } from '../../flows/types.ts';
import { renderMessage } from '../../src/i18n/index.ts';

const federal: BusinessCalendar = {
  timeZone: 'Asia/Kuala_Lumpur',
  weekend: ['saturday', 'sunday'],
  workday: { start: '08:30', end: '17:30' },
  holidays: [{ date: '2026-08-31', name: 'Hari Kebangsaan' }],
};
const myt = (local: string) => new Date(`${local}+08:00`);

// The default awaiting_approval rule: wait 18 business hours, remind approvers every 4 h (3 in all),
// escalate 9 business hours after due to the desk then admin, every 9 h (2 in all).
const approval = (now: string, notices: SlaNotice[] = []): SlaSituation => ({
  kind: 'change_request',
  state: 'awaiting_approval',
  number: 'CR-2026-000042',
  requesterId: 'aminah',
  managerId: 'rahman',
  enteredAt: myt('2026-11-27T15:00:00'),
  now: myt(now),
  notices,
});
const DUE = '2026-12-01T15:00:00';

describe('dueAt', () => {
  it('counts the wait in business time, across a weekend', () => {
    const entered = myt('2026-11-27T15:00:00');
    expect(dueAt('change_request', 'awaiting_approval', entered, DEFAULT_SLA_POLICY, federal)).toEqual(
      myt(DUE),
    );
  });

  it('skips a holiday', () => {
    // Four business hours from Friday 15:30: two on Friday, none on the weekend or on Monday 31 August.
    const entered = myt('2026-08-28T15:30:00');
    expect(dueAt('complaint', 'investigating', entered, DEFAULT_SLA_POLICY, federal)).toEqual(
      myt('2026-09-01T10:30:00'),
    );
  });

  it('starts the clock at the next opening when a ticket arrives after hours', () => {
    const entered = myt('2026-11-25T21:00:00');
    expect(dueAt('complaint', 'investigating', entered, DEFAULT_SLA_POLICY, federal)).toEqual(
      myt('2026-11-26T12:30:00'),
    );
  });

  it('gives terminal states no SLA', () => {
    const at = myt('2026-11-25T10:00:00');
    for (const state of ['closed', 'rejected', 'not_endorsed', 'withdrawn'] as const) {
      expect(dueAt('change_request', state, at, DEFAULT_SLA_POLICY, federal)).toBeNull();
    }
    for (const state of ['closed', 'withdrawn'] as const) {
      expect(dueAt('complaint', state, at, DEFAULT_SLA_POLICY, federal)).toBeNull();
    }
  });

  it('gives every waiting state of both SOP flows an SLA by default', () => {
    const at = myt('2026-11-25T10:00:00');
    const terminal = new Set(['closed', 'rejected', 'not_endorsed', 'withdrawn']);
    for (const state of CHANGE_REQUEST_STATES.filter((s) => !terminal.has(s))) {
      expect(dueAt('change_request', state, at, DEFAULT_SLA_POLICY, federal), state).not.toBeNull();
    }
    for (const state of COMPLAINT_STATES.filter((s) => !terminal.has(s))) {
      expect(dueAt('complaint', state, at, DEFAULT_SLA_POLICY, federal), state).not.toBeNull();
    }
  });
});

describe('overdueActions', () => {
  it('owes nothing before the due time', () => {
    expect(overdueActions(approval('2026-12-01T14:59:00'), DEFAULT_SLA_POLICY, federal)).toEqual([]);
  });

  it('reminds the role that must act at the due time', () => {
    expect(overdueActions(approval(DUE), DEFAULT_SLA_POLICY, federal)).toEqual([
      {
        level: 'remind',
        to: { role: 'approver' },
        count: 1,
        message: {
          key: 'sla.remind.awaiting_approval',
          params: { number: 'CR-2026-000042', hours: 18, count: 1, max: 3 },
        },
      },
    ]);
  });

  it('repeats the reminder only after the interval of business time', () => {
    const sent: SlaNotice[] = [{ level: 'remind', count: 1, lastAt: myt(DUE) }];
    expect(overdueActions(approval('2026-12-01T17:29:00', sent), DEFAULT_SLA_POLICY, federal)).toEqual([]);
    // 2.5 h on Tuesday + 1.5 h on Wednesday morning = 4 business hours.
    const next = overdueActions(approval('2026-12-02T10:00:00', sent), DEFAULT_SLA_POLICY, federal);
    expect(next.map((a) => [a.level, a.count])).toEqual([['remind', 2]]);
  });

  it('stops reminding at the maximum', () => {
    const sent: SlaNotice[] = [{ level: 'remind', count: 3, lastAt: myt(DUE) }];
    const later = overdueActions(approval('2026-12-03T10:00:00', sent), DEFAULT_SLA_POLICY, federal);
    expect(later.filter((a) => a.level === 'remind')).toEqual([]);
  });

  it('escalates to the desk first, then to an administrator, and stops at the maximum', () => {
    const reminded: SlaNotice = { level: 'remind', count: 3, lastAt: myt(DUE) };
    // Nine business hours after due: Tuesday 15:00 + 2.5 h + 6.5 h = Wednesday 15:00.
    expect(overdueActions(approval('2026-12-02T14:59:00', [reminded]), DEFAULT_SLA_POLICY, federal)).toEqual(
      [],
    );
    const first = overdueActions(approval('2026-12-02T15:00:00', [reminded]), DEFAULT_SLA_POLICY, federal);
    expect(first).toEqual([
      {
        level: 'escalate',
        to: { role: 'service_desk' },
        count: 1,
        message: {
          key: 'sla.escalate.awaiting_approval',
          params: { number: 'CR-2026-000042', hours: 18, overdue: 9 },
        },
      },
    ]);
    const once: SlaNotice = { level: 'escalate', count: 1, lastAt: myt('2026-12-02T15:00:00') };
    const second = overdueActions(
      approval('2026-12-03T15:00:00', [reminded, once]),
      DEFAULT_SLA_POLICY,
      federal,
    );
    expect(second.map((a) => [a.level, a.to, a.count])).toEqual([['escalate', { role: 'admin' }, 2]]);
    const twice: SlaNotice = { level: 'escalate', count: 2, lastAt: myt('2026-12-03T15:00:00') };
    expect(
      overdueActions(approval('2026-12-10T15:00:00', [reminded, twice]), DEFAULT_SLA_POLICY, federal),
    ).toEqual([]);
  });

  it('sends nothing outside business time, even when overdue', () => {
    expect(overdueActions(approval('2026-12-01T20:00:00'), DEFAULT_SLA_POLICY, federal)).toEqual([]);
    expect(overdueActions(approval('2026-12-05T10:00:00'), DEFAULT_SLA_POLICY, federal)).toEqual([]);
  });

  it('owes one notice per level after an outage, never a burst', () => {
    const actions = overdueActions(approval('2026-12-15T10:00:00'), DEFAULT_SLA_POLICY, federal);
    expect(actions.map((a) => [a.level, a.count])).toEqual([
      ['remind', 1],
      ['escalate', 1],
    ]);
  });

  it('reminds the named manager for endorsement and the desk when no manager is named', () => {
    const situation: SlaSituation = {
      ...approval('2026-11-30T09:00:00'),
      state: 'awaiting_endorsement',
      enteredAt: myt('2026-11-27T08:30:00'),
    };
    expect(overdueActions(situation, DEFAULT_SLA_POLICY, federal)[0]?.to).toEqual({ person: 'rahman' });
    expect(overdueActions({ ...situation, managerId: null }, DEFAULT_SLA_POLICY, federal)[0]?.to).toEqual({
      role: 'service_desk',
    });
  });

  it('reminds the requester to confirm a fix', () => {
    const situation: SlaSituation = {
      ...approval('2026-12-10T09:00:00'),
      kind: 'complaint',
      state: 'awaiting_confirmation',
      number: 'AD-2026-000007',
    };
    const [reminder] = overdueActions(situation, DEFAULT_SLA_POLICY, federal);
    expect(reminder?.to).toEqual({ person: 'aminah' });
    expect(reminder?.message.key).toBe('sla.remind.awaiting_confirmation');
    // Reminded only once the deadline has passed: what not answering now means (SOP 4.2.1 step 9).
    expect(renderMessage(reminder!.message, 'ms')).toMatch(
      /Meja Bantuan 1GovUC kini boleh menutup tiket ini tanpa pengesahan anda\.$/,
    );
    expect(renderMessage(reminder!.message, 'en')).toMatch(/service desk may now close this ticket/);
  });

  it('tells the desk, when the requester never confirms, that it may close the ticket unconfirmed', () => {
    const situation: SlaSituation = {
      ...approval('2026-12-15T10:00:00'),
      kind: 'complaint',
      state: 'awaiting_confirmation',
    };
    const escalation = overdueActions(situation, DEFAULT_SLA_POLICY, federal).find(
      (a) => a.level === 'escalate',
    );
    expect(escalation?.to).toEqual({ role: 'service_desk' });
    expect(renderMessage(escalation!.message, 'ms')).toContain('tutup tiket tanpa pengesahan dengan catatan');
    expect(renderMessage(escalation!.message, 'en')).toContain('close the ticket unconfirmed with a note');
  });

  it('reminds the desk for a complaint the bot opened itself, which no person can confirm', () => {
    const situation: SlaSituation = {
      ...approval('2026-12-10T09:00:00'),
      kind: 'complaint',
      state: 'awaiting_confirmation',
      requesterId: SYSTEM_ACTOR.id,
    };
    expect(overdueActions(situation, DEFAULT_SLA_POLICY, federal)[0]?.to).toEqual({ role: 'service_desk' });
  });

  it('tells the desk that the bot’s own re-check has not finished, never to test, on a complaint the bot opened', () => {
    const situation: SlaSituation = {
      ...approval('2026-12-15T10:00:00'),
      kind: 'complaint',
      state: 'awaiting_confirmation',
      requesterId: SYSTEM_ACTOR.id,
    };
    const sent = overdueActions(situation, DEFAULT_SLA_POLICY, federal);
    expect(sent.map((a) => [a.level, a.to, a.message.key])).toEqual([
      ['remind', { role: 'service_desk' }, 'sla.remind.awaiting_recheck'],
      ['escalate', { role: 'service_desk' }, 'sla.escalate.awaiting_recheck'],
    ]);
  });

  it('owes nothing in a terminal state', () => {
    const closed: SlaSituation = { ...approval('2026-12-15T10:00:00'), state: 'closed' };
    expect(overdueActions(closed, DEFAULT_SLA_POLICY, federal)).toEqual([]);
  });

  it('escalates without reminding when a policy allows no reminders', () => {
    const rule = DEFAULT_SLA_POLICY.change_request.awaiting_approval!;
    const policy: SlaPolicy = {
      ...DEFAULT_SLA_POLICY,
      change_request: { awaiting_approval: { ...rule, maxReminders: 0 } },
    };
    const actions = overdueActions(approval('2026-12-15T10:00:00'), policy, federal);
    expect(actions.map((a) => a.level)).toEqual(['escalate']);
  });
});
