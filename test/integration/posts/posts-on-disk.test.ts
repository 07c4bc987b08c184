import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PostsService, type PostsServiceOptions } from '../../../electron/core/posts';
import { StorageError, type StoreRecovered } from '../../../electron/core/storage';
import { FakeClock, FaultyFs, removeTempDirs, tempDir, treeSnapshot } from '../../support/storage-fixtures';
import { failureOf } from '../../support/failure';

afterAll(removeTempDirs);

function harness(dataDir = tempDir()) {
  const fs = new FaultyFs();
  const clock = new FakeClock('2026-11-02T09:00:00.000Z');
  const notices: StoreRecovered[] = [];
  const options: PostsServiceOptions = {
    dataDir,
    fs,
    now: clock.now,
    onRecovered: (notice) => notices.push(notice),
    foldAfterIdleMs: 0,
    retryDelaysMs: [],
    appVersion: '0.1.0',
    // Tests that count reads open without the background read of the current month; one test turns it on.
    prefetchCurrentMonth: false,
  };
  const posts = (extra: Partial<PostsServiceOptions> = {}) => PostsService.open({ ...options, ...extra });
  const file = (...parts: string[]) => path.join(dataDir, 'posts', ...parts);
  return { dataDir, fs, clock, notices, posts, file };
}

const failure = failureOf(StorageError);

const stamp = '20261102T090000000Z';

describe('the posts folder', () => {
  it('keeps one file per month, a small index, and recent saves until they are folded in, each saved edit in two files', async () => {
    const { posts, file } = harness();
    const service = await posts();
    const post = await service.create({ text: 'November', planned: { at: '2026-11-20T10:00:00.000Z', zone: 'Europe/Copenhagen' } });
    expect(readdirSync(file('recent')).sort()).toEqual([`${post.id}.json`, `${post.id}.json.bak1`]);
    expect(readFileSync(file('recent', `${post.id}.json.bak1`))).toEqual(readFileSync(file('recent', `${post.id}.json`)));
    await service.compact();
    expect(readdirSync(file('recent'))).toEqual([]);
    expect(readdirSync(file('months')).sort()).toEqual(['2026-11.json', '2026-11.json.bak1']);
    expect(readFileSync(file('months', '2026-11.json.bak1'))).toEqual(readFileSync(file('months', '2026-11.json')));
    const month = JSON.parse(readFileSync(file('months', '2026-11.json'), 'utf8')) as { schemaVersion: number; posts: { post: { id: string } }[] };
    expect(month.schemaVersion).toBe(1);
    expect(month.posts.map((p) => p.post.id)).toEqual([post.id]);
    expect(JSON.parse(readFileSync(file('index.json'), 'utf8'))).toEqual({
      schemaVersion: 1,
      entries: [[post.id, '2026-11', 'draft', Date.parse('2026-11-02T09:00:00.000Z'), null]],
    });
    expect(JSON.parse(readFileSync(file('store.json'), 'utf8'))).toEqual({ schemaVersion: 1, createdAt: '2026-11-02T09:00:00.000Z', createdBy: '0.1.0' });
  });

  it('reads only the index and the recent saves at start-up, and one month file for a month', async () => {
    const { posts, fs, clock } = harness();
    const service = await posts();
    for (let m = 1; m <= 12; m++) {
      clock.advanceDays(31);
      await service.create({ text: `month ${m}` });
    }
    await service.compact();
    const recent = await service.create({ text: 'still recent' });
    fs.reads.length = 0;
    const reopened = await posts();
    expect(fs.reads.map((f) => path.relative(path.join(fs.reads[0] ?? '', '..'), f)).sort()).toEqual([
      // looked for, not found: an import a crash interrupted would be finished here
      'import-pending.json',
      'index.json',
      // a recent save and its copy: the newer valid one is the post
      `recent/${recent.id}.json`,
      `recent/${recent.id}.json.bak1`,
      'store.json',
    ]);
    fs.reads.length = 0;
    expect((await reopened.listMonth('2027-03')).map((p) => p.text)).toEqual(['month 4']);
    expect(fs.reads.map((f) => path.basename(f))).toEqual(['2027-03.json']);
  });

  it('reads the current month in the background after opening, so the calendar opens from memory', async () => {
    const { posts, fs } = harness();
    const service = await posts();
    await service.create({ text: 'this month' });
    await service.compact();
    const reopened = await posts({ prefetchCurrentMonth: true });
    await vi.waitFor(() => expect(fs.reads.map((f) => path.basename(f))).toContain('2026-11.json'));
    fs.reads.length = 0;
    expect((await reopened.listMonth('2026-11')).map((p) => p.text)).toEqual(['this month']);
    expect(fs.reads).toEqual([]);
  });

  it('sweeps away temp files a crash left behind', async () => {
    const { posts, file } = harness();
    await (await posts()).create();
    writeFileSync(file('recent', 'abc.json.tmp-999-1'), '{"half":');
    await posts();
    expect(readdirSync(file('recent')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('finishes an import a crash interrupted', async () => {
    const { posts, file } = harness();
    await posts();
    const post = {
      id: 'imported-before-crash',
      createdAt: '2026-05-01T10:00:00.000Z',
      updatedAt: '2026-05-01T10:00:00.000Z',
      tone: 'private',
      text: 'from the archive',
      status: 'draft',
    };
    writeFileSync(file('import-pending.json'), JSON.stringify({ schemaVersion: 1, posts: [{ post, deletedAt: null }] }));
    const service = await posts();
    expect((await service.get('imported-before-crash')).text).toBe('from the archive');
    expect(existsSync(file('import-pending.json'))).toBe(false);
    expect((await service.listMonth('2026-05')).map((p) => p.id)).toEqual(['imported-before-crash']);
  });
});

describe('a damaged store file', () => {
  it('sets a truncated month file aside, restores it from its copy with every folded edit, and names its posts', async () => {
    const { posts, file, notices } = harness();
    const service = await posts();
    const post = await service.create({ text: 'first version' });
    await service.compact();
    await service.saveDraft({ id: post.id, text: 'second version' });
    await service.compact();
    const month = file('months', '2026-11.json');
    writeFileSync(month, readFileSync(month).subarray(0, 40));

    const reopened = await posts();
    expect((await reopened.get(post.id)).text).toBe('second version');
    expect(notices).toEqual([
      { file: month, movedTo: `${month}.corrupt-${stamp}`, restoredFrom: `${month}.bak1`, kind: 'month', postIds: [post.id], lostPostIds: [] },
    ]);
    expect(readFileSync(`${month}.corrupt-${stamp}`).length).toBe(40);
  });

  it('sets aside a recent save of the wrong shape and restores the last save from its copy, not the one before', async () => {
    const { posts, file, notices } = harness();
    const service = await posts();
    const post = await service.create({ text: 'good' });
    await service.saveDraft({ id: post.id, text: 'good, then more' });
    const recent = file('recent', `${post.id}.json`);
    writeFileSync(recent, JSON.stringify({ schemaVersion: 1, deletedAt: null, post: { id: post.id, text: 42 } }));

    const reopened = await posts();
    expect((await reopened.get(post.id)).text).toBe('good, then more');
    expect(notices).toEqual([
      { file: recent, movedTo: `${recent}.corrupt-${stamp}`, restoredFrom: `${recent}.bak1`, kind: 'post', postIds: [post.id], lostPostIds: [] },
    ]);
  });

  it('keeps the recent saves when a month file does not read back as it was written', async () => {
    const { posts, file, fs } = harness();
    const service = await posts();
    const post = await service.create({ text: 'first version' });
    await service.saveDraft({ id: post.id, text: 'second version' });
    // A disk that reports success and stores something else: the fold must notice before it drops anything.
    const write = fs.writeFile.bind(fs);
    fs.writeFile = (target, data, options) => write(target, target.includes(`${path.sep}months${path.sep}`) ? '{"schemaVersion":1,"month":' : data, options);
    await expect(service.compact()).rejects.toThrow();
    expect(readdirSync(file('recent')).sort()).toEqual([`${post.id}.json`, `${post.id}.json.bak1`]);
    fs.writeFile = write;

    const reopened = await posts();
    expect((await reopened.get(post.id)).text).toBe('second version');
  });

  it('rebuilds a damaged index from the month files and says so', async () => {
    const { posts, file, notices, clock } = harness();
    const service = await posts();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advanceDays(40);
      ids.push((await service.create({ text: `post ${i}` })).id);
    }
    await service.compact();
    writeFileSync(file('index.json'), '{"schemaVersion":1,"entries":[["x"');

    const reopened = await posts();
    const at = clock.now().toISOString().replace(/[-:.]/g, '');
    expect(notices).toEqual([
      { file: file('index.json'), movedTo: `${file('index.json')}.corrupt-${at}`, restoredFrom: file('months'), kind: 'index', postIds: [], lostPostIds: [] },
    ]);
    expect((await reopened.listRecent()).map((p) => p.id).sort()).toEqual([...ids].sort());
  });
});

describe('a store written by a newer Spheres', () => {
  it('reads its posts but refuses to change them, keeping the edit in memory', async () => {
    const { posts, file, dataDir } = harness();
    const service = await posts();
    const post = await service.create({ text: 'written by the future' });
    writeFileSync(file('store.json'), JSON.stringify({ schemaVersion: 2, createdAt: '2027-01-01T00:00:00.000Z', createdBy: '2.0.0', newThing: true }));
    const recent = file('recent', `${post.id}.json`);
    const future = { schemaVersion: 2, deletedAt: null, post: { ...post, reactions: ['a field v1 does not know'] } };
    writeFileSync(recent, JSON.stringify(future));

    const older = await posts();
    expect(older.readOnlyByVersion).toBe(true);
    expect((await older.get(post.id)).text).toBe('written by the future');
    const error = await failure(older.saveDraft({ id: post.id, text: 'edited by the past' }));
    expect(error.code).toBe('newer_version');
    expect(error.message).toBe(
      `Your posts in ${path.join(dataDir, 'posts')} were saved by a newer version of Spheres, so this version will not change them (it could lose what the newer version added). Update Spheres to keep editing; until then you can still read them.`,
    );
    expect(JSON.parse(readFileSync(recent, 'utf8'))).toEqual(future);
    expect((await older.get(post.id)).text).toBe('edited by the past');
    expect(older.status).toMatchObject({ state: 'failed', code: 'newer_version', unsavedPostIds: [post.id] });
  });
});

describe('when the disk cannot be written', () => {
  it('reports a missing data folder, never re-makes it, and saves once it is back', async () => {
    const { posts, dataDir } = harness();
    const service = await posts();
    const post = await service.create({ text: 'before the drive was unplugged' });
    renameSync(dataDir, `${dataDir}-unplugged`);

    const error = await failure(service.saveDraft({ id: post.id, text: 'typed while unplugged' }));
    expect(error.code).toBe('data_folder_missing');
    expect(error.message).toContain(`The Spheres data folder (${dataDir}) is missing.`);
    expect(existsSync(dataDir)).toBe(false);
    expect((await service.get(post.id)).text).toBe('typed while unplugged');

    renameSync(`${dataDir}-unplugged`, dataDir);
    expect((await service.flushPending()).state).toBe('saved');
    expect((await (await posts()).get(post.id)).text).toBe('typed while unplugged');
  });

  it('refuses to open a missing data folder when asked not to make one', async () => {
    const { posts, dataDir } = harness(path.join(tempDir(), 'not-there'));
    const error = await failure(posts({ createIfMissing: false }));
    expect(error.code).toBe('data_folder_missing');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reports a read-only folder, keeps the draft, and saves it when writing is allowed again', async () => {
    const { posts, fs, file } = harness();
    const service = await posts();
    const post = await service.create({ text: 'saved' });
    const recent = file('recent', `${post.id}.json`);
    const before = readFileSync(recent);
    fs.failWith = 'EACCES';

    const error = await failure(service.saveDraft({ id: post.id, text: 'typed while read-only' }));
    expect(error.code).toBe('read_only');
    expect(readFileSync(recent).equals(before)).toBe(true);
    expect((await service.get(post.id)).text).toBe('typed while read-only');

    fs.failWith = null;
    expect((await service.flushPending()).state).toBe('saved');
    expect((await (await posts()).get(post.id)).text).toBe('typed while read-only');
  });

  it('reports a full disk, damages nothing on disk, and saves once there is room', async () => {
    const { posts, fs, file, dataDir } = harness();
    const service = await posts();
    const post = await service.create({ text: 'saved' });
    await service.compact();
    await service.saveDraft({ id: post.id, text: 'saved, then edited' });
    const before = treeSnapshot(dataDir);
    fs.failWith = 'ENOSPC';

    const error = await failure(service.saveDraft({ id: post.id, text: 'typed on a full disk' }));
    expect(error.code).toBe('disk_full');
    await expect(service.compact()).rejects.toMatchObject({ code: 'disk_full' });
    expect(treeSnapshot(dataDir)).toEqual(before);
    expect(JSON.parse(readFileSync(file('recent', `${post.id}.json`), 'utf8')).post.text).toBe('saved, then edited');

    fs.failWith = null;
    expect((await service.flushPending()).state).toBe('saved');
    expect((await (await posts()).get(post.id)).text).toBe('typed on a full disk');
  });
});
