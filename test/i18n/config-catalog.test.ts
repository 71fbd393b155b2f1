import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { config } from '../../src/i18n/catalog/config.ts';
import { configChecks } from '../../src/i18n/catalog/config-checks.ts';
import { catalogProblems, placeholdersOf } from '../../src/i18n/index.ts';

// The texts of the configuration's problems and warnings (src/config): each in Malay and English with the same
// parameters, translated rather than copied, and each one used, so the operator never meets a key or an
// untranslated line, and a text that no check produces any more does not linger.

const MODULES = [
  { name: 'config', catalog: config },
  { name: 'config-checks', catalog: configChecks },
];
const SOURCES = join(import.meta.dirname, '..', '..', 'src', 'config');

/** Texts that read the same in both languages: separators and what they join, and product names. */
const SAME_IN_BOTH = new Set(['config.cron.and']);

describe('the configuration catalogs', () => {
  it('have every key in both languages, with the same parameters, and no key twice', () => {
    expect(catalogProblems(MODULES)).toEqual([]);
    for (const { catalog } of MODULES) {
      expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog.ms).sort());
      for (const [key, ms] of Object.entries(catalog.ms)) {
        const en = catalog.en[key as keyof typeof catalog.en];
        expect(placeholdersOf(en), key).toEqual(placeholdersOf(ms));
      }
    }
  });

  it('say where the problem is: a text of a value starts with its {at}', () => {
    for (const [key, text] of Object.entries(config.ms)) {
      if (placeholdersOf(text).includes('at')) expect(text, key).toMatch(/^\{at\}: /);
    }
  });

  it('are translated: the Malay text differs from the English one', () => {
    const copied = MODULES.flatMap(({ catalog }) =>
      Object.entries(catalog.ms)
        .filter(([key, ms]) => ms === catalog.en[key as keyof typeof catalog.en] && !SAME_IN_BOTH.has(key))
        .map(([key]) => key),
    );
    expect(copied).toEqual([]);
  });

  it('are each used by src/config', () => {
    const source = readdirSync(SOURCES)
      .map((file) => readFileSync(join(SOURCES, file), 'utf8'))
      .join('\n');
    const keys = MODULES.flatMap(({ catalog }) => Object.keys(catalog.ms));
    expect(keys.filter((key) => !source.includes(`'${key}'`))).toEqual([]);
  });
});
