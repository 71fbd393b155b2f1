import { z } from 'zod';
import type { CheckComparison, CheckPurpose, CheckVerdict } from '../../flows/types.ts';
import type { Finding } from '../mail/types.ts';
import { EVIDENCE_CHECKS } from './compare.ts';

// What a stored check run (mailtest_runs) holds in its JSON columns, re-validated whenever it is read back
// (STYLE.md 14): the findings, and the summary — counts by verdict, and for a re-check its comparison with
// the investigation before it, so the flows and the cards need not read every finding to know the outcome.

export const CHECK_PURPOSES: readonly CheckPurpose[] = ['investigation', 'recheck', 'checklist'];
/** The runs a re-check is compared with: what the complaint looked like when it was investigated. */
export const BASELINE_PURPOSES: readonly CheckPurpose[] = ['investigation', 'checklist'];

const count = z.number().int().nonnegative().catch(0);

const comparisonSchema = z.object({
  baselineRunId: z.string(),
  fixed: count,
  stillFailing: count,
  newProblems: count,
  resolved: z.boolean(),
});

const summarySchema = z.object({
  pass: count,
  warn: count,
  fail: count,
  untested: count,
  compared: comparisonSchema.optional().catch(undefined),
});

export interface RunSummary {
  readonly counts: Readonly<Record<CheckVerdict, number>>;
  readonly compared: (CheckComparison & { readonly baselineRunId: string }) | null;
}

/** A summary that does not parse counts as empty rather than breaking the ticket it belongs to. */
export function readSummary(json: unknown): RunSummary {
  const parsed = summarySchema.safeParse(json ?? {});
  if (!parsed.success) return { counts: { pass: 0, warn: 0, fail: 0, untested: 0 }, compared: null };
  const { compared, ...counts } = parsed.data;
  return { counts, compared: compared ?? null };
}

/**
 * A run's checks by verdict. The bounce the requester pasted is evidence shown on its own line, not a check:
 * counted, its permanent failure made "1 failed" beside a list of failing checks with nothing in it.
 */
export function countsOf(findings: readonly Finding[]): Record<CheckVerdict, number> {
  const counts = { pass: 0, warn: 0, fail: 0, untested: 0 };
  for (const f of findings) if (!EVIDENCE_CHECKS.has(f.check)) counts[f.verdict] += 1;
  return counts;
}

export function summaryJson(findings: readonly Finding[], compared: RunSummary['compared']): object {
  const counts = countsOf(findings);
  return compared ? { ...counts, compared } : counts;
}

const findingSchema = z.object({
  check: z.string().min(1),
  verdict: z.enum(['pass', 'warn', 'fail', 'untested']),
  requirement: z.string(),
  subject: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).catch({}),
});

/** The findings a run stored; an element that does not parse is left out, not the whole run. */
export function readFindings(json: unknown): Finding[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const parsed = findingSchema.safeParse(item);
    return parsed.success ? [parsed.data as Finding] : [];
  });
}

/** queued and claimed runs are `pending` to the flows; a run whose status is unknown is not finished. */
export function runStatusOf(status: string): 'pending' | 'done' | 'failed' {
  return status === 'done' || status === 'failed' ? status : 'pending';
}

export const isCheckPurpose = (value: string): value is CheckPurpose =>
  (CHECK_PURPOSES as readonly string[]).includes(value);
