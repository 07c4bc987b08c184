import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { startWebHostProcess } from '../support/web-host-process';
import { webHostCaller } from '../support/web-host-session';

test('imports an archive picked in the browser, streamed to the web host, which keeps no copy', async ({ page, host }) => {
  // An export of one post, made by another library.
  const source = await startWebHostProcess(undefined, { env: { SPHERES_VAULT: 'memory' } });
  let archive: string;
  try {
    const call = await webHostCaller(source.url);
    expect((await call('posts.saveDraft', { id: 'picked-post-0001', text: 'Came back from the archive', tone: 'blend' })).ok).toBe(true);
    const exported = await call('library.export');
    archive = (exported.value as { file: string }).file;
  } finally {
    await source.stop();
  }

  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  // The page never reads the archive: the bridge opens the browser's picker and uploads the file it gives.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import an archive…' }).click();
  await (await chooser).setFiles(archive);
  await expect(page.getByText('Imported: 1 new, 0 updated, 0 already here; 0 new images.')).toBeVisible();
  expect(await page.evaluate(() => window.spheres.posts.get({ id: 'picked-post-0001' }))).toMatchObject({ text: 'Came back from the archive' });
  const uploads = path.join(host.dataDir, 'uploads');
  expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
});
