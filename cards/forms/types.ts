import type { TicketActionType } from '../../flows/types.ts';

// Platform-neutral description of every form the bot shows: the change request (Section A), the complaint
// (SOP 4.2 step 1) and the inputs some ticket actions need (a reject comment, Section B, Section D, notes).
// Slack renders it as a modal, Teams as an Adaptive Card; both read the answers back into the same flat
// `FormValues`, which `actionFromForm` turns into the flow's action payload.

export type FormKind =
  | 'change_request'
  | 'complaint'
  | 'decline_endorsement'
  | 'approve'
  | 'reject'
  | 'start_implementation'
  | 'mark_implemented'
  | 'record_findings'
  | 'mark_resolved'
  | 'escalate_to_vendor'
  | 'vendor_resolved'
  | 'report_still_failing'
  | 'withdraw'
  | 'close_unconfirmed';

export type FieldKind = 'text' | 'multiline' | 'email' | 'phone' | 'select' | 'datetime' | 'date' | 'person';

export interface FormField {
  /** The field's path in the action payload (as the flows report errors), e.g. `requester.email`. */
  readonly id: string;
  /** Message keys. */
  readonly label: string;
  readonly hint?: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** Maximum length of a text answer (the flows' limit). */
  readonly max?: number;
  /** For `select`: option values with their label keys. */
  readonly options?: readonly { readonly value: string; readonly label: string }[];
}

export interface FormDefinition {
  readonly kind: FormKind;
  /** Message keys; platform renderers truncate to their limits (a Slack modal title is 24 characters). */
  readonly title: string;
  readonly submit: string;
  readonly intro?: string;
  readonly fields: readonly FormField[];
}

/** Someone a person field offers: a person id of the directory and the name shown for it. */
export interface PersonChoice {
  readonly id: string;
  readonly name: string;
}

/** Answers keyed by field id; dates as ISO 8601 strings with an offset, people as person ids. */
export type FormValues = Readonly<Record<string, string | undefined>>;

/** What the form is about: carried through the platform (Slack private_metadata) and back. */
export interface FormContext {
  readonly kind: FormKind;
  readonly ticketId?: string;
  readonly ticketNumber?: string;
  /** The ticket version the form was opened on: part of the idempotency key of the action it submits. */
  readonly version?: number;
  /**
   * The card whose button opened the form, so its buttons can show "Processing…" while the form's
   * decision is made, as they do for a decision taken on the click.
   */
  readonly card?: { readonly channel: string; readonly messageId: string };
}

export interface FormView {
  readonly definition: FormDefinition;
  readonly context: FormContext;
  readonly values: FormValues;
  /** Rendered error text by field id, shown on the exact field. */
  readonly errors: Readonly<Record<string, string>>;
}

/** Ticket actions whose button opens a form first; the others act on the click. */
export type ActionWithForm = Extract<TicketActionType, FormKind>;
