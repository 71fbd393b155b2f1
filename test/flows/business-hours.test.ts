import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  isBusinessTime,
} from '../../flows/business-hours.ts';

const federal: BusinessCalendar = {
  timeZone: 'Asia/Kuala_Lumpur',
  weekend: ['saturday', 'sunday'],
  workday: { start: '08:30', end: '17:30' },
  holidays: [
    { date: '2026-08-31', name: 'Hari Kebangsaan' },
    { date: '2026-09-16', name: 'Hari Malaysia' },
  ],
};

/** Malaysia time, written the way a person at the desk reads the clock. */
const myt = (local: string) => new Date(`${local}+08:00`);

describe('isBusinessTime', () => {
  it('is open from the start of the workday up to, not including, its end', () => {
    expect(isBusinessTime(myt('2026-11-25T08:30:00'), federal)).toBe(true);
    expect(isBusinessTime(myt('2026-11-25T08:29:59'), federal)).toBe(false);
    expect(isBusinessTime(myt('2026-11-25T17:29:59'), federal)).toBe(true);
    expect(isBusinessTime(myt('2026-11-25T17:30:00'), federal)).toBe(false);
  });

  it('is closed on weekends and holidays', () => {
    expect(isBusinessTime(myt('2026-11-28T10:00:00'), federal)).toBe(false);
    expect(isBusinessTime(myt('2026-11-29T10:00:00'), federal)).toBe(false);
    expect(isBusinessTime(myt('2026-08-31T10:00:00'), federal)).toBe(false);
  });

  it('uses the calendar time zone, not the UTC date', () => {
    // 2026-11-27T01:00Z is Friday 09:00 in Kuala Lumpur.
    expect(isBusinessTime(new Date('2026-11-27T01:00:00Z'), federal)).toBe(true);
    // 2026-11-27T23:00Z is already Saturday 07:00 in Kuala Lumpur.
    expect(isBusinessTime(new Date('2026-11-27T23:00:00Z'), federal)).toBe(false);
  });

  it('follows a Friday–Saturday weekend as in Kedah, Kelantan and Terengganu', () => {
    const kelantan: BusinessCalendar = { ...federal, weekend: ['friday', 'saturday'] };
    expect(isBusinessTime(myt('2026-11-27T10:00:00'), kelantan)).toBe(false);
    expect(isBusinessTime(myt('2026-11-29T10:00:00'), kelantan)).toBe(true);
  });
});

describe('addBusinessMinutes', () => {
  it('carries the rest of a Friday over the weekend to Monday', () => {
    expect(addBusinessMinutes(myt('2026-11-27T16:30:00'), 120, federal)).toEqual(myt('2026-11-30T09:30:00'));
  });

  it('skips a holiday that follows a weekend', () => {
    expect(addBusinessMinutes(myt('2026-08-28T17:00:00'), 60, federal)).toEqual(myt('2026-09-01T09:00:00'));
  });

  it('starts counting at the next opening when started after hours or before opening', () => {
    expect(addBusinessMinutes(myt('2026-11-25T20:00:00'), 30, federal)).toEqual(myt('2026-11-26T09:00:00'));
    expect(addBusinessMinutes(myt('2026-11-25T07:00:00'), 30, federal)).toEqual(myt('2026-11-25T09:00:00'));
  });

  it('ends at closing time when the minutes run out exactly then', () => {
    expect(addBusinessMinutes(myt('2026-11-25T16:30:00'), 60, federal)).toEqual(myt('2026-11-25T17:30:00'));
  });

  it('spans several days for long waits', () => {
    // 18 business hours from Friday 15:00: 2.5 h Friday, 9 h Monday, 6.5 h Tuesday.
    expect(addBusinessMinutes(myt('2026-11-27T15:00:00'), 18 * 60, federal)).toEqual(
      myt('2026-12-01T15:00:00'),
    );
  });

  it('returns the start itself for zero minutes and refuses negative ones', () => {
    const start = myt('2026-11-28T03:00:00');
    expect(addBusinessMinutes(start, 0, federal)).toEqual(start);
    expect(() => addBusinessMinutes(start, -1, federal)).toThrow(RangeError);
  });

  it('handles a daylight-saving change in a configured zone', () => {
    const london: BusinessCalendar = {
      timeZone: 'Europe/London',
      weekend: ['saturday', 'sunday'],
      workday: { start: '09:00', end: '17:00' },
      holidays: [],
    };
    // Friday 16:00 GMT; the clocks go forward on Sunday 2026-03-29, so Monday 10:00 BST is 09:00 UTC.
    expect(addBusinessMinutes(new Date('2026-03-27T16:00:00Z'), 120, london)).toEqual(
      new Date('2026-03-30T09:00:00Z'),
    );
    expect(isBusinessTime(new Date('2026-03-30T07:59:00Z'), london)).toBe(false);
    expect(isBusinessTime(new Date('2026-03-30T08:00:00Z'), london)).toBe(true);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only working time, across a weekend', () => {
    expect(businessMinutesBetween(myt('2026-11-27T16:30:00'), myt('2026-11-30T09:30:00'), federal)).toBe(120);
  });

  it('is negative when the second instant comes first', () => {
    expect(businessMinutesBetween(myt('2026-11-30T09:30:00'), myt('2026-11-27T16:30:00'), federal)).toBe(
      -120,
    );
  });

  it('counts nothing over a holiday', () => {
    expect(businessMinutesBetween(myt('2026-08-31T08:00:00'), myt('2026-08-31T18:00:00'), federal)).toBe(0);
  });

  it('agrees with addBusinessMinutes', () => {
    const starts = [
      '2026-11-27T16:30:00',
      '2026-08-28T12:00:00',
      '2026-11-25T22:15:00',
      '2026-09-15T08:30:00',
    ];
    for (const start of starts) {
      for (const minutes of [1, 59, 540, 541, 3000]) {
        const end = addBusinessMinutes(myt(start), minutes, federal);
        expect(businessMinutesBetween(myt(start), end, federal)).toBe(minutes);
      }
    }
  });
});
