import { describe, expect, it } from 'vitest';
import { tinyPng } from '../../support/images';
import { expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';
import { CREATE_POST, INITIALIZE_UPLOAD, linkedinWorldPerFile, postsSince, PUT_IMAGE, type LinkedInWorld } from './linkedin-harness';

const MINUTE = 60_000;

let world: LinkedInWorld;
const openOutbox = linkedinWorldPerFile((started) => (world = started));

/** Post creations that reached the fake since `from` requests. */
function createsSince(from: number): number {
  return world.fake.requests.filter(CREATE_POST).length - from;
}

describe('exactly once on LinkedIn through faults, against the LinkedIn fake written from LinkedIn\'s API docs', () => {
  it('leaves exactly one post when LinkedIn committed and the answer was lost, recording the URN its DUPLICATE_POST names', async () => {
    const outbox = await openOutbox();
    const text = 'Committed, answer lost (retried) #exactlyonce';
    const before = world.fake.posting.posts.length;
    const creates = world.fake.requests.filter(CREATE_POST).length;
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'drop_response' }, CREATE_POST);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { kind: 'unknown', code: 'connection_lost' } });
    expect(world.fake.posting.countOf(text)).toBe(1);
    outbox.advance(MINUTE);
    expect((await outbox.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    const [post, ...others] = postsSince(world, before);
    expect(others).toStrictEqual([]);
    expect(post).toMatchObject({ author: world.memberUrn, shown: text, hashtags: ['exactlyonce'] });
    expect(outbox.engine.get(queued.id)).toMatchObject({
      attempts: 2,
      parts: [{ remote: { id: post!.urn, url: `https://www.linkedin.com/feed/update/${post!.urn}/` } }],
    });
    // Sent twice: the second answered 422 DUPLICATE_POST, which is how Spheres learned the post is there.
    expect(createsSince(creates)).toBe(2);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('leaves one post with its image when the post\'s answer was lost, reusing the uploaded image on the resend', async () => {
    const outbox = await openOutbox();
    const text = 'A picture, answer lost';
    const before = world.fake.posting.posts.length;
    const uploads = world.fake.requests.filter(INITIALIZE_UPLOAD).length;
    const queued = await outbox.enqueue([text], [{ bytes: tinyPng(), mime: 'image/png', altText: 'A red square' }]);
    void world.proxy.inject({ kind: 'drop_response' }, CREATE_POST);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    const [post, ...others] = postsSince(world, before);
    expect(others).toStrictEqual([]);
    expect(post!.media).toMatchObject([{ altText: 'A red square' }]);
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', parts: [{ remote: { id: post!.urn } }] });
    expect(world.fake.requests.filter(INITIALIZE_UPLOAD).length - uploads).toBe(1);
  });

  it('publishes once when an image upload\'s answer was lost after LinkedIn stored it', async () => {
    const outbox = await openOutbox();
    const text = 'Upload committed, answer lost';
    const before = world.fake.posting.posts.length;
    const queued = await outbox.enqueue([text], [{ bytes: tinyPng({ rgb: [0, 255, 0] }), mime: 'image/png', altText: 'A green square' }]);
    void world.proxy.inject({ kind: 'drop_response' }, PUT_IMAGE);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(postsSince(world, before)).toMatchObject([{ shown: text, media: [{ altText: 'A green square' }] }]);
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
  });

  it('publishes once after a connection reset before the request reached LinkedIn', async () => {
    const outbox = await openOutbox();
    const text = 'Reset before forwarding';
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'reset' }, CREATE_POST);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'connection_lost' } });
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('leaves exactly one post when the request timed out after LinkedIn committed', async () => {
    const outbox = await openOutbox({ timeoutMs: 1_000 });
    const text = 'Timed out after commit';
    const before = world.fake.posting.posts.length;
    const queued = await outbox.enqueue([text]);
    const held = world.proxy.inject({ kind: 'hang' }, CREATE_POST);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'timed_out' } });
    await held;
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    const [post, ...others] = postsSince(world, before);
    expect(others).toStrictEqual([]);
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', parts: [{ remote: { id: post!.urn } }] });
  });

  it.each([500, 502, 503] as const)('publishes once after a %i', async (status) => {
    const outbox = await openOutbox();
    const text = `After a ${status}`;
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'status', status }, CREATE_POST);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'server_error' } });
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('waits as long as a 429\'s Retry-After asks, then publishes once', async () => {
    const outbox = await openOutbox();
    const text = 'After a 429';
    const queued = await outbox.enqueue([text]);
    void world.proxy.inject({ kind: 'rate_limit', retryAfterSeconds: 600 }, CREATE_POST);
    const limited = await outbox.engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'rate_limited' } });
    expect(Date.parse(limited.nextAttemptAt!) - Date.parse(limited.updatedAt)).toBe(600_000);
    outbox.advance(5 * MINUTE);
    expect(await outbox.engine.sendDue()).toStrictEqual([]);
    outbox.advance(5 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('publishes once through a slow answer', async () => {
    const outbox = await openOutbox();
    const text = 'Through a slow answer';
    const queued = await outbox.enqueue([text]);
    void world.proxy.inject({ kind: 'slow', delayMs: 200 }, CREATE_POST);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('never sends again once LinkedIn may have forgotten the first send: the post waits for the person, still one post', async () => {
    const outbox = await openOutbox();
    const text = 'Answer lost, Spheres closed for two hours';
    const queued = await outbox.enqueue([text]);
    void world.proxy.inject({ kind: 'drop_response' }, CREATE_POST);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    const creates = world.fake.requests.filter(CREATE_POST).length;
    outbox.advance(2 * 60 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'unknown', error: { kind: 'unknown', message: expect.stringContaining('Look on your LinkedIn profile') } });
    expect(createsSince(creates)).toBe(0);
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('posts a text with every reserved character whole through the engine', async () => {
    const outbox = await openOutbox();
    const text = 'Notes (v2) [final] {ok} <tag> a|b C:\\dir *b* _i_ ~s~ @ana #launch C# 🙂 æøå';
    const queued = await outbox.enqueue([text]);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('lets the post wait for a reconnect when LinkedIn no longer accepts the token', async () => {
    const outbox = await openOutbox();
    const text = 'Signed out';
    const queued = await outbox.enqueue([text]);
    const token = world.credentials.accessToken!;
    world.fake.authority.revoke(token);
    try {
      expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', nextAttemptAt: null, error: { kind: 'reconnect', code: 'reconnect_needed' } });
    } finally {
      world.credentials = { ...world.credentials, accessToken: world.fake.issueToken(world.credentials.scopes ?? []) };
    }
    expect(world.fake.posting.countOf(text)).toBe(0);
  });
});
