import { LIMITS } from '../../flows/form-fields.ts';
import { choices, field } from './fields.ts';
import type { FormDefinition } from './types.ts';

// SOP 4.2 step 1: what the Pentadbir UC Agensi reports when e-mail cannot be sent or received
// (flows/forms.ts, complaintSchema). The examples and the bounce let VAS SOC start the step 3 tests at once.

const DIRECTIONS = ['cannot_send', 'cannot_receive', 'both'] as const;
/** A host name is at most 253 characters (RFC 1035 §2.3.4), as flows/form-fields.ts checks. */
const DNS_NAME_MAX = 253;

export const complaintForm: FormDefinition = {
  kind: 'complaint',
  title: 'form.title.complaint',
  submit: 'action.submit_complaint',
  intro: 'form.intro.complaint',
  fields: [
    field('domain', 'text', 'field.domain', true, { max: DNS_NAME_MAX, hint: 'form.hint.domain' }),
    field('direction', 'select', 'field.direction', true, {
      options: choices('option.direction', DIRECTIONS),
    }),
    field('exampleSender', 'email', 'field.example_sender', false, { max: LIMITS.email }),
    field('exampleRecipient', 'email', 'field.example_recipient', false, { max: LIMITS.email }),
    field('startedAt', 'datetime', 'field.started_at', true),
    field('bounceText', 'multiline', 'field.bounce_text', false, {
      max: LIMITS.bounce,
      hint: 'form.hint.bounce_text',
    }),
    field('description', 'multiline', 'field.complaint_description', false, { max: LIMITS.long }),
  ],
};
