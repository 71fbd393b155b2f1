import { describe, expect, it } from 'vitest';
import { nextDelayMs } from '../../src/outbox/backoff.ts';

// How long the outbox waits before retrying a delivery. `random` is pinned: 0 gives the lower jitter bound
// (half the ceiling), just under 1 the upper bound (the ceiling), 0.5 the middle.

const POLICY = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
const LOW = () => 0;
const MID = () => 0.5;
const HIGH = () => 0.999_999;

describe('nextDelayMs', () => {
  it('waits between half and all of the base delay after the first failure', () => {
    expect(nextDelayMs(1, POLICY, undefined, LOW)).toBe(500);
    expect(nextDelayMs(1, POLICY, undefined, MID)).toBe(750);
    expect(nextDelayMs(1, POLICY, undefined, HIGH)).toBe(1_000);
  });

  it('doubles the window with each further attempt', () => {
    expect([2, 3, 4, 5].map((attempt) => nextDelayMs(attempt, POLICY, undefined, LOW))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect([2, 3, 4, 5].map((attempt) => nextDelayMs(attempt, POLICY, undefined, HIGH))).toEqual([
      2_000, 4_000, 8_000, 16_000,
    ]);
  });

  it('stays within the jitter bounds whatever the random draw', () => {
    for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999]) {
      const delay = nextDelayMs(4, POLICY, undefined, () => r);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });

  it('never waits longer than maxDelayMs, however many attempts failed', () => {
    expect(nextDelayMs(7, POLICY, undefined, HIGH)).toBe(60_000);
    expect(nextDelayMs(12, POLICY, undefined, HIGH)).toBe(60_000);
    expect(nextDelayMs(12, POLICY, undefined, LOW)).toBe(30_000);
    expect(nextDelayMs(200, POLICY, undefined, HIGH)).toBe(60_000);
  });

  it('never retries sooner than the Retry-After the platform asked for', () => {
    expect(nextDelayMs(1, POLICY, 30_000, HIGH)).toBe(30_000);
    // A Retry-After longer than the cap still wins: the platform refuses earlier attempts anyway.
    expect(nextDelayMs(12, POLICY, 120_000, HIGH)).toBe(120_000);
  });

  it('keeps its own longer delay when the Retry-After is shorter', () => {
    expect(nextDelayMs(5, POLICY, 2_000, LOW)).toBe(8_000);
  });

  it('treats attempt 0 like the first attempt', () => {
    expect(nextDelayMs(0, POLICY, undefined, HIGH)).toBe(1_000);
  });

  it('ignores a Retry-After that is not a number instead of scheduling at an invalid time', () => {
    expect(nextDelayMs(1, { baseDelayMs: 1000, maxDelayMs: 60_000 }, Number.NaN, () => 0)).toBe(500);
  });
});
