/**
 * Tone calendar benchmark: 20,000 posts over five years (2022–2026).
 *
 *   npx electron-vite build        (the browser part serves the built renderer)
 *   npx tsx test/bench/calendar.ts (npm run bench:calendar)
 *
 * (a) In Node: summarizeCalendar (days, weeks, months, mixes) of a month grid, a year and all five
 *     years, in Europe/Copenhagen; plus the drift nudge over its window.
 * (b) In Chromium through the web host: the calendar's own performance measures
 *     (`spheres:calendar:<view>`, renderer/src/features/calendar/perf.ts), from the data being
 *     there (or the click, when it already was) to the committed render.
 * Targets: (a) a year < 20 ms; (b) month view < 30 ms, switching month < 16 ms, year < 50 ms.
 * Prints median and p95 (nearest rank); never fails.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { NetworkIdValue, Post, Tone } from '../../common/domain';
import { NETWORK_IDS, postMonth } from '../../common/domain';
import { driftNudge, monthGrid, storeMonthsFor, summarizeCalendar } from '../../common/tone';
import { PostsService, type StoredPost } from '../../electron/core/posts';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium';
import { startWebHostProcess } from '../support/web-host-process';
import { random } from '../support/random';
import { testPost } from '../support/posts';

const POSTS = 20_000;
const START = Date.parse('2022-01-01T00:00:00.000Z');
const FIVE_YEARS = Date.parse('2027-01-01T00:00:00.000Z') - START;
const ZONE = 'Europe/Copenhagen';
/** Zones with Copenhagen's rules, so each cold measurement starts with an empty day cache. */
const COLD_ZONES = ['Europe/Berlin', 'Europe/Oslo', 'Europe/Stockholm', 'Europe/Amsterdam', 'Europe/Brussels', 'Europe/Vienna'];
const NODE_RUNS = 30;
const BROWSER_RUNS = 10;
const REPO = path.resolve(import.meta.dirname, '../..');

// ---- figures -----------------------------------------------------------------------------------

/** Nearest-rank quantile: p95 of 20 values is the 19th smallest. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
const median = (values: readonly number[]) => quantile(values, 0.5);
const p95 = (values: readonly number[]) => quantile(values, 0.95);
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a');

function row(what: string, values: readonly number[], target?: number): string {
  const mark = (value: number) => (target !== undefined && value < target ? 'ok' : 'MISSED');
  const verdict = target === undefined ? '' : `< ${target}: ${mark(median(values))} / ${mark(p95(values))}`;
  return `| ${what.padEnd(52)} | ${ms(median(values)).padStart(10)} | ${ms(p95(values)).padStart(10)} | ${String(values.length).padStart(4)} | ${verdict.padEnd(22)} |`;
}

const HEADER = [
  `| ${'measure'.padEnd(52)} | ${'median'.padStart(10)} | ${'p95'.padStart(10)} | ${'runs'.padStart(4)} | ${'target: median / p95'.padEnd(22)} |`,
  `|${'-'.repeat(54)}|${'-'.repeat(12)}|${'-'.repeat(12)}|${'-'.repeat(6)}|${'-'.repeat(24)}|`,
];

// ---- the data set ------------------------------------------------------------------------------


const TONES: Tone[] = ['private', 'blend', 'professional'];
const WORDS = 'the a launch team today we new post thanks community release update read more about how our join event product week great people learn share design build ship'.split(' ');

function makePost(i: number, rand: () => number): StoredPost {
  const created = START + Math.floor((i / POSTS) * FIVE_YEARS + rand() * 3_600_000);
  const roll = rand();
  const status: Post['status'] = roll < 0.8 ? 'published' : roll < 0.9 ? 'scheduled' : roll < 0.98 ? 'draft' : 'failed';
  const networks = [...NETWORK_IDS].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 2)) as NetworkIdValue[];
  const planned = status === 'draft' ? null : { at: new Date(created + Math.floor(rand() * 5 * 86_400_000)).toISOString(), zone: ZONE };
  let text = '';
  while (text.length < 40 + rand() * 120) text += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  const updatedAt = new Date(created + 3_600_000).toISOString();
  const post = testPost({
    id: `c${i.toString(36).padStart(6, '0')}-${Math.floor(rand() * 1e9).toString(36)}`,
    createdAt: new Date(created).toISOString(),
    updatedAt,
    tone: rand() < 0.03 ? null : (TONES[Math.floor(rand() * 3)] ?? 'blend'),
    text: text.trim(),
    targets: networks.map((network) => ({ network })),
    status,
    planned,
  });
  return { post, deletedAt: null };
}

function dataset(): StoredPost[] {
  const rand = random(20_000);
  return Array.from({ length: POSTS }, (_, i) => makePost(i, rand));
}

// ---- (a) in Node -------------------------------------------------------------------------------

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function inStoreMonths(posts: readonly Post[], months: readonly string[]): Post[] {
  const wanted = new Set(months);
  return posts.filter((post) => wanted.has(postMonth(post)));
}

function nodeFigures(posts: readonly Post[]): string[] {
  const grid = monthGrid(2024, 6, 1);
  // What the renderer has for June 2024: the store months its grid touches.
  const monthPosts = inStoreMonths(posts, storeMonthsFor(grid.first, grid.last, ZONE));
  const yearPosts = inStoreMonths(posts, storeMonthsFor('2024-01-01', '2024-12-31', ZONE));
  const cases: { name: string; run: (zone: string) => unknown; target?: number }[] = [
    { name: `a month grid (June 2024, ${monthPosts.length} posts)`, run: (zone) => summarizeCalendar(monthPosts, zone, { from: grid.first, to: grid.last }) },
    { name: `a year (2024, ${yearPosts.length} posts)`, run: (zone) => summarizeCalendar(yearPosts, zone, { from: '2024-01-01', to: '2024-12-31' }), target: 20 },
    { name: `all five years (${posts.length} posts)`, run: (zone) => summarizeCalendar(posts, zone) },
    {
      name: 'drift nudge (14 days + 14 ahead, of a year of posts)',
      run: (zone) => driftNudge(yearPosts, { private: 30, blend: 30, professional: 40, period: 'week' }, { today: '2024-06-15', zone }),
    },
  ];
  const lines = ['(a) Aggregation in Node, Europe/Copenhagen', ...HEADER];
  cases.forEach((entry, index) => {
    const cold = time(() => entry.run(COLD_ZONES[index] ?? 'UTC'));
    for (let i = 0; i < 5; i++) entry.run(ZONE);
    const warm = Array.from({ length: NODE_RUNS }, () => time(() => entry.run(ZONE)));
    lines.push(row(`${entry.name}`, warm, entry.target));
    lines.push(row('  first run in a zone (day starts not yet known)', [cold]));
  });
  return lines;
}

// ---- (b) in Chromium ---------------------------------------------------------------------------

async function seed(dataDir: string, posts: readonly StoredPost[]): Promise<number> {
  const started = performance.now();
  const service = await PostsService.open({ dataDir, foldAfterIdleMs: 0, appVersion: 'bench' });
  await service.importPosts(posts);
  await service.close();
  return performance.now() - started;
}

async function measures(page: Page, view: string): Promise<number[]> {
  return page.evaluate((name) => performance.getEntriesByName(name).map((entry) => entry.duration), `spheres:calendar:${view}`);
}

/** Waits until the view has committed one more measure than `before`, and returns it. */
async function nextMeasure(page: Page, view: string, before: number): Promise<number> {
  await page.waitForFunction(([name, count]) => performance.getEntriesByName(name as string).length > (count as number), [`spheres:calendar:${view}`, before] as const, {
    timeout: 30_000,
  });
  const all = await measures(page, view);
  return all[before] ?? Number.NaN;
}

const idle = (page: Page, millis: number) => page.waitForTimeout(millis);

async function browserFigures(): Promise<string[]> {
  if (!existsSync(path.join(REPO, 'out/renderer/index.html'))) {
    return ['(b) skipped: build the renderer first (npx electron-vite build).'];
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-bench-calendar-'));
  const lines: string[] = [];
  try {
    const seedMs = await seed(dataDir, dataset());
    const host = await startWebHostProcess(dataDir);
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: ZONE, viewport: { width: 1600, height: 1100 } });
      const page = await context.newPage();
      // The calendar opens on today, inside the data set (2022–2026). Playwright's clock is not
      // used: its fake `performance` turns marks and measures into no-ops.

      let opened = false;
      const openCalendar = async (): Promise<void> => {
        // The one-time address opens the tab's session; later visits in the same tab keep it.
        await page.goto(opened ? `${host.origin}/` : host.url);
        opened = true;
        await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calendar' }).click();
      };
      const first: number[] = [];
      for (let run = 0; run < BROWSER_RUNS; run++) {
        await openCalendar();
        first.push(await nextMeasure(page, 'month', 0));
      }

      // Back a month (the data lies behind today): its posts were fetched ahead while the user looked at this one.
      const switching: number[] = [];
      for (let run = 0; run < BROWSER_RUNS; run++) {
        await idle(page, 400);
        const before = (await measures(page, 'month')).length;
        await page.getByRole('button', { name: 'Previous month' }).click();
        switching.push(await nextMeasure(page, 'month', before));
      }
      // Jumping a year back, further than the prefetch reaches: the data arrives first, then the render.
      const jumping: number[] = [];
      for (let run = 0; run < BROWSER_RUNS; run++) {
        await idle(page, 400);
        const before = (await measures(page, 'month')).length;
        await page.locator('[role=gridcell][tabindex="0"]').focus();
        await page.keyboard.press('Shift+PageUp');
        jumping.push(await nextMeasure(page, 'month', before));
      }

      // The five years of data, each loaded for the first time (its thirteen store months fetched in
      // parallel), then the same five again from memory; each in a fresh page so years stay unloaded.
      const year: number[] = [];
      const yearClick: number[] = [];
      const yearCached: number[] = [];
      for (let run = 0; run < 2; run++) {
        await openCalendar();
        await nextMeasure(page, 'month', 0);
        for (let back = 0; back < 5; back++) {
          const before = (await measures(page, 'year')).length;
          const clicked = await page.evaluate(() => performance.now());
          await page.getByRole('button', { name: back === 0 ? 'Year' : 'Previous year', exact: true }).click();
          year.push(await nextMeasure(page, 'year', before));
          yearClick.push((await page.evaluate(() => performance.now())) - clicked);
          await idle(page, 300);
        }
        for (let forward = 0; forward < 4; forward++) {
          const before = (await measures(page, 'year')).length;
          await page.getByRole('button', { name: 'Next year', exact: true }).click();
          yearCached.push(await nextMeasure(page, 'year', before));
          await idle(page, 200);
        }
      }

      lines.push(`(b) Rendering in Chromium through the web host (${browser.version()}), ${POSTS.toLocaleString('en')} posts, opening on today`, ...HEADER);
      lines.push(row('month view, first render (data loaded -> committed)', first, 30));
      lines.push(row('previous month, prefetched (click -> committed)', switching, 16));
      lines.push(row('a year back, not prefetched (data -> committed)', jumping));
      lines.push(row('year heat-map, first load (data loaded -> committed)', year, 50));
      lines.push(row('year heat-map, from memory (click -> committed)', yearCached, 50));
      lines.push(row('  year, click -> committed incl. fetching 13 months', yearClick));
      lines.push('', `Seeding the data folder through PostsService.importPosts: ${ms(seedMs)}.`);
      await context.close();
    } finally {
      await browser.close();
      await host.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
}

async function main(): Promise<void> {
  const posts = dataset().map((stored) => stored.post);
  process.stdout.write(
    ['', `Tone calendar benchmark — ${POSTS.toLocaleString('en')} posts over five years, Node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()}`, '', ...nodeFigures(posts), '', ''].join('\n'),
  );
  process.stdout.write([...(await browserFigures()), ''].join('\n'));
}

main().catch((error: unknown) => {
  // A benchmark reports; it never fails a run.
  process.stdout.write(`benchmark could not finish: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
});

