import { z } from 'zod';
import type { FormErrorKey } from './flow-messages.ts';

// Field primitives shared by the paper form's sections (flows/forms.ts). Every custom check carries the
// message key it fails with (`params.key`), so flows/form-errors.ts can put it on the exact field.

export const LIMITS = {
  name: 120,
  short: 200,
  reason: 1000,
  long: 3000,
  bounce: 10_000,
  email: 254,
} as const;

/** Custom issue that names its message key; used by refinements so the key survives to the field. */
function flag(key: FormErrorKey) {
  return { params: { key } };
}

export function addFieldIssue(ctx: z.RefinementCtx, path: readonly (string | number)[], key: FormErrorKey) {
  ctx.addIssue({ code: 'custom', path: [...path], message: key, params: { key } });
}

/** Chat forms send '' for an untouched optional field; treat it as absent. */
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

// C0 controls other than tab, newline and carriage return never mean anything in a form, and PostgreSQL
// refuses NUL in text and jsonb; a lone UTF-16 surrogate (a broken paste) cannot be stored as UTF-8. Both
// are cleaned away rather than refused: the person could not see them to fix them.
function isInvisibleControl(code: number): boolean {
  return (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

function clean(value: string): string {
  let out = '';
  for (const ch of value) if (!isInvisibleControl(ch.charCodeAt(0))) out += ch;
  return out.toWellFormed();
}

export function text(max: number) {
  return z.string().transform(clean).pipe(z.string().trim().min(1).max(max));
}

export function optionalText(max: number) {
  return z.preprocess(blankToUndefined, text(max).optional());
}

export const email = z.string().trim().min(1).max(LIMITS.email).pipe(z.email());
export const optionalEmail = z.preprocess(blankToUndefined, email.optional());

// Loose on purpose: Malaysian numbers are written "03-8000 8000", "+60 12-345 6789", "012 3456789".
const PHONE = /^(?=.{7,20}$)\+?\d[\d\s-]*\d$/;
export const phone = z
  .string()
  .trim()
  .min(1)
  .refine((v) => v.length === 0 || PHONE.test(v), flag('form.error.invalid_phone'));
export const optionalPhone = z.preprocess(blankToUndefined, phone.optional());

// ISO 8601 date, or date-time with an explicit offset: a date-time without one would be read in the
// server's time zone, and the flows never depend on where they run.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function parseIsoDate(value: string): Date | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date rolls 2025-02-30 over to 2 March; the calendar day must exist as written.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** An ISO string (or a Date read back from storage) → Date. */
export const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z
    .string()
    .trim()
    .min(1)
    .transform((v, ctx) => {
      const parsed = parseIsoDate(v);
      if (parsed) return parsed;
      ctx.addIssue({
        code: 'custom',
        message: 'form.error.invalid_date',
        params: { key: 'form.error.invalid_date' },
      });
      return z.NEVER;
    }),
);

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/**
 * A moment, not a day: the form's "Request for change date & time" (Section A) names when the change is
 * wanted, and a bare date would be read as midnight UTC, 08:00 in Malaysia, a time nobody chose.
 */
export const isoDateTime = z
  .unknown()
  .superRefine((v, ctx) => {
    if (typeof v === 'string' && DATE_ONLY.test(v)) addFieldIssue(ctx, [], 'form.error.time_required');
  })
  .pipe(isoDate);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A host name as DNS stores it (RFC 1035 §2.3.1 LDH labels, RFC 1123 §2.1): lower-cased, no root dot. */
function isDnsName(name: string): boolean {
  if (name.length > 253) return false;
  const labels = name.split('.');
  const tld = labels.at(-1) ?? '';
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(tld);
}

export const domain = z
  .string()
  .trim()
  .min(1)
  .toLowerCase()
  .transform((v) => v.replace(/\.$/, ''))
  .refine((v) => v.length === 0 || isDnsName(v), flag('form.error.invalid_domain'));

/** Cross-field check of the form's Duration boxes: End Date/Time after Start Date/Time. */
export function endAfterStart(startKey: string, endKey: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const start = value[startKey];
    const end = value[endKey];
    if (start instanceof Date && end instanceof Date && end.getTime() <= start.getTime()) {
      addFieldIssue(ctx, [endKey], 'form.error.end_before_start');
    }
  };
}
