// How a ticket card shares its room among the form's fields (cards/slack/card-fields.ts in characters,
// cards/teams/card-facts.ts in bytes). An approver decides from the card alone, so one long answer (a
// 3000-character description in Section A) must not push Section B's risk and fallback plan off the card:
// when the fields do not all fit whole, the long ones are clipped to one common length and the short
// ones stay whole ("water-filling").

/**
 * The most each item may take so that together they fit `budget`: what it wants when all fit, else
 * `min(want, level)` with the highest level that fits, but never below `floor` (a field clipped shorter
 * says nothing; the renderer then leaves the last fields out and counts them).
 */
export function fairCaps(wants: readonly number[], budget: number, floor: number): number[] {
  const total = wants.reduce((sum, want) => sum + want, 0);
  if (total <= budget) return [...wants];
  const ascending = [...wants].sort((a, b) => a - b);
  let left = budget;
  let level = 0;
  for (const [i, want] of ascending.entries()) {
    const share = Math.floor(left / (ascending.length - i));
    if (want > share) {
      level = share;
      break;
    }
    left -= want;
  }
  const cap = Math.max(level, floor);
  return wants.map((want) => Math.min(want, cap));
}
