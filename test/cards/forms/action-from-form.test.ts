import { describe, expect, it } from 'vitest';
import { actionFromForm, fieldIdOfError, formDefinition } from '../../../cards/forms/definitions.ts';
import type { FormKind, FormValues } from '../../../cards/forms/types.ts';
import { decide } from '../../../flows/decide.ts';
import type { TicketKind, TicketState } from '../../../flows/types.ts';
import { ACTOR_FOR, expectDecision, expectRefusal, MANAGERS, NOW, ticket } from '../../flows/fixtures.ts';
import { FILLED } from './filled.ts';

// What a filled-in form becomes: the action the flows decide on. Valid answers are accepted by decide();
// invalid ones come back as per-field refusals that land on a field the form really has.

const ON = { endorsementRequired: true, managers: MANAGERS };

/** The ticket each form is submitted on (null: the form opens the ticket). */
const ON_TICKET: Record<FormKind, [TicketKind, TicketState] | null> = {
  change_request: null,
  complaint: null,
  decline_endorsement: ['change_request', 'awaiting_endorsement'],
  approve: ['change_request', 'awaiting_approval'],
  reject: ['change_request', 'awaiting_approval'],
  start_implementation: ['change_request', 'awaiting_implementation'],
  mark_implemented: ['change_request', 'implementing'],
  record_findings: ['complaint', 'investigating'],
  mark_resolved: ['complaint', 'investigating'],
  escalate_to_vendor: ['complaint', 'investigating'],
  vendor_resolved: ['change_request', 'escalated_to_vendor'],
  report_still_failing: ['complaint', 'awaiting_confirmation'],
  withdraw: ['change_request', 'awaiting_approval'],
  close_unconfirmed: ['complaint', 'awaiting_confirmation'],
};

/** The requester's deadline has passed, so the desk's close applies too; no other step looks at it. */
const OVERDUE = { slaDueAt: new Date('2025-06-13T17:30:00+08:00') };

function submit(kind: FormKind, values: FormValues, options = ON) {
  const action = actionFromForm({ kind, ticketId: 'tkt-1', version: 3 }, values, options);
  const on = ON_TICKET[kind];
  const target = on ? ticket(...on, OVERDUE) : null;
  return { action, outcome: decide(target, action, ACTOR_FOR[action.type], NOW) };
}

/** The fields a refusal's errors are shown on. */
function errorFields(kind: FormKind, values: FormValues, options = ON): string[] {
  const refusal = expectRefusal(submit(kind, values, options).outcome);
  expect(refusal.code).toBe('invalid_input');
  const definition = formDefinition(kind, options);
  return Object.keys(refusal.fieldErrors ?? {}).map((path) => fieldIdOfError(definition, path));
}

describe('actionFromForm', () => {
  it.each(Object.keys(FILLED) as FormKind[])(
    'turns a valid %s form into an action the flow accepts',
    (kind) => {
      expectDecision(submit(kind, FILLED[kind]).outcome);
    },
  );

  it('nests Section A and leaves blank optional boxes out instead of inventing values', () => {
    const { action } = submit('change_request', FILLED.change_request);
    expect(action).toEqual({
      type: 'submit_change_request',
      endorsementRequired: true,
      managers: MANAGERS,
      form: {
        requester: {
          name: 'Aminah binti Ali',
          unit: 'Bahagian Pengurusan Maklumat, KPM',
          contactNumber: '03-8000 8000',
          email: 'aminah@moe.gov.my',
        },
        manager: {
          id: 'u-rahman',
          name: 'Rahman bin Yusof',
          designation: 'Ketua Penolong Pengarah',
          company: 'Kementerian Pendidikan Malaysia',
          contactNumber: '+60 12-345 6789',
          email: 'rahman@moe.gov.my',
        },
        requestType: 'add',
        requestedAt: '2025-06-20T09:00:00+08:00',
        description: 'Tambah domain rakan kongsi rakan.edu.my ke senarai putih anti-spam.',
        impactIfNotImplemented: 'E-mel daripada rakan kongsi terus ditanda sebagai spam.',
      },
    });
  });

  it('builds payload-less actions for empty optional forms', () => {
    expect(submit('withdraw', { reason: '  ' }).action).toEqual({ type: 'withdraw' });
    expect(submit('approve', {}).action).toEqual({ type: 'approve', sectionC: {} });
    expect(submit('withdraw', { reason: 'Tidak lagi diperlukan.' }).action).toEqual({
      type: 'withdraw',
      reason: 'Tidak lagi diperlukan.',
    });
  });

  it('ignores answers for boxes the form does not have', () => {
    const { action } = submit('reject', {
      comments: 'Tidak lengkap.',
      decision: 'approve',
      name: 'Orang lain',
    });
    expect(action).toEqual({ type: 'reject', sectionC: { comments: 'Tidak lengkap.' } });
  });
});

describe('refusals land on the form field they belong to', () => {
  it('reject without a comment', () => {
    expect(errorFields('reject', { comments: '' })).toEqual(['comments']);
  });

  it('Section D unsuccessful without a Post Implementation Review', () => {
    const values = { ...FILLED.mark_implemented, status: 'unsuccessful' };
    expect(errorFields('mark_implemented', values)).toEqual(['postImplementationReview']);
  });

  it('Section A "Others" without saying which', () => {
    const values = { ...FILLED.change_request, requestType: 'others', requestTypeOther: '' };
    expect(errorFields('change_request', values)).toEqual(['requestTypeOther']);
  });

  it('an end before its start, in Section B and Section D', () => {
    const b = { ...FILLED.start_implementation, plannedEnd: '2025-06-21T21:00:00+08:00' };
    expect(errorFields('start_implementation', b)).toEqual(['plannedEnd']);
    const d = { ...FILLED.mark_implemented, actualEnd: '2025-06-16T07:00:00+08:00' };
    expect(errorFields('mark_implemented', d)).toEqual(['actualEnd']);
  });

  it('a missing endorsing manager, on the person picker', () => {
    const values = Object.fromEntries(
      Object.entries(FILLED.change_request).filter(([id]) => !id.startsWith('manager.')),
    );
    expect(errorFields('change_request', values)).toEqual(['manager.id']);
  });

  it('naming yourself as the endorsing manager', () => {
    expect(errorFields('change_request', { ...FILLED.change_request, 'manager.id': 'u-aminah' })).toEqual([
      'manager.id',
    ]);
  });

  it('a manager picked who is not one of the managers the service passed, on the person picker', () => {
    const values = { ...FILLED.change_request, 'manager.id': 'slack:U0NOTCONFIGURED' };
    expect(errorFields('change_request', values)).toEqual(['manager.id']);
    const noneConfigured = { endorsementRequired: true, managers: [] };
    expect(errorFields('change_request', FILLED.change_request, noneConfigured)).toEqual(['manager.id']);
  });

  it('times out of place, each on its own date-time field', () => {
    const a = { ...FILLED.change_request, requestedAt: '2025-06-16T09:00:00+08:00' };
    expect(errorFields('change_request', a)).toEqual(['requestedAt']);
    const b = {
      ...FILLED.start_implementation,
      plannedStart: '2025-06-15T22:00:00+08:00',
      plannedEnd: '2025-06-15T23:00:00+08:00',
    };
    expect(errorFields('start_implementation', b)).toEqual(['plannedEnd']);
    const d = { ...FILLED.mark_implemented, actualStart: '2025-06-16T08:00:00+08:00' };
    expect(errorFields('mark_implemented', d)).toEqual(['actualStart']);
    const c = { ...FILLED.complaint, startedAt: '2024-01-01T09:00:00+08:00' };
    expect(errorFields('complaint', c)).toEqual(['startedAt']);
  });

  it.each(Object.keys(FILLED) as FormKind[])('an empty %s form, wherever it is refused', (kind) => {
    const outcome = submit(kind, {}).outcome;
    if (outcome.ok) return; // an all-optional form (approve, withdraw)
    const ids = formDefinition(kind, ON).fields.map((f) => f.id);
    for (const path of Object.keys(outcome.fieldErrors ?? {}))
      expect(ids).toContain(fieldIdOfError(formDefinition(kind, ON), path));
  });
});

describe('fieldIdOfError', () => {
  const sectionA = formDefinition('change_request', ON);

  it('keeps an exact field id', () => {
    expect(fieldIdOfError(sectionA, 'requester.email')).toBe('requester.email');
    expect(fieldIdOfError(sectionA, 'requestTypeOther')).toBe('requestTypeOther');
  });

  it('puts a block error on the block first field', () => {
    expect(fieldIdOfError(sectionA, 'manager')).toBe('manager.id');
    expect(fieldIdOfError(sectionA, 'requester')).toBe('requester.name');
    expect(fieldIdOfError(sectionA, 'requester.fax')).toBe('requester.name');
  });

  it('puts a whole-payload error on the first field', () => {
    expect(fieldIdOfError(sectionA, 'form')).toBe('requester.name');
    expect(fieldIdOfError(sectionA, '_form')).toBe('requester.name');
    expect(fieldIdOfError(formDefinition('start_implementation', ON), 'sectionB')).toBe('name');
  });
});
