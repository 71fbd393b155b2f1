import { describe, expect, it } from 'vitest';
import { availableActions, decide } from '../../flows/decide.ts';
import { forbidEndorserApproving, forbidRequesterImplementing } from '../../flows/roles.ts';
import type { Actor } from '../../flows/types.ts';
import { renderMessage } from '../../src/i18n/index.ts';
import {
  approver,
  expectDecision,
  expectRefusal,
  manager,
  managerWhoApproves,
  NOW,
  requester,
  sectionD,
  soc,
  VALID,
} from './fixtures.ts';
import { cr } from './transition-cases.ts';

// The SOP's parties stay separate people on one change request (SOP 4.1.1, "Pegawai yang
// Bertanggungjawab"; ISO/IEC 27001 segregation of duties): the agency manager who endorsed Section A does
// not also decide Section C for MAMPU/JDN, and the Pentadbir UC Agensi who asked for the change does not
// implement it for VAS SOC (Sections B and D), whatever roles they hold.

/** The requester who also holds VAS SOC's role (but approved nothing). */
const requesterInSoc: Actor = { ...requester, roles: ['requester', 'soc'] };
const pending = cr('awaiting_approval', { approverId: null });
const unsuccessful = {
  type: 'mark_implemented',
  sectionD: sectionD({ status: 'unsuccessful', postImplementationReview: 'Gateway menolak konfigurasi.' }),
} as const;

describe('the manager who endorsed Section A', () => {
  it.each([VALID.approve, VALID.reject])(
    'cannot $type it in Section C, even holding the approver role',
    (action) => {
      const r = expectRefusal(decide(pending, action, managerWhoApproves, NOW));
      expect(r).toMatchObject({
        code: 'endorser_cannot_approve',
        reason: { key: 'refusal.endorser_cannot_approve' },
      });
    },
  );

  it('sees no Approve or Reject button, while another MAMPU officer may decide', () => {
    expect(availableActions(pending, managerWhoApproves, NOW)).toEqual([]);
    expect(expectDecision(decide(pending, VALID.approve, approver, NOW)).to).toBe('awaiting_implementation');
  });

  it('is not held to it when nobody endorsed (endorsement switched off)', () => {
    const direct = cr('awaiting_approval', { approverId: null, managerId: null });
    expect(expectDecision(decide(direct, VALID.approve, managerWhoApproves, NOW)).to).toBe(
      'awaiting_implementation',
    );
  });
});

describe('the requester of the change', () => {
  it('cannot record Section B to start implementing it, even holding the SOC role', () => {
    const r = expectRefusal(
      decide(cr('awaiting_implementation'), VALID.start_implementation, requesterInSoc, NOW),
    );
    expect(r).toMatchObject({
      code: 'requester_cannot_implement',
      reason: { key: 'refusal.requester_cannot_implement' },
    });
  });

  it.each([VALID.mark_implemented, unsuccessful])(
    'cannot record Section D either ($sectionD.status)',
    (action) => {
      const r = expectRefusal(
        decide(cr('implementing', { implementerId: soc.id }), action, requesterInSoc, NOW),
      );
      expect(r.code).toBe('requester_cannot_implement');
    },
  );

  it('sees no implementation buttons, while another SOC officer implements', () => {
    expect(availableActions(cr('awaiting_implementation'), requesterInSoc, NOW)).toEqual([]);
    expect(
      expectDecision(decide(cr('awaiting_implementation'), VALID.start_implementation, soc, NOW)).to,
    ).toBe('implementing');
  });
});

describe('the rules one by one', () => {
  const t = cr('awaiting_approval');

  it('forbidEndorserApproving holds only against the manager on the ticket', () => {
    expect(forbidEndorserApproving(t, managerWhoApproves)).toMatchObject({ code: 'endorser_cannot_approve' });
    expect(forbidEndorserApproving(t, approver)).toBeNull();
    expect(forbidEndorserApproving({ ...t, managerId: null }, manager)).toBeNull();
  });

  it('forbidRequesterImplementing looks at the person, not the roles', () => {
    expect(forbidRequesterImplementing(t, requesterInSoc)).toMatchObject({
      code: 'requester_cannot_implement',
    });
    expect(forbidRequesterImplementing(t, soc)).toBeNull();
  });

  it('tells the person why, in Malay and English, naming the sections', () => {
    const endorser = { key: 'refusal.endorser_cannot_approve' };
    const implementer = { key: 'refusal.requester_cannot_implement' };
    expect(renderMessage(endorser, 'ms')).toMatch(/Seksyen A.*Seksyen C.*pengasingan tugas/);
    expect(renderMessage(endorser, 'en')).toMatch(/Section A.*Section C.*separation of duties/);
    expect(renderMessage(implementer, 'ms')).toMatch(/Seksyen B dan D.*pengasingan tugas/);
    expect(renderMessage(implementer, 'en')).toMatch(/Sections B and D.*separation of duties/);
  });
});
