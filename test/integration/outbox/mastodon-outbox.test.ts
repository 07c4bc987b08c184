import { describe, expect, it } from 'vitest';
import { threadParts } from '../../../electron/core/outbox';
import { findLocation } from '../../../electron/core/media';
import { tinyPng } from '../../support/images';
import { expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';
import { CREATE_STATUS, MEDIA_CHECK, mastodonWorldPerFile, statusesSince, type MastodonWorld } from './mastodon-harness';

/** A real PNG whose eXIf chunk says where it was taken: the location must not reach the server. */
const PNG_WITH_LOCATION = tinyPng({ width: 4, height: 3, gps: true });

let world: MastodonWorld;
const openOutbox = mastodonWorldPerFile((started) => (world = started));

function headerOf(index: number, name: string): unknown {
  return world.fake.requests.filter(CREATE_STATUS)[index]?.headers[name];
}

describe('publishing to Mastodon through the outbox, against a loopback fake of Mastodon written from docs.joinmastodon.org', () => {
  it('publishes a single public post with its own Idempotency-Key, and writes nothing but its own intent', async () => {
    const outbox = await openOutbox();
    const before = world.fake.posting.statuses.length;
    const creates = world.fake.requests.filter(CREATE_STATUS).length;
    const queued = await outbox.enqueue(['Hello from Spheres to Mastodon']);
    const files = await snapshotWithIntents(outbox.dataDir);
    const sent = await outbox.engine.send(queued.id);
    const [status, ...others] = statusesSince(world, before);
    expect(others).toStrictEqual([]);
    expect(status).toMatchObject({ text: 'Hello from Spheres to Mastodon', visibility: 'public', inReplyToId: null, spoilerText: '', mediaIds: [] });
    expect(world.fake.posting.countOf('Hello from Spheres to Mastodon')).toBe(1);
    expect(sent).toMatchObject({
      state: 'published',
      attempts: 1,
      error: null,
      parts: [{ remote: { id: status!.id, url: `http://${world.fake.host}/@alice/${status!.id}` } }],
    });
    expect(headerOf(creates, 'idempotency-key')).toBe(`${queued.idempotencyKey}-part-1`);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('publishes a thread of 5 in order, each part a reply to the one before, each with its own Idempotency-Key', async () => {
    const outbox = await openOutbox();
    const paragraph = (n: number) => `Part ${n} of the thread. ${'Spheres keeps one voice across every network it posts to. '.repeat(7).trim()}`;
    const parts = threadParts([1, 2, 3, 4, 5].map(paragraph).join('\n\n'), 'mastodon', { numbering: true });
    expect(parts).toHaveLength(5);
    const before = world.fake.posting.statuses.length;
    const creates = world.fake.requests.filter(CREATE_STATUS).length;
    const queued = await outbox.enqueue(parts);
    const files = await snapshotWithIntents(outbox.dataDir);
    const sent = await outbox.engine.send(queued.id);
    expect(sent.state).toBe('published');
    const statuses = statusesSince(world, before);
    expect(statuses.map((status) => status.text)).toStrictEqual(parts);
    for (const part of parts) expect(world.fake.posting.countOf(part)).toBe(1);
    expect(statuses.map((status) => status.inReplyToId)).toStrictEqual([null, ...statuses.slice(0, 4).map((status) => status.id)]);
    expect(sent.parts.map((part) => part.remote?.id)).toStrictEqual(statuses.map((status) => status.id));
    expect([0, 1, 2, 3, 4].map((index) => headerOf(creates + index, 'idempotency-key'))).toStrictEqual([1, 2, 3, 4, 5].map((n) => `${queued.idempotencyKey}-part-${n}`));
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('puts the content warning on every part of a thread', async () => {
    const outbox = await openOutbox();
    const parts = ['Spoilers for the finale 1/3', 'Who did it 2/3', 'And why 3/3'];
    const before = world.fake.posting.statuses.length;
    const queued = await outbox.enqueue(parts, { contentWarning: 'Spoilers: Forbrydelsen, sæson 3' });
    const files = await snapshotWithIntents(outbox.dataDir);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    const statuses = statusesSince(world, before);
    expect(statuses.map((status) => [status.text, status.spoilerText])).toStrictEqual(parts.map((text) => [text, 'Spoilers: Forbrydelsen, sæson 3']));
    expect(statuses.map((status) => status.inReplyToId)).toStrictEqual([null, statuses[0]!.id, statuses[1]!.id]);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('uploads an image without its location and with its alt text as description, waits while Mastodon answers 202 and then 206, and attaches it to the first part only', async () => {
    const outbox = await openOutbox();
    const before = world.fake.posting.statuses.length;
    const checks = world.fake.requests.filter(MEDIA_CHECK).length;
    const alt = 'En rød cykel lænet op ad en gul mur i Nyhavn';
    const queued = await outbox.enqueue(['A picture 1/2', 'And a reply without it 2/2'], { images: [{ bytes: PNG_WITH_LOCATION, mime: 'image/png', altText: alt }] });
    const files = await snapshotWithIntents(outbox.dataDir);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    const [first, second, ...others] = statusesSince(world, before);
    expect(others).toStrictEqual([]);
    expect(first!.mediaIds).toHaveLength(1);
    expect(second!.mediaIds).toStrictEqual([]);
    const uploaded = world.fake.posting.media.get(first!.mediaIds[0]!)!;
    const mediaId = [...outbox.media.keys()][0]!;
    expect(uploaded).toMatchObject({ description: alt, mimeType: 'image/png', fileName: `${mediaId.slice(0, 16)}.png`, statusId: first!.id, pollsLeft: 0 });
    expect((await findLocation(PNG_WITH_LOCATION, 'image/png')).hasLocation).toBe(true);
    expect((await findLocation(uploaded.bytes, 'image/png')).hasLocation).toBe(false);
    // Only the location chunk went: the pixels and every other chunk arrive as they were.
    expect(Buffer.from(uploaded.bytes)).toStrictEqual(Buffer.concat([PNG_WITH_LOCATION.subarray(0, 33), PNG_WITH_LOCATION.subarray(PNG_WITH_LOCATION.indexOf('IDAT') - 4)]));
    // The upload answered 202; the fake answers 206 twice, then 200: three checks, one wait before each.
    const upload = world.fake.requests.filter(({ method, path }) => method === 'POST' && path === '/api/v2/media').at(-1);
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(world.fake.requests.filter(MEDIA_CHECK).length - checks).toBe(3);
    expect(outbox.sleeps).toStrictEqual([1_000, 1_000, 1_000]);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });

  it('ends failed for good with Mastodon\'s reason when the text and content warning are over 500 characters together, and posts nothing', async () => {
    const outbox = await openOutbox();
    const before = world.fake.posting.statuses.length;
    const text = 'x'.repeat(480);
    const queued = await outbox.enqueue([text], { contentWarning: 'A content warning of 30 chars.' });
    const files = await snapshotWithIntents(outbox.dataDir);
    const sent = await outbox.engine.send(queued.id);
    expect(sent).toMatchObject({
      state: 'failed_permanent',
      nextAttemptAt: null,
      error: { kind: 'permanent', code: 'rejected', message: 'Mastodon refused the post: Validation failed: Text character limit of 500 exceeded (HTTP 422).' },
    });
    expect(statusesSince(world, before)).toStrictEqual([]);
    expect(world.fake.posting.countOf(text)).toBe(0);
    await expectOnlyOwnIntentChanged(files, outbox.dataDir, queued);
  });
});
