import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, test } from './fixtures';
import { fixtureFiles, writeZip } from '../support/history-archives';

test('imports an X archive named by its path on the web host: summary first, then the report, and a second import adds nothing', async ({ page, host }) => {
  const archive = await writeZip(path.join(mkdtempSync(path.join(os.tmpdir(), 'spheres-e2e-export-')), 'twitter-2024.zip'), fixtureFiles('x-archive'));
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compose');
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  const section = page.getByRole('region', { name: 'Import history' });
  await section.getByRole('textbox', { name: 'Full path of the export file' }).fill(archive);
  await section.getByRole('button', { name: 'Read export' }).click();
  await expect(section.getByText('X archive (X)')).toBeVisible();
  await expectAccessible(page, 'the import summary');
  await section.getByRole('button', { name: 'Import 4 posts' }).click();
  await expect(section.getByText('Imported 4 posts; 0 were already in Spheres; 1 new image.')).toBeVisible();

  await section.getByRole('button', { name: 'Choose another export' }).click();
  await section.getByRole('button', { name: 'Read export' }).click();
  await expect(section.getByText('Already in Spheres')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Import 0 posts' })).toBeDisabled();
});
