import type { z } from 'zod';
import { type FormErrorKey, message } from './flow-messages.ts';
import { isoDate } from './form-fields.ts';
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

/**
 * Clock skew between a person's device and the server, and the minute a date-time picker rounds to: a time
 * this far on the wrong side of a bound still counts.
 */
const SKEW_MS = 5 * 60_000;
/** How far back a fault may have begun (SOP 4.2 step 1): an earlier date is a mistyped year, not a live fault. */
const FAULT_AGE_MS = 365 * 24 * 60 * 60_000;

type Dates = Readonly<Record<string, Date>>;

function outside(dates: Dates, fails: (ms: number) => boolean, error: MessageRef): FieldErrors {
  const out: Record<string, MessageRef> = {};
  for (const [field, date] of Object.entries(dates)) if (fails(date.getTime())) out[field] = error;
  return out;
}

/** Times that record what already happened (Section D actuals, when a fault began) cannot lie ahead. */
export function futureErrors(dates: Dates, now: Date): FieldErrors {
  return outside(dates, (ms) => ms > now.getTime() + SKEW_MS, message('form.error.in_future'));
}

/** Times still to come (Section A's requested change, the end of Section B's planned window) cannot have passed. */
export function pastErrors(dates: Dates, now: Date): FieldErrors {
  return outside(dates, (ms) => ms < now.getTime() - SKEW_MS, message('form.error.in_past'));
}

/**
 * Section D's actual times cannot come before Section C's approval: VAS SOC implements only once MAMPU has
 * approved (SOP 4.1.1 steps 4, 6–7). Null: no approval on record, nothing to compare with.
 */
export function beforeApprovalErrors(dates: Dates, approvedAt: Date | null): FieldErrors {
  if (approvedAt === null) return {};
  return outside(dates, (ms) => ms < approvedAt.getTime() - SKEW_MS, message('form.error.before_approval'));
}

/** When the mail stopped (SOP 4.2 step 1): not ahead of now, and within the last year. */
export function faultStartErrors(dates: Dates, now: Date): FieldErrors {
  const tooOld = outside(
    dates,
    (ms) => ms < now.getTime() - FAULT_AGE_MS,
    message('form.error.too_long_ago'),
  );
  return { ...tooOld, ...futureErrors(dates, now) };
}

/** The named fields of a payload that read as dates; the others are left to the form's own checks. */
function datesIn(input: unknown, fields: readonly string[]): Dates {
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const out: Record<string, Date> = {};
  for (const field of fields) {
    const parsed = isoDate.safeParse(record[field]);
    if (parsed.success) out[field] = parsed.data;
  }
  return out;
}

export interface TimeChecks {
  /** The payload's date fields the checks look at. */
  readonly fields: readonly string[];
  readonly check: (dates: Dates) => FieldErrors;
}

/**
 * Validates a form and holds its times to the clock in one pass, so a submission hears of every problem at
 * once (a missing "Others" text beside a start already gone) instead of one round each. A field shows its own
 * error (missing, malformed) before a time check's, which runs only on a time that could be read.
 */
export function parseWithTimes<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root: string,
  times: TimeChecks,
): Parsed<z.output<S>> {
  const parsed = parseWith(schema, input, root);
  const errors = { ...times.check(datesIn(input, times.fields)), ...(parsed.ok ? {} : parsed.errors) };
  return Object.keys(errors).length === 0 ? parsed : { ok: false, errors };
}
