import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueskyHistory } from '../../../electron/core/history/bluesky-history';
import { HistoryImportError, type ImportedPost, type SkippedPost } from '../../../electron/core/history/history-format';
import type { Credentials } from '../../../electron/core/vault';
import { startBlueskyDevEnv, type BlueskyDevEnv } from '../../support/bluesky-dev-env';
import { tinyPng } from '../../support/images';

let bluesky: BlueskyDevEnv;
let poster: AtpAgent;
let credentials: Credentials;
let accountId: string;
const IMAGE = new Uint8Array(tinyPng({ width: 4, height: 3, rgb: [200, 80, 20] }));
const created: { uri: string; cid: string; text: string }[] = [];

async function post(text: string, createdAt: string, extra: Record<string, unknown> = {}): Promise<{ uri: string; cid: string }> {
  const made = await poster.post({ text, createdAt, ...extra });
  created.push({ ...made, text });
  return made;
}

beforeAll(async () => {
  bluesky = await startBlueskyDevEnv({ handle: 'historie.test' });
  poster = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
  const session = await poster.login({ identifier: bluesky.handle, password: bluesky.appPassword });
  // What the accounts service keeps for a Bluesky account (AccountsService.credentialsFor hands it over).
  credentials = { accessToken: session.data.accessJwt, refreshToken: session.data.refreshJwt, extra: { did: session.data.did, handle: session.data.handle, service: bluesky.pdsLoopbackUrl } };
  accountId = `bluesky:${session.data.did}`;

  const first = await post('Første indlæg på Bluesky 🦋 æøå ÆØÅ', '2024-05-01T08:00:00.000Z');
  const blob = await poster.uploadBlob(IMAGE, { encoding: 'image/png' });
  await post('Et billede fra Skagen', '2024-05-02T08:00:00.000Z', {
    embed: { $type: 'app.bsky.embed.images', images: [{ image: blob.data.blob, alt: 'Fyrtårnet i solnedgang' }] },
  });
  await post('Helt enig!', '2024-05-03T08:00:00.000Z', { reply: { root: first, parent: first } });
  // A long link is shown shortened; the address lives in the facet.
  const link = 'https://example.com/en-meget-lang-sti/om-blaabaer-og-aebler';
  const shown = 'example.com/en-meget-lang-sti...';
  const rich = new RichText({ text: `Læs ${shown} i dag` });
  const start = new TextEncoder().encode('Læs ').length;
  rich.facets = [{ index: { byteStart: start, byteEnd: start + new TextEncoder().encode(shown).length }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }] }];
  await post(rich.text, '2024-05-04T08:00:00.000Z', { facets: rich.facets });
  await post('Femte', '2024-05-05T08:00:00.000Z');
  await post('Sjette', '2024-05-06T08:00:00.000Z');
}, 120_000);
afterAll(async () => {
  await bluesky?.close();
});

/** The PDS's fetch, counting the listRecords pages asked for. */
function countingFetch(): { fetch: typeof globalThis.fetch; pages: string[] } {
  const pages: string[] = [];
  return {
    pages,
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname.endsWith('/com.atproto.repo.listRecords')) pages.push(url.searchParams.get('cursor') ?? '(first)');
      return globalThis.fetch(input, init);
    },
  };
}

async function readAll(options: { pageSize?: number; fetch?: typeof globalThis.fetch; credentials?: Credentials; signal?: AbortSignal } = {}) {
  const posts: ImportedPost[] = [];
  const skipped: SkippedPost[] = [];
  for await (const post of blueskyHistory({
    accountId,
    credentials: options.credentials ?? credentials,
    skip: (item) => skipped.push(item),
    signal: options.signal ?? new AbortController().signal,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  })) {
    posts.push(post);
  }
  return { posts, skipped };
}

async function repoRecords(): Promise<unknown> {
  return (await poster.com.atproto.repo.listRecords({ repo: bluesky.did, collection: 'app.bsky.feed.post', limit: 100 })).data.records;
}

describe('importing a Bluesky account\'s history from its own PDS', () => {
  it('reads every post with its address, time, text, replies marked and links written out', async () => {
    const before = await repoRecords();
    const { posts, skipped } = await readAll();
    expect(skipped).toStrictEqual([]);
    const rkey = (uri: string) => uri.split('/').pop()!;
    const byText = [...posts].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
    expect(byText.map(({ network, remoteId, url, publishedAt, text, kind }) => ({ network, remoteId, url, publishedAt, text, kind }))).toStrictEqual(
      created.map((made, index) => ({
        network: 'bluesky',
        remoteId: made.uri,
        url: `https://bsky.app/profile/historie.test/post/${rkey(made.uri)}`,
        publishedAt: `2024-05-0${index + 1}T08:00:00.000Z`,
        text: index === 3 ? 'Læs https://example.com/en-meget-lang-sti/om-blaabaer-og-aebler i dag' : made.text,
        kind: index === 2 ? 'reply' : 'post',
      })),
    );
    // Reading wrote nothing to the account's repository.
    expect(await repoRecords()).toStrictEqual(before);
  });

  it("hands over an image's bytes from the PDS, with its alt text, only when asked", async () => {
    const counted = countingFetch();
    const { posts } = await readAll({ fetch: counted.fetch });
    const withImage = posts.find((post) => post.text === 'Et billede fra Skagen')!;
    expect(withImage.media).toHaveLength(1);
    const [image] = withImage.media;
    expect(image!.altText).toBe('Fyrtårnet i solnedgang');
    expect(image!.path).toMatch(new RegExp(`^at://${bluesky.did}/blob/b[a-z2-7]+$`));
    expect(posts.filter((post) => post !== withImage).every((post) => post.media.length === 0)).toBe(true);
    expect(Buffer.from(await image!.fetch!())).toStrictEqual(Buffer.from(IMAGE));
  });

  it('pages through the posts with the cursor when they fill more than one page', async () => {
    const counted = countingFetch();
    const { posts } = await readAll({ pageSize: 2, fetch: counted.fetch });
    expect(posts.map((post) => post.remoteId).sort()).toStrictEqual(created.map((made) => made.uri).sort());
    // Six posts, two a page: three full pages and the empty one that ends the list (or none when the PDS sends no cursor).
    expect(counted.pages.length).toBeGreaterThanOrEqual(3);
    expect(counted.pages[0]).toBe('(first)');
    expect(new Set(counted.pages).size).toBe(counted.pages.length);
  });

  it('refuses with a clear error naming the account when its PDS cannot be reached', async () => {
    // A port nothing listens on: the PDS is gone.
    const closed = `http://127.0.0.1:${bluesky.listening.plc.port === 1 ? 2 : 1}`;
    const error: unknown = await readAll({ credentials: { ...credentials, extra: { ...credentials.extra, service: closed } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HistoryImportError);
    expect((error as HistoryImportError).code).toBe('unreadable');
    expect((error as HistoryImportError).message).toMatch(/^Bluesky did not hand over the posts of @historie\.test: .+/);
  });

  it('refuses with a clear error when the stored sign-in lacks the account\'s address', async () => {
    const error: unknown = await readAll({ credentials: { accessToken: 'x', extra: { handle: 'historie.test' } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HistoryImportError);
    expect((error as HistoryImportError).message).toBe(
      'Spheres is missing part of the Bluesky sign-in of @historie.test. Connect the account again, then import its history.',
    );
  });

  it('stops when the import is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readAll({ signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
