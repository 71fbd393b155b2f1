import { describe, expect, it } from 'vitest';
import { availableActions, decide, nextActor } from '../../flows/decide.ts';
import type { Actor, TicketSnapshot } from '../../flows/types.ts';
import {
  admin,
  approver,
  desk,
  expectDecision,
  manager,
  NOW,
  otherManager,
  requester,
  requesterWithAllRoles,
  soc,
  socWhoApproves,
  VALID,
  vendor,
} from './fixtures.ts';
import { ad, cr } from './transition-cases.ts';

// The buttons each person sees (availableActions) and the "waiting for …" line (nextActor).

// biome-ignore format: one view per row
const BUTTONS: readonly (readonly [string, TicketSnapshot | null, Actor, readonly string[]])[] = [
  ['a Pentadbir UC Agensi may open either kind of ticket', null, requester, ['submit_change_request', 'submit_complaint']],
  ['nobody else may open one', null, approver, []],
  ['4.1 step 2: the named manager may endorse or decline', cr('awaiting_endorsement'), manager, ['endorse', 'decline_endorsement']],
  ['4.1 step 2: another manager sees no buttons', cr('awaiting_endorsement'), otherManager, []],
  ['4.1 step 2: the requester may only withdraw, whatever roles they hold', cr('awaiting_endorsement', { managerId: null }), requesterWithAllRoles, ['withdraw']],
  ['4.1 step 4: MAMPU may approve or reject', cr('awaiting_approval', { approverId: null }), approver, ['approve', 'reject']],
  ['4.1 step 4: the requester holding the approver role may still only withdraw', cr('awaiting_approval', { approverId: null }), requesterWithAllRoles, ['withdraw']],
  ['4.1 step 7: VAS SOC may start the implementation', cr('awaiting_implementation'), soc, ['start_implementation']],
  ['4.1 step 7: the approver who is also SOC may not', cr('awaiting_implementation'), socWhoApproves, []],
  ['4.1 step 8: VAS SOC records Section D or escalates', cr('implementing'), soc, ['mark_implemented', 'escalate_to_vendor']],
  ['4.1 step 9: the vendor records its fix', cr('escalated_to_vendor'), vendor, ['vendor_resolved']],
  ['4.1 step 11: the requester confirms or reports a failure', cr('awaiting_confirmation'), requester, ['confirm_resolved', 'report_still_failing']],
  ['4.1 step 13: nothing is left to do on a closed ticket', cr('closed'), requesterWithAllRoles, []],
  ['the service desk watches but never decides', cr('awaiting_approval'), desk, []],
  ['an admin never decides for others', cr('awaiting_approval'), admin, []],
  ['4.2 step 3: VAS SOC investigates, escalates or resolves', ad('investigating'), soc, ['record_findings', 'escalate_to_vendor', 'mark_resolved']],
  ['4.2 step 3: the requester may withdraw', ad('investigating'), requester, ['withdraw']],
  ['4.2 step 5: the vendor records its fix', ad('escalated_to_vendor'), vendor, ['vendor_resolved']],
  ['4.2 step 7: the requester confirms or reports a failure', ad('awaiting_confirmation'), requester, ['confirm_resolved', 'report_still_failing']],
];

describe('availableActions', () => {
  it.each(BUTTONS)('%s', (_name, t, actor, expected) => {
    expect([...availableActions(t, actor, NOW)].sort()).toEqual([...expected].sort());
  });

  it('every button it offers is one decide accepts from that person', () => {
    for (const [, t, actor] of BUTTONS) {
      for (const type of availableActions(t, actor, NOW)) {
        expect(decide(t, VALID[type], actor, NOW).ok, `${type} by ${actor.id}`).toBe(true);
      }
    }
  });
});

// biome-ignore format: one state per row
const NEXT: readonly (readonly [string, TicketSnapshot, unknown])[] = [
  ['4.1 step 2: the manager named on the form', cr('awaiting_endorsement'), { person: manager.id }],
  ['4.1 step 2: the manager role when no manager is on record (a ticket from before submission refused that)', cr('awaiting_endorsement', { managerId: null }), { role: 'manager' }],
  ['4.1 step 4: MAMPU', cr('awaiting_approval'), { role: 'approver' }],
  ['4.1 step 7: VAS SOC', cr('awaiting_implementation'), { role: 'soc' }],
  ['4.1 step 8: VAS SOC', cr('implementing'), { role: 'soc' }],
  ['4.1 step 9: the vendor', cr('escalated_to_vendor'), { role: 'vendor' }],
  ['4.1 step 11: the requester', cr('awaiting_confirmation'), { person: requester.id }],
  ['4.1 step 5: nobody after a rejection', cr('rejected'), null],
  ['4.1: nobody once not endorsed', cr('not_endorsed'), null],
  ['4.1: nobody once withdrawn', cr('withdrawn'), null],
  ['4.2 step 3: VAS SOC', ad('investigating'), { role: 'soc' }],
  ['4.2 step 5: the vendor', ad('escalated_to_vendor'), { role: 'vendor' }],
  ['4.2 step 7: the requester', ad('awaiting_confirmation'), { person: requester.id }],
  ['4.2 step 9: nobody once closed', ad('closed'), null],
];

describe('nextActor', () => {
  it.each(NEXT)('%s', (_name, t, expected) => {
    expect(nextActor(t)).toEqual(expected);
  });
});

describe('decide', () => {
  it('is pure: the same input gives the same decision and the input is not touched', () => {
    const t = Object.freeze(cr('awaiting_approval', { approverId: null }));
    const action = Object.freeze({ ...VALID.approve });
    const first = expectDecision(decide(t, action, approver, NOW));
    expect(decide(t, action, approver, NOW)).toEqual(first);
    expect(t.state).toBe('awaiting_approval');
  });

  it('never throws on a payload of the wrong shape: it is refused on the payload itself', () => {
    const r = decide(cr('implementing'), { type: 'mark_implemented', sectionD: 'yes' }, soc, NOW);
    expect(r).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { sectionD: { key: 'form.error.invalid' } },
    });
  });
});

describe('a step that no longer applies', () => {
  const otherApprover: Actor = { id: 'u-noraini', name: 'Noraini binti Abdullah', roles: ['approver'] };
  const approved = cr('awaiting_implementation', { approverId: otherApprover.id });

  it('tells a late approver that VAS SOC acts next, and offers them nothing of SOC’s', () => {
    const r = decide(approved, VALID.approve, approver, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.whatNow).toEqual([
      { key: 'next.by_role', params: { role: 'soc', actions: 'start_implementation' } },
      { key: 'next.none' },
    ]);
  });

  it('offers a person only the steps they may take: SOC pressing an old Approve may implement', () => {
    const r = decide(approved, VALID.approve, soc, NOW);
    if (r.ok) return expect.fail('expected a refusal');
    expect(r.whatNow?.at(-1)).toEqual({ key: 'next.yours', params: { actions: 'start_implementation' } });
  });

  it('offers the requester only their own steps while the manager must endorse', () => {
    const r = decide(cr('awaiting_endorsement'), VALID.approve, requester, NOW);
    if (r.ok) return expect.fail('expected a refusal');
    expect(r.whatNow).toEqual([
      { key: 'next.by_role', params: { role: 'manager', actions: 'endorse, decline_endorsement' } },
      { key: 'next.yours', params: { actions: 'withdraw' } },
    ]);
  });
});
