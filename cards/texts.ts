// What a renderer needs to speak the reader's language. cards/ imports nothing from src/, so the adapter
// hands these in (built from src/i18n for the reader's locale).

export type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

export interface Texts {
  readonly locale: 'ms' | 'en';
  readonly t: Translate;
  /** A date and time in Malaysia time, e.g. "2 Mac 2026, 10:05 PG (MYT)". */
  readonly formatDate: (date: Date) => string;
}
