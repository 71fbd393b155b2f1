import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import type { Audience } from '../../flows/types.ts';
import { complaintForm, expectDecision, NOW, requester, soc, VALID, vendor } from './fixtures.ts';
import { ad, expectTransition, role, type TransitionCase } from './transition-cases.ts';

// Every SOP 4.2 transition, one row each, named by the SOP step it performs.

const REQ: Audience = { person: requester.id };
const CASES: readonly TransitionCase[] = [
  {
    name: '4.2 steps 1–3: the requester reports, the desk opens a ticket and VAS SOC is asked to investigate',
    ticket: null,
    actor: requester,
    action: VALID.submit_complaint,
    to: 'investigating',
    step: '4.2/2',
    event: 'ad.submitted',
    notify: [
      [REQ, 'notify.ad.submitted'],
      [role('service_desk'), 'notify.ad.opened'],
      [role('soc'), 'notify.ad.investigation_requested'],
    ],
    posts: [
      ['ticket', REQ],
      ['desk', role('service_desk')],
      ['soc', role('soc')],
    ],
    sections: ['complaint'],
  },
  {
    name: '4.2 step 3: VAS SOC records its findings and tells the desk; the investigation goes on',
    ticket: ad('investigating'),
    actor: soc,
    action: VALID.record_findings,
    to: 'investigating',
    step: '4.2/3',
    event: 'ad.findings_recorded',
    notify: [[role('service_desk'), 'notify.ad.findings_recorded']],
    sections: ['note'],
  },
  {
    name: '4.2 step 4: not solved, VAS SOC reports to the vendor',
    ticket: ad('investigating'),
    actor: soc,
    action: VALID.escalate_to_vendor,
    to: 'escalated_to_vendor',
    step: '4.2/4',
    event: 'ad.escalated_to_vendor',
    notify: [
      [role('vendor'), 'notify.ad.vendor_escalation'],
      [REQ, 'notify.ad.escalated'],
    ],
    posts: [['vendor', role('vendor')]],
    sections: ['note'],
  },
  {
    name: '4.2 step 5: solved with the vendor, the ticket returns to VAS SOC',
    ticket: ad('escalated_to_vendor'),
    actor: vendor,
    action: VALID.vendor_resolved,
    to: 'investigating',
    step: '4.2/5',
    event: 'ad.vendor_resolved',
    notify: [[role('soc'), 'notify.ad.vendor_resolved']],
    sections: ['note'],
  },
  {
    name: '4.2 step 6: VAS SOC marks it resolved; the requester is asked to test and confirm',
    ticket: ad('investigating'),
    actor: soc,
    action: VALID.mark_resolved,
    to: 'awaiting_confirmation',
    step: '4.2/6',
    event: 'ad.resolved',
    notify: [[REQ, 'notify.ad.confirmation_requested']],
    posts: [['confirmation', REQ]],
    sections: ['note'],
  },
  {
    name: '4.2 steps 7 → 9: the requester confirms; the ticket closes and the channel hears',
    ticket: ad('awaiting_confirmation'),
    actor: requester,
    action: VALID.confirm_resolved,
    to: 'closed',
    step: '4.2/9',
    event: 'ad.closed',
    notify: [
      [role('soc'), 'notify.ad.closed'],
      [{ channel: 'announcements' }, 'notify.ad.closed_announcement'],
    ],
    sections: [],
  },
  {
    name: '4.2 steps 7 → 8 → 3: still failing; the desk reports to VAS SOC, which investigates again',
    ticket: ad('awaiting_confirmation'),
    actor: requester,
    action: VALID.report_still_failing,
    to: 'investigating',
    step: '4.2/8',
    event: 'ad.reported_still_failing',
    notify: [
      [role('soc'), 'notify.ad.still_failing'],
      [role('service_desk'), 'notify.ad.still_failing_desk'],
    ],
    sections: ['note'],
  },
  {
    name: '4.2 step 3: the requester withdraws during the investigation; VAS SOC is told',
    ticket: ad('investigating'),
    actor: requester,
    action: VALID.withdraw,
    to: 'withdrawn',
    step: '4.2/3',
    event: 'ad.withdrawn',
    notify: [
      [role('service_desk'), 'notify.ad.withdrawn'],
      [role('soc'), 'notify.ad.withdrawn'],
    ],
    sections: ['note'],
  },
  {
    name: '4.2 step 5: the requester withdraws while the vendor works; the vendor is told too',
    ticket: ad('escalated_to_vendor'),
    actor: requester,
    action: { type: 'withdraw', reason: '' },
    to: 'withdrawn',
    step: '4.2/5',
    event: 'ad.withdrawn',
    notify: [
      [role('service_desk'), 'notify.ad.withdrawn'],
      [role('soc'), 'notify.ad.withdrawn'],
      [role('vendor'), 'notify.ad.withdrawn'],
    ],
    sections: [],
  },
];

describe('SOP 4.2 complaint transitions', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => expectTransition(c));

  it('4.2 step 1: the complaint is stored parsed: domain lower-cased, times as dates, blanks dropped', () => {
    const d = expectDecision(
      decide(
        null,
        { type: 'submit_complaint', complaint: complaintForm({ description: ' ' }) },
        requester,
        NOW,
      ),
    );
    expect(d.sections[0]).toEqual({
      section: 'complaint',
      data: {
        domain: 'moe.gov.my',
        direction: 'cannot_receive',
        exampleSender: 'rakan@gmail.com',
        exampleRecipient: 'aminah@moe.gov.my',
        startedAt: new Date('2025-06-15T23:30:00Z'),
        bounceText: '550 5.1.1 <aminah@moe.gov.my>: Recipient address rejected',
      },
    });
    expect(d.assign).toEqual([{ role: 'requester', person: requester.id }]);
  });

  it('gives the desk the findings themselves (SOP 4.2.1 step 3: "memaklumkan 1GovUC SD hasil siasatan")', () => {
    const d = expectDecision(decide(ad('investigating'), VALID.record_findings, soc, NOW));
    expect(d.notify[0]?.message).toEqual({
      key: 'notify.ad.findings_recorded',
      params: { number: 'AD-2025-000042', findings: VALID.record_findings.notes },
    });
  });
});
