import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import yazl from 'yazl';
import { expect, expectAccessible, test } from './fixtures';

test.use({ locale: 'en-GB', timezoneId: 'Europe/Copenhagen' });

/** The posts file format of electron/core/posts/post-files.ts (POSTS_SCHEMA_VERSION; e2e code cannot import the core). */
const POSTS_SCHEMA_VERSION = 1;

/** Imported history as another library exported it: published posts without a tone. */
const HISTORY = [
  { id: 'history-hiring-01', at: '2026-03-02T09:00:00.000Z', text: 'We are hiring a senior backend engineer for our platform team. Apply via the link.' },
  { id: 'history-holiday-02', at: '2026-03-03T09:00:00.000Z', text: 'Sommerferie med børnene i sommerhuset. Is og brætspil hele aftenen.' },
  { id: 'history-results-03', at: '2026-03-04T09:00:00.000Z', text: 'Quarterly results: revenue up 18% and a strong order intake.' },
];

async function historyArchive(): Promise<{ file: string; done: () => void }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'spheres-history-'));
  const file = path.join(folder, 'history.zip');
  const posts = HISTORY.map(({ id, at, text }) => ({
    post: { id, createdAt: at, updatedAt: at, tone: null, text, targets: [{ network: 'linkedin' }], status: 'published', planned: { at, zone: 'Europe/Copenhagen' } },
    deletedAt: null,
  }));
  const manifest = { format: 'spheres-export', formatVersion: 1, appVersion: '0.1.0', schemaVersion: POSTS_SCHEMA_VERSION, exportedAt: '2026-03-18T11:00:00.000Z', counts: { posts: posts.length, media: 0 }, media: [] };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'manifest.json');
  zip.addBuffer(Buffer.from(JSON.stringify({ schemaVersion: POSTS_SCHEMA_VERSION, posts })), 'posts.json');
  zip.end();
  const out = zip.outputStream.pipe(createWriteStream(file));
  await once(out, 'close');
  return { file, done: () => rmSync(folder, { recursive: true, force: true }) };
}

test('reviews imported posts without a tone by keyboard alone, and the calendar counts them', async ({ page, host }) => {
  const archive = await historyArchive();
  try {
    await page.clock.setFixedTime(new Date('2026-03-18T11:00:00.000Z'));
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
    await page.keyboard.press('Control+,');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import an archive…' }).click();
    await (await chooser).setFiles(archive.file);
    await expect(page.getByText('Imported: 3 new, 0 updated, 0 already here; 0 new images.')).toBeVisible();

    await page.keyboard.press('Control+2');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tone calendar');
    await page.getByRole('link', { name: 'Review 3 posts without a tone' }).click();
    await expect(page.getByRole('heading', { name: 'Review posts without a tone' })).toBeVisible();
    const rows = page.getByRole('list', { name: 'Posts without a tone' }).getByRole('listitem');
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toBeFocused();
    await expect(rows.first()).toContainText('Suggested: Professional');
    await expectAccessible(page, 'review');

    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toBeFocused();
    await page.keyboard.press('1');
    await expect(rows).toHaveCount(1);
    await page.keyboard.press('Control+z');
    await expect(rows).toHaveCount(2);
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();

    const tones = await page.evaluate(async (ids) => Promise.all(ids.map(async (id) => (await window.spheres.posts.get({ id })).tone)), HISTORY.map((post) => post.id));
    expect(tones).toEqual(['professional', null, null]);

    await page.getByRole('link', { name: 'Back to the calendar' }).click();
    await expect(page.getByRole('link', { name: 'Review 2 posts without a tone' })).toBeVisible();
  } finally {
    archive.done();
  }
});

test('suggests a tone in the composer and takes it on Alt+S, never by itself', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Base text' }).fill('Took my kids to the tech conference today. Leadership lessons from family life.');
  const chip = page.getByRole('button', { name: /^Looks like Blend — / });
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute('title', /Alt\+S/);
  await expect(page.getByRole('radio', { name: 'Blend' })).not.toBeChecked();
  await expectAccessible(page, 'composer with a suggestion');
  await page.keyboard.press('Alt+s');
  await expect(page.getByRole('radio', { name: 'Blend' })).toBeChecked();
  await expect(chip).toBeHidden();
});
