import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Post } from '../../../common/domain';
import { HISTORY_FORMATS, HistoryImportService, importedPostId, type HistoryProgress } from '../../../electron/core/history';
import { MediaLibrary } from '../../../electron/core/media';
import { PostsService } from '../../../electron/core/posts';
import { changedFiles, snapshotFolder } from '../../support/folder-snapshot';
import { fixtureFiles, writeTarGz, writeZip } from '../../support/history-archives';

const NOW = new Date('2026-11-02T09:00:00.000Z');
const closers: (() => Promise<unknown>)[] = [];

async function library() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-history-import-'));
  const posts = await PostsService.open({ dataDir, now: () => NOW, foldAfterIdleMs: 0, retryDelaysMs: [], prefetchCurrentMonth: false });
  closers.push(() => posts.close());
  const media = new MediaLibrary({ dataDir, now: () => NOW });
  const progress: HistoryProgress[] = [];
  const history = new HistoryImportService({ posts, media, formats: HISTORY_FORMATS, now: () => NOW, onProgress: (p) => progress.push(p), tempDir: dataDir });
  return { dataDir, posts, media, history, progress };
}

async function xZip(name = 'twitter-2024.zip'): Promise<string> {
  return writeZip(path.join(mkdtempSync(path.join(os.tmpdir(), 'spheres-export-')), name), fixtureFiles('x-archive'));
}

const ALL = { includeReplies: true, includeReposts: true };

/** A draft and a post Spheres published to X (tweet 1600000000000000001, the first post of the fixture archive). */
async function ownPosts(posts: PostsService): Promise<{ draft: Post; published: Post }> {
  const draft = await posts.create({ text: 'A draft I am writing', tone: 'blend' });
  const created = await posts.create({ text: 'Slides from today', tone: 'professional', targets: [{ network: 'x', accountId: 'x-1' }] });
  const published = await posts.update(created.id, {
    status: 'published',
    results: [{ target: { network: 'x', accountId: 'x-1' }, state: 'published', remoteIds: ['1600000000000000001'], url: 'https://twitter.com/spheres_demo/status/1600000000000000001', attempts: 1, updatedAt: NOW.toISOString() }],
  });
  await posts.compact();
  return { draft, published };
}

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('history import', () => {
  it('shows the summary of an export before anything is stored', async () => {
    const { dataDir, history } = await library();
    const before = snapshotFolder(dataDir);
    const summary = await history.inspect(await xZip(), 'twitter-2024.zip');
    expect(summary).toEqual({
      file: 'twitter-2024.zip',
      network: 'x',
      format: 'X archive',
      posts: 5,
      replies: 1,
      reposts: 1,
      from: '2018-10-10T20:19:24.000Z',
      to: '2023-04-03T07:16:00.000Z',
      images: 1,
      alreadyInSpheres: 0,
      alreadyReplies: 0,
      alreadyReposts: 0,
      unreadable: 1,
    });
    expect(changedFiles(before, snapshotFolder(dataDir))).toEqual([]);
  });

  it('imports posts as published, untagged posts on their network with their link, time and images', async () => {
    const { posts, media, history, progress } = await library();
    const report = await history.importFile(await xZip(), ALL, 'twitter-2024.zip');
    expect(report).toEqual({
      file: 'twitter-2024.zip',
      network: 'x',
      format: 'X archive',
      imported: 5,
      duplicates: 0,
      leftOut: 0,
      imagesAdded: 1,
      skipped: [{ where: 'data/tweets-part1.js, item 3 (post 1700000000000000006)', reason: 'its date "sometime in 2023" cannot be read' }],
      skippedMore: 0,
      cancelled: false,
    });
    const post = await posts.get(importedPostId('x', '1600000000000000001'));
    const [image] = await media.list();
    expect(post).toEqual({
      id: importedPostId('x', '1600000000000000001'),
      createdAt: '2018-10-10T20:19:24.000Z',
      updatedAt: NOW.toISOString(),
      tone: null,
      text: 'Slides from today & the notes: https://example.org/keynote',
      overrides: {},
      targets: [{ network: 'x' }],
      media: [{ mediaId: image, mime: 'image/png', bytes: 73, width: 4, height: 3, altText: '' }],
      contentWarning: '',
      threadNumbering: false,
      status: 'published',
      planned: null,
      results: [
        { target: { network: 'x' }, state: 'published', remoteIds: ['1600000000000000001'], url: 'https://x.com/spheres_demo/status/1600000000000000001', attempts: 0, updatedAt: '2018-10-10T20:19:24.000Z' },
      ],
    });
    // Filed in the month it was published, where the tone calendar looks.
    expect((await posts.listMonth('2018-10')).map((p) => p.id)).toEqual([
      importedPostId('x', '1600000000000000001'),
      importedPostId('x', '1600000000000000002'),
      importedPostId('x', '1600000000000000003'),
    ]);
    expect(progress.at(-1)).toEqual({ phase: 'saving', done: 5, total: 5 });
  });

  it('leaves replies and reposts out when the person says so', async () => {
    const { posts, history } = await library();
    const report = await history.importFile(await xZip(), { includeReplies: false, includeReposts: false });
    expect([report.imported, report.leftOut]).toEqual([3, 2]);
    expect(posts.has(importedPostId('x', '1600000000000000002'))).toBe(false);
    expect(posts.has(importedPostId('x', '1600000000000000003'))).toBe(false);
  });

  it('adds nothing and changes no file when the same export is imported twice', async () => {
    const { dataDir, history } = await library();
    const file = await xZip();
    await history.importFile(file, ALL);
    const before = snapshotFolder(dataDir);
    const again = await history.importFile(file, ALL);
    expect([again.imported, again.duplicates, again.imagesAdded]).toEqual([0, 5, 0]);
    expect(changedFiles(before, snapshotFolder(dataDir))).toEqual([]);
    expect(await history.inspect(file)).toMatchObject({ alreadyInSpheres: 5, alreadyReplies: 1, alreadyReposts: 1 });
  });

  it('keeps a post Spheres published, which the export also holds, as one post', async () => {
    const { posts, history } = await library();
    const { draft, published } = await ownPosts(posts);
    expect((await history.inspect(await xZip())).alreadyInSpheres).toBe(1);
    const report = await history.importFile(await xZip(), ALL);
    expect([report.imported, report.duplicates]).toEqual([4, 1]);
    expect(posts.has(importedPostId('x', '1600000000000000001'))).toBe(false);
    // Everything else is as it was.
    expect(await posts.get(published.id)).toEqual(published);
    expect(await posts.get(draft.id)).toEqual(draft);
  });

  it('recognises a Mastodon post Spheres published by its status id or its address', async () => {
    const { posts, history } = await library();
    const created = await posts.create({ text: 'Første dag', tone: 'private', targets: [{ network: 'mastodon', accountId: 'm-1' }] });
    await posts.update(created.id, {
      status: 'published',
      results: [{ target: { network: 'mastodon', accountId: 'm-1' }, state: 'published', remoteIds: ['110000000000000001'], attempts: 1, updatedAt: NOW.toISOString() }],
    });
    const file = await writeTarGz(path.join(mkdtempSync(path.join(os.tmpdir(), 'spheres-export-')), 'archive.tar.gz'), fixtureFiles('mastodon'));
    const report = await history.importFile(file, ALL);
    expect([report.imported, report.duplicates]).toEqual([3, 1]);
  });

  it('stores nothing when the import is cancelled while the export is read, and the library is as it was', async () => {
    const { dataDir, posts, history, progress } = await library();
    await ownPosts(posts);
    const before = snapshotFolder(dataDir);
    const file = await xZip();
    const running = history.importFile(file, ALL);
    // Cancel as soon as the import says it started reading.
    while (progress.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(history.cancel()).toBe(true);
    const report = await running;
    expect([report.cancelled, report.imported]).toEqual([true, 0]);
    expect(changedFiles(before, snapshotFolder(dataDir))).toEqual([]);
    expect(history.cancel()).toBe(false);
  });

  it('stores no post when the import is cancelled once its images are in, and a later import still works', async () => {
    const { posts, history } = await library();
    const service = new HistoryImportService({
      posts,
      media: new MediaLibrary({ dataDir: posts.dataDir, now: () => NOW }),
      formats: HISTORY_FORMATS,
      onProgress: (p) => {
        if (p.phase === 'saving' && p.done === 0) service.cancel();
      },
    });
    const report = await service.importFile(await xZip(), ALL);
    expect(report.cancelled).toBe(true);
    expect((await posts.publishedPosts(() => true)).length).toBe(0);
    expect((await history.importFile(await xZip(), ALL)).imported).toBe(5);
  });

  it('refuses a second import while one is running', async () => {
    const { history } = await library();
    const file = await xZip();
    const first = history.importFile(file, ALL);
    await expect(history.importFile(file, ALL)).rejects.toThrow('An import is already running. Wait for it to finish, or cancel it.');
    await first;
  });

  it('stores an image two posts share once', async () => {
    const { media, history } = await library();
    const files = new Map(fixtureFiles('mastodon'));
    const outbox = JSON.parse(String(files.get('outbox.json'))) as { orderedItems: { object: { attachment?: unknown[] } }[] };
    outbox.orderedItems[4]!.object.attachment = outbox.orderedItems[0]!.object.attachment;
    files.set('outbox.json', JSON.stringify(outbox));
    const file = await writeZip(path.join(mkdtempSync(path.join(os.tmpdir(), 'spheres-export-')), 'archive.zip'), files);
    const report = await history.importFile(file, ALL);
    expect([report.imported, report.imagesAdded]).toEqual([4, 1]);
    expect(await media.list()).toHaveLength(1);
  });
});
