import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSpheresError, type SpheresApi, type SpheresError } from '../../../common/api';
import type { Post } from '../../../common/domain';
import type { Core } from '../../../electron/core';
import { findLocation } from '../../../electron/core/media';
import type { MediaHost } from '../../../electron/core/outbox';
import { IntentStore } from '../../../electron/core/outbox/intent-store';
import { nodeStorageFs } from '../../../electron/core/storage';
import { tinyJpeg } from '../../support/images';
import { inProcessApp, type InProcessOptions } from '../../support/in-process-app';

const opened: Core[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

interface App {
  core: Core;
  api: SpheresApi;
  dataDir: string;
}

const threadsAccount = {
  id: 'threads:1789',
  network: 'threads',
  handle: '@alice',
  displayName: 'Alice',
  avatarUrl: null,
  avatarImage: null,
  serverUrl: null,
  tokenExpiresAt: null,
  refreshable: false,
  scopes: ['threads_basic', 'threads_content_publish'],
  status: 'connected',
  statusReason: null,
  connectedAt: '2026-01-01T00:00:00.000Z',
  lastRefreshedAt: null,
  limits: null,
  facts: {},
};

async function open(options: InProcessOptions & { start?: boolean } = {}): Promise<App> {
  const app = await inProcessApp({ accounts: [threadsAccount], ...options });
  opened.push(app.core);
  if (options.dataDir === undefined) folders.push(app.dataDir);
  if (options.start !== false) await app.core.outbox.start();
  return app;
}

async function failure(promise: Promise<unknown>): Promise<SpheresError> {
  try {
    await promise;
  } catch (error) {
    if (isSpheresError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

let counter = 0;
async function draft(app: App, extra: Partial<Post> = {}): Promise<Post> {
  counter += 1;
  return app.api.posts.saveDraft({
    id: `assisted-post-${counter}-${Date.now()}`,
    tone: 'private',
    text: `Summer at the lake, day ${counter}`,
    overrides: { facebook: 'Summer at the lake — for the family on Facebook' },
    overrideBases: {},
    targets: [{ network: 'facebook', assisted: true }],
    media: [],
    contentWarning: '',
    threadNumbering: false,
    planned: null,
    ...extra,
  });
}

/** Everything of a post but what the outbox writes (status, results, updatedAt). */
function editable(post: Post): Omit<Post, 'status' | 'results' | 'updatedAt'> {
  const { status: _status, results: _results, updatedAt: _updatedAt, ...rest } = post;
  return rest;
}

describe('assisted posting (the person posts by hand, Spheres records it)', () => {
  it('a Facebook target the person chose to post by hand waits for them, and still does after a restart', async () => {
    const first = await open();
    const post = await draft(first);
    const entry = await first.api.outbox.postNow({ id: post.id });
    expect(entry.targets.map((target) => [target.network, target.state, target.waiting, target.assisted, target.handle])).toStrictEqual([['facebook', 'queued', 'assisted', true, '']]);
    await first.core.close();

    const second = await open({ dataDir: first.dataDir });
    const again = (await second.api.outbox.list()).find((item) => item.postId === post.id);
    expect(again?.targets.map((target) => [target.network, target.state, target.waiting, target.assisted])).toStrictEqual([['facebook', 'queued', 'assisted', true]]);
    // On disk as a send intent no publisher takes.
    const store = new IntentStore({ fs: nodeStorageFs, dataDir: first.dataDir, now: () => new Date() });
    const intents = (await store.readAll()).intents.filter((intent) => intent.postId === post.id);
    await store.close();
    expect(intents.map((intent) => [intent.target, intent.attempts, intent.parts[0]?.remote])).toStrictEqual([[{ network: 'facebook', accountId: 'by-hand', assisted: true }, 0, null]]);
  });

  it('a scheduled post whose time passed while Spheres was closed is handed to the person, not marked missed', async () => {
    const start = Date.parse('2030-05-01T08:00:00.000Z');
    const first = await open({ now: () => new Date(start) });
    const post = await draft(first, { planned: { at: '2030-05-01T10:00:00.000Z', zone: 'Europe/Copenhagen' } });
    const scheduled = await first.api.outbox.schedule({ id: post.id });
    expect(scheduled.targets[0]?.waiting).toBe('time');
    await first.core.close();

    const second = await open({ dataDir: first.dataDir, now: () => new Date(start + 5 * 3_600_000) });
    const entry = (await second.api.outbox.list()).find((item) => item.postId === post.id);
    expect(entry?.targets.map((target) => [target.state, target.waiting, target.error])).toStrictEqual([['queued', 'assisted', null]]);
  });

  it('"Yes, record it" publishes the post with its link, and the calendar sees it; nothing else of the post changes', async () => {
    const app = await open();
    const post = await draft(app);
    await app.api.outbox.postNow({ id: post.id });
    const before = await app.api.posts.get({ id: post.id });

    const link = 'https://www.facebook.com/alice/posts/pfbid0abc123';
    const entry = await app.api.outbox.confirmAssisted({ postId: post.id, network: 'facebook', url: link });
    expect(entry.status).toBe('published');
    expect(entry.targets.map((target) => [target.state, target.url, target.waiting])).toStrictEqual([['published', link, null]]);

    const after = await app.api.posts.get({ id: post.id });
    expect(after.status).toBe('published');
    expect(after.results.map((result) => [result.target, result.state, result.url])).toStrictEqual([[{ network: 'facebook', assisted: true }, 'published', link]]);
    expect(editable(after)).toStrictEqual(editable(before));

    const month = await app.api.posts.listMonth({ month: after.createdAt.slice(0, 7) });
    expect(month.find((item) => item.id === post.id)?.status).toBe('published');
  });

  it('confirming twice records one result; another link afterwards is refused and changes nothing', async () => {
    const app = await open();
    const post = await draft(app);
    await app.api.outbox.postNow({ id: post.id });
    const link = 'https://m.facebook.com/story.php?story_fbid=1&id=2';
    const first = await app.api.outbox.confirmAssisted({ postId: post.id, network: 'facebook', url: link });
    const stored = await app.api.posts.get({ id: post.id });
    const second = await app.api.outbox.confirmAssisted({ postId: post.id, network: 'facebook', url: link });
    expect(second.targets).toStrictEqual(first.targets);
    const other = await failure(app.api.outbox.confirmAssisted({ postId: post.id, network: 'facebook', url: 'https://www.facebook.com/alice/posts/another' }));
    expect(other.code).toBe('invalid_input');
    expect(other.message).toBe(`This post is already recorded as posted on Facebook (${link}).`);
    expect(await app.api.posts.get({ id: post.id })).toStrictEqual(stored);
    expect(stored.results).toHaveLength(1);
  });

  it('refuses a link that is not a link, not https, or not on Facebook, each with its own reason, and records nothing', async () => {
    const app = await open();
    const post = await draft(app);
    await app.api.outbox.postNow({ id: post.id });
    const before = await app.api.posts.get({ id: post.id });
    const cases: Array<[string, string]> = [
      ['my post', 'That is not a link. Copy the address of your Facebook post from the browser and paste it here.'],
      ['http://www.facebook.com/alice/posts/1', "A Facebook post's link starts with https://. Copy it from the browser's address bar."],
      ['https://www.instagram.com/p/Cabc/', 'That link is on www.instagram.com, not Facebook. Paste the link of your Facebook post.'],
      ['https://facebook.com.evil.example/posts/1', 'That link is on facebook.com.evil.example, not Facebook. Paste the link of your Facebook post.'],
    ];
    for (const [url, message] of cases) {
      const error = await failure(app.api.outbox.confirmAssisted({ postId: post.id, network: 'facebook', url }));
      expect([error.code, error.message]).toStrictEqual(['invalid_input', message]);
    }
    expect(await app.api.posts.get({ id: post.id })).toStrictEqual(before);
    expect((await app.api.outbox.list()).find((item) => item.postId === post.id)?.targets[0]?.state).toBe('queued');
  });

  it('"posted without a link" publishes it with no url', async () => {
    const app = await open();
    const post = await draft(app);
    await app.api.outbox.postNow({ id: post.id });
    const entry = await app.api.outbox.confirmAssisted({ postId: post.id, network: 'facebook', url: null });
    expect([entry.status, entry.targets[0]?.url]).toStrictEqual(['published', null]);
    expect((await app.api.posts.get({ id: post.id })).results[0]?.url).toBeUndefined();
  });

  it('a Facebook target the person did not choose to post by hand still needs an account', async () => {
    const app = await open();
    const post = await draft(app, { targets: [{ network: 'facebook' }] });
    const error = await failure(app.api.outbox.postNow({ id: post.id }));
    expect([error.code, error.message]).toStrictEqual(['account_needed', 'Connect a Facebook account to post there.']);
    expect((await app.api.posts.get({ id: post.id })).status).toBe('draft');
  });

  it("the kit has the network's text, the images in a folder without their location, and the compose page", async () => {
    const app = await open();
    const image = await app.api.media.import({ name: 'lake.jpg', dataBase64: tinyJpeg({ gps: true }).toString('base64') });
    expect(image.hasLocation).toBe(true);
    const post = await draft(app, { media: [{ mediaId: image.mediaId, mime: image.mime, bytes: image.bytes, altText: 'The lake at dawn' }] });
    await app.api.outbox.postNow({ id: post.id });
    const kit = await app.api.outbox.assistedKit({ postId: post.id, network: 'facebook' });
    expect([kit.text, kit.composeUrl, kit.images.map((item) => [item.file, item.altText])]).toStrictEqual([
      'Summer at the lake — for the family on Facebook',
      'https://www.facebook.com/',
      [['01.jpg', 'The lake at dawn']],
    ]);
    expect(kit.folder).toBe(path.join(app.dataDir, 'assisted', `${post.id}-facebook`));
    expect(readdirSync(kit.folder!)).toStrictEqual(['01.jpg']);
    const written = readFileSync(path.join(kit.folder!, '01.jpg'));
    expect((await findLocation(written, 'image/jpeg')).hasLocation).toBe(false);
    // The web host opens nothing for the page: it answers the folder and the address.
    expect(await app.api.outbox.openAssisted({ postId: post.id, network: 'facebook', what: 'compose' })).toStrictEqual({ opened: false, folder: kit.folder, composeUrl: 'https://www.facebook.com/' });
  });

  it('the desktop host opens the folder and the compose page it is given', async () => {
    const asked: unknown[] = [];
    const app = await open({ openForPerson: async (what) => (asked.push(what), true) });
    const post = await draft(app);
    await app.api.outbox.postNow({ id: post.id });
    await app.api.outbox.openAssisted({ postId: post.id, network: 'facebook', what: 'compose' });
    expect(asked).toStrictEqual([{ url: 'https://www.facebook.com/' }]);
    const noFolder = await failure(app.api.outbox.openAssisted({ postId: post.id, network: 'facebook', what: 'folder' }));
    expect(noFolder.message).toBe('This post has no images, so there is no folder to open.');
  });

  it('Threads with images and no media host goes out by hand on that account; with a media host it does not', async () => {
    const withImage = async (app: App): Promise<Post> => {
      const image = await app.api.media.import({ name: 'lake.jpg', dataBase64: tinyJpeg().toString('base64') });
      return draft(app, { targets: [{ network: 'threads', accountId: threadsAccount.id }], media: [{ mediaId: image.mediaId, mime: image.mime, bytes: image.bytes, altText: '' }] });
    };
    const without = await open();
    expect((await without.api.outbox.mediaHostReady()).ready).toBe(false);
    const post = await withImage(without);
    const entry = await without.api.outbox.postNow({ id: post.id });
    expect(entry.targets.map((target) => [target.network, target.accountId, target.handle, target.waiting, target.assistedReason])).toStrictEqual([
      ['threads', threadsAccount.id, '@alice', 'assisted', 'no_media_host'],
    ]);
    expect((await without.api.outbox.assistedKit({ postId: post.id, network: 'threads' })).composeUrl).toBe(
      `https://www.threads.net/intent/post?text=${encodeURIComponent('Summer at the lake, day ' + String(counter))}`,
    );

    const host: MediaHost = { put: async () => ({ key: 'k', url: 'https://127.0.0.1/k' }), remove: async () => undefined, removeOlderThan: async () => 0 };
    // Threads' graph host on a closed loopback port: the API attempt fails to connect (and waits for a connection) without leaving the machine.
    const withHost = await open({ mediaHost: async () => host, accountsTesting: { endpoints: { threads: { graph: 'http://127.0.0.1:9' } } } });
    expect((await withHost.api.outbox.mediaHostReady()).ready).toBe(true);
    const other = await withImage(withHost);
    const sent = await withHost.api.outbox.postNow({ id: other.id });
    expect(sent.targets.map((target) => [target.network, target.accountId, target.waiting === 'assisted', target.assistedReason ?? null])).toStrictEqual([['threads', threadsAccount.id, false, null]]);
    expect(existsSync(path.join(withHost.dataDir, 'assisted'))).toBe(false);
  });
});
