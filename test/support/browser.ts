import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { describe } from 'vitest';
import { ensurePackages } from './mail-world/packages.ts';

// Debian's Chromium driven by playwright-core (RECIPES.md: never a downloaded browser), headless, with a
// fresh profile (playwright makes one per launch and removes it), and every request that leaves loopback
// refused: the playground must work air-gapped.

export const CHROMIUM = process.env.MAILOPS_CHROMIUM ?? '/usr/bin/chromium';
export const browserTierEnabled = process.env.MAILOPS_TEST_BROWSER !== 'off';

/**
 * Declares a suite for the browser tier, named "(Chromium)" for CI's tier check. It is skipped only with
 * MAILOPS_TEST_BROWSER=off; without Chromium it fails and says how to install it.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  (browserTierEnabled ? describe : describe.skip)(`${name} (Chromium)`, fn);
}

export async function launchChromium(): Promise<{
  browser: Browser;
  context: BrowserContext;
  blocked: string[];
  close(): Promise<void>;
}> {
  // As the mail worlds do, the tier installs what it runs on a fresh machine (`npm test` is the only step).
  if (!existsSync(CHROMIUM) && process.env.MAILOPS_CHROMIUM === undefined)
    await ensurePackages(['chromium', 'fonts-dejavu-core', 'fonts-noto-color-emoji']);
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is not at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does), ` +
        'or run MAILOPS_TEST_BROWSER=off npm test on a machine without it',
    );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ms-MY' });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:')
      return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return {
    browser,
    context,
    blocked,
    async close() {
      await context.close();
      await browser.close();
    },
  };
}
