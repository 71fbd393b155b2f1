import type { FieldKind, FormField } from './types.ts';

// Small builders for the form definitions, so each form reads as the paper form's list of boxes.

type Extra = Partial<Pick<FormField, 'hint' | 'max' | 'options'>>;

export function field(
  id: string,
  kind: FieldKind,
  label: string,
  required: boolean,
  extra: Extra = {},
): FormField {
  return { id, kind, label, required, ...extra };
}

/** Options of a select, labelled by `<prefix>.<value>` keys (src/i18n/catalog/tickets.ts, `option.*`). */
export function choices(prefix: string, values: readonly string[]): FormField['options'] {
  return values.map((value) => ({ value, label: `${prefix}.${value}` }));
}

/** flows/form-fields.ts accepts 7–20 characters for a phone number ("03-8000 8000", "+60 12-345 6789"). */
export const PHONE_MAX = 20;
