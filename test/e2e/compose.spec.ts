import path from 'node:path';
import type { Page } from '@playwright/test';
import { startWebHostProcess } from '../support/web-host-process';
import { expect, expectAccessible, test } from './fixtures';

const NETWORK_NAMES = ['X', 'Bluesky', 'Mastodon', 'Threads', 'LinkedIn', 'Instagram', 'Facebook'] as const;

const OPENING =
  'Back from the Copenhagen fintech summit. Three things stuck with me: trust beats speed, regulators want dialogue, ' +
  'and the best ideas came over coffee, not on stage. Full notes: https://example.com/notes/summit-2026 #fintech @anna ';
/** Over LinkedIn's 3,000 characters, so its preview must mark the overflow. */
const LONG_POST = OPENING + 'What it means for our team and for the people we serve, every single day. '.repeat(40);

/** The network chips are visually styled labels around a hidden checkbox: toggle them as a keyboard user. */
async function setNetwork(page: Page, name: string, on: boolean): Promise<void> {
  // Anchored: "Post it myself on <network>" is another toggle of the same network.
  const box = page.getByRole('checkbox', { name: new RegExp(`^${name}\\b`) });
  if ((await box.isChecked()) === on) return;
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked({ checked: on });
}

async function pickAllNetworks(page: Page): Promise<void> {
  for (const name of NETWORK_NAMES) await setNetwork(page, name, true);
}

function preview(page: Page, network: string) {
  return page.getByRole('article', { name: `${network} preview` });
}

test('writes a post, sees every preview with its fold and overflow, and is warned about LinkedIn', async ({ page, host }) => {
  await page.setViewportSize({ width: 1680, height: 1050 });
  await page.goto(host.url);
  await page.getByText('Private', { exact: true }).click();
  await pickAllNetworks(page);
  await page.getByRole('textbox', { name: 'Base text' }).fill(LONG_POST);

  for (const name of NETWORK_NAMES) await expect(preview(page, name)).toBeVisible();
  // The feeds that fold show their own "see more" label where they cut the text.
  await expect(preview(page, 'LinkedIn').locator('[data-fold-marker]').first()).toContainText('…more');
  await expect(preview(page, 'Instagram').locator('[data-fold-marker]').first()).toContainText('… more');
  await expect(preview(page, 'Facebook').locator('[data-fold-marker]').first()).toContainText('See more');
  // LinkedIn does not thread: the characters past 3,000 are marked like X marks them.
  await expect(preview(page, 'LinkedIn').locator('mark[data-overflow]')).toHaveCount(1);
  // X, Bluesky, Threads and Mastodon split it into a thread instead.
  await expect(preview(page, 'X').getByRole('list', { name: /Thread of \d+ posts/ })).toBeVisible();

  await expect(page.getByText('LinkedIn is set to take blended and professional posts; this one is private.').first()).toBeVisible();
  await page.getByRole('button', { name: 'Post now', exact: true }).click();
  // Errors block first: LinkedIn's overflow and Instagram's missing image.
  await expect(page.getByRole('alert')).toContainText('This post cannot be sent yet:');
  await expect(page.getByRole('alert')).toContainText('LinkedIn:');
  await expect(page.getByRole('alert')).toContainText('Instagram:');

  await page.getByRole('textbox', { name: 'Base text' }).fill(OPENING);
  await setNetwork(page, 'Instagram', false);
  await page.getByRole('button', { name: 'Post now', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Send a post outside a tone policy?' });
  await expect(dialog).toContainText('LinkedIn');
  await expectAccessible(page, 'compose with the tone dialog');
  await dialog.getByRole('button', { name: 'Go back' }).click();
  await expect(dialog).toBeHidden();

  await setNetwork(page, 'Instagram', true);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expectAccessible(page, 'compose with seven previews');
  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await page.screenshot({ path: path.join(import.meta.dirname, '../../docs/composer-grid.png') });
});

test('will not post a post without a tone, and says why', async ({ page, host }) => {
  await page.goto(host.url);
  await setNetwork(page, 'Bluesky', true);
  await page.getByRole('textbox', { name: 'Base text' }).fill('A quiet Sunday.');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert')).toContainText('Choose a tone: private, blend or professional.');
});

test('posts only after an explicit confirmation, and names the network that needs an account', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByText('Private', { exact: true }).click();
  await setNetwork(page, 'LinkedIn', true);
  await expect(page.getByRole('link', { name: 'Connect an account on LinkedIn' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Base text' }).fill('Proud of my daughter today.');
  await page.getByRole('button', { name: 'Post now', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Post anyway' }).click();
  // LinkedIn is only previewed (no account): the outbox refuses it, and the draft stays as it was.
  await expect(page.getByRole('alert')).toContainText('To post to LinkedIn, connect an account there first (Accounts).');
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('Proud of my daughter today.');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Nothing is waiting to be sent' })).toBeVisible();
});

test('edits the text for one network and resets it to the base text', async ({ page, host }) => {
  await page.goto(host.url);
  await setNetwork(page, 'Mastodon', true);
  await page.getByRole('textbox', { name: 'Base text' }).fill('Hello from the base text');
  await page.getByRole('tab', { name: 'Mastodon' }).click();
  const mastodonText = page.getByRole('textbox', { name: 'Text for Mastodon' });
  await expect(mastodonText).toHaveValue('Hello from the base text');
  await mastodonText.fill('Hello, fediverse');
  await expect(page.getByRole('tab', { name: 'Mastodon (edited)' })).toBeVisible();
  await expect(preview(page, 'Mastodon')).toContainText('Hello, fediverse');
  await page.getByRole('button', { name: 'Reset to base' }).click();
  await expect(preview(page, 'Mastodon')).toContainText('Hello from the base text');
});

test('keeps a draft, with its image and alt text, across a restart of the app', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByText('Blend', { exact: true }).click();
  await setNetwork(page, 'Instagram', true);
  await page.getByRole('textbox', { name: 'Base text' }).fill('Sunday pancakes, Monday strategy.');
  await page.locator('input[type=file][accept*="image"]').setInputFiles(path.join(import.meta.dirname, '../../assets/icons/64x64.png'));
  await page.getByRole('textbox', { name: 'Alt text for image 1' }).fill('The Spheres logo: three overlapping circles');
  await expect(preview(page, 'Instagram').getByText('ALT')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.waitForTimeout(400);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  await host.stop();
  const again = await startWebHostProcess(host.dataDir);
  try {
    await page.goto(again.url);
    await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('Sunday pancakes, Monday strategy.');
    await expect(page.getByRole('radio', { name: 'Blend' })).toBeChecked();
    await expect(page.getByRole('textbox', { name: 'Alt text for image 1' })).toHaveValue('The Spheres logo: three overlapping circles');
    // The image comes back from the media library, served by the host at /media/<sha256>; the web
    // bridge fetches it with the tab's session header and shows it from a blob: URL.
    const image = page.locator('img[data-spheres-media]').first();
    await expect(image).toHaveAttribute('src', /^blob:/);
    expect(await image.getAttribute('data-spheres-media')).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(64);
  } finally {
    await again.stop();
  }
});

test('moves a draft to the trash and brings it back with undo', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Base text' }).fill('A thought I may regret.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByText('The draft is in the trash for 30 days.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('A thought I may regret.');
});

test('refuses a file that is not an image, naming it', async ({ page, host }) => {
  await page.goto(host.url);
  await page.locator('input[type=file][accept*="image"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toContainText('notes.txt');
});

test('plans a post for a time in the user’s zone and keeps it', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Base text' }).fill('See you at the summit.');
  await page.getByRole('textbox', { name: 'Date' }).fill('11/03/2099');
  await page.getByRole('textbox', { name: 'Time' }).fill('09:30 AM');
  // "Saved" may still be the text's save: wait for the planned time itself to reach the store.
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect.poll(() => page.evaluate(async () => (await window.spheres.posts.lastDraft())?.planned?.zone)).toBe(zone);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Date' })).toHaveValue('11/03/2099');
  await expect(page.getByRole('textbox', { name: 'Time' })).toHaveValue('09:30 AM');
});

test('opens a post by its address, as the calendar does', async ({ page, host }) => {
  await page.goto(host.url);
  const id = await page.evaluate(async () => {
    const post = await window.spheres.posts.saveDraft({ id: 'calendar-opened-post', text: 'Opened from the calendar', tone: 'professional' });
    return post.id;
  });
  await page.evaluate((postId) => (window.location.hash = `/compose/${postId}`), id);
  await expect(page.getByRole('textbox', { name: 'Base text' })).toHaveValue('Opened from the calendar');
  await expect(page.getByRole('radio', { name: 'Professional' })).toBeChecked();
});

test('takes hostile text — control characters, broken emoji, joiners, right-to-left, combining marks — with clear findings', async ({ page, host }) => {
  await page.goto(host.url);
  await setNetwork(page, 'X', true);
  await setNetwork(page, 'LinkedIn', true);
  const nasty = `Hej\u0007 verden \uD83D og 👩‍👩‍👧 שלום עולם e\u0301\u0301\u0301 zero\u200Bwidth`;
  await page.getByRole('textbox', { name: 'Base text' }).fill(nasty);
  const x = preview(page, 'X');
  await expect(x).toContainText('Remove the invisible control character U+0007');
  // A lone surrogate cannot survive typing or pasting into the page (it arrives as U+FFFD);
  // the network rules' own finding for it is covered by test/unit/networks/robustness.test.ts.
  await expect(x).toContainText('verden \uFFFD og');
  await expect(preview(page, 'LinkedIn')).toContainText('שלום עולם');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
});

test('a long pasted text is counted off the UI thread and the previews say how much they show', async ({ page, host }) => {
  await page.goto(host.url);
  await setNetwork(page, 'X', true);
  await setNetwork(page, 'Facebook', true);
  // 40,000 characters: above the composer's 20,000-character limit for counting on the UI thread.
  const long = 'Lorem ipsum dolor sit amet, https://example.com/x #tag @who 🎉 æøå. '.repeat(600).slice(0, 40_000);
  await page.getByRole('textbox', { name: 'Base text' }).fill(long);
  await expect(preview(page, 'X')).toContainText(/The preview shows the first 25 of \d+ posts\./);
  await expect(preview(page, 'Facebook')).toContainText('The preview shows the first 10000 of 40000 characters.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
});

test('offers to remove where a photo was taken before it goes anywhere', async ({ page, host }) => {
  const { tinyJpeg } = await import('../support/images');
  await page.goto(host.url);
  await page.locator('input[type=file][accept*="image"]').setInputFiles({ name: 'garden.jpg', mimeType: 'image/jpeg', buffer: tinyJpeg({ gps: true }) });
  await expect(page.getByText('This photo records where it was taken.')).toBeVisible();
  await page.getByRole('button', { name: 'Remove the location' }).click();
  await expect(page.getByText('This photo records where it was taken.')).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  const media = await page.evaluate(async () => (await window.spheres.posts.lastDraft())?.media ?? []);
  expect(media).toHaveLength(1);
  // The stored copy no longer carries a location.
  const again = await page.evaluate(async (mediaId) => {
    // As the web bridge does: the tab's session travels as a header, never a cookie.
    const response = await fetch(`media/${mediaId}`, { headers: { Authorization: `Bearer ${sessionStorage.getItem('spheres.webSession')}` } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return window.spheres.media.import({ name: 'check.jpg', dataBase64: btoa(String.fromCharCode(...bytes)) });
  }, media[0]!.mediaId);
  expect(again.hasLocation).toBe(false);
});

test('"All side by side" uses the width at 1440 px: the previews sit in two or more columns', async ({ page, host }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  await page.getByRole('textbox', { name: 'Base text' }).fill('Side by side.');
  for (const name of ['X', 'Bluesky', 'Mastodon']) await setNetwork(page, name, true);
  const tops = await page.locator('[data-layout="side-by-side"] > li').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
  const lefts = await page.locator('[data-layout="side-by-side"] > li').evaluateAll((items) => new Set(items.map((item) => Math.round(item.getBoundingClientRect().left))).size);
  expect(tops).toHaveLength(3);
  expect(tops[1]).toBe(tops[0]);
  expect(lefts).toBeGreaterThanOrEqual(2);
});

test('the tone control shows where the keyboard is, unclipped', async ({ page, host }) => {
  await page.goto(host.url);
  const first = page.getByRole('radio', { name: 'Private' });
  await first.focus();
  await page.keyboard.press('ArrowRight');
  const blend = page.getByRole('radio', { name: 'Blend' });
  await expect(blend).toBeFocused();
  const ring = await blend.evaluate((input) => {
    const label = input.closest('label')!;
    const style = getComputedStyle(label);
    let clipped = false;
    for (let node = label.parentElement; node !== null && node.tagName !== 'FIELDSET'; node = node.parentElement) {
      if (getComputedStyle(node).overflow !== 'visible') clipped = true;
    }
    return { style: style.outlineStyle, width: style.outlineWidth, clipped };
  });
  expect(ring).toEqual({ style: 'solid', width: '2px', clipped: false });
});

test('in Danish the planned time is written the Danish way, a bad or passed time is flagged, and the zone is picked by keyboard', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('da');
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await page.getByRole('navigation', { name: 'Sektioner' }).getByRole('link', { name: 'Skriv' }).click();
  await page.getByRole('textbox', { name: 'Grundtekst' }).fill('Vi ses til topmødet.');

  const plannedFor = page.getByRole('group', { name: 'Planlagt til' });
  const date = plannedFor.getByRole('textbox', { name: 'Dato' });
  const time = plannedFor.getByRole('textbox', { name: 'Klokkeslæt' });
  await expect(date).toHaveAttribute('placeholder', '03.11.2026');
  await date.fill('3.11');
  await date.press('Tab');
  await expect(plannedFor.getByRole('alert').first()).toHaveText('“3.11” er ikke en dato. Skriv den som 03.11.2026.');
  await date.fill('1.2.2020');
  await time.fill('10.00');
  await expect(plannedFor.getByText('Tidspunktet er passeret: vælg et nyt tidspunkt.')).toBeVisible();

  const zone = plannedFor.getByRole('combobox', { name: 'Tidszone' });
  await zone.focus();
  await page.keyboard.type('copenhagen');
  await expect(zone).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(zone).toHaveValue('Centraleuropæisk tid — Copenhagen (UTC+01:00)');
  await date.fill('3.11.2099');
  await time.fill('9.30');
  await expect(plannedFor.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /^Gemt$/ })).toBeVisible();
  await expect
    .poll(() => page.evaluate(async () => (await window.spheres.posts.lastDraft())?.planned))
    .toEqual({ at: '2099-11-03T08:30:00Z', zone: 'Europe/Copenhagen' });
  await page.reload();
  await expect(page.getByRole('group', { name: 'Planlagt til' }).getByRole('textbox', { name: 'Dato' })).toHaveValue('03.11.2099');
  await expect(page.getByRole('group', { name: 'Planlagt til' }).getByRole('textbox', { name: 'Klokkeslæt' })).toHaveValue('09.30');
  await expectAccessible(page, 'compose in Danish');
});
