import { describe, expect, it } from 'vitest';
import { tinyPng } from '../../support/images';
import { expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';
import { CREATE_TWEET, MEDIA_FINALIZE, USER_TWEETS, tweetsSince, xWorldPerFile, type XWorld } from './x-harness';

const MINUTE = 60_000;

let world: XWorld;
const openOutbox = xWorldPerFile(
  (started) => (world = started),
  (started) => {
    started.proxy.release();
    started.fake.posting.timelineLagMs = 0;
    // Past every rate-limit window a test may have used up.
    started.clock.now += 60 * MINUTE;
  },
);

const createsForwarded = () => world.proxy.forwarded(CREATE_TWEET).length;

describe('exactly once on X through faults, against the X fake written from X\'s API docs behind the fault proxy', () => {
  it('leaves exactly one post when X committed and the answer was lost, finding it among the account\'s posts instead of sending again', async () => {
    const outbox = await openOutbox();
    const text = 'Committed, answer lost, found on the retry';
    const before = world.fake.posting.tweets.length;
    const creates = createsForwarded();
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'drop_response' }, CREATE_TWEET);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { kind: 'unknown', code: 'connection_lost' } });
    expect(world.fake.posting.countOf(text)).toBe(1);
    outbox.advance(5 * MINUTE);
    expect((await outbox.engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    const [tweet, ...others] = tweetsSince(world, before);
    expect(others).toStrictEqual([]);
    expect(outbox.engine.get(queued.id)).toMatchObject({ attempts: 2, parts: [{ remote: { id: tweet!.id, url: `https://x.com/i/status/${tweet!.id}` } }] });
    // Sent once; the retry only looked, from the time the part's key was chosen.
    expect(createsForwarded() - creates).toBe(1);
    const listing = world.fake.requests.filter(USER_TWEETS).at(-1)!;
    expect(Date.parse(listing.query.get('start_time')!)).toBeLessThanOrEqual(Date.parse(queued.createdAt));
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('keeps a thread whole when the answer to its middle part was lost: one post per part, each answering the one before', async () => {
    const outbox = await openOutbox();
    const parts = ['Lost middle 1/3', 'Lost middle 2/3', 'Lost middle 3/3'];
    const before = world.fake.posting.tweets.length;
    const creates = createsForwarded();
    const queued = await outbox.enqueue(parts);
    const files = await snapshotWithIntents(outbox.dataDir);
    let seen = 0;
    void world.proxy.inject({ kind: 'drop_response' }, (request) => CREATE_TWEET(request) && ++seen === 2);
    const lost = await outbox.engine.send(queued.id);
    expect(lost).toMatchObject({ state: 'unknown' });
    expect(lost.parts.map((part) => part.remote !== null)).toStrictEqual([true, false, false]);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    const tweets = tweetsSince(world, before);
    expect(tweets.map((tweet) => tweet.text)).toStrictEqual(parts);
    expect(tweets.map((tweet) => tweet.inReplyToId)).toStrictEqual([null, tweets[0]!.id, tweets[1]!.id]);
    expect(outbox.engine.get(queued.id)?.parts.map((part) => part.remote?.id)).toStrictEqual(tweets.map((tweet) => tweet.id));
    expect(createsForwarded() - creates).toBe(3);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('records the post from X\'s duplicate-content answer when the account\'s list had not caught up yet, and never posts it twice', async () => {
    const outbox = await openOutbox();
    const text = 'Lost answer, list behind, duplicate refused';
    const before = world.fake.posting.tweets.length;
    const creates = createsForwarded();
    const queued = await outbox.enqueue([text]);
    world.fake.posting.timelineLagMs = 3 * MINUTE;
    void world.proxy.inject({ kind: 'drop_response' }, CREATE_TWEET);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    // The retry a minute later: the list does not show it, so it is sent; X refuses it as a duplicate and the list still does not show it.
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'unknown', error: { kind: 'unknown' } });
    expect(world.fake.posting.countOf(text)).toBe(1);
    expect(createsForwarded() - creates).toBe(2);
    outbox.advance(10 * MINUTE);
    await outbox.engine.sendDue();
    const [tweet, ...others] = tweetsSince(world, before);
    expect(others).toStrictEqual([]);
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', parts: [{ remote: { id: tweet!.id } }] });
    expect(createsForwarded() - creates).toBe(2);
  });

  it('sends once more after a connection reset before the request reached X, when the account\'s posts show it never arrived', async () => {
    const outbox = await openOutbox();
    const text = 'Reset before forwarding';
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'reset' }, CREATE_TWEET);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'connection_lost' } });
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('leaves exactly one post when the request timed out after X committed', async () => {
    const outbox = await openOutbox({ timeoutMs: 1_000 });
    const text = 'Timed out after commit';
    const queued = await outbox.enqueue([text]);
    const held = world.proxy.inject({ kind: 'hang' }, CREATE_TWEET);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'timed_out' } });
    await held;
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('publishes once after a 503', async () => {
    const outbox = await openOutbox();
    const text = 'After a 503';
    const queued = await outbox.enqueue([text]);
    const files = await snapshotWithIntents(outbox.dataDir);
    void world.proxy.inject({ kind: 'status', status: 503 }, CREATE_TWEET);
    expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'server_error' } });
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('waits as long as a 429\'s Retry-After asks', async () => {
    const outbox = await openOutbox();
    const queued = await outbox.enqueue(['After a 429 with Retry-After']);
    void world.proxy.inject({ kind: 'rate_limit', retryAfterSeconds: 600 }, CREATE_TWEET);
    const limited = await outbox.engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { code: 'rate_limited' } });
    expect(Date.parse(limited.nextAttemptAt!) - Date.parse(limited.updatedAt)).toBe(600_000);
  });

  it('waits until the x-rate-limit-reset X names after a 429, then publishes once', async () => {
    const outbox = await openOutbox();
    const text = 'After a 429 with x-rate-limit-reset';
    const queued = await outbox.enqueue([text]);
    const resetAt = world.clock.now + 10 * MINUTE;
    world.fake.posting.exhaust(world.fake.user.id, 'create_tweet', resetAt);
    const limited = await outbox.engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'rate_limited' } });
    expect(Date.parse(limited.nextAttemptAt!)).toBe(resetAt);
    outbox.advance(10 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('holds a thread\'s next part when X said the window is used up, and resumes it at the reset without a refused request', async () => {
    const outbox = await openOutbox();
    const parts = ['Window runs out 1/2', 'Window runs out 2/2'];
    const resetAt = world.clock.now + 6 * MINUTE;
    world.fake.posting.leave(world.fake.user.id, 'create_tweet', 1, resetAt);
    const refused = world.proxy.forwarded(CREATE_TWEET).filter((request) => request.upstreamStatus === 429).length;
    const queued = await outbox.enqueue(parts);
    const held = await outbox.engine.send(queued.id);
    expect(held).toMatchObject({ state: 'failed_retryable', error: { code: 'rate_limited' } });
    expect(Date.parse(held.nextAttemptAt!)).toBe(resetAt);
    expect(world.proxy.forwarded(CREATE_TWEET).filter((request) => request.upstreamStatus === 429).length).toBe(refused);
    outbox.advance(6 * MINUTE);
    await outbox.engine.sendDue();
    expect(outbox.engine.get(queued.id)?.state).toBe('published');
    for (const part of parts) expect(world.fake.posting.countOf(part)).toBe(1);
  });

  it('resumes a thread that failed at part 3 from part 3, posting each part once and keeping the reply chain', async () => {
    const outbox = await openOutbox();
    const parts = ['Resumed thread 1/4', 'Resumed thread 2/4', 'Resumed thread 3/4', 'Resumed thread 4/4'];
    const before = world.fake.posting.tweets.length;
    const queued = await outbox.enqueue(parts);
    let seen = 0;
    void world.proxy.inject({ kind: 'status', status: 502 }, (request) => CREATE_TWEET(request) && ++seen === 3);
    const failed = await outbox.engine.send(queued.id);
    expect(failed.parts.map((part) => part.remote !== null)).toStrictEqual([true, true, false, false]);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    const tweets = tweetsSince(world, before);
    expect(tweets.map((tweet) => tweet.text)).toStrictEqual(parts);
    expect(tweets.map((tweet) => tweet.inReplyToId)).toStrictEqual([null, ...tweets.slice(0, 3).map((tweet) => tweet.id)]);
  });

  it('posts images once, with their alt text, after the answer to an upload\'s finalize was lost', async () => {
    const outbox = await openOutbox();
    const text = 'Pictures after a lost finalize';
    const picture = tinyPng({ width: 6, height: 6, rgb: [1, 2, 3] });
    const before = world.fake.posting.tweets.length;
    const queued = await outbox.enqueue([text], [{ bytes: picture, mime: 'image/png', altText: 'Three dots' }]);
    void world.proxy.inject({ kind: 'drop_response' }, MEDIA_FINALIZE);
    expect((await outbox.engine.send(queued.id)).state).toBe('unknown');
    expect(world.fake.posting.countOf(text)).toBe(0);
    outbox.advance(MINUTE);
    await outbox.engine.sendDue();
    const [tweet, ...others] = tweetsSince(world, before);
    expect(others).toStrictEqual([]);
    expect(tweet!.mediaIds.map((id) => world.fake.posting.media.get(id)!.altText)).toStrictEqual(['Three dots']);
    expect(Buffer.from(world.fake.posting.bytesOf(world.fake.posting.media.get(tweet!.mediaIds[0]!)!))).toStrictEqual(picture);
    // X was polled while it processed the image (the fake takes one STATUS poll).
    expect(outbox.sleeps).toStrictEqual([1000]);
  });

  it('ends a post X refuses (400) as failed for good, with X\'s reason, and posts nothing', async () => {
    const outbox = await openOutbox();
    const queued = await outbox.enqueue(['y'.repeat(281)]);
    const files = await snapshotWithIntents(outbox.dataDir);
    expect(await outbox.engine.send(queued.id)).toMatchObject({
      state: 'failed_permanent',
      nextAttemptAt: null,
      error: { kind: 'permanent', code: 'rejected', message: 'X refused the post: One or more parameters to your request was invalid. (HTTP 400).' },
    });
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('lets the post wait for a reconnect when X no longer accepts the token', async () => {
    const outbox = await openOutbox();
    const text = 'Signed out';
    const queued = await outbox.enqueue([text]);
    world.fake.authority.revoke(world.credentials.accessToken);
    try {
      expect(await outbox.engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', nextAttemptAt: null, error: { kind: 'reconnect', code: 'reconnect_needed' } });
    } finally {
      world.credentials = { ...world.credentials, accessToken: world.fake.issueToken() };
    }
    expect(world.fake.posting.countOf(text)).toBe(0);
  });
});
