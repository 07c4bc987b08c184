import type { Page } from '@playwright/test';
import { startWebHostProcess } from '../support/web-host-process';
import { expect, test } from './fixtures';

/** Fifty characters: five seconds of typing at ten a second, with no pause long enough for a debounce. */
const TYPED = 'Steady typing, never a pause, ten keys each second';
/** A second of typing at ten characters a second: the most autosave may be behind. */
const AT_MOST_MISSING = 10;

async function typeSteadily(page: Page): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Base text' });
  await expect(editor).toBeEditable();
  // The composer has asked for the last draft (there is none): typing now starts a new one.
  await expect.poll(() => page.evaluate(async () => (await window.spheres.posts.lastDraft()) === null)).toBe(true);
  await editor.click();
  await page.keyboard.type(TYPED.slice(0, -1), { delay: 100 });
  // The last key, and then at once the reload or restart: no pause for a debounce to fire in.
  await page.keyboard.press(TYPED.slice(-1));
}

/** What is stored now: the text of the draft the composer would reopen. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => (await window.spheres.posts.lastDraft())?.text ?? '');
}

/** The stored text is the start of what was typed, missing at most the last second of it. */
function expectAtMostTheLastSecondMissing(stored: string): void {
  expect(TYPED.startsWith(stored), `"${stored}" is not the start of "${TYPED}"`).toBe(true);
  expect(TYPED.length - stored.length).toBeLessThanOrEqual(AT_MOST_MISSING);
}

test('keeps steady typing across a reload of the page', async ({ page, host }) => {
  await page.goto(host.url);
  await typeSteadily(page);
  await page.reload();
  const stored = await storedText(page);
  expectAtMostTheLastSecondMissing(stored);
  // The page going away writes what was pending, so in practice nothing at all is missing.
  expect(stored).toBe(TYPED);
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue(stored);
});

test('keeps steady typing across a restart of the web host (SIGTERM, as Ctrl-C or a service manager stops it)', async ({ page, host }) => {
  await page.goto(host.url);
  await typeSteadily(page);
  await host.stop();
  const again = await startWebHostProcess(host.dataDir);
  try {
    await page.goto(again.url);
    const stored = await storedText(page);
    expectAtMostTheLastSecondMissing(stored);
    // The host asks the open page to save before it stops, so in practice nothing is missing.
    expect(stored).toBe(TYPED);
  } finally {
    await again.stop();
  }
});
