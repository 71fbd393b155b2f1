import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from './browser.ts';
import { createPgliteDatabase, type TestDatabase } from './databases.ts';
import { type PlaygroundWorld, startPlaygroundWorld } from './playground-world.ts';

// How a person works the playground's page in Chromium, for the browser tests: switching identity, opening a
// conversation, finding a card, filling a form box by its label, pressing a button once the last step is over,
// and a numbered screenshot of each step under test-results/playground/ (CI keeps the folder).

const SHOTS = join(process.cwd(), 'test-results', 'playground');

/**
 * `opened` gives the page and the world once the suite's beforeAll has made them; screenshots are named
 * `<prefix><step>-<name>.png`.
 */
function playgroundPage(opened: () => { page: Page; world: PlaygroundWorld }, prefix = '') {
  let shot = 0;

  /**
   * The last step is over: the page's card actions have been answered, the bot has delivered what they
   * caused, and the page has fetched what it heard of on its event stream.
   */
  async function quiet() {
    const { page, world } = opened();
    const idle = () =>
      expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
    await idle();
    await world.settle();
    await page.waitForTimeout(150);
    await idle();
  }

  return {
    quiet,
    async screenshot(name: string) {
      mkdirSync(SHOTS, { recursive: true });
      shot += 1;
      const path = join(SHOTS, `${prefix}${String(shot).padStart(2, '0')}-${name}.png`);
      await opened().page.screenshot({ path });
    },
    // A person acts once the bot has finished posting and updating what the last step caused: an update
    // landing on a card redraws it for everyone (as in Teams), which would close a form someone just opened.
    async actAs(person: string) {
      await quiet();
      const { page } = opened();
      await page.getByTestId('identity').selectOption(person);
      await expect.poll(() => new URL(page.url()).searchParams.get('as')).toBe(person);
    },
    async open(purpose: string) {
      const entry = opened().page.locator(`[data-testid="conversation"][data-purpose="${purpose}"]`);
      await entry.click();
      await expect.poll(() => entry.getAttribute('aria-current')).toBe('page');
    },
    /** The newest card in the open conversation that mentions the ticket (or any card, before there is one). */
    cardAbout(text: string): Locator {
      return opened().page.getByTestId('message').filter({ hasText: text }).getByTestId('card').last();
    },
    /**
     * A form box by the name a screen reader gives it (the label; the renderer's required mark is not part of
     * it): a text, date or time box, or a list.
     */
    field(card: Locator, name: string): Locator {
      return card
        .getByRole('textbox', { name, exact: true })
        .or(card.getByRole('combobox', { name, exact: true }));
    },
    async click(card: Locator, title: string) {
      await quiet();
      await card.getByRole('button', { name: title, exact: true }).click();
    },
  };
}

/**
 * The playground on a fresh PGlite database and a Chromium page on it, for one suite: made in its beforeAll
 * (on a fresh machine launchChromium first installs Debian's Chromium), closed in its afterAll. An error the
 * page throws fails the test that caused it.
 */
export function usePlaygroundInBrowser(prefix = '') {
  let db: TestDatabase | undefined;
  let world: PlaygroundWorld | undefined;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    db = await createPgliteDatabase();
    world = await startPlaygroundWorld(db);
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
  }, 600_000);
  afterAll(async () => {
    await chromium?.close();
    await world?.close();
    await db?.cleanup();
  });
  const opened = () => {
    if (!page || !world || !chromium)
      throw new Error('The playground is not open yet: use it inside a test.');
    /** `blocked`: requests the page made that would have left loopback (refused: it must work air-gapped). */
    return { page, world, blocked: chromium.blocked };
  };
  return { opened, ...playgroundPage(opened, prefix) };
}
