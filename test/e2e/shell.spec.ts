import path from 'node:path';
import { expect, expectAccessible, test } from './fixtures';

const SECTIONS_EN = [
  ['Compose', 'Compose'],
  ['Drafts', 'Drafts'],
  ['Calendar', 'Tone calendar'],
  ['Outbox', 'Outbox'],
  ['Accounts', 'Accounts'],
  ['Settings', 'Settings'],
] as const;

const SECTIONS_DA = [
  ['Skriv', 'Skriv'],
  ['Kladder', 'Kladder'],
  ['Kalender', 'Tonekalender'],
  ['Udbakke', 'Udbakke'],
  ['Konti', 'Konti'],
  ['Indstillinger', 'Indstillinger'],
] as const;

test('visits every section, switches to Danish and back, and every screen passes axe', async ({ page, host }) => {
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const [link, heading] of SECTIONS_EN) {
    await nav.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectAccessible(page, link);
  }

  await page.getByLabel('Language').selectOption('da');
  await expect(page.getByRole('status').filter({ hasText: 'Gemt' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  const navDa = page.getByRole('navigation', { name: 'Sektioner' });
  for (const [link, heading] of SECTIONS_DA) {
    await navDa.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectAccessible(page, link);
  }

  // The choice is stored by the core, so a reload keeps Danish.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Indstillinger');
  await page.getByLabel('Sprog').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await nav.getByRole('link', { name: 'Compose' }).click();
  await page.screenshot({ path: path.join(import.meta.dirname, '../../docs/screenshot.png') });
});

test('keyboard alone reaches every control and opens every section', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
  for (const [link, heading] of SECTIONS_EN) {
    // Tab from the top of the page until the section's link has focus, then press Enter.
    await page.locator('body').focus();
    let reached = false;
    for (let presses = 0; presses < 20 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((name) => document.activeElement?.textContent?.trim() === name, link);
    }
    expect(reached, `Tab reaches ${link}`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }

  // On the busiest screen, every visible control is reachable by Tab.
  // Every enabled control a keyboard user is meant to reach (tabindex=-1 marks the hidden file pickers their buttons open).
  const controls = await page
    .locator(':is(a, button, select, input, textarea):visible:not(:disabled):not([tabindex="-1"])')
    .count();
  const seen = new Set<string>();
  await page.locator('body').focus();
  for (let presses = 0; presses < controls + 5; presses += 1) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => {
      const element = document.activeElement;
      // Position in the document tells controls apart even when they have no id or text.
      return element === null || element === document.body ? '' : String(Array.prototype.indexOf.call(document.querySelectorAll('*'), element));
    }));
  }
  seen.delete('');
  expect(seen.size).toBeGreaterThanOrEqual(controls);
});

test('shortcuts switch sections, as the desktop menu does', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tone calendar');
  await page.keyboard.press('Control+4');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
});

test('follows the operating system into dark mode unless Settings says otherwise', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expectAccessible(page, 'dark compose');
  await page.keyboard.press('Control+,');
  await page.getByLabel('Appearance').selectOption('light');
  await expect(page.locator('html')).not.toHaveClass(/dark/);
});

test('the page runs under the strict CSP with no violations', async ({ page, host }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(host.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(response?.headers()['content-security-policy']).not.toContain('unsafe-');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
  await page.keyboard.press('Control+,');
  await expect(page.getByText(/Version .* web/)).toBeVisible();
  expect(violations).toEqual([]);
});
