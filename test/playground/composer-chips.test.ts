import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTranslator, hasMessage } from '../../src/i18n/index.ts';
import { LOCALES } from '../../src/i18n/locale.ts';
import { HOME_WORDS, homeWord } from '../../src/platform/teams/on-home.ts';

// The suggestions under the playground's composer type what the bot understands, in the page's language:
// the home chip types `tiket` on a Malay page and `tickets` on an English one, each a word the bot answers.

const page = readFileSync(new URL('../../src/platform/playground/web/index.html', import.meta.url), 'utf8');

describe('the composer chips', () => {
  it('give every chip a command, or a text key whose words are the command in each language', () => {
    const chips = [...page.matchAll(/<button[^>]*class="chip"[^>]*>/g)].map((m) => m[0]);
    expect(chips.length).toBeGreaterThan(0);
    for (const chip of chips) {
      const command = /data-command="([^"]*)"/.exec(chip)?.[1];
      const key = /data-text="([^"]*)"/.exec(chip)?.[1];
      expect(command !== undefined && (command !== '' || (key !== undefined && hasMessage(key))), chip).toBe(
        true,
      );
    }
  });

  it.each(LOCALES)('types the home word the bot answers in %s', (locale) => {
    const word = createTranslator(locale)('playground.composer.home_word');
    expect(word).toBe(homeWord(locale));
    expect(HOME_WORDS).toContain(word);
  });
});
