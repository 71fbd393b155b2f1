import { describe, expect, it } from 'vitest';
import { availableActions, decide, nextActor } from '../../flows/decide.ts';
import type { Actor, Decision, TicketAction, TicketKind, TicketSnapshot } from '../../flows/types.ts';
import {
  applyDecision,
  approver,
  expectDecision,
  manager,
  NOW,
  requester,
  sectionD,
  soc,
  socWhoApproves,
  VALID,
  vendor,
} from './fixtures.ts';

// Whole SOPs walked the way the ticket service runs them: the snapshot is reloaded (here: rebuilt from the
// previous decision) for every event, and each step is taken by the person the SOP names.

function walker(kind: TicketKind) {
  let current: TicketSnapshot | null = null;
  const trail: string[] = [];
  const decisions: Decision[] = [];
  return {
    take(actor: Actor, action: TicketAction): Decision {
      if (current) expect(availableActions(current, actor, NOW)).toContain(action.type);
      const d = expectDecision(decide(current, action, actor, NOW));
      current = applyDecision(kind, current, d);
      trail.push(`${d.step} ${d.to}`);
      decisions.push(d);
      return d;
    },
    get ticket(): TicketSnapshot {
      if (!current) throw new Error('nothing submitted yet');
      return current;
    },
    trail,
    decisions,
  };
}

describe('SOP 4.1 walked end to end', () => {
  it('endorsement, approval, a failed attempt, the vendor loop and a failed retest before closure', () => {
    const w = walker('change_request');
    w.take(requester, VALID.submit_change_request);
    expect(nextActor(w.ticket)).toEqual({ person: manager.id });
    w.take(manager, VALID.endorse);
    expect(nextActor(w.ticket)).toEqual({ role: 'approver' });
    w.take(approver, VALID.approve);
    expect(w.ticket.approverId).toBe(approver.id);
    // The approver also holds the SOC role but may not implement what they approved.
    expect(availableActions(w.ticket, socWhoApproves, NOW)).toEqual([]);
    w.take(soc, VALID.start_implementation);
    expect(w.ticket.implementerId).toBe(soc.id);
    const failed = w.take(soc, {
      type: 'mark_implemented',
      sectionD: sectionD({
        status: 'unsuccessful',
        postImplementationReview: 'Konfigurasi ditolak oleh gateway.',
      }),
    });
    expect(failed.event.data).toMatchObject({ next: ['escalate_to_vendor', 'mark_implemented'] });
    w.take(soc, VALID.escalate_to_vendor);
    expect(nextActor(w.ticket)).toEqual({ role: 'vendor' });
    w.take(vendor, VALID.vendor_resolved);
    w.take(soc, VALID.mark_implemented);
    expect(nextActor(w.ticket)).toEqual({ person: requester.id });
    w.take(requester, VALID.report_still_failing);
    w.take(soc, VALID.start_implementation);
    w.take(soc, VALID.mark_implemented);
    const closing = w.take(requester, VALID.confirm_resolved);
    expect(closing.notify.map((n) => n.to)).toContainEqual({ channel: 'announcements' });
    expect(nextActor(w.ticket)).toBeNull();
    expect(availableActions(w.ticket, requester, NOW)).toEqual([]);
    expect(w.trail).toEqual([
      '4.1/2 awaiting_endorsement',
      '4.1/3 awaiting_approval',
      '4.1/6 awaiting_implementation',
      '4.1/7 implementing',
      '4.1/8 implementing',
      '4.1/8 escalated_to_vendor',
      '4.1/9 implementing',
      '4.1/10 awaiting_confirmation',
      '4.1/12 awaiting_implementation',
      '4.1/7 implementing',
      '4.1/10 awaiting_confirmation',
      '4.1/13 closed',
    ]);
  });

  it('the reject branch (steps 4 → 5) ends the ticket and tells the requester why', () => {
    const w = walker('change_request');
    w.take(requester, { ...VALID.submit_change_request, endorsementRequired: false });
    const d = w.take(approver, VALID.reject);
    expect(d.notify[0]?.message).toEqual({
      key: 'notify.cr.rejected',
      params: {
        number: w.ticket.number,
        approver: approver.name,
        comments: 'Domain rakan kongsi belum disahkan.',
      },
    });
    expect(decide(w.ticket, VALID.approve, approver, NOW)).toMatchObject({
      ok: false,
      code: 'ticket_finished',
    });
    expect(w.trail).toEqual(['4.1/3 awaiting_approval', '4.1/5 rejected']);
  });
});

describe('SOP 4.2 walked end to end', () => {
  it('investigation, vendor loop, a failed test (8 → 3) and closure', () => {
    const w = walker('complaint');
    w.take(requester, VALID.submit_complaint);
    expect(nextActor(w.ticket)).toEqual({ role: 'soc' });
    w.take(soc, VALID.record_findings);
    w.take(soc, VALID.escalate_to_vendor);
    w.take(vendor, VALID.vendor_resolved);
    w.take(soc, VALID.mark_resolved);
    w.take(requester, VALID.report_still_failing);
    expect(w.ticket.state).toBe('investigating');
    w.take(soc, VALID.record_findings);
    w.take(soc, VALID.mark_resolved);
    w.take(requester, VALID.confirm_resolved);
    expect(w.trail).toEqual([
      '4.2/2 investigating',
      '4.2/3 investigating',
      '4.2/4 escalated_to_vendor',
      '4.2/5 investigating',
      '4.2/6 awaiting_confirmation',
      '4.2/8 investigating',
      '4.2/3 investigating',
      '4.2/6 awaiting_confirmation',
      '4.2/9 closed',
    ]);
    expect(nextActor(w.ticket)).toBeNull();
  });
});
