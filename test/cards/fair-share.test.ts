import { describe, expect, it } from 'vitest';
import { fairCaps } from '../../cards/fair-share.ts';

// The room of a ticket card shared among its fields: what fits whole stays whole, long answers share the
// rest at one level, and a floor keeps a clipped field worth reading.

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('fairCaps', () => {
  it('gives every field what it wants when all fit', () => {
    expect(fairCaps([100, 3000, 40], 5000, 120)).toEqual([100, 3000, 40]);
    expect(fairCaps([], 10, 120)).toEqual([]);
  });

  it('keeps the short fields whole and clips only the long ones, to one level', () => {
    // 9000 minus the short ones (60 + 200 + 40) leaves 8700 for three long ones: 2900 each.
    const caps = fairCaps([60, 3000, 200, 3000, 40, 3000], 9000, 120);
    expect(caps).toEqual([60, 2900, 200, 2900, 40, 2900]);
    expect(sum(caps)).toBeLessThanOrEqual(9000);
  });

  it('lets a long field that wants less than the level keep all of it', () => {
    // One 5000-character essay beside a 1500 one: the 1500 is under the level and stays whole.
    expect(fairCaps([5000, 1500, 50], 4000, 120)).toEqual([2450, 1500, 50]);
  });

  it('never clips below the floor, so the renderer leaves out the last fields instead', () => {
    const caps = fairCaps(
      Array.from({ length: 100 }, () => 3000),
      9000,
      120,
    );
    expect(new Set(caps)).toEqual(new Set([120]));
  });

  it('never gives more than the budget when the floor allows, and clips every long field to one level', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const wants = Array.from(
        { length: 1 + (seed % 37) },
        (_, i) => ((seed * 7919 + i * 104729) % 4000) + 1,
      );
      const budget = 500 + ((seed * 31) % 9000);
      const caps = fairCaps(wants, budget, 120);
      expect(caps.every((cap, i) => cap <= wants[i]!)).toBe(true);
      if (budget >= wants.length * 120) expect(sum(caps)).toBeLessThanOrEqual(budget);
      const clipped = caps.filter((cap, i) => cap < wants[i]!);
      expect(new Set(clipped).size).toBeLessThanOrEqual(1);
      // The level is the highest that fits: one more character each would overrun (or no field is clipped).
      if (clipped.length > 0 && clipped[0]! > 120) expect(sum(caps) + clipped.length).toBeGreaterThan(budget);
    }
  });
});
