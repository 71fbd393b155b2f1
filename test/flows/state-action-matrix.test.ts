import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import {
  CHANGE_REQUEST_STATES,
  COMPLAINT_STATES,
  SYSTEM_ACTION_TYPES,
  type TicketActionType,
  type TicketKind,
  type TicketState,
} from '../../flows/types.ts';
import {
  ACTOR_FOR,
  expectDecision,
  expectRefusal,
  investigated,
  NOW,
  requester,
  ticket,
  VALID,
} from './fixtures.ts';

/** The requester's deadline to answer the confirmation request (SOP 4.1 step 11, 4.2 step 7) has passed. */
const OVERDUE = { slaDueAt: new Date('2025-06-13T17:30:00+08:00') };

// Every state × every action of both procedures. What may happen where is written out here from the SOP
// flowcharts; everything else must be refused with no decision: `ticket_finished` in a final state,
// otherwise `illegal_transition` naming the state and the actions the same person may take in it (never
// another role's, nor the bot's own steps).

const ACTIONS = Object.keys(VALID) as TicketActionType[];

type Legal = Readonly<Record<string, Partial<Record<TicketActionType, string>>>>;

const CHANGE_REQUEST: Legal = {
  awaiting_endorsement: {
    endorse: 'awaiting_approval',
    decline_endorsement: 'not_endorsed',
    withdraw: 'withdrawn',
  },
  awaiting_approval: { approve: 'awaiting_implementation', reject: 'rejected', withdraw: 'withdrawn' },
  awaiting_implementation: { start_implementation: 'implementing' },
  implementing: { mark_implemented: 'awaiting_confirmation', escalate_to_vendor: 'escalated_to_vendor' },
  escalated_to_vendor: { vendor_resolved: 'implementing' },
  awaiting_confirmation: {
    confirm_resolved: 'closed',
    report_still_failing: 'awaiting_implementation',
    close_unconfirmed: 'closed',
  },
};
const CHANGE_REQUEST_FINAL = ['closed', 'rejected', 'not_endorsed', 'withdrawn'];

const COMPLAINT: Legal = {
  investigating: {
    record_findings: 'investigating',
    escalate_to_vendor: 'escalated_to_vendor',
    mark_resolved: 'awaiting_confirmation',
    withdraw: 'withdrawn',
    record_investigation: 'investigating',
  },
  escalated_to_vendor: {
    vendor_resolved: 'investigating',
    withdraw: 'withdrawn',
    record_investigation: 'escalated_to_vendor',
  },
  awaiting_confirmation: {
    confirm_resolved: 'closed',
    report_still_failing: 'investigating',
    close_unconfirmed: 'closed',
    record_investigation: 'awaiting_confirmation',
  },
};
const COMPLAINT_FINAL = ['closed', 'withdrawn'];

function pairs(kind: TicketKind, states: readonly string[], legal: Legal, final: readonly string[]) {
  return states.flatMap((state) =>
    ACTIONS.map((action) => ({
      kind,
      state,
      action,
      to: legal[state]?.[action],
      final: final.includes(state),
    })),
  );
}

/** The bot records a run the ticket has: the fixture complaint with its investigation run. */
const ticketFor = (kind: TicketKind, state: TicketState, action: TicketActionType) => {
  if (action === 'record_investigation' && kind === 'complaint') return investigated(state);
  if (action === 'close_unconfirmed') return ticket(kind, state, OVERDUE);
  return ticket(kind, state, state === 'awaiting_approval' ? { approverId: null } : {});
};
const isSystemAction = (a: string) => (SYSTEM_ACTION_TYPES as readonly string[]).includes(a);

const ALL = [
  ...pairs('change_request', CHANGE_REQUEST_STATES, CHANGE_REQUEST, CHANGE_REQUEST_FINAL),
  ...pairs('complaint', COMPLAINT_STATES, COMPLAINT, COMPLAINT_FINAL),
];

describe('every state × every action', () => {
  it('covers 10 change request states and 5 complaint states with all 18 actions', () => {
    expect(ACTIONS).toHaveLength(18);
    expect(ALL).toHaveLength((10 + 5) * 18);
  });

  it.each(ALL.filter((p) => p.to !== undefined))(
    '$kind in $state: $action → $to',
    ({ kind, state, action, to }) => {
      const t = ticketFor(kind, state as TicketState, action);
      const d = expectDecision(decide(t, VALID[action], ACTOR_FOR[action], NOW));
      expect(d.to).toBe(to);
    },
  );

  it.each(ALL.filter((p) => p.final))('$kind in final state $state refuses $action: ticket_finished', (p) => {
    const r = expectRefusal(
      decide(ticket(p.kind, p.state as never), VALID[p.action], ACTOR_FOR[p.action], NOW),
    );
    expect(r.code).toBe('ticket_finished');
    expect(r.reason).toEqual({ key: 'refusal.ticket_finished', params: { state: p.state } });
  });

  it.each(ALL.filter((p) => p.to === undefined && !p.final))(
    '$kind in $state refuses $action: illegal_transition',
    ({ kind, state, action }) => {
      const t = ticketFor(kind, state as TicketState, action);
      const r = expectRefusal(decide(t, VALID[action], ACTOR_FOR[action], NOW));
      expect(r.code).toBe('illegal_transition');
      expect(r.reason.key).toBe('refusal.illegal_transition');
      expect(r.reason.params?.state).toBe(state);
      // Offered: what the same person may do in this state (the requester's deadline has not passed).
      const legal = Object.keys((kind === 'change_request' ? CHANGE_REQUEST : COMPLAINT)[state] ?? {});
      const actor = ACTOR_FOR[action];
      const offered = legal.filter(
        (a) => !isSystemAction(a) && a !== 'close_unconfirmed' && ACTOR_FOR[a as TicketActionType] === actor,
      );
      expect(r.whatNow?.at(-1)).toEqual(
        offered.length === 0
          ? { key: 'next.none' }
          : { key: 'next.yours', params: { actions: expect.any(String) } },
      );
      const yours = r.whatNow?.at(-1)?.params?.actions;
      if (offered.length > 0) expect(String(yours).split(', ').sort()).toEqual(offered.sort());
    },
  );

  it.each(ACTIONS.filter((a) => !a.startsWith('submit_') && a !== 'report_failed_check'))(
    'no ticket yet: %s is refused, only the submit actions apply',
    (action) => {
      const r = expectRefusal(decide(null, VALID[action], ACTOR_FOR[action], NOW));
      expect(r.reason).toEqual({ key: 'refusal.illegal_transition', params: { state: 'none' } });
      const requesterCommands = 'submit_change_request, submit_complaint';
      expect(r.whatNow).toEqual([
        ACTOR_FOR[action] === requester
          ? { key: 'next.yours', params: { actions: requesterCommands } }
          : { key: 'next.none' },
      ]);
    },
  );

  it('a state from the other procedure is refused instead of guessed at', () => {
    const r = expectRefusal(
      decide(ticket('complaint', 'awaiting_approval'), VALID.approve, ACTOR_FOR.approve, NOW),
    );
    expect(r.reason).toEqual({ key: 'refusal.illegal_transition', params: { state: 'awaiting_approval' } });
    expect(r.whatNow).toEqual([{ key: 'next.none' }]);
  });
});
