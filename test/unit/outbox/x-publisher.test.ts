import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteRef } from '../../../electron/core/outbox';
import type { PartRequest } from '../../../electron/core/outbox/publisher';
import { timeOfKey } from '../../../electron/core/outbox/publishers/mastodon';
import { XPublisher } from '../../../electron/core/outbox/publishers/x';
import { xHttpFailure, XDuplicateContent } from '../../../electron/core/outbox/publishers/x-client';
import { textAsSent } from '../../../electron/core/outbox/publishers/x-reconcile';
import { startXFake, type XFake } from '../../support/fakes/x-fake';
import { tinyPng } from '../../support/images';

const MINUTE = 60_000;
const clock = { now: Date.parse('2025-03-10T09:00:00.000Z') };
let fake: XFake;
let token: string;
let userId: string;
const media = new Map<string, Uint8Array>();
const sleeps: number[] = [];

beforeAll(async () => {
  fake = await startXFake({ now: () => clock.now, accessTokenTtl: null });
  userId = fake.user.id;
  token = fake.issueToken();
});
afterAll(async () => fake.close());
beforeEach(() => {
  clock.now += 60 * MINUTE;
  sleeps.length = 0;
  fake.posting.mediaPolls = 0;
});

function publisher(options: { chunkBytes?: number } = {}): XPublisher {
  return new XPublisher({
    now: () => new Date(clock.now),
    apiOrigin: fake.origin,
    readMedia: async (mediaId) => media.get(mediaId)!,
    sleep: async (ms) => void sleeps.push(ms),
    timeoutMs: 5_000,
    ...options,
  });
}

function part(x: XPublisher, text: string, extra: Partial<PartRequest> = {}): PartRequest {
  return {
    accountId: `x:${userId}`,
    credentials: { accessToken: token },
    text,
    index: 0,
    key: x.newKey(),
    done: [],
    idempotencyKey: 'target-key',
    extras: { contentWarning: '', media: [] },
    ...extra,
  };
}

function image(bytes: Uint8Array, altText: string) {
  const mediaId = createHash('sha256').update(bytes).digest('hex');
  media.set(mediaId, bytes);
  return { mediaId, mime: 'image/png', bytes: bytes.length, altText };
}

const creates = () => fake.requests.filter((request) => request.method === 'POST' && request.path === '/2/tweets').length;

/** A post made in X's own app, straight to the fake. */
async function postDirectly(text: string): Promise<string> {
  const response = await fetch(`${fake.origin}/2/tweets`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

describe('posting to X, against the X fake written from X\'s API docs', () => {
  it('posts a single post and answers its id and address', async () => {
    const x = publisher();
    const before = fake.posting.tweets.length;
    const ref = await x.sendPart(part(x, 'A single post & <nothing> else'));
    const [tweet, ...others] = fake.posting.tweets.slice(before);
    expect(others).toStrictEqual([]);
    expect(tweet).toMatchObject({ userId, text: 'A single post & <nothing> else', inReplyToId: null, mediaIds: [] });
    expect(ref).toStrictEqual({ id: tweet!.id, url: `https://x.com/i/status/${tweet!.id}` });
  });

  it('chains a thread: each later part answers the part before', async () => {
    const x = publisher();
    const before = fake.posting.tweets.length;
    const done: RemoteRef[] = [];
    for (const [index, text] of ['Thread 1/3', 'Thread 2/3', 'Thread 3/3'].entries()) done.push(await x.sendPart(part(x, text, { index, done: [...done] })));
    const tweets = fake.posting.tweets.slice(before);
    expect(tweets.map((tweet) => tweet.text)).toStrictEqual(['Thread 1/3', 'Thread 2/3', 'Thread 3/3']);
    expect(tweets.map((tweet) => tweet.inReplyToId)).toStrictEqual([null, tweets[0]!.id, tweets[1]!.id]);
    expect(new Set(tweets.map((tweet) => tweet.conversationId))).toStrictEqual(new Set([tweets[0]!.id]));
  });

  it('uploads images in segments, waits while X processes them, sets their alt text, and attaches them to the post', async () => {
    fake.posting.mediaPolls = 2;
    const x = publisher({ chunkBytes: 40 });
    const first = tinyPng({ width: 9, height: 7, rgb: [200, 10, 10] });
    const second = tinyPng({ width: 5, height: 5, rgb: [10, 200, 10] });
    const before = fake.posting.tweets.length;
    await x.sendPart(part(x, 'Two pictures', { extras: { contentWarning: '', media: [image(first, 'A red square'), image(second, 'A green square')] } }));
    const [tweet] = fake.posting.tweets.slice(before);
    const uploads = tweet!.mediaIds.map((id) => fake.posting.media.get(id)!);
    expect(uploads.map((upload) => upload.altText)).toStrictEqual(['A red square', 'A green square']);
    expect(uploads.map((upload) => Buffer.from(fake.posting.bytesOf(upload)))).toStrictEqual([first, second]);
    expect(uploads[0]!.segments.size).toBe(Math.ceil(first.length / 40));
    // Two STATUS polls per image, each after the check_after_secs X named.
    expect(sleeps).toStrictEqual([1000, 1000, 1000, 1000]);
  });

  it('fails for good, posting nothing, when X cannot process an image', async () => {
    fake.posting.mediaPolls = 1;
    const x = publisher();
    fake.posting.failProcessing = true;
    const before = creates();
    try {
      await expect(x.sendPart(part(x, 'A broken picture', { extras: { contentWarning: '', media: [image(tinyPng({ width: 3, height: 3 }), 'Broken')] } }))).rejects.toMatchObject({
        kind: 'permanent',
        code: 'rejected',
        message: expect.stringContaining('X could not process the image'),
      });
    } finally {
      fake.posting.failProcessing = false;
    }
    expect(creates()).toBe(before);
    expect(fake.posting.countOf('A broken picture')).toBe(0);
  });

  it('records the post X already has when it answers 403 duplicate content, and sends no variant', async () => {
    const x = publisher();
    const request = part(x, 'Sent, answer lost, sent again');
    clock.now += MINUTE;
    const id = await postDirectly('Sent, answer lost, sent again');
    const before = creates();
    expect(await x.sendPart(request)).toStrictEqual({ id, url: `https://x.com/i/status/${id}` });
    expect(creates() - before).toBe(1);
    expect(fake.posting.countOf('Sent, answer lost, sent again')).toBe(1);
  });

  it('leaves the outcome unknown (not failed) when X says duplicate but the post is not among those since the key was chosen', async () => {
    await postDirectly('Posted by hand yesterday');
    clock.now += 24 * 60 * MINUTE;
    const x = publisher();
    await expect(x.sendPart(part(x, 'Posted by hand yesterday'))).rejects.toMatchObject({ kind: 'unknown', status: 403 });
    expect(fake.posting.countOf('Posted by hand yesterday')).toBe(1);
  });

  it('finds a part among the account\'s own posts by its text as sent, links and images included, and its reply parent', async () => {
    const x = publisher();
    const text = 'Links https://example.com/a?x=1&y=2 & <b> stay the same';
    const request = part(x, text, { extras: { contentWarning: '', media: [image(tinyPng({ width: 4, height: 4 }), 'Alt')] } });
    expect(await x.findPart(request)).toBeNull();
    const ref = await x.sendPart(request);
    expect(await x.findPart(request)).toStrictEqual(ref);
    // The same words as a reply to it are a different part; the reply is found only with its parent.
    const reply = part(x, 'Reply text', { index: 1, done: [ref] });
    expect(await x.findPart(reply)).toBeNull();
    const replyRef = await x.sendPart(reply);
    expect(await x.findPart(reply)).toStrictEqual(replyRef);
    expect(await x.findPart({ ...reply, done: [{ id: '1' }] })).toBeNull();
  });

  it('pages back through the account\'s posts since the key, and says unknown when there are more than it reads', async () => {
    const x = publisher();
    const request = part(x, 'Buried under later posts');
    const ref = await x.sendPart(request);
    fake.posting.limits.create_tweet = 1_000;
    for (let n = 0; n < 150; n++) await postDirectly(`Later post ${n} ${clock.now}`);
    expect(await x.findPart(request)).toStrictEqual(ref);
    for (let n = 0; n < 400; n++) await postDirectly(`Even later post ${n} ${clock.now}`);
    await expect(x.findPart(request)).rejects.toMatchObject({ kind: 'unknown' });
    fake.posting.limits.create_tweet = 100;
  });

  it('waits until x-rate-limit-reset after a 429', async () => {
    const x = publisher();
    fake.posting.exhaust(userId, 'create_tweet', clock.now + 7 * MINUTE);
    await expect(x.sendPart(part(x, 'Rate limited'))).rejects.toMatchObject({ kind: 'retryable', code: 'rate_limited', retryAfterMs: 7 * MINUTE });
    expect(fake.posting.countOf('Rate limited')).toBe(0);
  });

  it('does not send when X said the window has no requests left, and sends once it reset', async () => {
    const x = publisher();
    fake.posting.leave(userId, 'create_tweet', 1, clock.now + 4 * MINUTE);
    await x.sendPart(part(x, 'Uses the last request of the window'));
    const before = creates();
    await expect(x.sendPart(part(x, 'Waits for the window'))).rejects.toMatchObject({ kind: 'retryable', code: 'rate_limited', retryAfterMs: 4 * MINUTE });
    expect(creates()).toBe(before);
    clock.now += 4 * MINUTE;
    await x.sendPart(part(x, 'Waits for the window'));
    expect(fake.posting.countOf('Waits for the window')).toBe(1);
  });

  it('asks for a reconnect when X no longer accepts the token', async () => {
    const x = publisher();
    const revoked = fake.issueToken();
    fake.authority.revoke(revoked);
    await expect(x.sendPart({ ...part(x, 'Signed out'), credentials: { accessToken: revoked } })).rejects.toMatchObject({ kind: 'reconnect', code: 'reconnect_needed' });
    expect(fake.posting.countOf('Signed out')).toBe(0);
  });
});

describe('what an X answer means for the post', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
  const now = new Date('2025-03-10T09:00:00.000Z');

  it('reads X\'s duplicate-content 403 as the post being there, and any other 403 as refused for good', () => {
    expect(xHttpFailure(403, headers({}), { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 }, now)).toBeInstanceOf(XDuplicateContent);
    expect(xHttpFailure(403, headers({}), { detail: 'You are not permitted to perform this action.', title: 'Forbidden', status: 403 }, now)).toMatchObject({
      kind: 'permanent',
      code: 'forbidden',
      message: 'X refused the post: You are not permitted to perform this action. (HTTP 403).',
    });
  });

  it('takes the wait from x-rate-limit-reset (epoch seconds)', () => {
    expect(xHttpFailure(429, headers({ 'x-rate-limit-reset': String(now.getTime() / 1000 + 90) }), null, now)).toMatchObject({ kind: 'retryable', code: 'rate_limited', retryAfterMs: 90_000 });
  });

  it('gives the text back as sent from X\'s escaped, t.co-linked form', () => {
    expect(
      textAsSent({
        text: 'a &amp; &lt;b&gt; https://t.co/abc https://t.co/pic',
        entities: { urls: [{ url: 'https://t.co/abc', expanded_url: 'https://example.com/?q=1&r=2' }, { url: 'https://t.co/pic', expanded_url: 'https://x.com/i/web/status/1/photo/1', media_key: '3_1' }] },
      }),
    ).toBe('a & <b> https://example.com/?q=1&r=2');
  });

  it('keeps the time a key was chosen in the key', () => {
    const x = new XPublisher({ now: () => new Date(clock.now) });
    expect(timeOfKey(x.newKey())).toStrictEqual(new Date(clock.now));
  });
});
