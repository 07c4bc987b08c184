import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MediaRef } from '../../../common/domain';
import { findLocation, identifyImage } from '../../../electron/core/media';
import { BlueskyPublisher, OutboxEngine, type ImageAdjustment, type SendIntent } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';
import type { Credentials } from '../../../electron/core/vault';
import { startBlueskyDevEnv, type BlueskyDevEnv } from '../../support/bluesky-dev-env';
import { pdsPosts, pdsPostsSince, type PdsPost } from '../../support/pds-posts';
import { FaultProxy, xrpc } from '../../support/fault-proxy';
import { expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';
import { tinyJpeg, tinyPng } from '../../support/images';
import { LoopbackSite } from '../../support/loopback-site';

const CREATE = xrpc('com.atproto.repo.createRecord');
const UPLOAD = xrpc('com.atproto.repo.uploadBlob');

let bluesky: BlueskyDevEnv;
let proxy: FaultProxy;
let site: LoopbackSite;
let reader: AtpAgent;
let credentials: Credentials;
let accountId: string;

beforeAll(async () => {
  bluesky = await startBlueskyDevEnv();
  proxy = await FaultProxy.start(bluesky.pdsLoopbackUrl);
  site = await LoopbackSite.start();
  reader = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
  const session = await new AtpAgent({ service: bluesky.pdsLoopbackUrl }).login({ identifier: bluesky.handle, password: bluesky.appPassword });
  credentials = {
    accessToken: session.data.accessJwt,
    refreshToken: session.data.refreshJwt,
    extra: { did: session.data.did, handle: session.data.handle, service: proxy.url },
  };
  accountId = `bluesky:${session.data.did}`;
}, 60_000);
afterAll(async () => {
  await site?.close();
  await proxy?.close();
  await bluesky?.close();
});

const folders: string[] = [];
afterEach(() => {
  proxy.release();
  site.pages.clear();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

type PostRecord = PdsPost;
const allPosts = (): Promise<PostRecord[]> => pdsPosts(reader, bluesky.did);
const newPosts = (before: readonly PostRecord[]): Promise<PostRecord[]> => pdsPostsSince(reader, bluesky.did, before);

/** A blob as a record holds it, read back from the PDS by its CID. */
async function blobBytes(blob: unknown): Promise<Buffer> {
  const ref = (blob as { ref: { toString(): string; $link?: string } }).ref;
  const cid = ref.$link ?? ref.toString();
  return Buffer.from((await reader.com.atproto.sync.getBlob({ did: bluesky.did, cid })).data);
}

interface ImageEmbed {
  $type: string;
  images: { image: unknown; alt: string; aspectRatio?: { width: number; height: number } }[];
}
interface ExternalEmbed {
  $type: string;
  external: { uri: string; title: string; description: string; thumb?: unknown };
}

/** An image of random pixels: it compresses to nothing, so a PNG of it is about width × height × 3 bytes. */
async function noisyPng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

function setup(options: { cardDeadlineMs?: number } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-outbox-embeds-'));
  folders.push(dataDir);
  mkdirSync(path.join(dataDir, 'posts'));
  writeFileSync(path.join(dataDir, 'posts', 'index.json'), '{"schemaVersion":1,"entries":[]}');
  const clock = { now: Date.now() };
  const library = new Map<string, Uint8Array>();
  const adjusted: ImageAdjustment[] = [];
  const publisher = new BlueskyPublisher({
    now: () => new Date(clock.now),
    timeoutMs: 10_000,
    readMedia: async (mediaId) => {
      const bytes = library.get(mediaId);
      if (bytes === undefined) throw new Error(`no image ${mediaId} in the test's library`);
      return bytes;
    },
    onImageAdjusted: (adjustment) => void adjusted.push(adjustment),
    cardLimits: { deadlineMs: options.cardDeadlineMs ?? 5_000, maxHtmlBytes: 1_000_000, maxImageBytes: 1_000_000 },
  });
  const engine = new OutboxEngine({
    fs: nodeStorageFs,
    dataDir,
    now: () => new Date(clock.now),
    random: () => 0.5,
    publishers: { bluesky: publisher },
    credentials: { credentialsFor: async () => credentials },
  });
  /** Puts an image in the library, as the composer attaches it. */
  const attach = (bytes: Uint8Array, mime: string, altText: string): MediaRef => {
    const mediaId = createHash('sha256').update(bytes).digest('hex');
    library.set(mediaId, bytes);
    return { mediaId, mime, bytes: bytes.length, altText };
  };
  const later = () => {
    clock.now += 60 * 60_000;
  };
  return { dataDir, engine, attach, adjusted, later };
}

let postCounter = 0;
function enqueue(engine: OutboxEngine, parts: string[], media: MediaRef[] = []): Promise<SendIntent> {
  return engine.enqueue({
    postId: `embed-${String(++postCounter).padStart(4, '0')}-${process.pid}`,
    target: { network: 'bluesky', accountId },
    parts,
    extras: { contentWarning: '', media },
  });
}

describe('images on Bluesky, read back from a real local PDS', () => {
  it('posts two images in order with their alt text and aspect ratio, the location removed, each blob retrievable', async () => {
    const { engine, attach, dataDir, adjusted } = setup();
    await engine.open();
    const withLocation = tinyPng({ width: 40, height: 30, gps: true });
    // 3 wide and 2 high, turned a quarter (EXIF orientation 6): shown 2 wide and 3 high.
    const turned = tinyJpeg({ orientation: 6 });
    const media = [attach(withLocation, 'image/png', 'Nyhavn at dawn, red and yellow houses'), attach(turned, 'image/jpeg', 'A portrait photo, turned by its EXIF')];
    const before = await allPosts();
    const queued = await enqueue(engine, ['Two pictures from Copenhagen 🌅'], media);
    const files = await snapshotWithIntents(dataDir);
    expect(await engine.send(queued.id)).toMatchObject({ state: 'published', error: null });
    const [post, ...others] = await newPosts(before);
    expect(others).toStrictEqual([]);
    const embed = post!.value.embed as unknown as ImageEmbed;
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images.map(({ alt, aspectRatio }) => ({ alt, aspectRatio }))).toStrictEqual([
      { alt: 'Nyhavn at dawn, red and yellow houses', aspectRatio: { width: 40, height: 30 } },
      { alt: 'A portrait photo, turned by its EXIF', aspectRatio: { width: 2, height: 3 } },
    ]);
    const [first, second] = await Promise.all(embed.images.map((image) => blobBytes(image.image)));
    expect((await findLocation(withLocation, 'image/png')).hasLocation).toBe(true);
    expect((await findLocation(first!, 'image/png')).hasLocation).toBe(false);
    expect(await identifyImage(first!, 'first')).toStrictEqual({ mime: 'image/png', width: 40, height: 30 });
    // An image without a location goes as it is, byte for byte.
    expect(second).toStrictEqual(turned);
    expect(adjusted).toStrictEqual([]);
    await expectOnlyOwnIntentChanged(files, dataDir, queued);
  });

  it('scales a 3 MB image below Bluesky\'s 2,000,000 bytes and still posts it, saying so', async () => {
    const { engine, attach, adjusted, dataDir } = setup();
    await engine.open();
    const large = await noisyPng(1000, 1000);
    expect(large.length).toBeGreaterThan(3_000_000);
    const ref = attach(large, 'image/png', 'Static, as on an old television');
    const before = await allPosts();
    const queued = await enqueue(engine, ['A heavy picture'], [ref]);
    const files = await snapshotWithIntents(dataDir);
    expect((await engine.send(queued.id)).state).toBe('published');
    await expectOnlyOwnIntentChanged(files, dataDir, queued);
    const [post] = await newPosts(before);
    const embed = post!.value.embed as unknown as ImageEmbed;
    const sent = await blobBytes(embed.images[0]!.image);
    expect(sent.length).toBeLessThanOrEqual(2_000_000);
    const kind = await identifyImage(sent, 'sent');
    expect(kind.mime).toBe('image/jpeg');
    expect(embed.images[0]).toMatchObject({ alt: 'Static, as on an old television', aspectRatio: { width: kind.width, height: kind.height } });
    expect(kind.width).toBe(kind.height);
    expect(adjusted).toStrictEqual([
      { accountId, mediaId: ref.mediaId, before: { bytes: large.length, width: 1000, height: 1000, mime: 'image/png' }, after: { bytes: sent.length, width: kind.width, height: kind.height, mime: 'image/jpeg' } },
    ]);
  });

  it('fails a post with 5 images for good, with the reason, before uploading anything', async () => {
    const { engine, attach, dataDir } = setup();
    await engine.open();
    const media = [1, 2, 3, 4, 5].map((n) => attach(tinyPng({ width: n, height: 1 }), 'image/png', `Picture ${n}`));
    const before = await allPosts();
    const uploads = proxy.forwarded(UPLOAD).length;
    const creates = proxy.forwarded(CREATE).length;
    const queued = await enqueue(engine, ['Five is one too many'], media);
    const files = await snapshotWithIntents(dataDir);
    const sent = await engine.send(queued.id);
    await expectOnlyOwnIntentChanged(files, dataDir, queued);
    expect(sent).toMatchObject({
      state: 'failed_permanent',
      nextAttemptAt: null,
      error: { kind: 'permanent', code: 'rejected', message: 'Bluesky takes at most 4 images in a post; this one has 5. Remove 1 in the composer, then post again.' },
    });
    expect(proxy.forwarded(UPLOAD).length).toBe(uploads);
    expect(proxy.forwarded(CREATE).length).toBe(creates);
    expect(await newPosts(before)).toStrictEqual([]);
  });

  it('leaves exactly one record when the answers to uploadBlob and then to createRecord were lost', async () => {
    const { engine, attach, later, dataDir } = setup();
    await engine.open();
    const image = tinyPng({ width: 8, height: 6 });
    const before = await allPosts();
    const queued = await enqueue(engine, ['Lost answers, one post'], [attach(image, 'image/png', 'A small pink square')]);
    const files = await snapshotWithIntents(dataDir);
    const creates = proxy.forwarded(CREATE).length;
    void proxy.inject({ kind: 'drop_response' }, UPLOAD);
    expect(await engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'connection_lost' } });
    expect(await newPosts(before)).toStrictEqual([]);
    later();
    void proxy.inject({ kind: 'drop_response' }, CREATE);
    expect((await engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['unknown']);
    later();
    expect((await engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    const posts = await newPosts(before);
    expect(posts.map((post) => post.value.text)).toStrictEqual(['Lost answers, one post']);
    expect(proxy.forwarded(CREATE).length - creates).toBe(1);
    expect(engine.get(queued.id)?.parts[0]?.remote?.id).toBe(posts[0]!.uri);
    const embed = posts[0]!.value.embed as unknown as ImageEmbed;
    expect(await blobBytes(embed.images[0]!.image)).toStrictEqual(image);
    await expectOnlyOwnIntentChanged(files, dataDir, queued);
  });
});

describe('link cards on Bluesky', () => {
  it('adds a card for the first link, with the page\'s title, description and image (location removed)', async () => {
    const { engine, dataDir } = setup();
    await engine.open();
    const thumb = tinyPng({ width: 12, height: 6, gps: true });
    site.pages.set('/article', {
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>Not this</title>
        <!-- <meta property="og:title" content="A commented-out title"> -->
        <meta property="og:title" content="Grüße &amp; tone: one voice">
        <meta content='How Spheres keeps one voice across networks.' property='og:description'>
        <meta property="og:image" content="/images/card.png"></head><body><meta property="og:title" content="in the body"></body></html>`,
    });
    site.pages.set('/images/card.png', { contentType: 'image/png', body: thumb });
    const link = `${site.origin}/article`;
    const before = await allPosts();
    const queued = await enqueue(engine, [`Read this ${link} and the other ${site.origin}/second`]);
    const files = await snapshotWithIntents(dataDir);
    expect((await engine.send(queued.id)).state).toBe('published');
    await expectOnlyOwnIntentChanged(files, dataDir, queued);
    const [post] = await newPosts(before);
    const embed = post!.value.embed as unknown as ExternalEmbed;
    expect(embed.$type).toBe('app.bsky.embed.external');
    expect({ ...embed.external, thumb: undefined }).toStrictEqual({ uri: link, title: 'Grüße & tone: one voice', description: 'How Spheres keeps one voice across networks.', thumb: undefined });
    const sentThumb = await blobBytes(embed.external.thumb);
    expect(await identifyImage(sentThumb, 'thumb')).toStrictEqual({ mime: 'image/png', width: 12, height: 6 });
    expect((await findLocation(sentThumb, 'image/png')).hasLocation).toBe(false);
    expect(site.asked).not.toContain('/second');
    expect(post!.value.facets?.map((facet) => facet.features[0]!.$type)).toStrictEqual(['app.bsky.richtext.facet#link', 'app.bsky.richtext.facet#link']);
  });

  it('posts without a card when the page does not answer within the deadline', async () => {
    const { engine } = setup({ cardDeadlineMs: 300 });
    await engine.open();
    site.pages.set('/stalled', 'hang');
    const link = `${site.origin}/stalled`;
    const before = await allPosts();
    const sent = await engine.send((await enqueue(engine, [`Slow page ${link}`])).id);
    expect(sent).toMatchObject({ state: 'published', attempts: 1, error: null });
    const [post] = await newPosts(before);
    expect(site.asked).toContain('/stalled');
    expect(post!.value.embed).toBeUndefined();
    expect(post!.value.facets).toMatchObject([{ features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }] }]);
  });

  it('posts images and no card when a post has both images and a link', async () => {
    const { engine, attach } = setup();
    await engine.open();
    site.pages.set('/with-images', { contentType: 'text/html', body: '<meta property="og:title" content="Never fetched">' });
    const before = await allPosts();
    await engine.send((await enqueue(engine, [`Pictures and ${site.origin}/with-images`], [attach(tinyPng(), 'image/png', 'Pink')])).id);
    const [post] = await newPosts(before);
    expect((post!.value.embed as unknown as ImageEmbed).$type).toBe('app.bsky.embed.images');
    expect(site.asked).not.toContain('/with-images');
  });
});

describe('mentions and hashtags on Bluesky', () => {
  it('marks a mention (as its DID) and a hashtag after an emoji with UTF-8 byte offsets, and leaves an unknown handle as plain text', async () => {
    const { engine } = setup();
    await engine.open();
    const text = `🌍🇩🇰 Hej @${bluesky.handle} og @nobody-here.test #Fællesskab`;
    const before = await allPosts();
    expect((await engine.send((await enqueue(engine, [text])).id)).state).toBe('published');
    const [post] = await newPosts(before);
    expect(post!.value.text).toBe(text);
    const bytes = Buffer.from(text, 'utf8');
    const facets = (post!.value.facets ?? []).map((facet) => ({
      at: [facet.index.byteStart, facet.index.byteEnd],
      covers: bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8'),
      features: facet.features.map((feature) => ({ ...feature })),
    }));
    const mentionAt = bytes.indexOf(`@${bluesky.handle}`);
    const tagAt = bytes.indexOf('#Fællesskab');
    expect(facets).toStrictEqual([
      { at: [mentionAt, mentionAt + Buffer.byteLength(`@${bluesky.handle}`)], covers: `@${bluesky.handle}`, features: [{ $type: 'app.bsky.richtext.facet#mention', did: bluesky.did }] },
      { at: [tagAt, tagAt + Buffer.byteLength('#Fællesskab')], covers: '#Fællesskab', features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Fællesskab' }] },
    ]);
    // Bytes, not UTF-16 units: the emoji and the flag before them are 12 bytes but 6 units.
    expect(mentionAt).toBe(text.indexOf('@') + 6);
  });
});
