// RFC 5322 §3.3 date-time (with the obsolete forms of §4.3), as found in Date, Received, Arrival-Date and
// Last-Attempt-Date. Written out rather than left to Date.parse, whose leniency differs between engines and
// would turn a damaged date into a wrong one instead of none.

import { stripComments } from './header-block.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 5322 §4.3 obs-zone; military letters "SHOULD be considered equivalent to -0000" (unknown), so 0. */
const NAMED_ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};
const DATE_TIME =
  /^(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]{1,3})?/i;

/** The instant a date-time names, or null when it is missing, malformed or has no time zone. */
export function parseMailDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = DATE_TIME.exec(stripComments(value));
  if (!match) return null;
  const [, day, monthName, yearText, hour, minute, second = '0', zone] = match;
  const month = MONTHS.indexOf(monthName!.toLowerCase());
  const offset = zoneOffsetMinutes(zone);
  if (month < 0 || offset === null) return null;
  let year = Number(yearText);
  // RFC 5322 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx; a three-digit one adds 1900.
  if (yearText!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText!.length === 3) year += 1900;
  const [d, h, m, s] = [Number(day), Number(hour), Number(minute), Number(second)];
  if (d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return null;
  const utc = Date.UTC(year, month, d, h, m, Math.min(s, 59)) - offset * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) || new Date(Date.UTC(year, month, d)).getUTCDate() !== d ? null : date;
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return null;
  if (/^[+-]\d{4}$/.test(zone)) {
    const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3));
    return zone.startsWith('-') ? -minutes : minutes;
  }
  const lower = zone.toLowerCase();
  if (Object.hasOwn(NAMED_ZONES, lower)) return NAMED_ZONES[lower]!;
  return /^[a-ik-z]$/.test(lower) ? 0 : null;
}
