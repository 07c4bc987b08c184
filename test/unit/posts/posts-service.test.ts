import { describe, expect, it, vi } from 'vitest';
import { PostsService, type PostsServiceOptions, type SaveStatus } from '../../../electron/core/posts';
import { StorageError } from '../../../electron/core/storage';
import { DAY, FakeClock, FaultyFs, MemoryFs } from '../../support/storage-fixtures';
import { failureOf } from '../../support/failure';

const DATA = '/data';

function harness() {
  const disk = new MemoryFs();
  const fs = new FaultyFs(disk);
  const clock = new FakeClock('2026-11-02T09:00:00.000Z');
  const statuses: SaveStatus[] = [];
  let n = 0;
  const options: PostsServiceOptions = {
    dataDir: DATA,
    fs,
    now: clock.now,
    newId: () => `post-${String(++n).padStart(6, '0')}`,
    onStatus: (status) => statuses.push(status),
    foldAfterIdleMs: 0,
    retryDelaysMs: [],
  };
  return { disk, fs, clock, statuses, options, open: (extra: Partial<PostsServiceOptions> = {}) => PostsService.open({ ...options, ...extra }) };
}

const failure = failureOf(StorageError);

describe('drafts', () => {
  it('starts an empty draft with no tone', async () => {
    const { open } = harness();
    const posts = await open();
    const draft = await posts.create();
    expect(draft).toMatchObject({ id: 'post-000001', status: 'draft', tone: null, text: '', createdAt: '2026-11-02T09:00:00.000Z', planned: null });
  });

  it('merges each autosave into the draft and keeps the fields it does not mention', async () => {
    const { open, clock } = harness();
    const posts = await open();
    const { id } = await posts.create({ tone: 'blend' });
    clock.advance(400);
    await posts.saveDraft({ id, text: 'Hello' });
    clock.advance(400);
    const saved = await posts.saveDraft({ id, targets: [{ network: 'bluesky' }] });
    expect(saved).toMatchObject({ text: 'Hello', tone: 'blend', targets: [{ network: 'bluesky' }], updatedAt: '2026-11-02T09:00:00.800Z' });
    expect(await posts.get(id)).toEqual(saved);
  });

  it('ignores fields autosave does not own, such as the status', async () => {
    const { open } = harness();
    const posts = await open();
    const { id } = await posts.create();
    const patch = { id, text: 'still a draft', status: 'queued' } as Parameters<typeof posts.saveDraft>[0];
    expect(await posts.saveDraft(patch)).toMatchObject({ text: 'still a draft', status: 'draft' });
  });

  it('makes a draft for an id the composer chose itself', async () => {
    const { open } = harness();
    const posts = await open();
    await posts.saveDraft({ id: 'composer-made-id', text: 'first keystrokes' });
    expect((await posts.get('composer-made-id')).text).toBe('first keystrokes');
  });

  it('keeps every draft across a restart, with or without the month files rewritten', async () => {
    const { open } = harness();
    const first = await open();
    const a = await first.create({ text: 'kept in recent' });
    const b = await first.create({ text: 'folded into its month' });
    await first.compact();
    await first.saveDraft({ id: a.id, text: 'kept in recent, edited' });
    const again = await open();
    expect((await again.get(a.id)).text).toBe('kept in recent, edited');
    expect((await again.get(b.id)).text).toBe('folded into its month');
  });

  it('reopens the draft edited last', async () => {
    const { open, clock } = harness();
    const posts = await open();
    const older = await posts.create({ text: 'older' });
    clock.advance(60_000);
    const newer = await posts.create({ text: 'newer' });
    clock.advance(60_000);
    await posts.saveDraft({ id: older.id, text: 'older, touched last' });
    clock.advance(60_000);
    await posts.update(newer.id, { status: 'queued', tone: 'blend' });
    await posts.close();
    const reopened = await open();
    expect((await reopened.lastEditedDraft())?.text).toBe('older, touched last');
    expect((await reopened.listRecent()).map((p) => p.text)).toEqual(['newer', 'older, touched last']);
  });

  it('coalesces autosaves that arrive while one is being written, keeping the last text', async () => {
    const { open } = harness();
    const posts = await open();
    const { id } = await posts.create();
    const saves = ['H', 'He', 'Hel', 'Hell', 'Hello'].map((text) => posts.saveDraft({ id, text }));
    expect((await Promise.all(saves)).map((p) => p.text)).toEqual(['H', 'He', 'Hel', 'Hell', 'Hello']);
    expect((await (await open()).get(id)).text).toBe('Hello');
  });

  it('writes one small file per autosave, whatever the size of the history', async () => {
    const { open, fs, clock } = harness();
    const posts = await open();
    for (let i = 0; i < 300; i++) {
      clock.advance(DAY / 10);
      await posts.create({ text: `post ${i} `.repeat(20) });
    }
    await posts.compact();
    const { id } = await posts.create();
    const before = fs.bytesWritten;
    await posts.saveDraft({ id, text: 'one more word' });
    expect(fs.bytesWritten - before).toBeLessThan(1_000);
  });

  it('refuses a post id that does not exist', async () => {
    const { open } = harness();
    const posts = await open();
    const error = await failure(posts.get('no-such-post'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('There is no post no-such-post: it may have been deleted and emptied from the trash.');
    expect((await failure(posts.update('no-such-post', { status: 'queued' }))).code).toBe('not_found');
  });
});

describe('the calendar month', () => {
  it('lists a month by planned time, else by creation time, in time order', async () => {
    const { open } = harness();
    const posts = await open();
    const late = await posts.create({ text: 'late', planned: { at: '2026-11-28T10:00:00.000Z', zone: 'Europe/Copenhagen' } });
    const unplanned = await posts.create({ text: 'unplanned, created in November' });
    await posts.create({ text: 'December', planned: { at: '2026-12-01T10:00:00.000Z', zone: 'Europe/Copenhagen' } });
    const early = await posts.create({ text: 'early', planned: { at: '2026-11-01T07:00:00.000Z', zone: 'Europe/Copenhagen' } });
    expect((await posts.listMonth('2026-11')).map((p) => p.id)).toEqual([early.id, unplanned.id, late.id]);
  });

  it('moves a post to its new month when its planned time changes', async () => {
    const { open } = harness();
    const posts = await open();
    const post = await posts.create({ text: 'moving', planned: { at: '2026-11-20T10:00:00.000Z', zone: 'UTC' } });
    await posts.compact();
    await posts.saveDraft({ id: post.id, planned: { at: '2027-01-05T10:00:00.000Z', zone: 'UTC' } });
    expect(await posts.listMonth('2026-11')).toEqual([]);
    expect((await posts.listMonth('2027-01')).map((p) => p.id)).toEqual([post.id]);
    await posts.compact();
    const reopened = await open();
    expect(await reopened.listMonth('2026-11')).toEqual([]);
    expect((await reopened.listMonth('2027-01')).map((p) => p.id)).toEqual([post.id]);
  });

  it('refuses a month that is not written YYYY-MM', async () => {
    const { open } = harness();
    await expect((await open()).listMonth('2026-13')).rejects.toThrow('a month is written YYYY-MM');
  });
});

describe('the trash', () => {
  it('takes a deleted post out of its month and the recent list, for 30 days', async () => {
    const { open } = harness();
    const posts = await open();
    const post = await posts.create({ text: 'regret' });
    const trashed = await posts.delete(post.id);
    expect(trashed).toEqual({ post, deletedAt: '2026-11-02T09:00:00.000Z', purgeAfter: '2026-12-02T09:00:00.000Z' });
    expect(await posts.listMonth('2026-11')).toEqual([]);
    expect(await posts.listRecent()).toEqual([]);
    expect((await failure(posts.get(post.id))).code).toBe('not_found');
    expect((await posts.listTrash()).map((t) => t.post.id)).toEqual([post.id]);
  });

  it('undoes a delete, bringing the post back unchanged', async () => {
    const { open } = harness();
    const posts = await open();
    const post = await posts.create({ text: 'keep me after all' });
    await posts.delete(post.id);
    expect(await posts.restore(post.id)).toEqual(post);
    expect(await (await open()).get(post.id)).toEqual(post);
    expect(await posts.listTrash()).toEqual([]);
  });

  it('refuses to edit a post in the trash, saying to restore it', async () => {
    const { open } = harness();
    const posts = await open();
    const post = await posts.create();
    await posts.delete(post.id);
    const error = await failure(posts.saveDraft({ id: post.id, text: 'typing into a deleted draft' }));
    expect(error.message).toBe(`The post ${post.id} is in the trash. Restore it to keep editing.`);
  });

  it('keeps a deleted post for 30 days and purges it after', async () => {
    const { open, clock } = harness();
    const posts = await open();
    const old = await posts.create({ text: 'old' });
    await posts.delete(old.id);
    clock.advanceDays(10);
    const recent = await posts.create({ text: 'recent' });
    await posts.delete(recent.id);
    clock.advanceDays(19);
    expect(await posts.purgeExpiredTrash()).toEqual([]);
    clock.advanceDays(1);
    expect(await posts.purgeExpiredTrash()).toEqual([old.id]);
    expect((await posts.listTrash()).map((t) => t.post.id)).toEqual([recent.id]);
    const reopened = await open();
    expect((await failure(reopened.restore(old.id))).code).toBe('not_found');
    expect((await reopened.listTrash()).map((t) => t.post.id)).toEqual([recent.id]);
  });
});

describe('when the disk is full', () => {
  it('keeps the draft in memory, says why, and saves it once there is room', async () => {
    const { open, fs, statuses } = harness();
    const posts = await open();
    const { id } = await posts.create({ text: 'saved before the disk filled' });
    fs.failWith = 'ENOSPC';
    const error = await failure(posts.saveDraft({ id, text: 'typed while the disk was full' }));
    expect(error.code).toBe('disk_full');
    expect(error.details.postId).toBe(id);
    expect(posts.status).toEqual({ state: 'failed', code: 'disk_full', message: error.message, unsavedPostIds: [id] });
    expect((await posts.get(id)).text).toBe('typed while the disk was full');
    expect((await (await open()).get(id)).text).toBe('saved before the disk filled');

    fs.failWith = null;
    expect(await posts.flushPending()).toEqual({ state: 'saved', at: '2026-11-02T09:00:00.000Z' });
    expect((await (await open()).get(id)).text).toBe('typed while the disk was full');
    expect(statuses.map((s) => s.state)).toEqual(['saving', 'saved', 'saving', 'failed', 'saving', 'saved']);
  });

  it('also keeps a brand-new draft whose first save failed', async () => {
    const { open, fs } = harness();
    const posts = await open();
    fs.failWith = 'ENOSPC';
    const error = await failure(posts.create({ text: 'first words' }));
    const id = error.details.postId ?? '';
    expect((await posts.get(id)).text).toBe('first words');
    expect((await posts.lastEditedDraft())?.id).toBe(id);
    fs.failWith = null;
    expect((await posts.flushPending()).state).toBe('saved');
    expect((await (await open()).get(id)).text).toBe('first words');
  });

  it('retries on its own after a pause', async () => {
    const { open, fs } = harness();
    const posts = await open({ retryDelaysMs: [20] });
    const { id } = await posts.create();
    fs.failWith = 'ENOSPC';
    await failure(posts.saveDraft({ id, text: 'retried' }));
    fs.failWith = null;
    await vi.waitFor(() => expect(posts.status.state).toBe('saved'), { timeout: 2_000, interval: 10 });
    expect((await (await open()).get(id)).text).toBe('retried');
  });
});
