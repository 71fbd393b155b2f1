// The service speaks Bahasa Melayu and English (DESIGN.md, Chat platforms). Platforms report a person's
// locale in their own spelling (Slack `en-US`, Teams `ms-MY`); everything else in the product sees one of
// these two codes.

export const LOCALES = ['ms', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// ISO 639-1 `ms`, ISO 639-2 `msa`/`may` and ISO 639-3 `zsm` (Standard Malay) all mean Bahasa Melayu.
// Indonesian (`id`) is a different language and is not mapped to Malay.
const LANGUAGE: Readonly<Record<string, Locale>> = {
  ms: 'ms',
  msa: 'ms',
  may: 'ms',
  zsm: 'ms',
  en: 'en',
  eng: 'en',
};

/** Maps a platform locale (`ms-MY`, `en_GB`, `zh-CN`, …) to ms|en; languages we do not speak get `fallback`. */
export function normalizeLocale(platformLocale: string | null | undefined, fallback: Locale): Locale {
  const language = platformLocale?.trim().toLowerCase().split(/[-_]/, 1)[0];
  return (language && LANGUAGE[language]) || fallback;
}

const MYT = 'Asia/Kuala_Lumpur';
const formatters = new Map<Locale, Intl.DateTimeFormat>();

function formatterFor(locale: Locale): Intl.DateTimeFormat {
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'ms' ? 'ms-MY' : 'en-MY', {
      timeZone: MYT,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    });
    formatters.set(locale, format);
  }
  return format;
}

/**
 * Malaysia time for people, whatever the server's zone: "27 Nov 2026, 3:05 PTG (MYT)" in Malay and
 * "27 Nov 2026, 3:05 PM (MYT)" in English. The pieces come from Intl (month names, PG/PTG) and are
 * assembled here so the layout does not drift with ICU versions.
 */
export function formatMyt(date: Date, locale: Locale): string {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatterFor(locale).formatToParts(date)) part[p.type] = p.value;
  const period = (part.dayPeriod ?? '').toUpperCase();
  return `${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} ${period} (MYT)`;
}
