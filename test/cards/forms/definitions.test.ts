import { describe, expect, it } from 'vitest';
import { FORM_FOR_ACTION, formDefinition } from '../../../cards/forms/definitions.ts';
import type { ActionWithForm, FormKind } from '../../../cards/forms/types.ts';
import type { TicketActionType } from '../../../flows/types.ts';
import { createTranslator, hasMessage } from '../../../src/i18n/index.ts';

// The forms against the paper form and the flows' schemas: field ids are the payload paths the flows
// validate (and report errors on), written out here from flows/forms.ts rather than derived from it.

const FIELDS: Record<FormKind, readonly string[]> = {
  change_request: [
    'requester.name',
    'requester.unit',
    'requester.contactNumber',
    'requester.email',
    'manager.id',
    'manager.name',
    'manager.designation',
    'manager.company',
    'manager.contactNumber',
    'manager.email',
    'requestType',
    'requestTypeOther',
    'requestedAt',
    'description',
    'impactIfNotImplemented',
  ],
  complaint: [
    'domain',
    'direction',
    'exampleSender',
    'exampleRecipient',
    'startedAt',
    'bounceText',
    'description',
  ],
  decline_endorsement: ['reason'],
  approve: ['comments'],
  reject: ['comments'],
  start_implementation: [
    'name',
    'designation',
    'typeOfChange',
    'risk',
    'urgency',
    'impact',
    'plannedStart',
    'plannedEnd',
    'activities',
    'fallbackPlan',
  ],
  mark_implemented: ['actualStart', 'actualEnd', 'status', 'postImplementationReview'],
  record_findings: ['notes'],
  mark_resolved: ['notes'],
  escalate_to_vendor: ['request'],
  vendor_resolved: ['notes'],
  report_still_failing: ['details'],
  withdraw: ['reason'],
  close_unconfirmed: ['note'],
};
const KINDS = Object.keys(FIELDS) as FormKind[];
const ON = { endorsementRequired: true };
const OFF = { endorsementRequired: false };

const field = (kind: FormKind, id: string, options = ON) =>
  formDefinition(kind, options).fields.find((f) => f.id === id);

describe('form definitions', () => {
  it.each(KINDS)('%s asks for exactly the fields its flow payload has, in the paper form order', (kind) => {
    expect(formDefinition(kind, ON).fields.map((f) => f.id)).toEqual(FIELDS[kind]);
    expect(formDefinition(kind, ON).kind).toBe(kind);
  });

  it('requires the endorsing manager only when the service asks for endorsement', () => {
    expect(field('change_request', 'manager.id', ON)).toMatchObject({ kind: 'person', required: true });
    expect(field('change_request', 'manager.id', OFF)).toMatchObject({ kind: 'person', required: false });
    // The directory fills the manager's details in, so the boxes themselves are optional.
    for (const id of ['manager.name', 'manager.designation', 'manager.company', 'manager.contactNumber'])
      expect(field('change_request', id)?.required, id).toBe(false);
  });

  it('asks for comments on rejection only ("If No, please fill in comments")', () => {
    expect(field('reject', 'comments')?.required).toBe(true);
    expect(field('approve', 'comments')?.required).toBe(false);
    expect(field('mark_implemented', 'postImplementationReview')?.required).toBe(false);
    expect(field('withdraw', 'reason')?.required).toBe(false);
    expect(field('close_unconfirmed', 'note')?.required).toBe(true);
  });

  it('uses the flows limits as maximum lengths', () => {
    expect(field('change_request', 'requester.name')?.max).toBe(120);
    expect(field('change_request', 'requester.unit')?.max).toBe(200);
    expect(field('change_request', 'description')?.max).toBe(3000);
    expect(field('change_request', 'requester.email')?.max).toBe(254);
    expect(field('complaint', 'bounceText')?.max).toBe(10_000);
    expect(field('record_findings', 'notes')?.max).toBe(10_000);
    expect(field('decline_endorsement', 'reason')?.max).toBe(1000);
  });

  it('offers the paper form choices as select options', () => {
    const values = (kind: FormKind, id: string) => field(kind, id)?.options?.map((o) => o.value);
    expect(values('change_request', 'requestType')).toEqual([
      'move',
      'add',
      'change',
      'delete',
      'testing_poc',
      'troubleshooting',
      'transfer_of_service',
      'others',
    ]);
    expect(values('start_implementation', 'typeOfChange')).toEqual([
      'emergency',
      'unscheduled',
      'normal',
      'standard',
    ]);
    expect(values('start_implementation', 'risk')).toEqual(['low', 'some', 'moderate', 'high', 'extreme']);
    expect(values('start_implementation', 'urgency')).toEqual(['critical', 'high', 'average', 'low']);
    expect(values('start_implementation', 'impact')).toEqual([
      'enterprise',
      'site_department',
      'multiple_users',
      'user',
    ]);
    expect(values('mark_implemented', 'status')).toEqual(['successful', 'unsuccessful']);
    expect(values('complaint', 'direction')).toEqual(['cannot_send', 'cannot_receive', 'both']);
  });

  it('names every text by a key that exists in Malay and English', () => {
    const missing: string[] = [];
    for (const kind of KINDS) {
      const d = formDefinition(kind, ON);
      const keys = [d.title, d.submit, ...(d.intro ? [d.intro] : [])];
      for (const f of d.fields)
        keys.push(f.label, ...(f.hint ? [f.hint] : []), ...(f.options ?? []).map((o) => o.label));
      missing.push(...keys.filter((k) => !hasMessage(k)).map((k) => `${kind}: ${k}`));
    }
    expect(missing).toEqual([]);
  });

  it('keeps titles and submit labels within the 24 characters of a Slack modal, in both languages', () => {
    for (const locale of ['ms', 'en'] as const) {
      const t = createTranslator(locale);
      for (const kind of KINDS) {
        const d = formDefinition(kind, ON);
        expect(t(d.title).length, `${locale} ${d.title}`).toBeLessThanOrEqual(24);
        expect(t(d.submit).length, `${locale} ${d.submit}`).toBeLessThanOrEqual(24);
      }
    }
  });
});

const ACTIONS: readonly TicketActionType[] = [
  'submit_change_request',
  'endorse',
  'decline_endorsement',
  'approve',
  'reject',
  'start_implementation',
  'mark_implemented',
  'submit_complaint',
  'record_findings',
  'mark_resolved',
  'escalate_to_vendor',
  'vendor_resolved',
  'confirm_resolved',
  'report_still_failing',
  'withdraw',
  'close_unconfirmed',
];

describe('FORM_FOR_ACTION', () => {
  it('opens a form for every action with a payload; endorse, approve and confirm act on the click', () => {
    const acting = ACTIONS.filter((a) => FORM_FOR_ACTION[a] === undefined);
    expect(acting).toEqual(['endorse', 'approve', 'confirm_resolved']);
    const sameName: readonly ActionWithForm[] = [
      'decline_endorsement',
      'reject',
      'start_implementation',
      'mark_implemented',
      'record_findings',
      'mark_resolved',
      'escalate_to_vendor',
      'vendor_resolved',
      'report_still_failing',
      'withdraw',
      'close_unconfirmed',
    ];
    for (const action of sameName) expect(FORM_FOR_ACTION[action]).toBe(action);
    expect(FORM_FOR_ACTION.submit_change_request).toBe('change_request');
    expect(FORM_FOR_ACTION.submit_complaint).toBe('complaint');
  });
});
