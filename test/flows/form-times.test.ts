import { describe, expect, it } from 'vitest';
import { decide } from '../../flows/decide.ts';
import type { Outcome, TicketAction } from '../../flows/types.ts';
import {
  APPROVED_AT,
  complaintForm,
  expectDecision,
  expectRefusal,
  NOW,
  requester,
  sectionA,
  sectionB,
  sectionD,
  soc,
  VALID,
} from './fixtures.ts';
import { cr } from './transition-cases.ts';

// The form's dates held against the clock the flows are given (NOW, 16 June 2025 10:00 MYT) and against the
// ticket's own history: what is planned lies ahead, what was done lies between MAMPU's approval (09:00) and
// now, and a fault began within the last year. A person's device may be a few minutes off the server and
// the pickers round to the minute, so five minutes either side still count.

const at = (minutesFromNow: number) => new Date(NOW.getTime() + minutesFromNow * 60_000).toISOString();
const submit = (form: unknown): TicketAction => ({ ...VALID.submit_change_request, form });
const fieldErrorsOf = (outcome: Outcome) => expectRefusal(outcome).fieldErrors;

describe('Section A: Request for change date & time', () => {
  it('accepts a time a few minutes gone, as a clock behind the server sends it', () => {
    expectDecision(decide(null, submit(sectionA({ requestedAt: at(-4) })), requester, NOW));
  });

  it('refuses a time more than five minutes gone, on that field alone', () => {
    expect(fieldErrorsOf(decide(null, submit(sectionA({ requestedAt: at(-6) })), requester, NOW))).toEqual({
      requestedAt: { key: 'form.error.in_past' },
    });
  });
});

describe('Section B: the planned window', () => {
  const start = (sectionB: unknown) =>
    decide(cr('awaiting_implementation'), { type: 'start_implementation', sectionB }, soc, NOW);

  it('accepts a window already under way: only its end must still lie ahead', () => {
    expectDecision(start(sectionB({ plannedStart: at(-60), plannedEnd: at(60) })));
  });

  it('refuses a window that ended more than five minutes ago', () => {
    expect(fieldErrorsOf(start(sectionB({ plannedStart: at(-60), plannedEnd: at(-6) })))).toEqual({
      plannedEnd: { key: 'form.error.in_past' },
    });
  });
});

describe('Section D: the actual implementation', () => {
  const record = (sectionD: unknown, approvedAt: Date | null = APPROVED_AT) =>
    decide(cr('implementing', { approvedAt }), { type: 'mark_implemented', sectionD }, soc, NOW);
  const minutesAfterApproval = (m: number) => new Date(APPROVED_AT.getTime() + m * 60_000).toISOString();

  it('accepts a start from the minute of the approval, within the clocks’ five minutes', () => {
    expectDecision(record(sectionD({ actualStart: minutesAfterApproval(-4), actualEnd: at(0) })));
  });

  it('refuses a start more than five minutes before the approval', () => {
    const d = sectionD({ actualStart: minutesAfterApproval(-6), actualEnd: at(0) });
    expect(fieldErrorsOf(record(d))).toEqual({ actualStart: { key: 'form.error.before_approval' } });
  });

  it('with no approval on record holds the times to the clock only', () => {
    expectDecision(record(sectionD({ actualStart: '2025-06-01T09:00:00+08:00' }), null));
  });
});

describe('complaint: when the mail stopped', () => {
  const report = (startedAt: string) =>
    decide(null, { type: 'submit_complaint', complaint: complaintForm({ startedAt }) }, requester, NOW);
  const daysAgo = (days: number) => at(-days * 24 * 60);

  it('accepts a fault that began within the last year', () => {
    expectDecision(report(daysAgo(364)));
  });

  it('refuses one said to have begun more than a year ago', () => {
    expect(fieldErrorsOf(report(daysAgo(366)))).toEqual({ startedAt: { key: 'form.error.too_long_ago' } });
  });
});

// A UX review sent type "Others" with no text and a start already gone, and heard of the second problem
// only after fixing the first: every problem of a submission comes back at once, each on its own field.
describe('every problem of a submission at once', () => {
  it('Section A: the "Others" text, the time already gone and a missing field together', () => {
    const form = sectionA({ requestType: 'others', requestedAt: at(-60), impactIfNotImplemented: '' });
    expect(fieldErrorsOf(decide(null, submit(form), requester, NOW))).toEqual({
      requestTypeOther: { key: 'form.error.other_text_required' },
      requestedAt: { key: 'form.error.in_past' },
      impactIfNotImplemented: { key: 'form.error.required' },
    });
  });

  it('Section A: naming oneself to endorse does not hide the other fields’ problems', () => {
    const form = sectionA({ manager: { ...sectionA().manager, id: requester.id }, requestedAt: at(-60) });
    expect(fieldErrorsOf(decide(null, submit(form), requester, NOW))).toEqual({
      'manager.id': { key: 'form.error.manager_is_requester' },
      requestedAt: { key: 'form.error.in_past' },
    });
  });

  it('a field’s own error comes before its time check: a bare date asks for the time', () => {
    expect(
      fieldErrorsOf(decide(null, submit(sectionA({ requestedAt: '2025-06-01' })), requester, NOW)),
    ).toEqual({ requestedAt: { key: 'form.error.time_required' } });
  });

  it('Section B: a missing fallback plan beside a window already over', () => {
    const sectionBPayload = sectionB({ plannedStart: at(-120), plannedEnd: at(-60), fallbackPlan: '' });
    const r = decide(
      cr('awaiting_implementation'),
      { type: 'start_implementation', sectionB: sectionBPayload },
      soc,
      NOW,
    );
    expect(fieldErrorsOf(r)).toEqual({
      fallbackPlan: { key: 'form.error.required' },
      plannedEnd: { key: 'form.error.in_past' },
    });
  });

  it('Section D: a missing review beside a start before the approval and an end still to come', () => {
    const d = sectionD({
      status: 'unsuccessful',
      actualStart: '2025-06-16T08:00:00+08:00',
      actualEnd: at(60),
    });
    const r = decide(
      cr('implementing', { approvedAt: APPROVED_AT }),
      { type: 'mark_implemented', sectionD: d },
      soc,
      NOW,
    );
    expect(fieldErrorsOf(r)).toEqual({
      postImplementationReview: { key: 'form.error.pir_required' },
      actualStart: { key: 'form.error.before_approval' },
      actualEnd: { key: 'form.error.in_future' },
    });
  });

  it('complaint: a malformed domain beside a fault said to begin tomorrow', () => {
    const complaint = complaintForm({ domain: 'not a domain', startedAt: at(24 * 60) });
    expect(fieldErrorsOf(decide(null, { type: 'submit_complaint', complaint }, requester, NOW))).toEqual({
      domain: { key: 'form.error.invalid_domain' },
      startedAt: { key: 'form.error.in_future' },
    });
  });
});
