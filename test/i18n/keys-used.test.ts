import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../src/i18n/index.ts';

// An unknown key renders as the key itself rather than crashing a notification; this test is where such
// a key is caught. It reads the product's sources for literal keys (`message('…')`, `t('…')`,
// `key: '…'`); keys built at run time are covered by the catalog tests of their modules.

const ROOT = join(import.meta.dirname, '..', '..');
const DIRS = ['flows', 'cards', 'commands', 'src'];
const SKIP = /^src\/(generated|i18n)\//;
const LITERAL_KEY = /(?:\bt\(|\bmessage\(|\bkey:)\s*'([a-z_]+(?:\.[a-z0-9_]+)+)'/g;

function sources(): string[] {
  return DIRS.flatMap((dir) => {
    let entries: string[];
    try {
      entries = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' });
    } catch {
      return [];
    }
    return entries
      .map((entry) => `${dir}/${entry}`)
      .filter((file) => file.endsWith('.ts') && !SKIP.test(file));
  });
}

describe('message keys used in the product', () => {
  it('all have texts in both languages', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const file of sources()) {
      for (const match of readFileSync(join(ROOT, file), 'utf8').matchAll(LITERAL_KEY)) {
        checked++;
        if (!hasMessage(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
