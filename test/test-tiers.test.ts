import { readdirSync, readFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORLD_FILES } from '../vitest.config.ts';

// Integration files run two at a time, except those in WORLD_FILES (vitest.config.ts). A file that starts a
// world of real daemons on fixed loopback ports, or drives Chromium, and is not listed would run beside
// another such file: the world's lock refuses the second, or two browsers slow each other past their waits.
const STARTS_A_WORLD = /support\/(mail-world|delivery-world)\/|support\/browser\.ts/;

const integrationFiles = readdirSync(new URL('.', import.meta.url), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.integration.test.ts'))
  .map((name) => `test/${name}`)
  .sort();

const listed = (file: string) => WORLD_FILES.some((glob) => matchesGlob(file, glob));

describe('the integration tiers', () => {
  it('finds the integration files', () => {
    expect(integrationFiles.length).toBeGreaterThan(40);
  });

  it('runs every file that starts a mail or delivery world or a browser one at a time', () => {
    const starters = integrationFiles.filter((file) =>
      STARTS_A_WORLD.test(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')),
    );
    expect(starters.length).toBeGreaterThan(5);
    expect(starters.filter((file) => !listed(file))).toEqual([]);
  });

  it('lists no file that does not exist', () => {
    for (const glob of WORLD_FILES)
      expect(
        integrationFiles.some((file) => matchesGlob(file, glob)),
        glob,
      ).toBe(true);
  });
});
