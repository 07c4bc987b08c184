import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../common/domain';
import { defaultPublishers, type PartRequest } from '../../../electron/core/outbox';
import { DUPLICATE_TRUSTED_MS } from '../../../electron/core/outbox/publishers/linkedin';
import { LINKEDIN_API_VERSION } from '../../../electron/core/outbox/publishers/linkedin-client';
import { findLocation } from '../../../electron/core/media/image-location';
import { tinyJpeg, tinyPng, tinyWebpWithGps } from '../../support/images';
import { CONNECTED_SCOPES, CREATE_POST, INITIALIZE_UPLOAD, postsSince, publisherFor, startLinkedInWorld, type LinkedInWorld, type TestImage } from './linkedin-harness';
import { TestMediaLibrary } from '../../support/outbox-harness';

let world: LinkedInWorld;
const media = new TestMediaLibrary();

beforeAll(async () => {
  world = await startLinkedInWorld();
});
afterAll(async () => {
  await world?.close();
});

let keys = 0;
function request(text: string, options: { images?: readonly TestImage[]; index?: number; key?: string; token?: string } = {}): PartRequest {
  return {
    accountId: world.accountId,
    credentials: { accessToken: options.token ?? world.credentials.accessToken!, scopes: CONNECTED_SCOPES },
    text,
    index: options.index ?? 0,
    key: options.key ?? `${world.clock.now}-${(++keys).toString(16).padStart(16, '0')}`,
    done: [],
    idempotencyKey: `target-${keys}`,
    extras: { contentWarning: '', media: media.attach(options.images ?? []) },
  };
}

/** Every character little text reserves, in a sentence a person could write. */
const EVERY_RESERVED = 'Q&A (part 1) [draft] {v2} <b> a|b C:\\temp *star* _under_ ~tilde~ mail@example.com C# — slut æøå 🙂';

describe('LinkedInPublisher against the LinkedIn fake written from LinkedIn\'s API docs', () => {
  it('posts a text with every reserved character whole, as the member, and records the URN and its link', async () => {
    const before = world.fake.posting.posts.length;
    const ref = await publisherFor(world, media).sendPart(request(EVERY_RESERVED));
    const [post, ...others] = postsSince(world, before);
    expect(others).toStrictEqual([]);
    expect(post).toMatchObject({ author: world.memberUrn, shown: EVERY_RESERVED, visibility: 'PUBLIC', media: [] });
    expect(ref).toStrictEqual({ id: post!.urn, url: `https://www.linkedin.com/feed/update/${post!.urn}/` });
    const sent = world.fake.requests.filter(CREATE_POST).at(-1)!;
    expect(sent.headers['linkedin-version']).toBe(LINKEDIN_API_VERSION);
    expect(sent.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(sent.headers.authorization).toBe(`Bearer ${world.credentials.accessToken}`);
  });

  it('sends hashtags as LinkedIn hashtags, shown as the person wrote them', async () => {
    const before = world.fake.posting.posts.length;
    const text = 'Launch day #spheres and #team_work (see #æblegrød) https://example.com/page#section';
    await publisherFor(world, media).sendPart(request(text));
    expect(postsSince(world, before)).toMatchObject([{ shown: text, hashtags: ['spheres', 'team_work', 'æblegrød'] }]);
  });

  it('posts one image with its alt text, uploaded without its location', async () => {
    const before = world.fake.posting.posts.length;
    const png = tinyPng({ gps: true });
    const alt = 'A red square (1 px) — [alt] with _reserved_ characters';
    await publisherFor(world, media).sendPart(request('One picture', { images: [{ bytes: png, mime: 'image/png', altText: alt }] }));
    const [post] = postsSince(world, before);
    expect(post!.media).toHaveLength(1);
    expect(post!.media[0]!.altText).toBe(alt);
    const uploaded = world.fake.posting.images.get(post!.media[0]!.image)!;
    expect(uploaded.owner).toBe(world.memberUrn);
    expect((await findLocation(uploaded.bytes!, 'image/png')).hasLocation).toBe(false);
  });

  it('posts several images as one multi-image post, in order, each with its alt text', async () => {
    const before = world.fake.posting.posts.length;
    const images = [
      { bytes: tinyPng({ rgb: [0, 0, 255] }), mime: 'image/png', altText: 'Blue' },
      { bytes: tinyJpeg(), mime: 'image/jpeg', altText: 'Grey' },
    ];
    await publisherFor(world, media).sendPart(request('Two pictures', { images }));
    const [post] = postsSince(world, before);
    expect(post!.media.map((item) => item.altText)).toStrictEqual(['Blue', 'Grey']);
  });

  it('turns LinkedIn\'s 422 DUPLICATE_POST into the post already there, and posts nothing new', async () => {
    const publisher = publisherFor(world, media);
    const text = 'Said once (only)';
    const first = await publisher.sendPart(request(text));
    const before = world.fake.posting.posts.length;
    const again = await publisher.sendPart(request(text));
    expect(again).toStrictEqual(first);
    expect(world.fake.posting.posts.length).toBe(before);
    expect(world.fake.posting.countOf(text)).toBe(1);
  });

  it('ends a post LinkedIn refuses otherwise for good, with LinkedIn\'s reason (another member\'s token: 403)', async () => {
    const wrongMember = world.fake.issueToken(CONNECTED_SCOPES, 'someoneElse');
    await expect(publisherFor(world, media).sendPart(request('As someone else', { token: wrongMember }))).rejects.toMatchObject({
      kind: 'permanent',
      code: 'forbidden',
      message: `LinkedIn refused the post: Not enough permissions to create a post as ${world.memberUrn} (HTTP 403).`,
    });
    expect(world.fake.posting.countOf('As someone else')).toBe(0);
  });

  it('refuses a WebP image before anything is uploaded (LinkedIn takes JPEG, PNG and GIF)', async () => {
    const uploads = world.fake.requests.filter(INITIALIZE_UPLOAD).length;
    await expect(publisherFor(world, media).sendPart(request('WebP', { images: [{ bytes: tinyWebpWithGps(), mime: 'image/webp', altText: '' }] }))).rejects.toMatchObject({
      kind: 'permanent',
      code: 'rejected',
    });
    expect(world.fake.requests.filter(INITIALIZE_UPLOAD).length).toBe(uploads);
    expect(world.fake.posting.countOf('WebP')).toBe(0);
  });

  it('asks for a reconnect when LinkedIn no longer accepts the token, and for w_member_social when the token lacks it', async () => {
    const revoked = world.fake.issueToken(CONNECTED_SCOPES);
    world.fake.authority.revoke(revoked);
    await expect(publisherFor(world, media).sendPart(request('Signed out', { token: revoked }))).rejects.toMatchObject({ kind: 'reconnect', code: 'reconnect_needed' });
    const readOnly = world.fake.issueToken(['openid', 'profile', 'email']);
    await expect(publisherFor(world, media).sendPart(request('No permission', { token: readOnly }))).rejects.toMatchObject({ kind: 'permanent', code: 'forbidden' });
    expect(world.fake.posting.countOf('Signed out') + world.fake.posting.countOf('No permission')).toBe(0);
  });

  it('refuses a second part clearly: LinkedIn has no threads', async () => {
    const posts = world.fake.posting.posts.length;
    await expect(publisherFor(world, media).sendPart(request('Part two', { index: 1 }))).rejects.toMatchObject({ kind: 'permanent', code: 'rejected', message: expect.stringContaining('LinkedIn has no threads') });
    expect(world.fake.posting.posts.length).toBe(posts);
  });

  it('sends again after an unknown outcome only while LinkedIn is trusted to answer a repeat as a duplicate', async () => {
    const publisher = publisherFor(world, media);
    const key = `${world.clock.now}-00000000000000aa`;
    expect(await publisher.findPart(request('Lost answer', { key }))).toBeNull();
    world.clock.now += DUPLICATE_TRUSTED_MS;
    try {
      await expect(publisher.findPart(request('Lost answer', { key }))).rejects.toMatchObject({ kind: 'unknown', message: expect.stringContaining('Look on your LinkedIn profile') });
    } finally {
      world.clock.now -= DUPLICATE_TRUSTED_MS;
    }
  });
});

describe('the registered LinkedIn publisher', () => {
  const account = (facts: Record<string, string>): Account => ({
    id: world.accountId,
    network: 'linkedin',
    handle: 'alice@example.com',
    displayName: 'Alice Example',
    avatarUrl: null,
    avatarImage: null,
    serverUrl: null,
    tokenExpiresAt: null,
    refreshable: false,
    scopes: CONNECTED_SCOPES,
    status: 'connected',
    statusReason: null,
    connectedAt: '2026-11-01T09:00:00.000Z',
    lastRefreshedAt: null,
    limits: null,
    facts,
  });
  /** api.linkedin.com, answered by the fake: the registered publisher takes no origin, only the fetch port. */
  const toFake: typeof fetch = (input, init) => fetch(String(input).replace('https://api.linkedin.com', world.fake.origin), init);

  it('posts as the member the connector saved with the account (facts.memberUrn)', async () => {
    const publisher = defaultPublishers({ now: () => new Date(world.clock.now), fetch: toFake, accounts: () => [account({ memberUrn: world.memberUrn })], readMedia: async () => new Uint8Array() }).linkedin!;
    const before = world.fake.posting.posts.length;
    await publisher.sendPart(request('Through the registered publisher'));
    expect(postsSince(world, before)).toMatchObject([{ author: world.memberUrn, shown: 'Through the registered publisher' }]);
  });

  it('asks for a reconnect when the account has no member URN, and sends nothing', async () => {
    const publisher = defaultPublishers({ now: () => new Date(world.clock.now), fetch: toFake, accounts: () => [account({})], readMedia: async () => new Uint8Array() }).linkedin!;
    const creates = world.fake.requests.filter(CREATE_POST).length;
    await expect(publisher.sendPart(request('No member'))).rejects.toMatchObject({ kind: 'reconnect', code: 'reconnect_needed' });
    expect(world.fake.requests.filter(CREATE_POST).length).toBe(creates);
  });
});

describe('the LinkedIn fake written from LinkedIn\'s API docs', () => {
  async function rawPost(body: Record<string, unknown>, headers: Record<string, string> = { 'linkedin-version': LINKEDIN_API_VERSION, 'x-restli-protocol-version': '2.0.0' }) {
    const response = await fetch(`${world.fake.origin}/rest/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.credentials.accessToken}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, urn: response.headers.get('x-restli-id'), body: await response.text() };
  }
  const post = (commentary: string, extra: Record<string, unknown> = {}) => ({
    author: world.memberUrn,
    commentary,
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    ...extra,
  });

  it('cuts an unescaped post at its first reserved character and still answers 201, as LinkedIn does', async () => {
    const answer = await rawPost(post('Results are in (finally) and good'));
    expect(answer.status).toBe(201);
    expect(world.fake.posting.posts.find((made) => made.urn === answer.urn)).toMatchObject({ shown: 'Results are in ' });
  });

  it('refuses a post without the LinkedIn-Version or the Rest.li 2.0.0 header', async () => {
    expect(await rawPost(post('No version'), { 'x-restli-protocol-version': '2.0.0' })).toMatchObject({ status: 400, body: expect.stringContaining('VERSION_MISSING') });
    expect(await rawPost(post('No protocol'), { 'linkedin-version': LINKEDIN_API_VERSION })).toMatchObject({ status: 400 });
    expect(world.fake.posting.countOf('No version') + world.fake.posting.countOf('No protocol')).toBe(0);
  });

  it('refuses a post naming an image that was never uploaded', async () => {
    const answer = await rawPost(post('Ghost image', { content: { media: { id: 'urn:li:image:D4Enever', altText: '' } } }));
    expect(answer.status).toBe(422);
    expect(answer.body).toContain('never uploaded');
    expect(world.fake.posting.countOf('Ghost image')).toBe(0);
  });

  it('takes the same text again once its duplicate window has passed', async () => {
    const first = await rawPost(post('Weekly note'));
    expect((await rawPost(post('Weekly note'))).status).toBe(422);
    world.clock.now += 24 * 60 * 60_000;
    try {
      const later = await rawPost(post('Weekly note'));
      expect(later.status).toBe(201);
      expect(later.urn).not.toBe(first.urn);
    } finally {
      world.clock.now -= 24 * 60 * 60_000;
    }
  });
});
