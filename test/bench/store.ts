/**
 * Posts store benchmark: 20,000 posts over five years, in a temp folder.
 *
 *   npx tsx test/bench/store.ts            (npm run bench:store)
 *   node --expose-gc --import tsx test/bench/store.ts
 *
 * Each approach runs in a process of its own so its peak memory is its own. Prints a table; never fails.
 * Targets at 20,000 posts: autosave p95 < 5 ms and < 64 KB written; one month < 10 ms; start-up index < 150 ms;
 * drafts library search and filter p95 < 50 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { z } from 'zod';
import type { Post, Tone } from '../../common/domain';
import { NETWORK_IDS, monthAt, postMonth } from '../../common/domain';
import { PostsService, StoredPostSchema, type StoredPost } from '../../electron/core/posts';
import { nodeStorageFs, writeFileAtomic, type StorageFs } from '../../electron/core/storage';
import { random } from '../support/random';
import { testPost } from '../support/posts';

const POSTS = 20_000;
const AUTOSAVES = 200;
const NAIVE_SAVES = 20;
const MONTH_READS = 20;
const LIBRARY_QUERIES = 50;
const START = Date.parse('2022-01-01T00:00:00.000Z');
const FIVE_YEARS = Date.parse('2027-01-01T00:00:00.000Z') - START;
const SELF = fileURLToPath(import.meta.url);

// ---- figures -----------------------------------------------------------------------------------

/** Nearest-rank quantile: p95 of 20 values is the 19th smallest. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

const median = (values: readonly number[]) => quantile(values, 0.5);
const p95 = (values: readonly number[]) => quantile(values, 0.95);
const ms = (value: number) => `${value.toFixed(2)} ms`;
const kb = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

/** Samples rss every 2 ms: the peak of a phase, not just its end. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const gc = (globalThis as { gc?: () => void }).gc;

/** The default port, counting bytes written and read. */
class CountingFs implements StorageFs {
  written = 0;
  read = 0;
  readonly inner = nodeStorageFs;
  readFile = async (file: string) => {
    const data = await this.inner.readFile(file);
    this.read += data.length;
    return data;
  };
  writeFile = async (file: string, data: string | Uint8Array, options: { flush: boolean }) => {
    this.written += Buffer.byteLength(data);
    return this.inner.writeFile(file, data, options);
  };
  copyFile = async (from: string, to: string) => {
    this.written += statSync(from).size;
    return this.inner.copyFile(from, to);
  };
  rename = (from: string, to: string) => this.inner.rename(from, to);
  link = (existing: string, newPath: string) => this.inner.link(existing, newPath);
  unlink = (file: string) => this.inner.unlink(file);
  mkdir = (dir: string, options: { recursive: boolean }) => this.inner.mkdir(dir, options);
  readdir = (dir: string) => this.inner.readdir(dir);
  stat = (file: string) => this.inner.stat(file);
  syncDir = (dir: string) => this.inner.syncDir(dir);
  openAppend = (file: string) => this.inner.openAppend(file);
}

// ---- the data set ------------------------------------------------------------------------------


const WORDS = 'the a launch team today we new post thanks community release update read more about how our join event product week great people learn share design build ship'.split(' ');
const TONES: Tone[] = ['private', 'blend', 'professional'];

function sentence(rand: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return text.trim();
}

function makePost(i: number, rand: () => number): StoredPost {
  const created = START + Math.floor((i / POSTS) * FIVE_YEARS + rand() * 3_600_000);
  const roll = rand();
  const status: Post['status'] = roll < 0.8 ? 'published' : roll < 0.9 ? 'scheduled' : roll < 0.98 ? 'draft' : 'failed';
  const networks = [...NETWORK_IDS].sort(() => rand() - 0.5).slice(0, 1 + Math.floor(rand() * 2));
  const planned = status === 'draft' ? null : { at: new Date(created + Math.floor(rand() * 5 * 86_400_000)).toISOString(), zone: 'Europe/Copenhagen' };
  const updatedAt = new Date(created + 3_600_000).toISOString();
  const post = testPost({
    id: `p${i.toString(36).padStart(6, '0')}-${Math.floor(rand() * 1e9).toString(36)}`,
    createdAt: new Date(created).toISOString(),
    updatedAt,
    tone: TONES[Math.floor(rand() * 3)] ?? 'blend',
    text: sentence(rand, 30 + Math.floor(rand() * 120)),
    overrides: rand() < 0.1 ? { x: sentence(rand, 80) } : {},
    targets: networks.map((network) => ({ network })),
    status,
    planned,
    results:
      status === 'published'
        ? [{ target: { network: networks[0] ?? 'x' }, state: 'published' as const, remoteIds: [String(1e15 + i)], attempts: 1, updatedAt }]
        : [],
  });
  return { post, deletedAt: null };
}

function dataset(): StoredPost[] {
  const rand = random(20_000);
  return Array.from({ length: POSTS }, (_, i) => makePost(i, rand));
}

// ---- phases (each in its own process) -------------------------------------------------------

interface SpheresFigures {
  bulkWriteMs: number;
  currentMonthMs: number;
  diskBytes: number;
  indexBytes: number;
  startupFirstMs: number;
  startupMs: number[];
  startupBytesRead: number;
  monthMs: number[];
  monthPosts: number[];
  monthFileBytes: number[];
  recentMs: number;
  autosaveMs: number[];
  autosaveBytes: number[];
  foldMs: number;
  foldBytes: number;
  baseRss: number;
  peakRss: number;
  heapAfterOpen: number;
}

/** Writes the data set through the import path (one bulk write), in a process of its own. */
async function phaseGenerate(dir: string): Promise<{ bulkWriteMs: number }> {
  const posts = await PostsService.open({ dataDir: dir, foldAfterIdleMs: 0, appVersion: 'bench' });
  const started = performance.now();
  await posts.importPosts(dataset());
  const bulkWriteMs = performance.now() - started;
  await posts.close();
  return { bulkWriteMs };
}

async function phaseSpheres(dir: string): Promise<Omit<SpheresFigures, 'bulkWriteMs'>> {
  gc?.();
  const baseRss = process.memoryUsage().rss;
  const sampler = rssSampler();

  const fs = new CountingFs();
  // Start-up alone: the background prefetch of the current month is off so opens do not overlap it.
  const quiet = { dataDir: dir, fs, foldAfterIdleMs: 0, prefetchCurrentMonth: false };
  let started = performance.now();
  await PostsService.open(quiet);
  const startupFirstMs = performance.now() - started;
  const startupBytesRead = fs.read;
  const startupMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    started = performance.now();
    await PostsService.open(quiet);
    startupMs.push(performance.now() - started);
  }
  // As the app opens it: the current month is read in the background while the window loads.
  const posts = await PostsService.open({ dataDir: dir, fs, foldAfterIdleMs: 0 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  const heapAfterOpen = process.memoryUsage().heapUsed;
  started = performance.now();
  await posts.listMonth(monthAt(new Date()));
  const currentMonthMs = performance.now() - started;

  // Twenty different months spread over the five years: each one is read from its file.
  const months = Array.from({ length: MONTH_READS }, (_, i) => monthAt(START + ((i * 3 + 1) / 60) * FIVE_YEARS));
  const monthMs: number[] = [];
  const monthPosts: number[] = [];
  const monthFileBytes: number[] = [];
  for (const month of months) {
    started = performance.now();
    const list = await posts.listMonth(month);
    monthMs.push(performance.now() - started);
    monthPosts.push(list.length);
    monthFileBytes.push(statSync(path.join(dir, 'posts', 'months', `${month}.json`)).size);
  }

  started = performance.now();
  const draft = await posts.lastEditedDraft();
  const recentMs = performance.now() - started;
  if (draft === null) throw new Error('the data set has no draft');

  // Typing: a few characters more on each autosave.
  const autosaveMs: number[] = [];
  const autosaveBytes: number[] = [];
  let text = draft.text;
  for (let i = 0; i < AUTOSAVES; i++) {
    text += ` word${i}`;
    const before = fs.written;
    started = performance.now();
    await posts.saveDraft({ id: draft.id, text });
    autosaveMs.push(performance.now() - started);
    autosaveBytes.push(fs.written - before);
  }

  const beforeFold = fs.written;
  started = performance.now();
  await posts.compact();
  const foldMs = performance.now() - started;
  const foldBytes = fs.written - beforeFold;

  const peakRss = sampler.stop();
  let diskBytes = 0;
  for (const entry of await fsp.readdir(path.join(dir, 'posts'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !/\.bak\d$/.test(entry.name)) diskBytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return {
    currentMonthMs,
    diskBytes,
    indexBytes: statSync(path.join(dir, 'posts', 'index.json')).size,
    startupFirstMs,
    startupMs,
    startupBytesRead,
    monthMs,
    monthPosts,
    monthFileBytes,
    recentMs,
    autosaveMs,
    autosaveBytes,
    foldMs,
    foldBytes,
    baseRss,
    peakRss,
    heapAfterOpen,
  };
}

/** One month read in a fresh process without the background prefetch: the validator is cold. */
async function phaseColdMonth(dir: string): Promise<{ coldMonthMs: number }> {
  const posts = await PostsService.open({ dataDir: dir, foldAfterIdleMs: 0, prefetchCurrentMonth: false });
  const started = performance.now();
  await posts.listMonth('2024-06');
  return { coldMonthMs: performance.now() - started };
}

interface LibraryFigures {
  firstBuildMs: number;
  firstQueryMs: number;
  heapGrowth: number;
  wordMs: number[];
  wordHits: number;
  noMatchMs: number[];
  filterMs: number[];
  filterHits: number;
  plannedMs: number[];
  pageMs: number[];
}

/** The drafts library in a fresh process: its first search reads every month once, later ones are in memory. */
async function phaseLibrary(dir: string): Promise<LibraryFigures> {
  const posts = await PostsService.open({ dataDir: dir, foldAfterIdleMs: 0, prefetchCurrentMonth: false });
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const page = { sort: 'updated', offset: 0, limit: 100 } as const;
  let started = performance.now();
  await posts.query(page);
  const firstQueryMs = performance.now() - started;
  gc?.();
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  const time = async (query: Parameters<PostsService['query']>[0]): Promise<{ ms: number[]; hits: number }> => {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < LIBRARY_QUERIES; i++) {
      started = performance.now();
      hits = (await posts.query(query)).total;
      times.push(performance.now() - started);
    }
    return { ms: times, hits };
  };
  const word = await time({ ...page, text: 'launch' });
  const noMatch = await time({ ...page, text: 'smørrebrød' });
  const filter = await time({ ...page, tones: ['professional'], networks: ['linkedin'] });
  const planned = await time({ ...page, sort: 'planned' });
  const deep = await time({ ...page, offset: 10_000 });
  return {
    firstBuildMs: posts.libraryBuildMs ?? Number.NaN,
    firstQueryMs,
    heapGrowth,
    wordMs: word.ms,
    wordHits: word.hits,
    noMatchMs: noMatch.ms,
    filterMs: filter.ms,
    filterHits: filter.hits,
    plannedMs: planned.ms,
    pageMs: deep.ms,
  };
}

interface NaiveFigures {
  fileBytes: number;
  loadMs: number;
  saveMs: number[];
  baseRss: number;
  peakRss: number;
}

/** The baseline: every post in one conf file, the whole array set on each save. */
async function phaseNaive(dir: string): Promise<NaiveFigures> {
  gc?.();
  const baseRss = process.memoryUsage().rss;
  const sampler = rssSampler();
  let started = performance.now();
  const conf = new Conf<{ posts: Post[] }>({ cwd: dir, configName: 'posts-naive' });
  const all = conf.get('posts');
  const loadMs = performance.now() - started;

  const draft = all.findLast((post) => post.status === 'draft');
  if (draft === undefined) throw new Error('the data set has no draft');
  const saveMs: number[] = [];
  for (let i = 0; i < NAIVE_SAVES; i++) {
    draft.text += ` word${i}`;
    draft.updatedAt = new Date().toISOString();
    started = performance.now();
    conf.set('posts', all);
    saveMs.push(performance.now() - started);
  }
  return { fileBytes: statSync(conf.path).size, loadMs, saveMs, baseRss, peakRss: sampler.stop() };
}

async function phaseGenerateNaive(dir: string): Promise<Record<string, never>> {
  new Conf<{ posts: Post[] }>({ cwd: dir, configName: 'posts-naive' }).set(
    'posts',
    dataset().map((stored) => stored.post),
  );
  return {};
}

interface AlternativeFigures {
  perPostMonthMs: number[];
  monthPosts: number;
  monthFileAutosaveMs: number[];
  monthFileBytes: number;
}

/**
 * The layouts not taken, measured on the same data: one file per post (a month is hundreds of
 * reads) and month files alone (an autosave rewrites its whole month).
 */
async function phaseAlternatives(dir: string): Promise<AlternativeFigures> {
  const byMonth = new Map<string, StoredPost[]>();
  for (const stored of dataset()) byMonth.set(postMonth(stored.post), [...(byMonth.get(postMonth(stored.post)) ?? []), stored]);
  const [, busiest] = [...byMonth].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  const perPostDir = path.join(dir, 'per-post');
  mkdirSync(perPostDir, { recursive: true });
  for (const stored of busiest) await fsp.writeFile(path.join(perPostDir, `${stored.post.id}.json`), JSON.stringify({ schemaVersion: 1, ...stored }));
  const Schema = z.object({ schemaVersion: z.number(), post: StoredPostSchema.shape.post, deletedAt: StoredPostSchema.shape.deletedAt });
  const perPostMonthMs: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    const names = await fsp.readdir(perPostDir);
    const files = await Promise.all(names.map((name) => fsp.readFile(path.join(perPostDir, name), 'utf8')));
    for (const text of files) Schema.parse(JSON.parse(text));
    perPostMonthMs.push(performance.now() - started);
  }

  const monthFile = path.join(dir, 'month-only.json');
  const monthFileAutosaveMs: number[] = [];
  let body = '';
  for (let i = 0; i < NAIVE_SAVES; i++) {
    const started = performance.now();
    body = JSON.stringify({ schemaVersion: 1, posts: busiest });
    await writeFileAtomic(nodeStorageFs, monthFile, body, { backups: 3 });
    monthFileAutosaveMs.push(performance.now() - started);
  }
  return { perPostMonthMs, monthPosts: busiest.length, monthFileAutosaveMs, monthFileBytes: Buffer.byteLength(body) };
}

// ---- the report --------------------------------------------------------------------------------

function runPhase<T>(phase: string, dir: string): T {
  // --expose-gc, so each phase measures memory after a collection rather than before one.
  const result = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', SELF, '--phase', phase, dir], { encoding: 'utf8', maxBuffer: 64 * 1_048_576 });
  if (result.status !== 0) throw new Error(`phase ${phase} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as T;
}

function row(what: string, value: string, target = '', naive = ''): string {
  return `| ${what.padEnd(44)} | ${value.padEnd(26)} | ${target.padEnd(9)} | ${naive.padEnd(22)} |`;
}

function report(root: string): void {
  const { bulkWriteMs } = runPhase<{ bulkWriteMs: number }>('generate', path.join(root, 'spheres'));
  const { coldMonthMs } = runPhase<{ coldMonthMs: number }>('cold-month', path.join(root, 'spheres'));
  const library = runPhase<LibraryFigures>('library', path.join(root, 'spheres'));
  const spheres: SpheresFigures = { ...runPhase<Omit<SpheresFigures, 'bulkWriteMs'>>('spheres', path.join(root, 'spheres')), bulkWriteMs };
  runPhase('generate-naive', path.join(root, 'naive'));
  const naive = runPhase<NaiveFigures>('naive', path.join(root, 'naive'));
  const alt = runPhase<AlternativeFigures>('alternatives', path.join(root, 'alternatives'));
  const pass = (ok: boolean) => (ok ? 'ok' : 'MISSED');

  const autosaveP95 = p95(spheres.autosaveMs);
  const autosaveBytesMax = Math.max(...spheres.autosaveBytes);
  const monthP95 = p95(spheres.monthMs);
  const startupMedian = median(spheres.startupMs);
  const naiveSave = median(naive.saveMs);

  const lines = [
    '',
    `Posts store benchmark — ${POSTS.toLocaleString('en')} posts over five years, Node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()}`,
    'Each approach runs in its own process, started with --expose-gc; times are wall clock on this machine.',
    '',
    row('measure', 'Spheres (months + recent)', 'target', 'naive: one conf file'),
    row('-'.repeat(44), '-'.repeat(26), '-'.repeat(9), '-'.repeat(22)),
    row(`autosave latency, median (${AUTOSAVES} saves)`, ms(median(spheres.autosaveMs)), '', ms(naiveSave)),
    row('autosave latency, p95', ms(autosaveP95), `< 5 ms ${pass(autosaveP95 < 5)}`, ms(p95(naive.saveMs))),
    row('autosave latency, max', ms(Math.max(...spheres.autosaveMs)), '', ms(Math.max(...naive.saveMs))),
    row('bytes written per autosave, median', kb(median(spheres.autosaveBytes)), '', kb(naive.fileBytes)),
    row('bytes written per autosave, max', kb(autosaveBytesMax), `< 64 KB ${pass(autosaveBytesMax < 65_536)}`, kb(naive.fileBytes)),
    row(`load one month, median (${MONTH_READS} other months)`, ms(median(spheres.monthMs)), '', ms(naive.loadMs)),
    row('load one month, p95', ms(monthP95), `< 10 ms ${pass(monthP95 < 10)}`, ms(naive.loadMs)),
    row('current month after start-up (prefetched)', ms(spheres.currentMonthMs), '', ''),
    row('one month, first read in a fresh process', ms(coldMonthMs), '', ''),
    row('posts per month / month file size, median', `${median(spheres.monthPosts)} / ${kb(median(spheres.monthFileBytes))}`, '', `${POSTS} / ${kb(naive.fileBytes)}`),
    row('start-up (open: index + recent), median of 7', ms(startupMedian), `< 150 ms ${pass(startupMedian < 150)}`, ms(naive.loadMs)),
    row('start-up, first open in a fresh process', ms(spheres.startupFirstMs), '', ''),
    row('bytes read at start-up / index file size', `${kb(spheres.startupBytesRead)} / ${kb(spheres.indexBytes)}`, '', kb(naive.fileBytes)),
    row('last edited draft (index scan + 1 read)', ms(spheres.recentMs), '', ''),
    row('fold of recent saves (background, on idle)', `${ms(spheres.foldMs)}, ${kb(spheres.foldBytes)}`, '', ''),
    row(`bulk write of ${POSTS.toLocaleString('en')} posts (import)`, ms(spheres.bulkWriteMs), '', ''),
    row('data on disk (without .bak copies)', kb(spheres.diskBytes), '', kb(naive.fileBytes)),
    row('peak rss (open, months, autosaves, fold) / growth', `${kb(spheres.peakRss)} / ${kb(spheres.peakRss - spheres.baseRss)}`, '', `${kb(naive.peakRss)} / ${kb(naive.peakRss - naive.baseRss)}`),
    row('heap used after open', kb(spheres.heapAfterOpen), '', ''),
    '',
    `Gain per autosave: ${(naiveSave / median(spheres.autosaveMs)).toFixed(0)}x faster, ${(naive.fileBytes / median(spheres.autosaveBytes)).toFixed(0)}x fewer bytes written.`,
    `Gain at start-up: ${(naive.loadMs / startupMedian).toFixed(1)}x; one month: ${(naive.loadMs / median(spheres.monthMs)).toFixed(0)}x.`,
    '',
    `Drafts library (${LIBRARY_QUERIES} runs each, 100 rows a page, fresh process):`,
    row('measure', 'median / p95', 'target', ''),
    row('-'.repeat(44), '-'.repeat(26), '-'.repeat(9), '-'.repeat(22)),
    row('first build of the rows (every month read)', ms(library.firstBuildMs), '', ''),
    row('first search, build included', ms(library.firstQueryMs), '', ''),
    row('heap held by the rows', kb(library.heapGrowth), '', ''),
    ...(
      [
        [`search by a word (${library.wordHits} hits)`, library.wordMs],
        ['search with no match', library.noMatchMs],
        [`filter tone + network (${library.filterHits} hits)`, library.filterMs],
        ['sort by planned time', library.plannedMs],
        ['page at offset 10,000', library.pageMs],
      ] as const
    ).map(([what, times]) => row(what, `${ms(median(times))} / ${ms(p95(times))}`, `< 50 ms ${pass(p95(times) < 50)}`, '')),
    '',
    'Layouts not taken, same data:',
    `  one file per post: reading the busiest month (${alt.monthPosts} files, fs/promises, parallel) median ${ms(median(alt.perPostMonthMs))}, p95 ${ms(p95(alt.perPostMonthMs))}`,
    `  month files only: an autosave rewrites its month (${kb(alt.monthFileBytes)}), median ${ms(median(alt.monthFileAutosaveMs))}, p95 ${ms(p95(alt.monthFileAutosaveMs))}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function main(): Promise<void> {
  const phaseAt = process.argv.indexOf('--phase');
  if (phaseAt !== -1) {
    const phase = process.argv[phaseAt + 1];
    const dir = process.argv[phaseAt + 2] ?? '';
    mkdirSync(dir, { recursive: true });
    const phases: Record<string, (dir: string) => Promise<object>> = {
      generate: phaseGenerate,
      spheres: phaseSpheres,
      'cold-month': phaseColdMonth,
      library: phaseLibrary,
      'generate-naive': phaseGenerateNaive,
      naive: phaseNaive,
      alternatives: phaseAlternatives,
    };
    const run = phases[phase ?? ''];
    if (run === undefined) throw new Error(`no phase ${phase}`);
    const figures = await run(dir);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'spheres-bench-'));
  try {
    report(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  // A benchmark reports; it never fails a run.
  process.stdout.write(`benchmark could not finish: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.argv.includes('--phase')) process.exitCode = 1;
});
