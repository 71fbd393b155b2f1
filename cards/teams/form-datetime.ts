// A form's date-and-time answer on Teams. Adaptive Cards have no date-time input, so one answer is two
// inputs: Input.Date under the field id and Input.Time under `<id>__time`, both in Malaysia time, which is
// what the form shows its readers. The flows want ISO 8601 with an explicit offset (flows/form-fields.ts),
// so the pair goes back as `YYYY-MM-DDTHH:MM:00+08:00`. Malaysia has kept UTC+08:00 without daylight
// saving since 1982, so a fixed offset is exact.

const TIME_ID_SUFFIX = '__time';
const MYT_OFFSET = '+08:00';
const MYT_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The id of the time half of a date-time field. */
export function timeIdOf(fieldId: string): string {
  return `${fieldId}${TIME_ID_SUFFIX}`;
}

/** An ISO 8601 answer as the Malaysian date (YYYY-MM-DD) and time (HH:MM) the two inputs show. */
export function mytParts(iso: string | undefined): { date: string; time: string } | undefined {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const wall = new Date(ms + MYT_OFFSET_MS).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/**
 * The two inputs' values as one ISO 8601 answer. Input.Time sends HH:MM (HH:MM:SS is taken as well). A date
 * alone is passed on as a date, which the flows accept for a date box; a time alone is no answer.
 */
export function fromMytParts(date: string | undefined, time: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  if (time === undefined) return date;
  const seconds = /^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time;
  return `${date}T${seconds}${MYT_OFFSET}`;
}
