// The service desk's business calendar: SLA clocks run only inside working hours on working days, so a
// request filed on Friday evening is not "overdue" on Saturday morning. Pure: the calendar is data from
// the configuration file and the time zone is resolved with Intl, never with the host's local time.

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Holiday {
  /** Civil date in the calendar's time zone, YYYY-MM-DD. */
  readonly date: string;
  readonly name: string;
}

export interface BusinessCalendar {
  /** IANA time zone the workday and holidays are expressed in. */
  readonly timeZone: string;
  readonly weekend: readonly Weekday[];
  /** Local wall-clock times, HH:MM, start before end (no overnight shifts). */
  readonly workday: { readonly start: string; readonly end: string };
  readonly holidays: readonly Holiday[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar that never has a working day would loop forever; ten years without one is a broken calendar. */
const MAX_DAYS = 3660;

// Zones whose offset has not changed in living memory skip Intl entirely. Asia/Kuala_Lumpur has been
// +08:00 without daylight saving since 1982; dates before that are outside any ticket's lifetime.
const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = { 'Asia/Kuala_Lumpur': 480 };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC in `timeZone` at `instant`, derived from Intl's wall-clock rendering of it. */
function offsetMinutes(instant: number, timeZone: string): number {
  const fixed = FIXED_OFFSET_MINUTES[timeZone];
  if (fixed !== undefined) return fixed;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const whole = Math.floor(instant / 1000) * 1000;
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(whole)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return Math.round((wall - whole) / MINUTE);
}

/** Days since 1970-01-01 of the civil date `instant` falls on in the calendar's zone. */
function localDay(instant: number, timeZone: string): number {
  return Math.floor((instant + offsetMinutes(instant, timeZone) * MINUTE) / DAY);
}

/** The instant a local wall-clock time occurs; the second pass settles a day on which the offset changes. */
function zonedInstant(day: number, minuteOfDay: number, timeZone: string): number {
  const wall = day * DAY + minuteOfDay * MINUTE;
  const guess = wall - offsetMinutes(wall, timeZone) * MINUTE;
  return wall - offsetMinutes(guess, timeZone) * MINUTE;
}

function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

interface Compiled {
  readonly closed: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly start: number;
  readonly end: number;
}

const compiledCalendars = new WeakMap<BusinessCalendar, Compiled>();

function compile(cal: BusinessCalendar): Compiled {
  let compiled = compiledCalendars.get(cal);
  if (!compiled) {
    compiled = {
      closed: new Set(cal.weekend.map((d) => WEEKDAYS.indexOf(d))),
      holidays: new Set(cal.holidays.map((h) => h.date)),
      start: minuteOfDay(cal.workday.start),
      end: minuteOfDay(cal.workday.end),
    };
    compiledCalendars.set(cal, compiled);
  }
  return compiled;
}

/** The working window of a local day as [start, end) instants, or null on a weekend or holiday. */
function windowOf(day: number, cal: BusinessCalendar): readonly [number, number] | null {
  const c = compile(cal);
  // 1970-01-01 was a Thursday.
  if (c.closed.has((day + 4) % 7)) return null;
  if (c.holidays.has(new Date(day * DAY).toISOString().slice(0, 10))) return null;
  return [zonedInstant(day, c.start, cal.timeZone), zonedInstant(day, c.end, cal.timeZone)];
}

export function isBusinessTime(date: Date, cal: BusinessCalendar): boolean {
  const t = date.getTime();
  const window = windowOf(localDay(t, cal.timeZone), cal);
  return window !== null && t >= window[0] && t < window[1];
}

/**
 * The instant `minutes` of working time after `start`. Time outside working hours does not count, so a
 * deadline that runs out exactly at the end of a workday is that day's closing time, not the next opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`business minutes must be ≥ 0: ${minutes}`);
  let cursor = start.getTime();
  let remaining = minutes * MINUTE;
  if (remaining === 0) return new Date(cursor);
  const first = localDay(cursor, cal.timeZone);
  for (let day = first; day < first + MAX_DAYS; day++) {
    const window = windowOf(day, cal);
    if (!window || cursor >= window[1]) continue;
    cursor = Math.max(cursor, window[0]);
    const available = window[1] - cursor;
    if (remaining <= available) return new Date(cursor + remaining);
    remaining -= available;
  }
  throw new RangeError('business calendar has no working day in ten years');
}

/** Working minutes from `a` to `b`; negative when `b` is before `a`. */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -businessMinutesBetween(b, a, cal);
  let total = 0;
  const last = localDay(to, cal.timeZone);
  for (let day = localDay(from, cal.timeZone); day <= last; day++) {
    const window = windowOf(day, cal);
    if (!window) continue;
    total += Math.max(0, Math.min(to, window[1]) - Math.max(from, window[0]));
  }
  return total / MINUTE;
}
