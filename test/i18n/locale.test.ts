import { describe, expect, it } from 'vitest';
import { formatMyt, normalizeLocale } from '../../src/i18n/locale.ts';

describe('normalizeLocale', () => {
  it.each([
    ['ms-MY', 'ms'],
    ['ms', 'ms'],
    ['MS_my', 'ms'],
    ['zsm', 'ms'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['en', 'en'],
  ] as const)('maps %s to %s', (platform, expected) => {
    expect(normalizeLocale(platform, 'ms')).toBe(expected);
    expect(normalizeLocale(platform, 'en')).toBe(expected);
  });

  it('gives languages the service does not speak the configured default', () => {
    expect(normalizeLocale('zh-CN', 'ms')).toBe('ms');
    expect(normalizeLocale('zh-CN', 'en')).toBe('en');
    expect(normalizeLocale('id-ID', 'en')).toBe('en');
    expect(normalizeLocale(undefined, 'ms')).toBe('ms');
    expect(normalizeLocale('', 'en')).toBe('en');
  });
});

describe('formatMyt', () => {
  it('shows Malaysia time in Malay and English whatever the server zone', () => {
    const at = new Date('2026-11-27T07:05:00Z');
    expect(formatMyt(at, 'ms')).toBe('27 Nov 2026, 3:05 PTG (MYT)');
    expect(formatMyt(at, 'en')).toBe('27 Nov 2026, 3:05 PM (MYT)');
  });

  it('uses the Malaysian date when UTC is still on the previous day', () => {
    const at = new Date('2026-08-30T17:30:00Z');
    expect(formatMyt(at, 'ms')).toBe('31 Ogo 2026, 1:30 PG (MYT)');
    expect(formatMyt(at, 'en')).toBe('31 Aug 2026, 1:30 AM (MYT)');
  });
});
