import { LIMITS } from '../../flows/form-fields.ts';
import { IMPACTS, RISKS, TYPES_OF_CHANGE, URGENCIES } from '../../flows/forms.ts';
import { choices, field } from './fields.ts';
import type { FormDefinition } from './types.ts';

// Sections B, C and D of the change request form (flows/forms.ts). The signer's name in B and C defaults
// to whoever submits (flows/change-request-steps.ts, signedBy), so Section B asks for it only as an
// override and Section C not at all: the button pressed is the form's Yes/No.

export const sectionBForm: FormDefinition = {
  kind: 'start_implementation',
  title: 'form.title.start_implementation',
  submit: 'action.start_implementation',
  intro: 'form.intro.start_implementation',
  fields: [
    field('name', 'text', 'field.implementer_name', false, { max: LIMITS.name, hint: 'form.hint.signer' }),
    field('designation', 'text', 'field.implementer_designation', false, { max: LIMITS.name }),
    field('typeOfChange', 'select', 'field.change_type', true, {
      options: choices('option.change_type', TYPES_OF_CHANGE),
    }),
    field('risk', 'select', 'field.risk', true, { options: choices('option.risk', RISKS) }),
    field('urgency', 'select', 'field.urgency', true, { options: choices('option.urgency', URGENCIES) }),
    field('impact', 'select', 'field.impact', true, { options: choices('option.impact', IMPACTS) }),
    field('plannedStart', 'datetime', 'field.planned_start', true),
    field('plannedEnd', 'datetime', 'field.planned_end', true),
    field('activities', 'multiline', 'field.change_activities', true, { max: LIMITS.long }),
    field('fallbackPlan', 'multiline', 'field.fallback_plan', true, { max: LIMITS.long }),
  ],
};

/** Section C, "Change Request Approval Status: Yes". Comments are optional on approval. */
export const approveForm: FormDefinition = {
  kind: 'approve',
  title: 'form.title.approve',
  submit: 'action.approve',
  intro: 'form.intro.section_c',
  fields: [field('comments', 'multiline', 'field.approver_comments', false, { max: LIMITS.long })],
};

/** Section C, "No": "If No, please fill in comments". */
export const rejectForm: FormDefinition = {
  kind: 'reject',
  title: 'form.title.reject',
  submit: 'action.reject',
  intro: 'form.intro.section_c',
  fields: [
    field('comments', 'multiline', 'field.approver_comments', true, {
      max: LIMITS.long,
      hint: 'form.hint.reject_comments',
    }),
  ],
};

/** Section D: Post Implementation. "If Unsuccessful please fill in Post Implementation Review". */
export const sectionDForm: FormDefinition = {
  kind: 'mark_implemented',
  title: 'form.title.mark_implemented',
  submit: 'common.submit',
  intro: 'form.intro.mark_implemented',
  fields: [
    field('actualStart', 'datetime', 'field.actual_start', true),
    field('actualEnd', 'datetime', 'field.actual_end', true),
    field('status', 'select', 'field.status', true, {
      options: choices('option.status', ['successful', 'unsuccessful']),
    }),
    field('postImplementationReview', 'multiline', 'field.pir', false, {
      max: LIMITS.long,
      hint: 'form.hint.pir',
    }),
  ],
};
