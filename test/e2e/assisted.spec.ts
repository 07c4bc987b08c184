import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tinyJpeg } from '../support/images';
import { expect, expectAccessible, test } from './fixtures';

/*
 * Assisted posting end to end in Chromium through the web host: a Facebook post the person posts
 * by hand. Spheres copies the text (read back from the clipboard), puts the image in a folder
 * (its file read on disk, location removed), opens Facebook's page (answered here by a stand-in:
 * the machine has no internet), asks "Did you post it?", records the link, and the tone calendar
 * shows the post published with that link.
 */

const LINK = 'https://www.facebook.com/alice/posts/pfbid02e2e';

test('posts to Facebook by hand: copy, images folder, Facebook opened, "Did you post it?", the link recorded and the post published in the calendar', async ({ page, host, context }) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The real compose page is out of reach here: a stand-in answers for it, so the opened tab's address is what is checked.
  await context.route('https://www.facebook.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Facebook</title><p>What is on your mind?</p>' }));
  await page.goto(host.url);

  const text = `Summer at the lake, posted by hand ${new Date().toISOString()}`;
  await page.getByText('Private', { exact: true }).click();
  const byHand = page.getByRole('checkbox', { name: /^Post it myself on Facebook/ });
  await byHand.focus();
  await page.keyboard.press('Space');
  await expect(byHand).toBeChecked();
  await page.getByRole('textbox', { name: 'Base text' }).fill(text);
  await page.locator('input[type=file][accept*="image"]').setInputFiles({ name: 'lake.jpg', mimeType: 'image/jpeg', buffer: tinyJpeg({ gps: true }) });
  await expect(page.getByText('This photo records where it was taken.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Post now', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
  const item = page.getByRole('listitem', { name: text });
  await expect(item.getByRole('list', { name: 'Accounts' })).toContainText('Facebook, posted by youWaiting for you to post it');
  await item.getByRole('button', { name: 'Post it yourself on Facebook' }).click();
  const steps = page.getByRole('region', { name: 'Post it yourself on Facebook' });

  // 1. The text, on the clipboard.
  await steps.getByRole('button', { name: 'Copy text' }).click();
  await expect(steps.getByText('Copied', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

  // 2. The images, in a folder under the data folder, without where the photo was taken.
  await steps.getByRole('button', { name: 'Open the images folder' }).click();
  const shown = await steps.getByText(/^The images are in /).textContent();
  const folder = shown!.replace(/^The images are in /, '');
  expect(path.dirname(folder)).toBe(path.join(host.dataDir, 'assisted'));
  expect(readdirSync(folder)).toStrictEqual(['01.jpg']);
  // Read by the app's own media check, as the composer's location test does.
  const written = readFileSync(path.join(folder, '01.jpg')).toString('base64');
  expect((await page.evaluate((dataBase64) => window.spheres.media.import({ name: '01.jpg', dataBase64 }), written)).hasLocation).toBe(false);
  await expect(steps.getByRole('list', { name: 'Images to post' }).getByRole('img')).toHaveAttribute('draggable', 'true');

  // 3. Facebook's own page, in a new tab.
  const [facebook] = await Promise.all([page.waitForEvent('popup'), steps.getByRole('button', { name: 'Open Facebook' }).click()]);
  await facebook.waitForLoadState();
  expect(facebook.url()).toBe('https://www.facebook.com/');
  await facebook.close();

  // 4. "Did you post it?" with the post's link.
  await expect(steps.getByText('Did you post it?')).toBeVisible();
  await expectAccessible(page, 'assisted posting steps');
  const field = steps.getByRole('textbox', { name: /Link to your Facebook post/ });
  await field.fill('https://example.com/not-facebook');
  await steps.getByRole('button', { name: 'Yes, record it' }).click();
  await expect(steps.getByRole('alert')).toHaveText('That link is on example.com, not Facebook. Paste the link of your Facebook post.');
  await field.fill(LINK);
  await steps.getByRole('button', { name: 'Yes, record it' }).click();
  await expect(steps).toBeHidden();
  await expect(item.getByRole('list', { name: 'Accounts' })).toContainText('Published');
  await expect(item.getByRole('link', { name: 'Open on Facebook' })).toHaveAttribute('href', LINK);

  // The tone calendar: published, with its link.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calendar' }).click();
  const today = await page.evaluate(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  });
  await page.locator(`[role=gridcell][data-day="${today}"]`).click();
  const panelPost = page.locator('li').filter({ has: page.locator('[data-panel-post]') }).filter({ hasText: text.slice(0, 30) });
  await expect(panelPost).toContainText('Published');
  await expect(panelPost.getByRole('link', { name: 'Open on Facebook' })).toHaveAttribute('href', LINK);
  const saved = await page.evaluate(async () => (await window.spheres.posts.listMonth({ month: new Date().toISOString().slice(0, 7) })).map((post) => [post.status, post.results.map((result) => result.url)]));
  expect(saved).toContainEqual(['published', [LINK]]);
});
