import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { latestFire } from '../../src/scheduler/scheduler.ts';

// The missed fire mailops catches up at start (scheduler.ts), found with node-cron's own matcher in
// Malaysia time, as the schedules run.

const matcher = (expression: string) => {
  const task = cron.createTask(expression, () => undefined, { timezone: 'Asia/Kuala_Lumpur' });
  return (at: Date) => task.match(at);
};
const HOUR = 3_600_000;
const find = (expression: string, now: string, withinMs: number) =>
  latestFire(expression, matcher(expression), new Date(now), withinMs)?.toISOString() ?? null;

describe('latestFire', () => {
  it("finds this morning's 07:30 Malaysia time from 09:00, and nothing once it is older than the window", () => {
    expect(find('30 7 * * *', '2026-11-28T01:00:00Z', 4 * HOUR)).toBe('2026-11-27T23:30:00.000Z');
    expect(find('30 7 * * *', '2026-11-28T04:00:00Z', 4 * HOUR)).toBeNull();
    expect(find('30 7 * * *', '2026-11-28T03:29:59Z', 4 * HOUR)).toBe('2026-11-27T23:30:00.000Z');
  });

  it('counts the fire at this very second, and not one a second in the future', () => {
    expect(find('30 7 * * *', '2026-11-27T23:30:00.000Z', HOUR)).toBe('2026-11-27T23:30:00.000Z');
    expect(find('30 7 * * *', '2026-11-27T23:29:59.999Z', HOUR)).toBeNull();
  });

  it('takes the latest of several fires, weekdays only and six-field expressions too', () => {
    expect(find('0 7,12 * * *', '2026-11-28T05:00:00Z', 24 * HOUR)).toBe('2026-11-28T04:00:00.000Z');
    // Saturday 28 November 2026: the Monday-to-Friday 07:30 last fired on Friday.
    expect(find('30 7 * * 1-5', '2026-11-28T01:00:00Z', 24 * HOUR)).toBeNull();
    expect(find('30 7 * * 1-5', '2026-11-28T01:00:00Z', 26 * HOUR)).toBe('2026-11-26T23:30:00.000Z');
    expect(find('15,45 */10 * * * *', '2026-11-28T01:23:40Z', HOUR)).toBe('2026-11-28T01:20:45.000Z');
    expect(find('15,45 */10 * * * *', '2026-11-28T01:20:30Z', HOUR)).toBe('2026-11-28T01:20:15.000Z');
    expect(find('15,45 */10 * * * *', '2026-11-28T01:20:10Z', HOUR)).toBe('2026-11-28T01:10:45.000Z');
  });
});
