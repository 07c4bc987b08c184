import { AtpAgent, type AppBskyFeedPost } from '@atproto/api';
import type { Page } from '@playwright/test';
import { startBlueskyDevEnv, type BlueskyDevEnv } from '../support/bluesky-dev-env';
import { startWebHostProcess, type RunningWebHost } from '../support/web-host-process';
import { expect, expectAccessible, test } from './fixtures';

/*
 * Publishing end to end in Chromium through the web host, to a real Bluesky PDS and PLC directory
 * (@atproto/dev-env) on 127.0.0.1: connect the account in Accounts, write in the composer, Post now
 * and Schedule, and read the records back from the PDS.
 */

let bluesky: BlueskyDevEnv;
let reader: AtpAgent;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  bluesky = await startBlueskyDevEnv({ handle: 'publish-e2e.test' });
  reader = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
});

test.afterAll(async () => {
  await bluesky?.close();
});

async function startHost(): Promise<RunningWebHost> {
  return startWebHostProcess(undefined, {
    env: {
      SPHERES_VAULT: 'memory',
      SPHERES_TEST_ACCOUNTS: JSON.stringify({
        allowInsecureServers: true,
        endpoints: { bluesky: { resolver: bluesky.pdsLoopbackUrl, plc: `http://127.0.0.1:${bluesky.listening.plc.port}` } },
      }),
    },
  });
}

async function recordsWithText(text: string): Promise<AppBskyFeedPost.Record[]> {
  const listed = await reader.com.atproto.repo.listRecords({ repo: bluesky.did, collection: 'app.bsky.feed.post', limit: 100 });
  return listed.data.records.map((record) => record.value as AppBskyFeedPost.Record).filter((value) => value.text === text);
}

async function connectBluesky(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await page.getByRole('button', { name: 'Connect account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect an account' });
  await dialog.getByRole('button', { name: 'Bluesky' }).click();
  await dialog.getByLabel('Handle or email').fill(bluesky.handle);
  await dialog.getByLabel('App password').fill(bluesky.appPassword);
  await dialog.getByLabel('Hosting provider (optional)').fill(bluesky.pdsUrl);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await nav.getByRole('link', { name: 'Compose' }).click();
}

/** Writes a post for the Bluesky account, with a tone. */
async function write(page: Page, text: string): Promise<void> {
  await page.getByText('Private', { exact: true }).click();
  const account = page.getByRole('checkbox', { name: new RegExp(`${bluesky.handle.replace('.', '\\.')} on Bluesky`) });
  await account.focus();
  await page.keyboard.press('Space');
  await expect(account).toBeChecked();
  await page.getByRole('textbox', { name: 'Base text' }).fill(text);
}

test('connects Bluesky, posts now, sees it published with its link, and the PDS has it once', async ({ page }) => {
  test.setTimeout(90_000);
  const host = await startHost();
  try {
    await page.goto(host.url);
    await connectBluesky(page);
    const text = `Posted from the composer in Chromium, ${new Date().toISOString()}`;
    await write(page, text);
    await page.getByRole('button', { name: 'Post now', exact: true }).click();
    await expect(page.getByText('Sending to Bluesky… A new draft is ready.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('');

    await page.getByRole('link', { name: 'Open the Outbox' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: text.slice(0, 40) }).first();
    await expect(entry.getByText('Published').first()).toBeVisible({ timeout: 30_000 });
    const link = entry.getByRole('link', { name: 'Open on Bluesky' });
    await expect(link).toHaveAttribute('href', /^https:\/\/bsky\.app\/profile\/.+\/post\/[a-z0-9]+$/);
    await expectAccessible(page, 'the Outbox with a published post');
    expect(await recordsWithText(text)).toHaveLength(1);
  } finally {
    await host.stop();
  }
});

test('a post scheduled for the next minute goes out by itself, not before its time', async ({ page }) => {
  test.setTimeout(150_000);
  const host = await startHost();
  try {
    await page.goto(host.url);
    await connectBluesky(page);
    const text = `Scheduled from the composer in Chromium, ${new Date().toISOString()}`;
    await write(page, text);
    // The next whole minute at least 8 s away, in the page's own zone and en-US format.
    const when = await page.evaluate(() => {
      const at = new Date(Date.now() + 8_000);
      at.setSeconds(0, 0);
      at.setMinutes(at.getMinutes() + 1);
      const two = (n: number): string => String(n).padStart(2, '0');
      const hours = at.getHours() % 12 === 0 ? 12 : at.getHours() % 12;
      return { at: at.getTime(), date: `${two(at.getMonth() + 1)}/${two(at.getDate())}/${at.getFullYear()}`, time: `${two(hours)}:${two(at.getMinutes())} ${at.getHours() < 12 ? 'AM' : 'PM'}` };
    });
    await page.getByRole('textbox', { name: 'Date' }).fill(when.date);
    await page.getByRole('textbox', { name: 'Time' }).fill(when.time);
    await expect.poll(() => page.evaluate(async () => (await window.spheres.posts.lastDraft())?.planned?.at)).toBeTruthy();
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(page.getByText(/Scheduled for .+\(Bluesky\)\. A new draft is ready\./)).toBeVisible();
    expect(await recordsWithText(text)).toHaveLength(0);

    await page.getByRole('link', { name: 'Open the Outbox' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: text.slice(0, 40) }).first();
    await expect(entry.getByText(/^Scheduled for /).first()).toBeVisible();
    await expect(entry.getByText('Published').first()).toBeVisible({ timeout: 120_000 });
    const records = await recordsWithText(text);
    expect(records).toHaveLength(1);
    expect(Date.parse(records[0]!.createdAt)).toBeGreaterThanOrEqual(when.at);
  } finally {
    await host.stop();
  }
});
