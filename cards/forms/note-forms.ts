import { LIMITS } from '../../flows/form-fields.ts';
import { field } from './fields.ts';
import type { FormDefinition, FormKind } from './types.ts';

// Actions whose payload is one piece of text (flows/forms.ts, the short schemas at the end). The field id
// is the name the flows report its errors under (flows/shared-steps.ts and friends: 'reason', 'request',
// 'notes', 'details', 'note').

type NoteKind = Extract<
  FormKind,
  | 'decline_endorsement'
  | 'escalate_to_vendor'
  | 'vendor_resolved'
  | 'record_findings'
  | 'mark_resolved'
  | 'report_still_failing'
  | 'withdraw'
  | 'close_unconfirmed'
>;

function noteForm(
  kind: NoteKind,
  id: string,
  label: string,
  options: { required: boolean; max: number; submit?: string; hint?: string },
): FormDefinition {
  const extra = { max: options.max, ...(options.hint ? { hint: options.hint } : {}) };
  return {
    kind,
    title: `form.title.${kind}`,
    submit: options.submit ?? 'common.submit',
    fields: [field(id, 'multiline', label, options.required, extra)],
  };
}

export const NOTE_FORMS: Readonly<Record<NoteKind, FormDefinition>> = {
  decline_endorsement: noteForm('decline_endorsement', 'reason', 'field.decline_reason', {
    required: true,
    max: LIMITS.reason,
    submit: 'action.decline_endorsement',
  }),
  escalate_to_vendor: noteForm('escalate_to_vendor', 'request', 'field.vendor_request', {
    required: true,
    max: LIMITS.long,
  }),
  vendor_resolved: noteForm('vendor_resolved', 'notes', 'field.vendor_notes', {
    required: true,
    max: LIMITS.long,
  }),
  // SOP 4.2 step 3: findings may quote test output and bounces at length.
  record_findings: noteForm('record_findings', 'notes', 'field.findings', {
    required: true,
    max: LIMITS.bounce,
  }),
  mark_resolved: noteForm('mark_resolved', 'notes', 'field.resolution', { required: true, max: LIMITS.long }),
  report_still_failing: noteForm('report_still_failing', 'details', 'field.still_failing', {
    required: true,
    max: LIMITS.long,
  }),
  withdraw: noteForm('withdraw', 'reason', 'field.withdraw_reason', {
    required: false,
    max: LIMITS.reason,
    submit: 'action.withdraw',
  }),
  // SOP 4.1.1 step 13, 4.2.1 step 9 without the requester's answer: why, for the requester and the audit.
  close_unconfirmed: noteForm('close_unconfirmed', 'note', 'field.close_note', {
    required: true,
    max: LIMITS.reason,
    submit: 'action.close_unconfirmed',
    hint: 'form.hint.close_note',
  }),
};
