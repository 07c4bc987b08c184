import { describe, expect, it } from 'vitest';
import type { MediaHost } from '../../../electron/core/outbox/media-host';
import { tinyPng } from '../../support/images';
import { dyingFs, expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';
import { CONTAINER_STATUS, CREATE_CONTAINER, metaOutboxFor, metaWorldPerFile, postsSince, PUBLISH, type MetaNetwork, type MetaWorld } from './meta-harness';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let world: MetaWorld;
const openOutbox = metaWorldPerFile((started) => (world = started));

const image = (seed: number) => ({ bytes: new Uint8Array(tinyPng({ width: 3 + seed, height: 2 })), mime: 'image/png', altText: `Image ${seed}` });

/** What each network's post needs: Instagram an image. */
const extrasFor = (network: MetaNetwork, seed: number) => (network === 'instagram' ? { images: [image(seed)] } : {});

function counts(network: MetaNetwork) {
  const requests = world.fakes[network].requests;
  return { creates: requests.filter(CREATE_CONTAINER).length, publishes: requests.filter(PUBLISH).length, containers: world.fakes[network].posting.containers.size };
}

function since(network: MetaNetwork, before: ReturnType<typeof counts>) {
  const now = counts(network);
  return { creates: now.creates - before.creates, publishes: now.publishes - before.publishes, containers: now.containers - before.containers };
}

describe.each(['threads', 'instagram'] as const)('exactly once on %s through faults, against the Meta fake written from Meta\'s API docs', (network) => {
  it('leaves exactly one post when the container was made and its answer lost (drop_response on the container), with no container published twice', async () => {
    const outbox = await openOutbox();
    const text = `${network}: container made, answer lost`;
    const before = counts(network);
    const posts = world.fakes[network].posting.posts.length;
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 1));
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxies[network].inject({ kind: 'drop_response' }, CREATE_CONTAINER);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { kind: 'unknown', code: 'connection_lost' } });
    // Its id never reached Spheres, so nothing was saved and nothing can publish it.
    expect(outbox.engine.get(queued.id)?.parts[0]?.step ?? '').not.toContain('container:');
    outbox.advance(MINUTE);
    expect((await outbox.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    expect(postsSince(world, network, posts)).toHaveLength(1);
    // The lost container stays unpublished (it expires on its own); one publish in all.
    expect(since(network, before)).toMatchObject({ creates: 2, publishes: 1 });
    expect(world.mediaHost.left()).toStrictEqual([]);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('leaves exactly one post when the publish was committed and its answer lost (drop_response on publish), finding the post instead of publishing again', async () => {
    const outbox = await openOutbox();
    const text = `${network}: published, answer lost`;
    const before = counts(network);
    const posts = world.fakes[network].posting.posts.length;
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 2));
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxies[network].inject({ kind: 'drop_response' }, PUBLISH);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    outbox.advance(5 * MINUTE);
    expect((await outbox.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    const [post, ...others] = postsSince(world, network, posts);
    expect(others).toStrictEqual([]);
    expect(outbox.engine.get(queued.id)?.parts[0]?.remote).toStrictEqual({ id: post!.id, url: post!.permalink });
    expect(since(network, before)).toMatchObject({ creates: 1, publishes: 1 });
    expect(world.mediaHost.left()).toStrictEqual([]);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('finds a post whose publish answer was lost after the account posted 150 more since, reading its posts back page by page', async () => {
    const outbox = await openOutbox();
    const text = `${network}: published, answer lost, then 150 more`;
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 3));
    void world.proxies[network].inject({ kind: 'drop_response' }, PUBLISH);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    const posting = world.fakes[network].posting;
    const ours = posting.posts.at(-1)!;
    expect(ours.text).toBe(text);
    // Posted from elsewhere (the app, another tool) before Spheres asks: two pages of 100 later, ours is on the second.
    for (let n = 0; n < 150; n += 1) posting.posts.push({ ...ours, id: `${ours.id}${n}`, containerId: `${ours.containerId}${n}`, text: `Posted elsewhere ${n}`, publishedAt: ours.publishedAt + 1_000 + n });
    outbox.advance(5 * MINUTE);
    expect((await outbox.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(outbox.engine.get(queued.id)?.parts[0]?.remote?.id).toBe(ours.id);
    expect(posting.countOf(text)).toBe(1);
  });

  it('publishes the saved container, not a new one, when the publish request was reset before it arrived', async () => {
    const outbox = await openOutbox();
    const text = `${network}: publish reset before forwarding`;
    const before = counts(network);
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 3));
    void world.proxies[network].inject({ kind: 'reset' }, PUBLISH);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    expect(world.fakes[network].posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    expect(since(network, before)).toMatchObject({ creates: 1, publishes: 1 });
  });

  it('leaves exactly one post when the publish timed out after Meta committed it', async () => {
    const outbox = await openOutbox({ timeoutMs: 1_000 });
    const text = `${network}: publish timed out after commit`;
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 4));
    const held = world.proxies[network].inject({ kind: 'hang' }, PUBLISH);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'timed_out' } });
    await held;
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
  });

  it('publishes once after a 503 on the container, and after a 502 on its status check (the saved container is reused)', async () => {
    const outbox = await openOutbox();
    const text = `${network}: 503 then 502`;
    const before = counts(network);
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 5));
    void world.proxies[network].inject({ kind: 'status', status: 503 }, CREATE_CONTAINER);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'server_error' } });
    void world.proxies[network].inject({ kind: 'status', status: 502 }, CONTAINER_STATUS);
    outbox.advance(MINUTE);
    expect((await outbox.engine.sendDue())[0]).toMatchObject({ state: 'failed_retryable', error: { code: 'server_error' } });
    outbox.advance(5 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 3 });
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    // The 503 never reached Meta; the container of attempt 2 is the one published in attempt 3.
    expect(since(network, before)).toMatchObject({ creates: 1, publishes: 1 });
    // Its images stayed up while its state was unknown, and went once attempt 3 saw it ready.
    expect(world.mediaHost.left()).toStrictEqual([]);
  });

  it('waits as long as a 429\'s Retry-After asks, then publishes the saved container once', async () => {
    const outbox = await openOutbox();
    const text = `${network}: 429 on publish`;
    const before = counts(network);
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 6));
    void world.proxies[network].inject({ kind: 'rate_limit', retryAfterSeconds: 600 }, PUBLISH);
    const limited = await outbox.engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { code: 'rate_limited' } });
    expect(Date.parse(limited.nextAttemptAt!) - Date.parse(limited.updatedAt)).toBe(600_000);
    outbox.advance(10 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    // The 429 came from in front of Meta: the one publish Meta saw is the one after the wait.
    expect(since(network, before)).toMatchObject({ creates: 1, publishes: 1 });
  });

  it('records the post when an earlier, late publish of the same container got there first (Meta refuses the second)', async () => {
    const outbox = await openOutbox();
    const text = `${network}: late first publish`;
    const posts = world.fakes[network].posting.posts.length;
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 11));
    // The publish request as Meta receives it, just after the delayed first one was published.
    void world.proxies[network].inject({ kind: 'slow', delayMs: 0 }, (request) => {
      if (!PUBLISH(request)) return false;
      const step = outbox.engine.get(queued.id)?.parts[0]?.step;
      world.fakes[network].posting.publish(step!.replace('container:', ''));
      return true;
    });
    const sent = await outbox.engine.send(queued.id);
    expect(sent.state).toBe('published');
    const [post, ...others] = postsSince(world, network, posts);
    expect(others).toStrictEqual([]);
    expect(sent.parts[0]?.remote?.id).toBe(post?.id);
  });

  it('publishes once through a slow answer', async () => {
    const outbox = await openOutbox();
    const text = `${network}: slow publish`;
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 7));
    void world.proxies[network].inject({ kind: 'slow', delayMs: 200 }, PUBLISH);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
  });

  it('makes a new container when the saved one expired unpublished (24 hours), and posts once', async () => {
    const outbox = await openOutbox();
    const text = `${network}: container expired`;
    const before = counts(network);
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 8));
    void world.proxies[network].inject({ kind: 'status', status: 503 }, PUBLISH);
    expect((await outbox.engine.send(queued.id)).state).toBe('failed_retryable');
    const first = outbox.engine.get(queued.id)?.parts[0]?.step;
    outbox.advance(DAY);
    const expired = world.fakes[network].posting.containers.get(/^container:(\d+)/.exec(first!)![1]!);
    expect(world.fakes[network].posting.statusOf(expired!)).toBe('EXPIRED');
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(outbox.engine.get(queued.id)?.parts[0]?.step).not.toBe(first);
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    expect(since(network, before)).toMatchObject({ creates: 2, publishes: 1 });
    expect(world.mediaHost.left()).toStrictEqual([]);
  });

  it('lets the post wait for a reconnect when Meta no longer accepts the token', async () => {
    const outbox = await openOutbox();
    const text = `${network}: signed out`;
    const queued = await outbox.enqueue(network, [text], extrasFor(network, 9));
    const token = world.credentials[network].accessToken;
    world.fakes[network].authority.revoke(token);
    try {
      expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', nextAttemptAt: null, error: { kind: 'reconnect', code: 'reconnect_needed' } });
    } finally {
      world.credentials[network] = { ...world.credentials[network], accessToken: world.fakes[network].issuePostingToken(world.credentials[network].scopes?.slice(2)) };
    }
    expect(world.fakes[network].posting.countOf(text)).toBe(0);
  });
});

describe('Threads threads and Meta images through faults', () => {
  it.each(['threads', 'instagram'] as const)('on %s, a process killed after Meta published but before the answer was written finds the post at the next start: one post', async (network) => {
    const text = `${network}: killed mid-publish`;
    const posts = world.fakes[network].posting.posts.length;
    const first = metaOutboxFor(world);
    await first.engine.open();
    const queued = await first.enqueue(network, [text], extrasFor(network, 30));
    await first.engine.close();
    // The same folder on a disk that dies the moment Meta has the post, as a SIGKILL would leave it.
    const dying = metaOutboxFor(world, { dataDir: first.dataDir, fs: dyingFs(() => world.fakes[network].posting.posts.length > posts) });
    await dying.engine.open();
    await expect(dying.engine.send(queued.id)).rejects.toThrow('the process is gone');
    await dying.engine.close().catch(() => undefined);
    expect(world.fakes[network].posting.countOf(text)).toBe(1);

    const restarted = metaOutboxFor(world, { dataDir: first.dataDir });
    await restarted.engine.open();
    expect(restarted.engine.get(queued.id)).toMatchObject({ state: 'unknown', parts: [{ step: expect.stringMatching(/^container:\d+(\|images:.+)?$/), remote: null }] });
    restarted.advance(MINUTE);
    expect((await restarted.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    expect(restarted.engine.get(queued.id)?.parts[0]?.remote?.id).toBe(postsSince(world, network, posts)[0]?.id);
    await restarted.cleanup();
  });

  it.each(['threads', 'instagram'] as const)('on %s, a process killed after its images went up but before the container was saved leaves no image on the media host: the next start removes them', async (network) => {
    const text = `${network}: killed before the container was saved`;
    const containers = world.fakes[network].posting.containers.size;
    const first = metaOutboxFor(world);
    await first.engine.open();
    const queued = await first.enqueue(network, [text], { images: [image(40)] });
    await first.engine.close();
    // The disk and the process die the moment Meta has made the container: its id never reaches the
    // intent, and no clean-up of the dying process reaches the media host.
    const dead = () => world.fakes[network].posting.containers.size > containers;
    const host = world.mediaHost;
    const dyingHost: MediaHost = {
      put: (input) => host.put(input),
      remove: async (key) => (dead() ? Promise.reject(new Error('the process is gone')) : host.remove(key)),
      removeOlderThan: (before) => host.removeOlderThan(before),
    };
    const dying = metaOutboxFor(world, { dataDir: first.dataDir, fs: dyingFs(dead), mediaHost: async () => dyingHost });
    await dying.engine.open();
    await expect(dying.engine.send(queued.id)).rejects.toThrow('the process is gone');
    await dying.engine.close().catch(() => undefined);
    expect(world.mediaHost.left()).toHaveLength(1);

    const restarted = metaOutboxFor(world, { dataDir: first.dataDir });
    await restarted.engine.open();
    expect(restarted.engine.get(queued.id)?.parts[0]?.step).toMatch(/^images:spheres\//);
    restarted.advance(MINUTE);
    expect((await restarted.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    expect(world.mediaHost.left()).toStrictEqual([]);
    await restarted.cleanup();
  });

  it('waits as unknown, never posting again, when the reply it must find cannot be listed (a token without threads_read_replies)', async () => {
    const outbox = await openOutbox();
    const parts = ['No replies scope 1/2', 'No replies scope 2/2'];
    const full = world.credentials.threads;
    world.credentials.threads = { accessToken: world.fakes.threads.issuePostingToken(), scopes: ['threads_basic', 'threads_content_publish'] };
    try {
      const queued = await outbox.enqueue('threads', parts);
      let seen = 0;
      void world.proxies.threads.inject({ kind: 'drop_response' }, (request) => PUBLISH(request) && ++seen === 2);
      expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
      outbox.advance(MINUTE);
      await outbox.engine.sendDue();
      expect(outbox.engine.get(queued.id)).toMatchObject({
        state: 'unknown',
        error: { kind: 'unknown', message: expect.stringContaining('would not list the account\'s posts') },
        parts: [{ remote: { id: expect.any(String) } }, { remote: null }],
      });
      for (const part of parts) expect(world.fakes.threads.posting.countOf(part)).toBe(1);
    } finally {
      world.credentials.threads = full;
    }
  });

  it('sends a Threads thread\'s replies when the day\'s 250 posts are used up (replies have their own allowance)', async () => {
    const outbox = await openOutbox();
    const parts = ['Allowance thread 1/2', 'Allowance thread 2/2'];
    const queued = await outbox.enqueue('threads', parts);
    let seen = 0;
    void world.proxies.threads.inject({ kind: 'status', status: 503 }, (request) => PUBLISH(request) && ++seen === 2);
    expect((await outbox.engine.send(queued.id)).parts.map((part) => part.remote !== null)).toStrictEqual([true, false]);
    world.fakes.threads.posting.usedElsewhere = 250;
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    for (const part of parts) expect(world.fakes.threads.posting.countOf(part)).toBe(1);
  });

  it('resumes a Threads thread whose part 2 publish answer was lost: one post per part, the reply chain kept', async () => {
    const outbox = await openOutbox();
    const parts = ['Lost answer thread 1/3', 'Lost answer thread 2/3', 'Lost answer thread 3/3'];
    const posts = world.fakes.threads.posting.posts.length;
    const queued = await outbox.enqueue('threads', parts);
    const files = await snapshotWithIntents(outbox.dataDir);
    let seen = 0;
    void world.proxies.threads.inject({ kind: 'drop_response' }, (request) => PUBLISH(request) && ++seen === 2);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown' });
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    const made = postsSince(world, 'threads', posts);
    expect(made.map((post) => post.text)).toStrictEqual(parts);
    expect(made.map((post) => post.replyToId)).toStrictEqual([null, made[0]!.id, made[1]!.id]);
    expect(outbox.engine.get(queued.id)?.parts.map((part) => part.remote?.id)).toStrictEqual(made.map((post) => post.id));
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it.each(['threads', 'instagram'] as const)('on %s, waits for a media host that is down (nothing made), and posts once it is back', async (network) => {
    const outbox = await openOutbox();
    const text = `${network}: media host down`;
    const before = counts(network);
    world.mediaHost.mode = 'down';
    const queued = await outbox.enqueue(network, [text], { images: [image(20)] });
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'media_host_unreachable' } });
    expect(since(network, before).creates).toBe(0);
    world.mediaHost.mode = 'up';
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(world.fakes[network].posting.countOf(text)).toBe(1);
    expect(world.mediaHost.left()).toStrictEqual([]);
  });

  it.each(['threads', 'instagram'] as const)('on %s, fails for good with the media host\'s reason when it refuses the upload, removing the images already up', async (network) => {
    const outbox = await openOutbox();
    const text = `${network}: media host refuses`;
    const before = counts(network);
    const queued = await outbox.enqueue(network, [text], { images: [image(21)] });
    world.mediaHost.mode = 'refusing';
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_permanent', error: { kind: 'permanent', code: 'media_host_refused', message: expect.stringContaining('AccessDenied') } });
    expect(since(network, before).creates).toBe(0);
    expect(world.mediaHost.left()).toStrictEqual([]);
  });

  it.each(['threads', 'instagram'] as const)('on %s, fails the post with container_failed when Meta cannot download the image, and removes it from the host', async (network) => {
    const outbox = await openOutbox();
    const text = `${network}: image cannot be downloaded`;
    world.mediaHost.mode = 'broken_links';
    const queued = await outbox.enqueue(network, [text], { images: [image(22)] });
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_permanent', error: { kind: 'permanent', code: 'container_failed' } });
    expect(world.fakes[network].posting.countOf(text)).toBe(0);
    expect(world.mediaHost.left()).toStrictEqual([]);
  });
});
