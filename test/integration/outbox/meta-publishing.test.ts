import { describe, expect, it } from 'vitest';
import { expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';
import { tinyJpeg, tinyPng } from '../../support/images';
import { CREATE_CONTAINER, metaWorldPerFile, postsSince, PUBLISHING_LIMIT, type MetaWorld } from './meta-harness';

const HOUR = 3_600_000;

let world: MetaWorld;
const openOutbox = metaWorldPerFile((started) => (world = started));

const jpeg = (seed: number) => ({ bytes: new Uint8Array(tinyJpeg({ orientation: 1 + (seed % 8) })), mime: 'image/jpeg', altText: `A photo, number ${seed}` });
const png = (seed: number) => ({ bytes: new Uint8Array(tinyPng({ width: 2 + seed, height: 3 })), mime: 'image/png', altText: seed % 2 === 0 ? '' : `Chart ${seed}` });

describe('posting to Threads, against the Threads fake written from Meta\'s API docs', () => {
  it('publishes a text post with no media host set up, through one container and one publish', async () => {
    const outbox = await openOutbox({ mediaHost: async () => null });
    const before = world.fakes.threads.posting.posts.length;
    const queued = await outbox.enqueue('threads', ['Just words on Threads']);
    const files = await snapshotWithIntents(outbox.dataDir);
    const sent = await outbox.engine.send(queued.id);
    expect(sent).toMatchObject({ state: 'published', attempts: 1 });
    const [post, ...others] = postsSince(world, 'threads', before);
    expect(others).toStrictEqual([]);
    expect(post).toMatchObject({ text: 'Just words on Threads', replyToId: null, images: [] });
    expect(sent.parts[0]).toMatchObject({ remote: { id: post!.id, url: post!.permalink } });
    expect(world.fakes.threads.posting.containers.get(post!.containerId)?.mediaType).toBe('TEXT');
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('posts a thread as replies, each part to the part before, once each', async () => {
    const outbox = await openOutbox();
    const parts = ['Threads thread 1/3', 'Threads thread 2/3', 'Threads thread 3/3'];
    const before = world.fakes.threads.posting.posts.length;
    const queued = await outbox.enqueue('threads', parts);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    const posts = postsSince(world, 'threads', before);
    expect(posts.map((post) => post.text)).toStrictEqual(parts);
    expect(posts.map((post) => post.replyToId)).toStrictEqual([null, posts[0]!.id, posts[1]!.id]);
  });

  it('posts one image with its alt text through the media host, and removes it from the host once Threads has it', async () => {
    const outbox = await openOutbox();
    const image = jpeg(1);
    const before = world.fakes.threads.posting.posts.length;
    const uploads = world.mediaHost.uploads.length;
    const queued = await outbox.enqueue('threads', ['A photo on Threads'], { images: [image] });
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    const [post] = postsSince(world, 'threads', before);
    expect(post?.images).toHaveLength(1);
    expect(post?.images[0]?.altText).toBe('A photo, number 1');
    // Location stripped before it left; otherwise the same image.
    expect(post?.images[0]?.bytes.length).toBeGreaterThan(100);
    const hosted = world.mediaHost.uploads.slice(uploads);
    expect(hosted.map((entry) => [entry.mime, entry.ttlSeconds])).toStrictEqual([['image/jpeg', 3600]]);
    expect(Buffer.from(post!.images[0]!.bytes).equals(Buffer.from(hosted[0]!.bytes))).toBe(true);
    expect(world.mediaHost.left()).toStrictEqual([]);
  });

  it('posts several images as one carousel, in order, with their alt texts, and removes every one from the host', async () => {
    const outbox = await openOutbox();
    const images = [png(1), png(2), png(3)];
    const before = world.fakes.threads.posting.posts.length;
    const queued = await outbox.enqueue('threads', ['A carousel on Threads'], { images });
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    const [post, ...others] = postsSince(world, 'threads', before);
    expect(others).toStrictEqual([]);
    expect(post?.images.map((image) => image.altText)).toStrictEqual(['Chart 1', null, 'Chart 3']);
    expect(world.fakes.threads.posting.containers.get(post!.containerId)?.mediaType).toBe('CAROUSEL');
    expect(world.mediaHost.left()).toStrictEqual([]);
  });

  it('refuses an image post for good when no media host is set up, saying where to set one up, and sends nothing', async () => {
    const outbox = await openOutbox({ mediaHost: async () => null });
    const before = world.fakes.threads.requests.filter(CREATE_CONTAINER).length;
    const queued = await outbox.enqueue('threads', ['A photo without a host'], { images: [jpeg(2)] });
    const files = await snapshotWithIntents(outbox.dataDir);
    expect(await outbox.engine.send(queued.id)).toMatchObject({
      state: 'failed_permanent',
      error: { kind: 'permanent', code: 'media_host_refused', message: expect.stringContaining('Settings → Media host') },
    });
    expect(world.fakes.threads.requests.filter(CREATE_CONTAINER).length).toBe(before);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('waits while the container is in progress, then publishes it', async () => {
    const outbox = await openOutbox();
    world.fakes.threads.posting.readsUntilFinished = 3;
    const queued = await outbox.enqueue('threads', ['Slow container']);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    expect(outbox.sleeps).toStrictEqual([1_000, 1_000, 1_000]);
    expect(world.fakes.threads.posting.countOf('Slow container')).toBe(1);
  });

  it('does not make a container when the 250 posts of the day are used up, and posts once Threads allows again', async () => {
    const outbox = await openOutbox();
    const posting = world.fakes.threads.posting;
    posting.usedElsewhere = 250;
    const containers = posting.containers.size;
    const queued = await outbox.enqueue('threads', ['Over the daily limit']);
    const files = await snapshotWithIntents(outbox.dataDir);
    const limited = await outbox.engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'daily_limit_reached' } });
    expect(Date.parse(limited.nextAttemptAt!) - world.clock.now).toBe(HOUR);
    expect(posting.containers.size).toBe(containers);
    expect(world.fakes.threads.requests.filter(PUBLISHING_LIMIT).at(-1)?.query.get('fields')).toBe('quota_usage,config');
    posting.usedElsewhere = 249;
    outbox.advance(HOUR);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(posting.countOf('Over the daily limit')).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });
});

describe('posting to Instagram, against the Instagram fake written from Meta\'s API docs', () => {
  it('publishes one image with its caption and alt text, and removes it from the media host', async () => {
    const outbox = await openOutbox();
    const before = world.fakes.instagram.posting.posts.length;
    const queued = await outbox.enqueue('instagram', ['A caption #spheres'], { images: [jpeg(3)] });
    const files = await snapshotWithIntents(outbox.dataDir);
    const sent = await outbox.engine.send(queued.id);
    expect(sent.state).toBe('published');
    const [post, ...others] = postsSince(world, 'instagram', before);
    expect(others).toStrictEqual([]);
    expect(post).toMatchObject({ text: 'A caption #spheres', images: [{ altText: 'A photo, number 3' }] });
    expect(sent.parts[0]?.remote).toStrictEqual({ id: post!.id, url: post!.permalink });
    expect(world.mediaHost.left()).toStrictEqual([]);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('publishes a carousel of 10 images as one post', async () => {
    const outbox = await openOutbox();
    const images = Array.from({ length: 10 }, (_, index) => png(index + 10));
    const before = world.fakes.instagram.posting.posts.length;
    const queued = await outbox.enqueue('instagram', ['Ten at once'], { images });
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    const [post, ...others] = postsSince(world, 'instagram', before);
    expect(others).toStrictEqual([]);
    expect(post?.images).toHaveLength(10);
    expect(world.mediaHost.left()).toStrictEqual([]);
  });

  it('refuses a post without an image for good (needs_image), before anything is sent', async () => {
    const outbox = await openOutbox();
    const requests = world.fakes.instagram.requests.length;
    const queued = await outbox.enqueue('instagram', ['No picture']);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_permanent', error: { code: 'needs_image' } });
    expect(world.fakes.instagram.requests.length).toBe(requests);
  });

  it('refuses a thread\'s later part (Instagram has no threads) for good', async () => {
    const outbox = await openOutbox();
    const queued = await outbox.enqueue('instagram', ['Caption', 'A second part'], { images: [jpeg(4)] });
    const sent = await outbox.engine.send(queued.id);
    expect(sent).toMatchObject({ state: 'failed_permanent', error: { code: 'rejected', message: expect.stringContaining('no threads') } });
    expect(world.fakes.instagram.posting.countOf('A second part')).toBe(0);
  });

  it('does not upload or make a container when the daily limit is used up', async () => {
    const outbox = await openOutbox();
    world.fakes.instagram.posting.usedElsewhere = world.fakes.instagram.posting.quotaTotal;
    const uploads = world.mediaHost.uploads.length;
    const creates = world.fakes.instagram.requests.filter(CREATE_CONTAINER).length;
    const queued = await outbox.enqueue('instagram', ['Limit reached'], { images: [jpeg(5)] });
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', error: { code: 'daily_limit_reached' } });
    expect(world.mediaHost.uploads.length).toBe(uploads);
    expect(world.fakes.instagram.requests.filter(CREATE_CONTAINER).length).toBe(creates);
  });
});
