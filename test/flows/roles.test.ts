import { describe, expect, it } from 'vitest';
import { availableActions, decide } from '../../flows/decide.ts';
import {
  forbidApproverImplementing,
  forbidOwnRequest,
  maySeeTicket,
  requireNamedManager,
  requireRequester,
  requireRole,
} from '../../flows/roles.ts';
import { type Actor, SYSTEM_ACTOR, type TicketAction, type TicketSnapshot } from '../../flows/types.ts';
import {
  admin,
  approver,
  desk,
  expectRefusal,
  manager,
  NOW,
  otherManager,
  otherRequester,
  requester,
  requesterWithAllRoles,
  soc,
  socWhoApproves,
  ticket,
  VALID,
  vendor,
} from './fixtures.ts';
import { ad, cr } from './transition-cases.ts';

// Who may act (SOP 4.1.1 / 4.2.1 "Pegawai yang Bertanggungjawab") and the separation-of-duty rules.
// A refused action yields no decision, only the reason.

interface Case {
  readonly name: string;
  readonly ticket: TicketSnapshot | null;
  readonly actor: Actor;
  readonly action: TicketAction;
  readonly code: string;
  readonly params?: Record<string, string>;
}

// biome-ignore format: one refusal per row
const CASES: readonly Case[] = [
  { name: '4.1 step 1: only a Pentadbir UC Agensi (requester role) submits a change request', ticket: null, actor: soc, action: VALID.submit_change_request, code: 'wrong_role', params: { role: 'requester' } },
  { name: '4.2 step 1: only a Pentadbir UC Agensi (requester role) reports a complaint', ticket: null, actor: vendor, action: VALID.submit_complaint, code: 'wrong_role', params: { role: 'requester' } },
  { name: '4.1 step 2: only a manager endorses', ticket: cr('awaiting_endorsement'), actor: approver, action: VALID.endorse, code: 'wrong_role', params: { role: 'manager' } },
  { name: '4.1 step 2: a manager other than the one named on the form cannot endorse', ticket: cr('awaiting_endorsement'), actor: otherManager, action: VALID.endorse, code: 'not_named_manager' },
  { name: '4.1 step 2: a manager other than the one named on the form cannot decline', ticket: cr('awaiting_endorsement'), actor: otherManager, action: VALID.decline_endorsement, code: 'not_named_manager' },
  { name: '4.1 step 2: the requester cannot endorse their own request even holding the manager role', ticket: cr('awaiting_endorsement', { managerId: null }), actor: requesterWithAllRoles, action: VALID.endorse, code: 'own_request' },
  { name: '4.1 step 4: only MAMPU (approver role) approves', ticket: cr('awaiting_approval', { approverId: null }), actor: soc, action: VALID.approve, code: 'wrong_role', params: { role: 'approver' } },
  { name: '4.1 step 4: only MAMPU (approver role) rejects', ticket: cr('awaiting_approval', { approverId: null }), actor: manager, action: VALID.reject, code: 'wrong_role', params: { role: 'approver' } },
  { name: '4.1 step 4: the requester never approves their own request, even holding the approver role', ticket: cr('awaiting_approval', { approverId: null }), actor: requesterWithAllRoles, action: VALID.approve, code: 'own_request' },
  { name: '4.1 step 4: the requester never rejects their own request either', ticket: cr('awaiting_approval', { approverId: null }), actor: requesterWithAllRoles, action: VALID.reject, code: 'own_request' },
  { name: '4.1 step 7: only VAS SOC implements', ticket: cr('awaiting_implementation'), actor: approver, action: VALID.start_implementation, code: 'wrong_role', params: { role: 'soc' } },
  { name: '4.1 step 7: the officer who approved in Section C cannot start the implementation', ticket: cr('awaiting_implementation'), actor: socWhoApproves, action: VALID.start_implementation, code: 'approver_cannot_implement' },
  { name: '4.1 Section D: the officer who approved cannot record the implementation either', ticket: cr('implementing'), actor: socWhoApproves, action: VALID.mark_implemented, code: 'approver_cannot_implement' },
  { name: '4.1 step 8: only VAS SOC reports to the vendor', ticket: cr('implementing'), actor: desk, action: VALID.escalate_to_vendor, code: 'wrong_role', params: { role: 'soc' } },
  { name: '4.1 step 9: only the vendor records the vendor fix', ticket: cr('escalated_to_vendor'), actor: soc, action: VALID.vendor_resolved, code: 'wrong_role', params: { role: 'vendor' } },
  { name: '4.1 step 11: only the requester confirms the fix (not another Pentadbir UC Agensi)', ticket: cr('awaiting_confirmation'), actor: otherRequester, action: VALID.confirm_resolved, code: 'not_requester' },
  { name: '4.1 step 11: VAS SOC cannot confirm its own work', ticket: cr('awaiting_confirmation'), actor: soc, action: VALID.confirm_resolved, code: 'not_requester' },
  { name: '4.1 step 11: only the requester reports that it still fails', ticket: cr('awaiting_confirmation'), actor: desk, action: VALID.report_still_failing, code: 'not_requester' },
  { name: '4.1: only the requester withdraws their request', ticket: cr('awaiting_approval'), actor: approver, action: VALID.withdraw, code: 'not_requester' },
  { name: '4.2 step 3: only VAS SOC records findings', ticket: ad('investigating'), actor: desk, action: VALID.record_findings, code: 'wrong_role', params: { role: 'soc' } },
  { name: '4.2 step 4: only VAS SOC escalates to the vendor', ticket: ad('investigating'), actor: vendor, action: VALID.escalate_to_vendor, code: 'wrong_role', params: { role: 'soc' } },
  { name: '4.2 step 5: only the vendor records the vendor fix', ticket: ad('escalated_to_vendor'), actor: soc, action: VALID.vendor_resolved, code: 'wrong_role', params: { role: 'vendor' } },
  { name: '4.2 step 6: only VAS SOC marks the complaint resolved', ticket: ad('investigating'), actor: requester, action: VALID.mark_resolved, code: 'wrong_role', params: { role: 'soc' } },
  { name: '4.2 step 7: only the requester confirms', ticket: ad('awaiting_confirmation'), actor: soc, action: VALID.confirm_resolved, code: 'not_requester' },
  { name: '4.2 step 7: only the requester reports that it still fails', ticket: ad('awaiting_confirmation'), actor: otherRequester, action: VALID.report_still_failing, code: 'not_requester' },
  { name: '4.2: only the requester withdraws the complaint', ticket: ad('investigating'), actor: soc, action: VALID.withdraw, code: 'not_requester' },
  { name: '4.2 step 6: the complainant never marks their own complaint resolved, even holding the SOC role', ticket: ad('investigating'), actor: requesterWithAllRoles, action: VALID.mark_resolved, code: 'requester_cannot_resolve' },
  { name: '4.2 step 5: nor records the vendor\'s fix of it, even holding the vendor role', ticket: ad('escalated_to_vendor'), actor: requesterWithAllRoles, action: VALID.vendor_resolved, code: 'requester_cannot_resolve' },
  { name: 'separation of duties: an admin cannot approve on behalf of MAMPU', ticket: cr('awaiting_approval', { approverId: null }), actor: admin, action: VALID.approve, code: 'wrong_role', params: { role: 'approver' } },
  { name: 'separation of duties: an admin cannot endorse on behalf of the manager', ticket: cr('awaiting_endorsement'), actor: admin, action: VALID.endorse, code: 'wrong_role', params: { role: 'manager' } },
  { name: 'separation of duties: an admin cannot confirm on behalf of the requester', ticket: cr('awaiting_confirmation'), actor: admin, action: VALID.confirm_resolved, code: 'not_requester' },
  { name: 'the system itself passes no role check meant for a person', ticket: cr('awaiting_approval', { approverId: null }), actor: SYSTEM_ACTOR, action: VALID.approve, code: 'wrong_role', params: { role: 'approver' } },
  { name: 'the system itself cannot confirm on the requester\'s behalf', ticket: ad('awaiting_confirmation'), actor: SYSTEM_ACTOR, action: VALID.confirm_resolved, code: 'not_requester' },
];

describe('role and separation-of-duty refusals', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = expectRefusal(decide(c.ticket, c.action, c.actor, NOW));
    expect(r.code).toBe(c.code);
    expect(r.reason).toEqual(
      c.params ? { key: `refusal.${c.code}`, params: c.params } : { key: `refusal.${c.code}` },
    );
    expect(r.fieldErrors).toBeUndefined();
  });

  it('tells the person refused who acts next and what is theirs to do, never another role’s step', () => {
    // SOC presses Approve: the approver acts next, and SOC has nothing to do on a request awaiting approval.
    const bySoc = expectRefusal(
      decide(cr('awaiting_approval', { approverId: null }), VALID.approve, soc, NOW),
    );
    expect(bySoc.whatNow).toEqual([
      { key: 'next.by_role', params: { role: 'approver', actions: 'approve, reject' } },
      { key: 'next.none' },
    ]);
    // The requester who also holds the approver role is told her own step: withdrawing, not approving.
    const own = expectRefusal(
      decide(cr('awaiting_approval', { approverId: null }), VALID.approve, requesterWithAllRoles, NOW),
    );
    expect(own.code).toBe('own_request');
    expect(own.whatNow?.at(-1)).toEqual({ key: 'next.yours', params: { actions: 'withdraw' } });
    // Opening a ticket has no ticket to speak of: the reason alone.
    const opening = expectRefusal(decide(null, VALID.submit_change_request, soc, NOW));
    expect(opening.whatNow).toBeUndefined();
  });

  it('leaves the complainant who holds the SOC role the steps that are not resolving, and another officer resolving', () => {
    const investigating = ad('investigating');
    const theirs = availableActions(investigating, requesterWithAllRoles, NOW);
    expect(theirs).not.toContain('mark_resolved');
    expect(theirs).toEqual(expect.arrayContaining(['record_findings', 'escalate_to_vendor', 'withdraw']));
    expect(decide(investigating, VALID.mark_resolved, soc, NOW).ok).toBe(true);
  });

  it('a role refusal comes before payload validation: no form errors for a step one may not take', () => {
    const r = expectRefusal(decide(cr('awaiting_approval'), { type: 'reject', sectionC: {} }, soc, NOW));
    expect(r.code).toBe('wrong_role');
  });

  it('the named manager endorses, and another SOC officer than the approver implements', () => {
    expect(decide(cr('awaiting_endorsement'), VALID.endorse, manager, NOW).ok).toBe(true);
    expect(decide(cr('awaiting_implementation'), VALID.start_implementation, soc, NOW).ok).toBe(true);
  });

  it('the requester keeps their per-ticket role even when the global requester role was taken away', () => {
    const former: Actor = { ...requester, roles: [] };
    expect(decide(cr('awaiting_confirmation'), VALID.confirm_resolved, former, NOW).ok).toBe(true);
  });

  it('with no manager on record (a request from before submission refused it), no manager may endorse', () => {
    const unnamed = cr('awaiting_endorsement', { managerId: null });
    for (const someone of [manager, otherManager]) {
      expect(expectRefusal(decide(unnamed, VALID.endorse, someone, NOW)).code).toBe('not_named_manager');
      expect(availableActions(unnamed, someone, NOW)).toEqual([]);
    }
  });
});

describe('the rules one by one', () => {
  const t = ticket('change_request', 'awaiting_approval');

  it('requireRole names the role that is needed', () => {
    expect(requireRole(approver, 'approver')).toBeNull();
    expect(requireRole(soc, 'approver')).toMatchObject({
      code: 'wrong_role',
      reason: { params: { role: 'approver' } },
    });
  });

  it('requireRequester and forbidOwnRequest look at the person, not the roles', () => {
    expect(requireRequester(t, requesterWithAllRoles)).toBeNull();
    expect(requireRequester(t, otherRequester)).toMatchObject({ code: 'not_requester' });
    expect(forbidOwnRequest(t, requesterWithAllRoles)).toMatchObject({ code: 'own_request' });
    expect(forbidOwnRequest(t, approver)).toBeNull();
  });

  it('maySeeTicket opens a ticket to the people it names and the service’s staff, not to other agencies', () => {
    const implemented = ticket('change_request', 'implementing', { implementerId: soc.id });
    for (const who of [requester, manager, approver, soc, vendor, desk, admin])
      expect(maySeeTicket(implemented, who)).toBe(true);
    for (const who of [otherRequester, otherManager, { id: 'u-unknown', name: 'U0STRANGER', roles: [] }])
      expect(maySeeTicket(implemented, who)).toBe(false);
  });

  it('requireNamedManager lets only the manager on record sign, and nobody when none is', () => {
    expect(requireNamedManager(t, manager)).toBeNull();
    expect(requireNamedManager(t, otherManager)).toMatchObject({ code: 'not_named_manager' });
    expect(requireNamedManager({ ...t, managerId: null }, otherManager)).toMatchObject({
      code: 'not_named_manager',
    });
  });

  it('forbidApproverImplementing holds only once someone has approved', () => {
    expect(forbidApproverImplementing(t, socWhoApproves)).toMatchObject({
      code: 'approver_cannot_implement',
    });
    expect(forbidApproverImplementing({ ...t, approverId: null }, socWhoApproves)).toBeNull();
    expect(forbidApproverImplementing(t, soc)).toBeNull();
  });
});
