import type { z } from 'zod';
import { type FormErrorKey, message } from './flow-messages.ts';
import type { MessageRef } from './types.ts';

// Turns a zod error into one message per field, so a modal shows each error on the exact field it belongs
// to (STYLE.md 14) in the reader's language. Keys are relative to the payload: 'requester.email',
// 'manager.name', 'plannedEnd'; a payload that is one value (a decline reason) uses the action's field name.

export type FieldErrors = Readonly<Record<string, MessageRef>>;

const FORM_ERROR_PREFIX = 'form.error.';

function isFormErrorKey(key: unknown): key is FormErrorKey {
  return typeof key === 'string' && key.startsWith(FORM_ERROR_PREFIX);
}

/** The message for one issue: the key a refinement named, else one derived from zod's issue code. */
function issueMessage(issue: z.core.$ZodIssue): MessageRef {
  switch (issue.code) {
    case 'custom': {
      const key = issue.params?.key;
      // Refinements name parameterless keys (flows/form-fields.ts, flag and addFieldIssue).
      return isFormErrorKey(key) ? { key } : message('form.error.invalid');
    }
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? message('form.error.required')
        : message('form.error.invalid');
    case 'too_small':
      // Text fields only ask for "not empty" (min 1, after trimming).
      return message('form.error.required');
    case 'too_big':
      return message('form.error.too_long', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? message('form.error.invalid_email') : message('form.error.invalid');
    case 'invalid_value':
      return issue.input === undefined
        ? message('form.error.required')
        : message('form.error.invalid_choice');
    default:
      return message('form.error.invalid');
  }
}

/**
 * First error per field wins: it is the most basic one (missing before too long before malformed).
 * Parse with `reportInput: true` (parseWith does) so a missing value can be told from a wrong one.
 */
export function fieldErrorsOf(error: z.ZodError, root = '_form'): FieldErrors {
  const out: Record<string, MessageRef> = {};
  for (const issue of error.issues) {
    const path = issue.path.length === 0 ? root : issue.path.map(String).join('.');
    out[path] ??= issueMessage(issue);
  }
  return out;
}

export type Parsed<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly errors: FieldErrors };

/**
 * Validates a payload. `reportInput` lets a missing value be told apart from a value of the wrong type.
 * `root` names the field when the payload is a single value.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root?: string,
): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { reportInput: true });
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: fieldErrorsOf(result.error, root) };
}

/** Clock skew between a person's device and the server: an actual time this far ahead still counts. */
const SKEW_MS = 5 * 60_000;

/** Times that record what already happened (Section D actuals, when a fault began) cannot lie ahead. */
export function futureErrors(dates: Readonly<Record<string, Date>>, now: Date): FieldErrors {
  const out: Record<string, MessageRef> = {};
  for (const [field, date] of Object.entries(dates)) {
    if (date.getTime() > now.getTime() + SKEW_MS) out[field] = message('form.error.in_future');
  }
  return out;
}
