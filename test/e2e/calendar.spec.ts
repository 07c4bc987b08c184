import path from 'node:path';
import type { Page } from '@playwright/test';
import { tinyPng } from '../support/images';
import { expect, expectAccessible, test } from './fixtures';

/*
 * March 2026 in Copenhagen, seen on Wednesday 18 March: a month with a daylight-saving change
 * (29 March, 02:00 -> 03:00), in British English so weeks start on Monday and carry ISO numbers.
 */
test.use({ locale: 'en-GB', timezoneId: 'Europe/Copenhagen' });

const TODAY = '2026-03-18T11:00:00.000Z';

interface Seed {
  id: string;
  tone: 'private' | 'blend' | 'professional';
  networks: string[];
  /** The UTC instant; Copenhagen is +01:00 until 29 March. */
  at: string;
  queue: boolean;
  text: string;
}

const POSTS: Seed[] = [
  { id: 'pancakes-0302', tone: 'private', networks: ['instagram'], at: '2026-03-02T08:00:00.000Z', queue: true, text: 'Sunday pancakes with the kids.' },
  { id: 'quarterly-0302', tone: 'professional', networks: ['linkedin'], at: '2026-03-02T11:00:00.000Z', queue: true, text: 'Our quarterly numbers are out.' },
  { id: 'sideproject-0310', tone: 'blend', networks: ['x', 'bluesky'], at: '2026-03-10T17:00:00.000Z', queue: false, text: 'What my side project taught me about work.' },
  { id: 'hiring-0312', tone: 'professional', networks: ['linkedin'], at: '2026-03-12T08:00:00.000Z', queue: true, text: 'We are hiring two engineers.' },
  { id: 'summit-0316', tone: 'professional', networks: ['linkedin', 'x'], at: '2026-03-16T08:00:00.000Z', queue: true, text: 'Speaking at the fintech summit.' },
  { id: 'roadmap-0317', tone: 'professional', networks: ['linkedin'], at: '2026-03-17T08:00:00.000Z', queue: true, text: 'The roadmap for spring.' },
  { id: 'market-0314', tone: 'blend', networks: ['instagram'], at: '2026-03-14T09:00:00.000Z', queue: false, text: 'Saturday market, and a thought on craft.' },
  // 02:30 in Copenhagen on Saturday 28 March: moved to the 29th, 02:30 does not exist.
  { id: 'nightowl-0328', tone: 'private', networks: ['x'], at: '2026-03-28T01:30:00.000Z', queue: false, text: 'Night owl thoughts.' },
];

async function seed(page: Page): Promise<void> {
  await page.evaluate(async (posts) => {
    for (const post of posts) {
      await window.spheres.posts.saveDraft({
        id: post.id,
        tone: post.tone,
        text: post.text,
        targets: post.networks.map((network) => ({ network: network as 'x' })),
        planned: { at: post.at, zone: 'Europe/Copenhagen' },
      });
      if (post.queue) await window.spheres.posts.queue({ id: post.id });
    }
  }, POSTS);
}

async function openCalendar(page: Page, url: string): Promise<void> {
  await page.clock.setFixedTime(new Date(TODAY));
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.goto(url);
  await seed(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'March 2026' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'March 2026' })).toHaveAttribute('aria-busy', 'false');
}

const day = (page: Page, date: string) => page.locator(`[role=gridcell][data-day="${date}"]`);
/** What a screen reader hears first on a day: its date and mix. */
const summary = (page: Page, date: string) => day(page, date).locator('[data-day-summary]');

test('shows each post in its tone on its day, with the mix of each day, week and month', async ({ page, host }) => {
  await openCalendar(page, host.url);

  await expect(summary(page, '2026-03-02')).toHaveText('Monday 2 March: 2 posts, 1 private, 1 professional.');
  await expect(day(page, '2026-03-02').locator('[data-post-id]')).toHaveCount(2);
  await expect(day(page, '2026-03-02').locator('[data-post-id="pancakes-0302"]')).toHaveAttribute('data-tone', 'private');
  await expect(day(page, '2026-03-02').locator('[data-post-id="quarterly-0302"]')).toHaveAttribute('data-tone', 'professional');
  // Drafts have a dashed border, planned posts a solid one; both in the tone's light colour.
  const draft = day(page, '2026-03-14').locator('[data-post-id="market-0314"]');
  await expect(draft).toHaveAttribute('data-status', 'draft');
  expect(await draft.evaluate((chip) => getComputedStyle(chip).borderStyle)).toBe('dashed');
  const planned = day(page, '2026-03-02').locator('[data-post-id="pancakes-0302"]');
  await expect(planned).toHaveAttribute('data-status', 'planned');
  expect(await planned.evaluate((chip) => getComputedStyle(chip).borderStyle)).toBe('solid');
  // Rose for private, violet for blend, sky for professional (tone-style.ts).
  expect(await planned.evaluate((chip) => getComputedStyle(chip).backgroundColor)).not.toBe(
    await day(page, '2026-03-02').locator('[data-post-id="quarterly-0302"]').evaluate((chip) => getComputedStyle(chip).backgroundColor),
  );

  await expect(page.getByRole('rowheader', { name: /^Week 10:/ })).toHaveAttribute('aria-label', 'Week 10: 2 posts, 1 private, 1 professional');
  await expect(page.locator('[data-period-mix]')).toContainText('Private 2 · 25%, Blend 2 · 25%, Professional 4 · 50%');
  await expect(day(page, '2026-03-18')).toHaveAttribute('data-today', 'true');
  await expect(summary(page, '2026-03-18')).toHaveText('Today, Wednesday 18 March: no posts.');

  // The last 14 days (5–18 March) had three professional posts and nothing else.
  const nudge = page.locator('[data-nudge]');
  await expect(nudge).toContainText('The last 14 days were 100% professional (target 40%). The Instagram draft from Saturday would rebalance it.');

  await expectAccessible(page, 'calendar month');
  // Open the day by its date, not on one of its chips.
  await day(page, '2026-03-02').click({ position: { x: 40, y: 12 } });
  await expect(page.getByRole('heading', { level: 2, name: 'Monday 2 March' })).toBeVisible();
  await expect(page.locator('[data-panel-post]')).toHaveCount(2);
  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await page.screenshot({ path: path.join(import.meta.dirname, '../../docs/calendar-month.png'), fullPage: false });
});

test('drags a post to another day, keeps its time across the DST change, and the mix follows', async ({ page, host }) => {
  await openCalendar(page, host.url);

  await day(page, '2026-03-02').locator('[data-post-id="quarterly-0302"]').dragTo(day(page, '2026-03-09'));
  await expect(summary(page, '2026-03-02')).toHaveText('Monday 2 March: 1 post, 1 private.');
  await expect(summary(page, '2026-03-09')).toHaveText('Monday 9 March: 1 post, 1 professional.');
  await expect(page.getByRole('rowheader', { name: /^Week 10:/ })).toHaveAttribute('aria-label', 'Week 10: 1 post, 1 private');
  await expect(page.getByRole('status')).toHaveText('Moved to Monday 9 March, 12:00.');

  // 02:30 on Saturday 28 March does not exist on Sunday the 29th: Temporal's 'compatible' rule makes it 03:30.
  await day(page, '2026-03-28').locator('[data-post-id="nightowl-0328"]').dragTo(day(page, '2026-03-29'));
  await expect(summary(page, '2026-03-28')).toHaveText('Saturday 28 March: no posts.');
  await expect(summary(page, '2026-03-29')).toHaveText('Sunday 29 March: 1 post, 1 private.');
  await expect(page.getByRole('status')).toHaveText('Moved to Sunday 29 March, 03:30.');

  // It is on disk: the core has the new planned time.
  const planned = await page.evaluate(async () => (await window.spheres.posts.get({ id: 'nightowl-0328' })).planned);
  expect(planned).toEqual({ at: '2026-03-29T01:30:00.000Z', zone: 'Europe/Copenhagen' });
  await page.reload();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(summary(page, '2026-03-09')).toHaveText('Monday 9 March: 1 post, 1 professional.');
});

test('moves through the days and a post with the keyboard alone', async ({ page, host }) => {
  await openCalendar(page, host.url);
  const today = day(page, '2026-03-18');
  await today.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await expect(day(page, '2026-03-10')).toBeFocused();
  await page.keyboard.press('Enter');
  const item = page.locator('[data-panel-post="sideproject-0310"]');
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(item).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(summary(page, '2026-03-11')).toHaveText('Wednesday 11 March: 1 post, 1 blend.');
  await expect(page.locator('[data-panel-post="sideproject-0310"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(day(page, '2026-03-11')).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('heading', { level: 2, name: 'April 2026' })).toBeVisible();
  await expect(day(page, '2026-04-11')).toBeFocused();
});

/** Everything a post can carry: two networks, an image with alt text, a per-network text, a content warning, numbered threads. */
async function seedFullPost(page: Page) {
  const image = tinyPng({ width: 4, height: 3 }).toString('base64');
  return page.evaluate(async (dataBase64) => {
    const { mediaId, mime, bytes, width, height } = await window.spheres.media.import({ name: 'stage.png', dataBase64 });
    await window.spheres.posts.saveDraft({
      id: 'summit-full-0305',
      tone: 'professional',
      text: 'Speaking at the fintech summit.\n---\nSlides after the talk.',
      overrides: { linkedin: 'Speaking at the fintech summit on Thursday: come and say hello.' },
      targets: [{ network: 'linkedin' }, { network: 'mastodon' }],
      media: [{ mediaId, mime, bytes, width, height, altText: 'The stage before the doors open.' }],
      contentWarning: 'work talk',
      threadNumbering: true,
      planned: { at: '2026-03-05T08:00:00.000Z', zone: 'Europe/Copenhagen' },
    });
    return window.spheres.posts.queue({ id: 'summit-full-0305' });
  }, image);
}

const storedPost = (page: Page, id: string) => page.evaluate(async (postId) => window.spheres.posts.get({ id: postId }), id);

test('keeps networks, images, alt text, overrides, content warning and thread numbering when a post is moved with Alt+Arrow or dragged', async ({ page, host }) => {
  await page.clock.setFixedTime(new Date(TODAY));
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.goto(host.url);
  await seed(page);
  const before = await seedFullPost(page);
  expect(before).toMatchObject({ status: 'queued', media: [{ altText: 'The stage before the doors open.' }] });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(page.getByRole('grid', { name: 'March 2026' })).toHaveAttribute('aria-busy', 'false');

  await day(page, '2026-03-05').focus();
  await page.keyboard.press('Enter');
  const item = page.locator('[data-panel-post="summit-full-0305"]');
  await expect(item).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(item).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.getByRole('status')).toHaveText('Moved to Friday 6 March, 09:00.');
  const moved = await storedPost(page, 'summit-full-0305');
  expect(moved).toEqual({ ...before, planned: { at: '2026-03-06T08:00:00.000Z', zone: 'Europe/Copenhagen' }, updatedAt: moved.updatedAt });

  await day(page, '2026-03-06').locator('[data-post-id="summit-full-0305"]').dragTo(day(page, '2026-03-07'));
  await expect(page.getByRole('status')).toHaveText('Moved to Saturday 7 March, 09:00.');
  const dragged = await storedPost(page, 'summit-full-0305');
  expect(dragged).toEqual({ ...before, planned: { at: '2026-03-07T08:00:00.000Z', zone: 'Europe/Copenhagen' }, updatedAt: dragged.updatedAt });

  // What the calendar shows after a restart of the page is what was stored: still planned, on the 7th.
  await page.reload();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(day(page, '2026-03-07').locator('[data-post-id="summit-full-0305"]')).toHaveAttribute('data-status', 'planned');
});

test('filters, the week and year views and dark mode pass axe', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  test.setTimeout(120_000);
  await openCalendar(page, host.url);
  await page.getByRole('button', { name: 'Filters' }).click();
  // The checkboxes are drawn as chips around a visually hidden input: click the chip.
  const linkedIn = page.getByRole('group', { name: 'Filters' }).locator('label').filter({ hasText: 'LinkedIn' });
  await linkedIn.click();
  await expect(page.getByRole('checkbox', { name: 'LinkedIn' })).not.toBeChecked();
  await expect(summary(page, '2026-03-02')).toHaveText('Monday 2 March: 1 post, 1 private.');
  await expectAccessible(page, 'calendar month with filters, dark');
  await linkedIn.click();
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(day(page, '2026-03-16').locator('[data-post-id]')).toHaveCount(1);
  await expectAccessible(page, 'calendar week, dark');
  await page.getByRole('button', { name: 'Year', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'March 2026' })).toBeVisible();
  await expect(day(page, '2026-03-02')).toHaveAttribute('aria-label', 'Monday 2 March: 2 posts, 1 private, 1 professional');
  await expectAccessible(page, 'calendar year, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page, 'calendar year, light');
});
