import { LIMITS } from '../../flows/form-fields.ts';
import { REQUEST_TYPES } from '../../flows/forms.ts';
import { choices, field, PHONE_MAX } from './fields.ts';
import type { FormDefinition } from './types.ts';

// Section A of the Anti Spam / Anti Virus Change Request Form (MAMPU-ISMS-P3-Teknikal/002-1GovUC-001),
// box for box. Field ids are the payload paths of flows/forms.ts (sectionASchemaFor), which are also the
// paths its errors come back on.

/**
 * "Requester Approval (Manager and above)". The endorsing manager is picked from the workspace
 * (`manager.id`); the adapter fills the other boxes from the directory when they are left blank, so they are
 * optional in the form, and the flows still refuse a manager block that ends up incomplete.
 */
function managerFields(endorsementRequired: boolean) {
  return [
    field('manager.id', 'person', 'field.manager', endorsementRequired, { hint: 'form.hint.manager' }),
    field('manager.name', 'text', 'field.manager_name', false, { max: LIMITS.name }),
    field('manager.designation', 'text', 'field.manager_designation', false, { max: LIMITS.name }),
    field('manager.company', 'text', 'field.manager_company', false, { max: LIMITS.short }),
    field('manager.contactNumber', 'phone', 'field.manager_contact', false, { max: PHONE_MAX }),
    field('manager.email', 'email', 'field.manager_email', false, { max: LIMITS.email }),
  ];
}

export function changeRequestForm(options: { readonly endorsementRequired: boolean }): FormDefinition {
  return {
    kind: 'change_request',
    title: 'form.title.change_request',
    submit: 'common.submit',
    intro: 'form.intro.change_request',
    fields: [
      field('requester.name', 'text', 'field.requester_name', true, { max: LIMITS.name }),
      field('requester.unit', 'text', 'field.requester_unit', true, { max: LIMITS.short }),
      field('requester.contactNumber', 'phone', 'field.requester_contact', true, { max: PHONE_MAX }),
      field('requester.email', 'email', 'field.requester_email', true, { max: LIMITS.email }),
      ...managerFields(options.endorsementRequired),
      field('requestType', 'select', 'field.request_type', true, {
        options: choices('option.request_type', REQUEST_TYPES),
      }),
      field('requestTypeOther', 'text', 'field.request_type_other', false, {
        max: LIMITS.short,
        hint: 'form.hint.request_type_other',
      }),
      field('requestedAt', 'datetime', 'field.requested_for', true),
      field('description', 'multiline', 'field.description', true, { max: LIMITS.long }),
      field('impactIfNotImplemented', 'multiline', 'field.impact_if_not', true, { max: LIMITS.long }),
    ],
  };
}
