import { describe, expect, it } from 'vitest';
import type { PostQuery } from '../../../common/domain';
import { PostsService, type PostsServiceOptions } from '../../../electron/core/posts';
import { FakeClock, FaultyFs, MemoryFs } from '../../support/storage-fixtures';

function harness() {
  const disk = new MemoryFs();
  const fs = new FaultyFs(disk);
  const clock = new FakeClock('2026-11-02T09:00:00.000Z');
  let n = 0;
  const options: PostsServiceOptions = {
    dataDir: '/data',
    fs,
    now: clock.now,
    newId: () => `post-${String(++n).padStart(6, '0')}`,
    foldAfterIdleMs: 0,
    retryDelaysMs: [],
  };
  return { disk, fs, clock, open: () => PostsService.open(options) };
}

const all: PostQuery = { sort: 'updated', offset: 0, limit: 100 };
const texts = async (posts: PostsService, query: Partial<PostQuery> = {}) => (await posts.query({ ...all, ...query })).items.map((item) => item.text);

describe('the drafts library: search', () => {
  it('finds a Danish word typed without its letters æ, ø, å or accents, in any case', async () => {
    const { open, clock } = harness();
    const posts = await open();
    await posts.create({ text: 'Smørrebrød på Café Ærø i Århus' });
    clock.advance(1000);
    await posts.create({ text: 'Quarterly numbers' });
    for (const search of ['smoerrebroed', 'smorrebrod', 'CAFE', 'aeroe', 'aro', 'aarhus', 'arhus', 'smørrebrød']) {
      expect(await texts(posts, { text: search }), search).toEqual(['Smørrebrød på Café Ærø i Århus']);
    }
    expect(await texts(posts, { text: 'Odense' })).toEqual([]);
  });

  it('needs every word of the search, in any order, and searches per-network texts and the content warning too', async () => {
    const { open, clock } = harness();
    const posts = await open();
    await posts.create({ text: 'launch day', overrides: { linkedin: 'Our new product is here' } });
    clock.advance(1000);
    await posts.create({ text: 'a quiet day', contentWarning: 'spoilers for the finale' });
    expect(await texts(posts, { text: 'day launch' })).toEqual(['launch day']);
    expect(await texts(posts, { text: 'product' })).toEqual(['launch day']);
    expect(await texts(posts, { text: 'FINALE' })).toEqual(['a quiet day']);
    expect(await posts.query({ ...all, text: 'nothing like this' })).toEqual({ total: 0, items: [] });
  });

  it('sees every save, delete, restore and edit made after its first search', async () => {
    const { open } = harness();
    const posts = await open();
    const post = await posts.create({ text: 'first words' });
    expect(await texts(posts, { text: 'first' })).toEqual(['first words']);
    await posts.saveDraft({ id: post.id, text: 'second thoughts' });
    expect(await texts(posts, { text: 'first' })).toEqual([]);
    expect(await texts(posts, { text: 'second' })).toEqual(['second thoughts']);
    await posts.delete(post.id);
    expect(await texts(posts, { text: 'second' })).toEqual([]);
    expect((await posts.trashPage({ offset: 0, limit: 10 })).items.map((item) => item.id)).toEqual([post.id]);
    await posts.restore(post.id);
    expect(await texts(posts, { text: 'second' })).toEqual(['second thoughts']);
    expect(await posts.trashPage({ offset: 0, limit: 10 })).toEqual({ total: 0, items: [] });
  });

  it('builds its rows from the month files after a restart, recent saves and trash included', async () => {
    const { open, clock } = harness();
    const first = await open();
    const folded = await first.create({ text: 'folded into October', planned: { at: '2026-10-05T08:00:00.000Z', zone: 'Europe/Copenhagen' } });
    await first.compact();
    clock.advance(1000);
    await first.create({ text: 'still a recent file' });
    const gone = await first.create({ text: 'in the trash' });
    await first.delete(gone.id);
    await first.saveDraft({ id: folded.id, tone: 'private' });
    const again = await open();
    expect((await again.query(all)).items.map((item) => [item.text, item.tone])).toEqual([
      ['folded into October', 'private'],
      ['still a recent file', null],
    ]);
    expect((await again.trashPage({ offset: 0, limit: 10 })).items.map((item) => item.text)).toEqual(['in the trash']);
  });

  it('keeps every change made while its rows are first being built, month by month', async () => {
    const { open } = harness();
    const first = await open();
    const at = (month: string) => ({ at: `2026-${month}-10T08:00:00.000Z`, zone: 'UTC' });
    const moved = await first.create({ text: 'moves from December to January', planned: at('12') });
    const trashed = await first.create({ text: 'trashed during the build', planned: at('06') });
    await first.create({ text: 'stays in March', planned: at('03') });
    await first.compact();
    await first.close();
    const posts = await open();
    const building = posts.query(all);
    // Each change lands between two month reads; December is read after January already was.
    const changes = Promise.all([
      posts.saveDraft({ id: moved.id, planned: at('01'), text: 'moved to January' }),
      posts.delete(trashed.id),
      posts.create({ text: 'made during the build' }),
    ]);
    await Promise.all([building, changes]);
    await posts.flushPending();
    expect((await texts(posts)).sort()).toEqual(['made during the build', 'moved to January', 'stays in March']);
    expect((await posts.trashPage({ offset: 0, limit: 10 })).items.map((item) => item.text)).toEqual(['trashed during the build']);
  });

  it('keeps a post saved while its rows are first being built', async () => {
    const { open } = harness();
    const posts = await open();
    await posts.create({ text: 'before the build' });
    const building = posts.query(all);
    const during = posts.create({ text: 'during the build' });
    await Promise.all([building, during]);
    expect((await texts(posts)).sort()).toEqual(['before the build', 'during the build']);
  });
});

describe('the drafts library: filters, sort and pages', () => {
  async function library() {
    const { open, clock } = harness();
    const posts = await open();
    const a = await posts.create({ text: 'a', tone: 'private', targets: [{ network: 'bluesky' }], planned: { at: '2026-12-01T10:00:00.000Z', zone: 'UTC' } });
    clock.advance(1000);
    const b = await posts.create({ text: 'b', tone: 'professional', targets: [{ network: 'linkedin' }, { network: 'x' }], planned: { at: '2026-11-20T10:00:00.000Z', zone: 'UTC' } });
    clock.advance(1000);
    const c = await posts.create({ text: 'c', tone: 'blend', targets: [{ network: 'x' }] });
    clock.advance(1000);
    await posts.create({ text: 'd' });
    await posts.update(c.id, { status: 'queued' });
    return { posts, a, b, c };
  }

  it('filters by tone, by "no tone yet", by network (any of those picked) and by status', async () => {
    const { posts } = await library();
    expect(await texts(posts, { tones: ['private', 'blend'] })).toEqual(['c', 'a']);
    expect(await texts(posts, { untoned: true })).toEqual(['d']);
    expect(await texts(posts, { tones: ['professional'], untoned: true })).toEqual(['d', 'b']);
    expect(await texts(posts, { networks: ['x'] })).toEqual(['c', 'b']);
    expect(await texts(posts, { networks: ['x', 'bluesky'] })).toEqual(['c', 'b', 'a']);
    expect(await texts(posts, { statuses: ['queued'] })).toEqual(['c']);
    expect(await texts(posts, { tones: ['professional'], networks: ['x'], statuses: ['draft'] })).toEqual(['b']);
  });

  it('sorts by last edit, newest first, or by planned time, soonest first with unplanned posts last', async () => {
    const { posts } = await library();
    expect(await texts(posts, { sort: 'updated' })).toEqual(['c', 'd', 'b', 'a']);
    expect(await texts(posts, { sort: 'planned' })).toEqual(['b', 'a', 'c', 'd']);
  });

  it('pages through the results and counts all of them', async () => {
    const { posts } = await library();
    expect(await posts.query({ ...all, offset: 1, limit: 2 })).toMatchObject({ total: 4, items: [{ text: 'd' }, { text: 'b' }] });
    expect(await posts.query({ ...all, offset: 4, limit: 2 })).toEqual({ total: 4, items: [] });
  });

  it('gives a row what the list shows and no more: the opening of the text, networks and the image count', async () => {
    const { open } = harness();
    const posts = await open();
    const media = [{ mediaId: 'a'.repeat(64), mime: 'image/png', bytes: 10, altText: 'a cat' }];
    const post = await posts.create({ text: `${'x'.repeat(199)}😀 and more`, tone: 'blend', targets: [{ network: 'mastodon' }], media });
    expect((await posts.query(all)).items).toEqual([
      { id: post.id, text: 'x'.repeat(199), tone: 'blend', networks: ['mastodon'], status: 'draft', updatedAt: post.updatedAt, planned: null, mediaCount: 1 },
    ]);
  });
});

describe('duplicating a post', () => {
  it('makes a new draft with exactly the editable fields, and leaves the original as it was', async () => {
    const { open, clock } = harness();
    const posts = await open();
    const original = await posts.create({
      text: 'the original',
      tone: 'professional',
      overrides: { linkedin: 'for LinkedIn' },
      targets: [{ network: 'linkedin' }, { network: 'mastodon' }],
      media: [{ mediaId: 'b'.repeat(64), mime: 'image/jpeg', bytes: 20, width: 4, height: 3, altText: 'a chart' }],
      contentWarning: 'numbers',
      threadNumbering: true,
      planned: { at: '2026-11-10T08:00:00.000Z', zone: 'Europe/Copenhagen' },
    });
    const published = await posts.update(original.id, {
      status: 'published',
      results: [{ target: { network: 'linkedin' }, state: 'published', remoteIds: ['urn:1'], attempts: 1, updatedAt: '2026-11-02T09:00:00.000Z' }],
    });
    const before = JSON.stringify(await posts.exportPosts());
    clock.advance(5000);
    const copy = await posts.duplicate(original.id);
    const { id, createdAt, updatedAt, status, results, ...copied } = copy;
    const { id: _id, createdAt: _c, updatedAt: _u, status: _s, results: _r, ...editable } = published;
    expect(copied).toEqual(editable);
    expect({ id, createdAt, updatedAt, status, results }).toEqual({
      id: 'post-000002',
      createdAt: '2026-11-02T09:00:05.000Z',
      updatedAt: '2026-11-02T09:00:05.000Z',
      status: 'draft',
      results: [],
    });
    const after = (await posts.exportPosts()).filter((stored) => stored.post.id !== copy.id);
    expect(JSON.stringify(after)).toBe(before);
  });

  it('refuses a post in the trash or one that does not exist', async () => {
    const { open } = harness();
    const posts = await open();
    const post = await posts.create({ text: 'gone' });
    await posts.delete(post.id);
    await expect(posts.duplicate(post.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(posts.duplicate('no-such-post')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('emptying the trash', () => {
  it('deletes for good only the posts in the trash and leaves every other post byte-identical on disk', async () => {
    const { open, clock, disk } = harness();
    const posts = await open();
    const kept = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(1000);
      kept.push(await posts.create({ text: `keep ${i}`, planned: { at: `2026-0${i + 3}-01T08:00:00.000Z`, zone: 'UTC' } }));
    }
    const trashed = [await posts.create({ text: 'bin 1', planned: { at: '2026-03-02T08:00:00.000Z', zone: 'UTC' } }), await posts.create({ text: 'bin 2' })];
    for (const post of trashed) await posts.delete(post.id);
    await posts.compact();
    const keptBefore = JSON.stringify((await posts.exportPosts()).filter((stored) => stored.deletedAt === null).sort((a, b) => a.post.id.localeCompare(b.post.id)));
    expect((await posts.emptyTrash()).sort()).toEqual(trashed.map((post) => post.id));
    const again = await open();
    const everything = (await again.exportPosts()).sort((a, b) => a.post.id.localeCompare(b.post.id));
    expect(JSON.stringify(everything)).toBe(keptBefore);
    expect(await again.trashPage({ offset: 0, limit: 10 })).toEqual({ total: 0, items: [] });
    for (const post of trashed) await expect(again.get(post.id)).rejects.toMatchObject({ code: 'not_found' });
    // Nothing of a removed post is left in a store file (the rolling .bak copies age out with later writes).
    for (const [file, bytes] of disk.files) if (!/\.bak\d$/.test(file)) expect(bytes.toString('utf8').includes('bin '), file).toBe(false);
  });

  it('does not write a removed post back when its delete had been waiting to be saved', async () => {
    const { open, fs } = harness();
    const posts = await open();
    const post = await posts.create({ text: 'deleted while the disk was failing' });
    fs.failWith = 'ENOSPC';
    await expect(posts.delete(post.id)).rejects.toMatchObject({ code: 'disk_full' });
    fs.failWith = null;
    expect(await posts.emptyTrash()).toEqual([post.id]);
    expect(posts.status.state).toBe('saved');
    await posts.flushPending();
    await posts.close();
    const again = await open();
    await expect(again.get(post.id)).rejects.toMatchObject({ code: 'not_found' });
    expect(await again.trashPage({ offset: 0, limit: 10 })).toEqual({ total: 0, items: [] });
  });

  it('drops the removed posts from the library and keeps the rest', async () => {
    const { open } = harness();
    const posts = await open();
    await posts.create({ text: 'stays' });
    const bin = await posts.create({ text: 'goes' });
    expect(await texts(posts)).toHaveLength(2);
    await posts.delete(bin.id);
    await posts.emptyTrash();
    expect(await texts(posts)).toEqual(['stays']);
  });
});

describe('the drafts library through the contract', () => {
  it('refuses a page larger than the cap, an unknown filter or tone, and a negative offset, each with a sentence saying why', async () => {
    const { inProcessApp } = await import('../../support/in-process-app');
    const { api } = await inProcessApp();
    await expect(api.posts.query({ sort: 'updated', offset: 0, limit: 501 })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Invalid input for posts.query: limit: ask for at most 500 rows at a time.',
    });
    await expect(api.posts.query({ sort: 'updated', offset: -1, limit: 10 })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('offset starts at 0') });
    await expect(api.posts.query({ sort: 'updated', offset: 0, limit: 10, tones: ['angry'] } as never)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('tones.0') });
    await expect(api.posts.query({ sort: 'newest', offset: 0, limit: 10 } as never)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('sort') });
    await expect(api.posts.query({ sort: 'updated', offset: 0, limit: 10, owner: 'me' } as never)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('owner') });
    await expect(api.posts.listTrash({ offset: 0, limit: 1000 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.posts.emptyTrash({ all: true } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.posts.duplicate({ id: '../etc' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('answers with list rows, never whole posts', async () => {
    const { inProcessApp } = await import('../../support/in-process-app');
    const { api } = await inProcessApp();
    await api.posts.saveDraft({ id: 'long-post-1', text: 'ø'.repeat(5000), overrides: { x: 'secret override' }, targets: [{ network: 'x' }] });
    const page = await api.posts.query({ sort: 'updated', offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(Object.keys(page.items[0] ?? {}).sort()).toEqual(['id', 'mediaCount', 'networks', 'planned', 'status', 'text', 'tone', 'updatedAt']);
    expect(page.items[0]?.text).toHaveLength(200);
    expect(JSON.stringify(page)).not.toContain('secret override');
  });
});
