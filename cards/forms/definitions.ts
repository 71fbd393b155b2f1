import type { TicketAction, TicketActionType } from '../../flows/types.ts';
import { type ActionSettings, nestValues, TO_ACTION } from './action-payload.ts';
import { changeRequestForm } from './change-request-form.ts';
import { complaintForm } from './complaint-form.ts';
import { NOTE_FORMS } from './note-forms.ts';
import { approveForm, rejectForm, sectionBForm, sectionDForm } from './section-forms.ts';
import type { FormContext, FormDefinition, FormKind, FormValues } from './types.ts';

// The one module a platform adapter asks: what does this form look like, does this button open one, what
// action does a submitted form ask for, and which field does a flow's refusal belong on.

/** Whether Section A asks for the endorsing manager is the service's setting, so it is passed in. */
export function formDefinition(
  kind: FormKind,
  options: { readonly endorsementRequired: boolean },
): FormDefinition {
  switch (kind) {
    case 'change_request':
      return changeRequestForm(options);
    case 'complaint':
      return complaintForm;
    case 'approve':
      return approveForm;
    case 'reject':
      return rejectForm;
    case 'start_implementation':
      return sectionBForm;
    case 'mark_implemented':
      return sectionDForm;
    default:
      return NOTE_FORMS[kind];
  }
}

/**
 * Buttons (and commands) that open a form before anything is decided. Endorse, Approve and "confirm
 * resolved" act on the click, so the card can show "Processing…" at once and then the decision: an
 * approval's Section C needs no more than who approved and when (comments are required only on a
 * rejection, which opens its form).
 */
export const FORM_FOR_ACTION: Readonly<Partial<Record<TicketActionType, FormKind>>> = {
  submit_change_request: 'change_request',
  submit_complaint: 'complaint',
  decline_endorsement: 'decline_endorsement',
  reject: 'reject',
  start_implementation: 'start_implementation',
  mark_implemented: 'mark_implemented',
  record_findings: 'record_findings',
  mark_resolved: 'mark_resolved',
  escalate_to_vendor: 'escalate_to_vendor',
  vendor_resolved: 'vendor_resolved',
  report_still_failing: 'report_still_failing',
  withdraw: 'withdraw',
  close_unconfirmed: 'close_unconfirmed',
};

/**
 * The action a submitted form asks for (`context.kind` says which form it was). Blank answers are left out
 * and no answer is invented: the flows validate the payload and refuse it field by field. The service's
 * settings go with it, since the flows see nothing but the action.
 */
export function actionFromForm(
  context: FormContext,
  values: FormValues,
  settings: ActionSettings,
): TicketAction {
  const payload = nestValues(formDefinition(context.kind, settings), values);
  return TO_ACTION[context.kind](payload, settings);
}

/**
 * The field a flow error belongs on. Flow errors are keyed by payload path (flows/form-errors.ts): an exact
 * field id, a parent of some fields ('manager' when the whole block is missing → its first field,
 * 'manager.id'), or the payload itself ('form', 'sectionB', '_form' → the form's first field).
 */
export function fieldIdOfError(definition: FormDefinition, errorPath: string): string {
  const ids = definition.fields.map((f) => f.id);
  const parts = errorPath.split('.');
  for (let n = parts.length; n > 0; n--) {
    const path = parts.slice(0, n).join('.');
    const match = ids.find((id) => id === path) ?? ids.find((id) => id.startsWith(`${path}.`));
    if (match !== undefined) return match;
  }
  return ids[0] ?? errorPath;
}
