import { describe, expect, it } from 'vitest';
import { cliLocale } from '../../src/cli/locale.ts';
import { loadConfig } from '../../src/config/index.ts';

describe('cliLocale', () => {
  it('is the configured default language when there is a configuration', () => {
    for (const locale of ['ms', 'en'] as const) {
      const result = loadConfig({ MAILOPS_DEFAULT_LOCALE: locale });
      if (!result.ok) throw new Error(result.problems.join('\n'));
      // The environment handed in separately is ignored: the configuration decides.
      expect(cliLocale({ MAILOPS_DEFAULT_LOCALE: 'ms' }, result.config)).toBe(locale);
    }
  });

  it('without a configuration reads MAILOPS_DEFAULT_LOCALE as loadConfig does, and otherwise speaks Malay', () => {
    expect(cliLocale({})).toBe('ms');
    expect(cliLocale({ MAILOPS_DEFAULT_LOCALE: 'en' })).toBe('en');
    // loadConfig trims the variable too, so a run that does load the configuration speaks the same language.
    expect(cliLocale({ MAILOPS_DEFAULT_LOCALE: ' en ' })).toBe('en');
    expect(loadConfig({ MAILOPS_DEFAULT_LOCALE: ' en ' })).toMatchObject({
      config: { runtime: { defaultLocale: 'en' } },
    });
    expect(cliLocale({ MAILOPS_DEFAULT_LOCALE: 'ms' })).toBe('ms');
    for (const other of ['EN', 'en-US', 'english', 'id', '']) {
      expect(cliLocale({ MAILOPS_DEFAULT_LOCALE: other }), other).toBe('ms');
    }
  });
});
