import type { FormKind, FormValues } from '../../cards/forms/types.ts';
import type { Db } from '../db/types.ts';

// The form of a step VAS SOC takes again opens with what it wrote the last time. A failed retest sends the
// change back to SOP 4.1.1 step 7 (step 12), where Section B is recorded anew; an unsuccessful Section D
// (step 8) is followed by another. The implementer edits what changed instead of retyping the type, risk,
// urgency, impact, activities and fallback plan. Who signs is never carried over: form-prefill.ts puts the
// person recording it.

const iso = (d: Date) => d.toISOString();

export async function previousAnswers(
  db: Db,
  ticketId: string,
  kind: FormKind,
  now: Date,
): Promise<FormValues> {
  if (kind === 'start_implementation') return previousSectionB(db, ticketId, now);
  if (kind === 'mark_implemented') return previousSectionD(db, ticketId);
  return {};
}

async function previousSectionB(db: Db, ticketId: string, now: Date): Promise<FormValues> {
  const b = await db.changeRequestSectionB.findFirst({ where: { ticketId }, orderBy: { round: 'desc' } });
  if (!b) return {};
  // A window already over cannot be planned again (the flows refuse it): the implementer picks a new one.
  const window =
    b.plannedEnd.getTime() > now.getTime()
      ? { plannedStart: iso(b.plannedStart), plannedEnd: iso(b.plannedEnd) }
      : {};
  return {
    typeOfChange: b.changeType,
    risk: b.risk,
    urgency: b.urgency,
    impact: b.impact,
    ...window,
    activities: b.activities,
    fallbackPlan: b.fallbackPlan,
  };
}

/**
 * Section D again within the same round, after an unsuccessful attempt: its Post Implementation Review is
 * the draft of the next. Its times and status are this attempt's to state: a stale actual time would pass
 * every check unseen, and a status must be chosen, never inherited.
 */
async function previousSectionD(db: Db, ticketId: string): Promise<FormValues> {
  const round = await db.changeRequestSectionB.count({ where: { ticketId } });
  const d = await db.changeRequestSectionD.findUnique({ where: { ticketId_round: { ticketId, round } } });
  if (!d || d.successful || d.postImplementationReview === null) return {};
  return { postImplementationReview: d.postImplementationReview };
}
