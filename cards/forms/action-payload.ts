import type { TicketAction } from '../../flows/types.ts';
import type { FormDefinition, FormKind, FormValues } from './types.ts';

// Turns the flat answers a platform reads back from a form into the nested payload the flows validate
// (flows/forms.ts). Nothing is checked here: the flows refuse bad input field by field.

type Payload = Record<string, unknown>;

/** Blank answers are left out (chat forms send '' for an untouched box); the rest are passed as typed. */
export function nestValues(definition: FormDefinition, values: FormValues): Payload {
  const out: Payload = {};
  for (const { id } of definition.fields) {
    const value = values[id];
    if (value === undefined || value.trim() === '') continue;
    const path = id.split('.');
    let node = out;
    for (const key of path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Payload;
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

/** What the service, not the person filling the form, adds to the action it sends. */
export interface ActionSettings {
  readonly endorsementRequired: boolean;
  /** Whom Section A may name to endorse (flows/types.ts, submit_change_request): the adapter's directory. */
  readonly managers: readonly string[];
}

/** Where each form's payload goes in its action (flows/types.ts, TicketAction). */
export const TO_ACTION: {
  readonly [K in FormKind]: (payload: Payload, settings: ActionSettings) => TicketAction;
} = {
  change_request: (form, { endorsementRequired, managers }) => ({
    type: 'submit_change_request',
    form,
    endorsementRequired,
    managers,
  }),
  complaint: (complaint) => ({ type: 'submit_complaint', complaint }),
  decline_endorsement: (p) => ({ type: 'decline_endorsement', reason: p.reason }),
  approve: (sectionC) => ({ type: 'approve', sectionC }),
  reject: (sectionC) => ({ type: 'reject', sectionC }),
  start_implementation: (sectionB) => ({ type: 'start_implementation', sectionB }),
  mark_implemented: (sectionD) => ({ type: 'mark_implemented', sectionD }),
  record_findings: (p) => ({ type: 'record_findings', notes: p.notes }),
  mark_resolved: (p) => ({ type: 'mark_resolved', notes: p.notes }),
  escalate_to_vendor: (p) => ({ type: 'escalate_to_vendor', request: p.request }),
  vendor_resolved: (p) => ({ type: 'vendor_resolved', notes: p.notes }),
  report_still_failing: (p) => ({ type: 'report_still_failing', details: p.details }),
  withdraw: (p) => (p.reason === undefined ? { type: 'withdraw' } : { type: 'withdraw', reason: p.reason }),
  close_unconfirmed: (p) => ({ type: 'close_unconfirmed', note: p.note }),
};
