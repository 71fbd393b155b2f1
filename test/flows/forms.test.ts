import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import { fieldErrorsOf, parseWith } from '../../flows/form-errors.ts';
import {
  complaintSchema,
  sectionASchemaFor,
  sectionBSchema,
  sectionCSchema,
  sectionDSchema,
} from '../../flows/forms.ts';
import type { TicketAction, TicketSnapshot } from '../../flows/types.ts';
import {
  approver,
  complaintForm,
  expectDecision,
  expectRefusal,
  MANAGERS,
  manager,
  NOW,
  requester,
  sectionA,
  sectionB,
  sectionD,
  soc,
  ticket,
  vendor,
} from './fixtures.ts';

// Bad input is a refusal with one message per field, on the exact field the form shows, never an exception.

const cr = (state: Parameters<typeof ticket>[1]) => ticket('change_request', state);
const ad = (state: Parameters<typeof ticket>[1]) => ticket('complaint', state);
const submit = (form: unknown, endorsementRequired = true): TicketAction => ({
  type: 'submit_change_request',
  form,
  endorsementRequired,
  managers: MANAGERS,
});
const named = (id: string | undefined) => sectionA({ manager: { ...sectionA().manager, id } });
const e = (key: string, params?: Record<string, number>) => (params ? { key, params } : { key });

interface Case {
  readonly name: string;
  readonly ticket: TicketSnapshot | null;
  readonly actor: typeof requester;
  readonly action: TicketAction;
  readonly errors: Record<string, { key: string }>;
}

// biome-ignore format: one form error per row
const CASES: readonly Case[] = [
  { name: 'Section C: rejecting without comments', ticket: cr('awaiting_approval'), actor: approver, action: { type: 'reject', sectionC: { comments: '   ' } }, errors: { comments: e('form.error.comments_required_on_reject') } },
  { name: 'Section D: unsuccessful without a Post Implementation Review', ticket: cr('implementing'), actor: soc, action: { type: 'mark_implemented', sectionD: sectionD({ status: 'unsuccessful' }) }, errors: { postImplementationReview: e('form.error.pir_required') } },
  { name: 'Section D: actual end before actual start', ticket: cr('implementing'), actor: soc, action: { type: 'mark_implemented', sectionD: sectionD({ actualEnd: '2025-06-16T07:00:00+08:00' }) }, errors: { actualEnd: e('form.error.end_before_start') } },
  { name: 'Section D: an actual time that has not happened yet', ticket: cr('implementing'), actor: soc, action: { type: 'mark_implemented', sectionD: sectionD({ actualEnd: '2025-06-16T12:00:00+08:00' }) }, errors: { actualEnd: e('form.error.in_future') } },
  { name: 'Section A: "Others" without saying what', ticket: null, actor: requester, action: submit(sectionA({ requestType: 'others', requestTypeOther: '' })), errors: { requestTypeOther: e('form.error.other_text_required') } },
  { name: 'Section A: a bad requester e-mail and a bad manager e-mail', ticket: null, actor: requester, action: submit(sectionA({ requester: { ...sectionA().requester, email: 'aminah@' }, manager: { ...sectionA().manager, email: 'rahman moe.gov.my' } })), errors: { 'requester.email': e('form.error.invalid_email'), 'manager.email': e('form.error.invalid_email') } },
  { name: 'Section A: no manager block when endorsement is required', ticket: null, actor: requester, action: submit(sectionA({ manager: undefined })), errors: { manager: e('form.error.manager_required') } },
  { name: 'Section A: a manager picked from the whole Slack workspace who is not a configured manager', ticket: null, actor: requester, action: submit(named('slack:U0NOTCONFIGURED')), errors: { 'manager.id': e('form.error.manager_not_listed') } },
  { name: 'Section A: a configured person who does not hold the manager role', ticket: null, actor: requester, action: submit(named('u-siti')), errors: { 'manager.id': e('form.error.manager_not_listed') } },
  { name: 'Section A: a manager with no chat identity, whom nobody could ask and nobody may sign for', ticket: null, actor: requester, action: submit(named(undefined)), errors: { 'manager.id': e('form.error.manager_not_listed') } },
  { name: 'Section A: endorsement asked with no managers passed in names nobody who may endorse', ticket: null, actor: requester, action: { type: 'submit_change_request', form: sectionA(), endorsementRequired: true }, errors: { 'manager.id': e('form.error.manager_not_listed') } },
  { name: 'Section A: a requested change date & time that has already passed', ticket: null, actor: requester, action: submit(sectionA({ requestedAt: '2025-06-16T09:00:00+08:00' })), errors: { requestedAt: e('form.error.in_past') } },
  { name: 'Section A: a requested change date with no time', ticket: null, actor: requester, action: submit(sectionA({ requestedAt: '2025-06-20' })), errors: { requestedAt: e('form.error.time_required') } },
  { name: 'Section A: naming oneself as the endorsing manager', ticket: null, actor: requester, action: submit(sectionA({ manager: { ...sectionA().manager, id: requester.id } })), errors: { 'manager.id': e('form.error.manager_is_requester') } },
  { name: 'Section A: naming oneself as manager is the error shown, even with the manager block incomplete', ticket: null, actor: requester, action: submit(sectionA({ manager: { id: requester.id, name: 'Aminah binti Ali' } })), errors: { 'manager.id': e('form.error.manager_is_requester') } },
  { name: 'Section A: a phone number that is not one, and a date that does not exist', ticket: null, actor: requester, action: submit(sectionA({ requester: { ...sectionA().requester, contactNumber: 'call me' }, requestedAt: '2025-02-30T09:00:00+08:00' })), errors: { 'requester.contactNumber': e('form.error.invalid_phone'), requestedAt: e('form.error.invalid_date') } },
  { name: 'Section A: a description over 3000 characters and an unknown request type', ticket: null, actor: requester, action: submit(sectionA({ description: 'x'.repeat(3001), requestType: 'upgrade' })), errors: { description: e('form.error.too_long', { max: 3000 }), requestType: e('form.error.invalid_choice') } },
  { name: 'Section A: a form that is not there at all', ticket: null, actor: requester, action: submit(undefined), errors: { form: e('form.error.required') } },
  { name: 'Section B: planned end before planned start', ticket: cr('awaiting_implementation'), actor: soc, action: { type: 'start_implementation', sectionB: sectionB({ plannedEnd: '2025-06-21T21:00:00+08:00' }) }, errors: { plannedEnd: e('form.error.end_before_start') } },
  { name: 'Section B: a planned window that is already over', ticket: cr('awaiting_implementation'), actor: soc, action: { type: 'start_implementation', sectionB: sectionB({ plannedStart: '2025-06-15T22:00:00+08:00', plannedEnd: '2025-06-15T23:00:00+08:00' }) }, errors: { plannedEnd: e('form.error.in_past') } },
  { name: 'Section D: an implementation said to start and end before MAMPU approved (Section C)', ticket: cr('implementing'), actor: soc, action: { type: 'mark_implemented', sectionD: sectionD({ actualStart: '2025-06-16T08:00:00+08:00', actualEnd: '2025-06-16T08:30:00+08:00' }) }, errors: { actualStart: e('form.error.before_approval'), actualEnd: e('form.error.before_approval') } },
  { name: 'Section D: started before the approval and ends in the future: each time has its own error', ticket: cr('implementing'), actor: soc, action: { type: 'mark_implemented', sectionD: sectionD({ actualStart: '1999-01-01T09:00:00+08:00', actualEnd: '2025-06-16T12:00:00+08:00' }) }, errors: { actualStart: e('form.error.before_approval'), actualEnd: e('form.error.in_future') } },
  { name: 'Section B: missing risk and fallback plan', ticket: cr('awaiting_implementation'), actor: soc, action: { type: 'start_implementation', sectionB: sectionB({ risk: undefined, fallbackPlan: ' ' }) }, errors: { risk: e('form.error.required'), fallbackPlan: e('form.error.required') } },
  { name: 'complaint: a domain that is not a DNS name', ticket: null, actor: requester, action: { type: 'submit_complaint', complaint: complaintForm({ domain: 'moe_gov.my' }) }, errors: { domain: e('form.error.invalid_domain') } },
  { name: 'complaint: a bad example sender and a fault that starts tomorrow, both at once', ticket: null, actor: requester, action: { type: 'submit_complaint', complaint: complaintForm({ exampleSender: 'gmail.com', startedAt: '2025-06-17' }) }, errors: { exampleSender: e('form.error.invalid_email'), startedAt: e('form.error.in_future') } },
  { name: 'complaint: mail that stopped more than a year ago', ticket: null, actor: requester, action: { type: 'submit_complaint', complaint: complaintForm({ startedAt: '1970-01-01T00:00:00Z' }) }, errors: { startedAt: e('form.error.too_long_ago') } },
  { name: 'complaint: a fault that starts tomorrow', ticket: null, actor: requester, action: { type: 'submit_complaint', complaint: complaintForm({ startedAt: '2025-06-17' }) }, errors: { startedAt: e('form.error.in_future') } },
  { name: '4.1 step 2: declining without a reason', ticket: cr('awaiting_endorsement'), actor: manager, action: { type: 'decline_endorsement', reason: '' }, errors: { reason: e('form.error.required') } },
  { name: '4.1 step 8: escalating without saying what the vendor should do', ticket: cr('implementing'), actor: soc, action: { type: 'escalate_to_vendor', request: undefined }, errors: { request: e('form.error.required') } },
  { name: '4.2 step 5: the vendor resolving without notes', ticket: ad('escalated_to_vendor'), actor: vendor, action: { type: 'vendor_resolved', notes: '  ' }, errors: { notes: e('form.error.required') } },
  { name: '4.2 step 6: resolving without resolution notes', ticket: ad('investigating'), actor: soc, action: { type: 'mark_resolved', notes: 42 }, errors: { notes: e('form.error.invalid') } },
  { name: '4.2 step 8: reporting a failure without details', ticket: ad('awaiting_confirmation'), actor: requester, action: { type: 'report_still_failing', details: '' }, errors: { details: e('form.error.required') } },
  { name: 'withdrawing with a reason over 1000 characters', ticket: ad('investigating'), actor: requester, action: { type: 'withdraw', reason: 'x'.repeat(1001) }, errors: { reason: e('form.error.too_long', { max: 1000 }) } },
];

describe('per-field form errors', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = expectRefusal(decide(c.ticket, c.action, c.actor, NOW));
    expect(r.code).toBe('invalid_input');
    expect(r.reason).toEqual({ key: 'refusal.invalid_input' });
    expect(r.fieldErrors).toEqual(c.errors);
  });
});

describe('form schemas', () => {
  it('cleans invisible control characters and broken surrogates that a database cannot store', () => {
    const a = sectionASchemaFor({ endorsementRequired: true, managers: MANAGERS }).parse(
      sectionA({ description: 'Tambah\u0000 domain\u0007\tbaru\ud800.\nBaris dua' }),
    );
    expect(a.description).toBe('Tambah domain\tbaru\ufffd.\nBaris dua');
    const blank = sectionASchemaFor({ endorsementRequired: true, managers: MANAGERS }).safeParse(
      sectionA({ description: '\u0000\u0001' }),
    );
    expect(blank.success).toBe(false);
  });

  it('Section A: trims, parses the requested date and drops the "Others" text for other types', () => {
    const a = sectionASchemaFor({ endorsementRequired: true, managers: MANAGERS }).parse(
      sectionA({ description: '  Tambah domain.  ', requestTypeOther: 'ignored' }),
    );
    expect(a.description).toBe('Tambah domain.');
    expect(a.requestedAt).toEqual(new Date('2025-06-20T01:00:00Z'));
    expect(a.requestTypeOther).toBeUndefined();
  });

  it('Section A: keeps the "Others" text and accepts no manager when endorsement is off', () => {
    const a = sectionASchemaFor({ endorsementRequired: false }).parse(
      sectionA({ manager: undefined, requestType: 'others', requestTypeOther: 'Semakan DMARC' }),
    );
    expect(a.requestTypeOther).toBe('Semakan DMARC');
    expect(a.manager).toBeUndefined();
  });

  it.each(['03-8000 8000', '+60 12-345 6789', '0123456789'])(
    'accepts the phone number %s',
    (contactNumber) => {
      expect(sectionCSchema.safeParse({ name: 'Siti', decision: 'approve', contactNumber }).success).toBe(
        true,
      );
    },
  );

  it.each(['12345', '+60 12 345 6789 000 000 0', '03-8000-800a', '-0380008000'])(
    'refuses the phone number %s',
    (n) => {
      const r = sectionCSchema.safeParse({ name: 'Siti', decision: 'approve', contactNumber: n });
      expect(r.success).toBe(false);
    },
  );

  it.each(['2025-06-21T22:00', '21/06/2025 22:00', '2025-13-01', 'tomorrow'])(
    'refuses the date %s',
    (plannedStart) => {
      const r = sectionBSchema.safeParse(sectionB({ name: 'Kumar', plannedStart }));
      expect(r.success || fieldErrorsOf(r.error).plannedStart).toEqual({ key: 'form.error.invalid_date' });
    },
  );

  it('reports every bad field at once, not only the first', () => {
    const r = parseWith(sectionDSchema, { status: 'maybe' });
    expect(r.ok || r.errors).toEqual({
      actualStart: { key: 'form.error.required' },
      actualEnd: { key: 'form.error.required' },
      status: { key: 'form.error.invalid_choice' },
    });
  });

  it.each([
    ['Mail.Agensi.GOV.MY.', 'mail.agensi.gov.my'],
    ['xn--mgbh0fb.xn--kgbechtv', 'xn--mgbh0fb.xn--kgbechtv'],
  ])('normalises the domain %s to %s', (domain, expected) => {
    expect(complaintSchema.parse(complaintForm({ domain })).domain).toBe(expected);
  });

  it.each(['localhost', '-bad.gov.my', 'agensi..gov.my', '10.0.0.1', `${'a'.repeat(64)}.my`])(
    'refuses the domain %s',
    (domain) => {
      expect(complaintSchema.safeParse(complaintForm({ domain })).success).toBe(false);
    },
  );

  it('Section B and C are signed by whoever records them when the form leaves the name blank', () => {
    const b = expectDecision(
      decide(
        cr('awaiting_implementation'),
        { type: 'start_implementation', sectionB: sectionB({ name: '' }) },
        soc,
        NOW,
      ),
    );
    expect(b.sections[0]).toMatchObject({ section: 'B', data: { name: soc.name, risk: 'low' } });
    const c = expectDecision(
      decide(cr('awaiting_approval'), { type: 'approve', sectionC: undefined }, approver, NOW),
    );
    expect(c.sections[0]).toEqual({ section: 'C', data: { name: approver.name, decision: 'approve' } });
  });

  it('the button pressed decides Section C, whatever the payload says', () => {
    const d = expectDecision(
      decide(cr('awaiting_approval'), { type: 'approve', sectionC: { decision: 'reject' } }, approver, NOW),
    );
    expect(d.sections[0]).toMatchObject({ section: 'C', data: { decision: 'approve' } });
  });
});
