import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startWebHostProcess } from '../support/web-host-process';
import { webHostCaller } from '../support/web-host-session';

test('the web host tells the person on start which post a damaged file held, by its words', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-e2e-damage-'));
  const first = await startWebHostProcess(dataDir, { env: { SPHERES_VAULT: 'memory' } });
  const call = await webHostCaller(first.url);
  const saved = await call('posts.saveDraft', { id: 'board-notes-0001', text: 'Board meeting notes, with the figures', tone: 'professional' });
  expect(saved.ok).toBe(true);
  await first.stop();

  // The post lives in its month file after the final fold, or in recent/ if the stop came first.
  const months = path.join(dataDir, 'posts', 'months');
  const month = existsSync(months) ? readdirSync(months).find((name) => /^\d{4}-\d{2}\.json$/.test(name)) : undefined;
  const damaged = month !== undefined ? path.join(months, month) : path.join(dataDir, 'posts', 'recent', 'board-notes-0001.json');
  writeFileSync(damaged, '{"schemaVersion":1,"posts":[');

  const second = await startWebHostProcess(dataDir, { env: { SPHERES_VAULT: 'memory' } });
  try {
    await page.goto(second.url);
    const banner = page.getByRole('alert');
    await expect(banner).toContainText(`A damaged file was set aside and its last good copy restored: ${damaged}.`);
    await expect(banner).toContainText('“Board meeting notes, with the figures”');
    // The page holds the second host's session (its address works once): ask through the page.
    expect(await page.evaluate(() => window.spheres.posts.get({ id: 'board-notes-0001' }))).toMatchObject({ text: 'Board meeting notes, with the figures' });
  } finally {
    await second.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
