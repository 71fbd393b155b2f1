import type { CheckComparison, CheckVerdict } from '../../flows/types.ts';
import { DELIVERY_OUTCOME_CHECKS } from '../mail/probe/delivery-finding.ts';
import type { Finding } from '../mail/types.ts';

// The before/after of a complaint (SOP 4.2 steps 3 and 6): the checks of the investigation run again once
// SOC marks it resolved, compared check by check. A check is the same check when its id and its subject
// (the MX host, the address, the domain) are the same; a delivery probe's outcome is one check whichever way
// it ended.

export type Change = 'fixed' | 'still_failing' | 'not_retested' | 'new_problem';

export interface CheckChange {
  readonly change: Change;
  readonly before: CheckVerdict | null;
  readonly after: CheckVerdict | null;
  /** The finding that words the line: the re-check's, or the investigation's when it did not run again. */
  readonly finding: Finding;
}

/**
 * Evidence the complaint brought, not a check that can run again: the bounce the requester pasted says the
 * same thing after the fix as before it.
 */
export const EVIDENCE_CHECKS: ReadonlySet<string> = new Set(['investigation.bounce_text']);

const needsAttention = (v: CheckVerdict) => v === 'fail' || v === 'warn';
const keyOf = (f: Finding) =>
  `${DELIVERY_OUTCOME_CHECKS.has(f.check) ? 'delivery.outcome' : f.check}\u0000${f.subject ?? ''}`;
/** Still failing first, then what the re-check could not test, new problems, and what was fixed. */
const ORDER: Readonly<Record<Change, number>> = {
  still_failing: 0,
  not_retested: 1,
  new_problem: 2,
  fixed: 3,
};

export function compareRuns(
  before: readonly Finding[],
  after: readonly Finding[],
): { readonly changes: readonly CheckChange[]; readonly comparison: CheckComparison } {
  const checks = (fs: readonly Finding[]) => fs.filter((f) => !EVIDENCE_CHECKS.has(f.check));
  const afterByKey = new Map(checks(after).map((f) => [keyOf(f), f]));
  const beforeByKey = new Map(checks(before).map((f) => [keyOf(f), f]));
  const changes: CheckChange[] = [];
  for (const b of beforeByKey.values()) {
    if (!needsAttention(b.verdict)) continue;
    const a = afterByKey.get(keyOf(b));
    const change: Change =
      a === undefined || a.verdict === 'untested'
        ? 'not_retested'
        : a.verdict === 'pass'
          ? 'fixed'
          : 'still_failing';
    changes.push({ change, before: b.verdict, after: a?.verdict ?? null, finding: a ?? b });
  }
  for (const a of afterByKey.values()) {
    const b = beforeByKey.get(keyOf(a));
    if (!needsAttention(a.verdict) || (b && needsAttention(b.verdict))) continue;
    changes.push({ change: 'new_problem', before: b?.verdict ?? null, after: a.verdict, finding: a });
  }
  changes.sort((x, y) => ORDER[x.change] - ORDER[y.change]);
  const count = (c: Change) => changes.filter((x) => x.change === c).length;
  const failedBefore = [...beforeByKey.values()].filter((b) => b.verdict === 'fail');
  return {
    changes,
    comparison: {
      fixed: count('fixed'),
      stillFailing: count('still_failing') + count('not_retested'),
      newProblems: count('new_problem'),
      // Closing on "what failed now passes" alone would close over a failure the fix itself caused.
      resolved:
        failedBefore.every((b) => afterByKey.get(keyOf(b))?.verdict === 'pass') &&
        !changes.some((c) => c.change === 'new_problem' && c.after === 'fail'),
    },
  };
}
