import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import type { Actor, Audience, TicketAction } from '../../flows/types.ts';
import {
  approver,
  expectDecision,
  manager,
  NOW,
  requester,
  sectionA,
  sectionD,
  soc,
  VALID,
  vendor,
} from './fixtures.ts';
import { cr, expectTransition, role, type TransitionCase } from './transition-cases.ts';

// Every SOP 4.1 transition, one row each, named by the SOP step it performs. Expected values are written
// out from the SOP and the paper form, not read from flows/.

const REQ: Audience = { person: requester.id };
const MGR: Audience = { person: manager.id };
const CASES: readonly TransitionCase[] = [
  {
    name: '4.1 steps 1–2: the requester submits Section A and the named manager is asked to endorse',
    ticket: null,
    actor: requester,
    action: VALID.submit_change_request,
    to: 'awaiting_endorsement',
    step: '4.1/2',
    event: 'cr.submitted',
    notify: [
      [REQ, 'notify.cr.submitted_for_endorsement'],
      [MGR, 'notify.cr.endorsement_requested'],
      [role('service_desk'), 'notify.cr.opened'],
    ],
    posts: [
      ['ticket', REQ],
      ['endorsement', MGR],
      ['desk', role('service_desk')],
    ],
    sections: ['A'],
    assign: [
      { role: 'requester', person: requester.id },
      { role: 'manager', person: manager.id },
    ],
  },
  {
    name: '4.1 steps 1–3: without endorsement the ticket opens and MAMPU is asked for approval at once',
    ticket: null,
    actor: requester,
    action: {
      type: 'submit_change_request',
      form: sectionA({ manager: undefined }),
      endorsementRequired: false,
    },
    to: 'awaiting_approval',
    step: '4.1/3',
    event: 'cr.submitted',
    notify: [
      [REQ, 'notify.cr.submitted'],
      [role('service_desk'), 'notify.cr.opened'],
      [role('approver'), 'notify.cr.approval_requested'],
    ],
    posts: [
      ['ticket', REQ],
      ['desk', role('service_desk')],
      ['approval', role('approver')],
    ],
    sections: ['A'],
    assign: [{ role: 'requester', person: requester.id }],
  },
  {
    name: '4.1 steps 1–3: without endorsement the manager block is only recorded, so nobody is asked to sign',
    ticket: null,
    actor: requester,
    action: {
      type: 'submit_change_request',
      form: sectionA({ manager: { ...sectionA().manager, id: 'slack:U0NOTCONFIGURED' } }),
      endorsementRequired: false,
    },
    to: 'awaiting_approval',
    step: '4.1/3',
    event: 'cr.submitted',
    notify: [
      [REQ, 'notify.cr.submitted'],
      [role('service_desk'), 'notify.cr.opened'],
      [role('approver'), 'notify.cr.approval_requested'],
    ],
    posts: [
      ['ticket', REQ],
      ['desk', role('service_desk')],
      ['approval', role('approver')],
    ],
    sections: ['A'],
    assign: [{ role: 'requester', person: requester.id }],
  },
  {
    name: '4.1 step 3: the manager endorses; the ticket is opened and MAMPU asked for approval',
    ticket: cr('awaiting_endorsement', { approverId: null }),
    actor: manager,
    action: VALID.endorse,
    to: 'awaiting_approval',
    step: '4.1/3',
    event: 'cr.endorsed',
    notify: [
      [REQ, 'notify.cr.endorsed'],
      [role('approver'), 'notify.cr.approval_requested_endorsed'],
    ],
    posts: [['approval', role('approver')]],
  },
  {
    name: '4.1 step 2: the manager declines with a reason and the request never reaches MAMPU',
    ticket: cr('awaiting_endorsement', { approverId: null }),
    actor: manager,
    action: VALID.decline_endorsement,
    to: 'not_endorsed',
    step: '4.1/2',
    event: 'cr.not_endorsed',
    notify: [[REQ, 'notify.cr.not_endorsed']],
    sections: ['note'],
  },
  {
    name: '4.1 step 2: the requester withdraws before the manager decides',
    ticket: cr('awaiting_endorsement', { approverId: null }),
    actor: requester,
    action: VALID.withdraw,
    to: 'withdrawn',
    step: '4.1/2',
    event: 'cr.withdrawn',
    notify: [
      [role('service_desk'), 'notify.cr.withdrawn'],
      [MGR, 'notify.cr.withdrawn'],
    ],
    sections: ['note'],
  },
  {
    name: '4.1 step 6: MAMPU approval routes the request to VAS SOC',
    ticket: cr('awaiting_approval', { approverId: null }),
    actor: approver,
    action: VALID.approve,
    to: 'awaiting_implementation',
    step: '4.1/6',
    event: 'cr.approved',
    notify: [
      [REQ, 'notify.cr.approved'],
      [role('soc'), 'notify.cr.routed_to_soc'],
    ],
    posts: [['soc', role('soc')]],
    sections: ['C'],
    assign: [{ role: 'approver', person: approver.id }],
  },
  {
    name: '4.1 step 5: MAMPU rejects with Section C comments and the requester (and manager) are told',
    ticket: cr('awaiting_approval', { approverId: null }),
    actor: approver,
    action: VALID.reject,
    to: 'rejected',
    step: '4.1/5',
    event: 'cr.rejected',
    notify: [
      [REQ, 'notify.cr.rejected'],
      [MGR, 'notify.cr.rejected'],
    ],
    sections: ['C'],
    assign: [{ role: 'approver', person: approver.id }],
  },
  {
    name: '4.1 step 4: the requester withdraws before MAMPU decides and the approvers are told',
    ticket: cr('awaiting_approval', { approverId: null }),
    actor: requester,
    action: { type: 'withdraw' },
    to: 'withdrawn',
    step: '4.1/4',
    event: 'cr.withdrawn',
    notify: [
      [role('service_desk'), 'notify.cr.withdrawn'],
      [role('approver'), 'notify.cr.withdrawn'],
    ],
    sections: [],
  },
  {
    name: '4.1 step 7: VAS SOC starts the implementation with Section B and becomes the implementer',
    ticket: cr('awaiting_implementation'),
    actor: soc,
    action: VALID.start_implementation,
    to: 'implementing',
    step: '4.1/7',
    event: 'cr.implementation_started',
    notify: [[REQ, 'notify.cr.implementation_started']],
    sections: ['B'],
    assign: [{ role: 'soc', person: soc.id }],
  },
  {
    name: '4.1 step 8: not solved, VAS SOC reports to the vendor with its request',
    ticket: cr('implementing', { implementerId: soc.id }),
    actor: soc,
    action: VALID.escalate_to_vendor,
    to: 'escalated_to_vendor',
    step: '4.1/8',
    event: 'cr.escalated_to_vendor',
    notify: [
      [role('vendor'), 'notify.cr.vendor_escalation'],
      [REQ, 'notify.cr.escalated'],
    ],
    posts: [['vendor', role('vendor')]],
    sections: ['note'],
  },
  {
    name: '4.1 step 9: solved with the vendor, the ticket returns to VAS SOC',
    ticket: cr('escalated_to_vendor', { implementerId: soc.id }),
    actor: vendor,
    action: VALID.vendor_resolved,
    to: 'implementing',
    step: '4.1/9',
    event: 'cr.vendor_resolved',
    notify: [[role('soc'), 'notify.cr.vendor_resolved']],
    sections: ['note'],
  },
  {
    name: '4.1 step 10: Section D successful; the requester is asked to test and confirm',
    ticket: cr('implementing', { implementerId: soc.id }),
    actor: soc,
    action: VALID.mark_implemented,
    to: 'awaiting_confirmation',
    step: '4.1/10',
    event: 'cr.implemented',
    notify: [[REQ, 'notify.cr.confirmation_requested']],
    posts: [['confirmation', REQ]],
    sections: ['D'],
  },
  {
    name: '4.1 step 8: Section D unsuccessful with its review; the ticket stays with VAS SOC',
    ticket: cr('implementing', { implementerId: soc.id }),
    actor: soc,
    action: {
      type: 'mark_implemented',
      sectionD: sectionD({ status: 'unsuccessful', postImplementationReview: 'Gateway menolak perubahan.' }),
    },
    to: 'implementing',
    step: '4.1/8',
    event: 'cr.implementation_unsuccessful',
    notify: [[REQ, 'notify.cr.implementation_unsuccessful']],
    sections: ['D'],
  },
  {
    name: '4.1 steps 11 → 13: the requester confirms the test passed; the ticket closes and the channel hears',
    ticket: cr('awaiting_confirmation', { implementerId: soc.id }),
    actor: requester,
    action: VALID.confirm_resolved,
    to: 'closed',
    step: '4.1/13',
    event: 'cr.closed',
    notify: [
      [role('soc'), 'notify.cr.closed'],
      [{ channel: 'announcements' }, 'notify.cr.closed_announcement'],
    ],
    sections: [],
  },
  {
    name: '4.1 steps 11 → 12 → 7: the test still fails; the desk reports to VAS SOC, which implements again',
    ticket: cr('awaiting_confirmation', { implementerId: soc.id }),
    actor: requester,
    action: VALID.report_still_failing,
    to: 'awaiting_implementation',
    step: '4.1/12',
    event: 'cr.reported_still_failing',
    notify: [
      [role('soc'), 'notify.cr.still_failing'],
      [role('service_desk'), 'notify.cr.still_failing_desk'],
    ],
    sections: ['note'],
  },
];

describe('SOP 4.1 change request transitions', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) =>
    expectTransition(c, { strictAssign: true }),
  );
});

describe('Section C "Contact Number"', () => {
  const withPhone: Actor = { ...approver, phone: '03-8000 8000' };
  const recorded = (actor: Actor, action: TicketAction) => {
    const d = expectDecision(decide(cr('awaiting_approval'), action, actor, NOW));
    return d.sections.find((s) => s.section === 'C')?.data;
  };

  it("records the approver's phone from the configuration when Approve is a single click", () => {
    expect(recorded(withPhone, VALID.approve)).toMatchObject({ contactNumber: '03-8000 8000' });
  });

  it('keeps a number the approver typed on the Reject form', () => {
    const typed = {
      ...VALID.reject,
      sectionC: { comments: 'Belum disahkan.', contactNumber: '019-222 3333' },
    };
    expect(recorded(withPhone, typed)).toMatchObject({ contactNumber: '019-222 3333' });
  });

  it('leaves it out for an approver the configuration gives no phone', () => {
    expect(recorded(approver, VALID.approve)).not.toHaveProperty('contactNumber');
  });
});
