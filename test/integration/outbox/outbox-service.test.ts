import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AtpAgent, type AppBskyFeedPost } from '@atproto/api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isSpheresError, type EventPayload, type SpheresApi, type SpheresError } from '../../../common/api';
import type { Post } from '../../../common/domain';
import type { SendIntent } from '../../../electron/core/outbox';
import type { Core } from '../../../electron/core';
import { findLocation } from '../../../electron/core/media';
import { encodeRecord, IntentStore } from '../../../electron/core/outbox/intent-store';
import { nodeStorageFs } from '../../../electron/core/storage';
import { MemoryVault } from '../../../electron/core/vault';
import { startBlueskyDevEnv, type BlueskyDevEnv } from '../../support/bluesky-dev-env';

/** The error a call through the router must fail with. */
async function failure(promise: Promise<unknown>): Promise<SpheresError> {
  try {
    await promise;
  } catch (error) {
    if (isSpheresError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
import { tinyJpeg } from '../../support/images';
import { inProcessApp } from '../../support/in-process-app';

let bluesky: BlueskyDevEnv;
let reader: AtpAgent;
beforeAll(async () => {
  bluesky = await startBlueskyDevEnv({ handle: 'outbox.test' });
  reader = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
}, 60_000);
afterAll(async () => {
  await bluesky?.close();
});

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
  accountId: string;
  changes: EventPayload<'outbox.changed'>[];
}

const vault = new MemoryVault();
let accounts: unknown[] | undefined;

/** The real core on a data folder, with a Bluesky account on the local PDS connected once and kept across "restarts". */
async function open(options: { dataDir?: string; now?: () => Date; start?: boolean; extraAccounts?: unknown[] } = {}): Promise<App> {
  const app = await inProcessApp({
    vault,
    ...(accounts === undefined ? {} : { accounts: [...accounts, ...(options.extraAccounts ?? [])] }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.now === undefined ? {} : { now: options.now }),
    accountsTesting: { allowInsecureServers: true, endpoints: { bluesky: { resolver: bluesky.pdsLoopbackUrl, plc: `http://127.0.0.1:${bluesky.listening.plc.port}` } } },
  });
  opened.push(app.core);
  if (options.dataDir === undefined) folders.push(app.dataDir);
  const changes: EventPayload<'outbox.changed'>[] = [];
  app.core.events.subscribe((name, payload) => {
    if (name === 'outbox.changed') changes.push(payload as EventPayload<'outbox.changed'>);
  });
  let listed = app.api.accounts.list();
  if ((await listed).length === 0) {
    await app.api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword, service: bluesky.pdsUrl });
    listed = app.api.accounts.list();
  }
  accounts = (await listed).filter((account) => account.network === 'bluesky');
  // As the hosts do once the core is open.
  if (options.start !== false) await app.core.outbox.start();
  return { ...app, accountId: (await listed)[0]!.id, changes };
}

async function postsOnPds(): Promise<{ uri: string; value: AppBskyFeedPost.Record }[]> {
  const listed = await reader.com.atproto.repo.listRecords({ repo: bluesky.did, collection: 'app.bsky.feed.post', limit: 100 });
  return listed.data.records.map((record) => ({ uri: record.uri, value: record.value as AppBskyFeedPost.Record }));
}

// A Mastodon account whose server is not there: its target only has to exist, not to be sent.
const mastodon = {
  id: 'mastodon:127.0.0.1:1',
  network: 'mastodon',
  handle: '@nobody@127.0.0.1',
  displayName: 'Nobody',
  avatarUrl: null,
  avatarImage: null,
  serverUrl: 'http://127.0.0.1:9',
  tokenExpiresAt: null,
  refreshable: false,
  scopes: ['read:accounts', 'read:statuses', 'write:statuses', 'write:media'],
  status: 'connected',
  statusReason: null,
  connectedAt: new Date().toISOString(),
  lastRefreshedAt: null,
  limits: null,
  facts: {},
};

let counter = 0;
/** A full draft for the account: every editable field set, so a test can see that publishing changes none of them. */
async function draft(app: App, extra: Partial<Post> = {}): Promise<Post> {
  counter += 1;
  return app.api.posts.saveDraft({
    id: `outbox-post-${counter}-${Date.now()}`,
    tone: 'blend',
    text: `Post ${counter} from the outbox service test, ${new Date().toISOString()}`,
    overrides: { mastodon: 'Only for Mastodon, which this post does not go to.' },
    overrideBases: {},
    targets: [{ network: 'bluesky', accountId: app.accountId }],
    media: [],
    contentWarning: '',
    threadNumbering: false,
    planned: null,
    ...extra,
  });
}

/** Everything but what publishing writes (status, results, updatedAt). */
function editable(post: Post): Omit<Post, 'status' | 'results' | 'updatedAt'> {
  const { status: _status, results: _results, updatedAt: _updatedAt, ...rest } = post;
  return rest;
}

describe('the outbox service, through the real router, against a real local Bluesky PDS', () => {
  it('Post now publishes once, writes the status and the link back to the post, and changes nothing else of it', async () => {
    const app = await open();
    const before = await draft(app);
    const pdsBefore = await postsOnPds();
    const entry = await app.api.outbox.postNow({ id: before.id });
    expect(entry.targets).toHaveLength(1);
    expect(entry.targets[0]).toMatchObject({ network: 'bluesky', accountId: app.accountId, handle: expect.stringContaining(bluesky.handle), parts: 1 });
    await app.core.outbox.settled();

    const after = await app.api.posts.get({ id: before.id });
    expect(after.status).toBe('published');
    expect(editable(after)).toStrictEqual(editable(before));
    expect(after.results).toHaveLength(1);
    expect(after.results[0]).toMatchObject({ target: { network: 'bluesky', accountId: app.accountId }, state: 'published', attempts: 1 });
    expect(after.results[0]!.url).toMatch(/^https:\/\/bsky\.app\/profile\/.+\/post\/[a-z0-9]+$/);

    const added = (await postsOnPds()).filter((record) => !pdsBefore.some((old) => old.uri === record.uri));
    expect(added.map((record) => record.value.text)).toStrictEqual([before.text]);
    const listed = await app.api.outbox.list();
    expect(listed.find((item) => item.postId === before.id)).toMatchObject({ status: 'published', targets: [{ state: 'published', url: after.results[0]!.url }] });
    // The windows heard each step, ending with the published entry.
    expect(app.changes.at(-1)).toMatchObject({ postId: before.id, entry: { status: 'published' } });
  });

  it('Post now sends the post\'s image from the media library with its alt text, location stripped', async () => {
    const app = await open();
    const image = await app.api.media.import({ name: 'harbour.jpg', dataBase64: tinyJpeg({ gps: true }).toString('base64') });
    expect(image.hasLocation).toBe(true);
    const post = await draft(app, { media: [{ mediaId: image.mediaId, mime: image.mime, bytes: image.bytes, width: image.width, height: image.height, altText: 'The harbour at dawn.' }] });
    await app.api.outbox.postNow({ id: post.id });
    await app.core.outbox.settled();
    expect((await app.api.posts.get({ id: post.id })).status).toBe('published');
    const record = (await postsOnPds()).find((item) => item.value.text === post.text);
    const embed = record?.value.embed as { $type: string; images: { alt: string; image: { ref: { toString(): string } } }[] } | undefined;
    expect(embed?.$type).toBe('app.bsky.embed.images');
    expect(embed?.images.map((item) => item.alt)).toStrictEqual(['The harbour at dawn.']);
    const blob = await reader.com.atproto.sync.getBlob({ did: bluesky.did, cid: embed!.images[0]!.image.ref.toString() });
    // The location of the original is gone from what Bluesky got.
    expect((await findLocation(tinyJpeg({ gps: true }), 'image/jpeg')).hasLocation).toBe(true);
    expect((await findLocation(Buffer.from(blob.data), 'image/jpeg')).hasLocation).toBe(false);
  });

  it('refuses a network with no connected account, naming it, and leaves the post a draft as it was', async () => {
    const app = await open();
    const before = await draft(app, { targets: [{ network: 'bluesky', accountId: app.accountId }, { network: 'mastodon' }] });
    const refused = await failure(app.api.outbox.postNow({ id: before.id }));
    expect(refused).toMatchObject({ code: 'account_needed', message: 'Connect a Mastodon account to post there.', details: { network: 'mastodon' } });
    expect(await app.api.posts.get({ id: before.id })).toStrictEqual(before);
    expect(await app.api.outbox.list()).not.toContainEqual(expect.objectContaining({ postId: before.id }));
  });

  it('Schedule sends the post by itself at its planned time, not before', async () => {
    const app = await open();
    const at = new Date(Date.now() + 2_500);
    const before = await draft(app, { planned: { at: at.toISOString(), zone: 'Europe/Copenhagen' } });
    const entry = await app.api.outbox.schedule({ id: before.id });
    expect(entry).toMatchObject({ status: 'scheduled', targets: [{ state: 'queued', waiting: 'time', nextAttemptAt: at.toISOString(), untouched: true }] });
    expect((await app.api.posts.get({ id: before.id })).status).toBe('scheduled');
    await vi.waitFor(async () => expect((await app.api.posts.get({ id: before.id })).status).toBe('published'), { timeout: 70_000, interval: 250 });
    const published = await app.api.posts.get({ id: before.id });
    // Sent at or after its time: the record's own createdAt says when it went out.
    const record = (await postsOnPds()).find((item) => item.value.text === before.text);
    expect(record).toBeDefined();
    expect(Date.parse(record!.value.createdAt)).toBeGreaterThanOrEqual(at.getTime());
    expect(editable(published)).toStrictEqual(editable(before));
  }, 90_000);

  it('Cancel takes a scheduled post back to the drafts with nothing else changed; a published post cannot be cancelled', async () => {
    const app = await open();
    const before = await draft(app, { planned: { at: new Date(Date.now() + 3_600_000).toISOString(), zone: 'Europe/Copenhagen' } });
    await app.api.outbox.schedule({ id: before.id });
    const cancelled = await app.api.outbox.cancel({ id: before.id });
    expect(cancelled.status).toBe('draft');
    expect(editable(cancelled)).toStrictEqual(editable(before));
    expect(await app.api.outbox.list()).not.toContainEqual(expect.objectContaining({ postId: before.id }));
    expect(app.changes.at(-1)).toStrictEqual({ postId: before.id, entry: null });

    const sent = await draft(app);
    await app.api.outbox.postNow({ id: sent.id });
    await app.core.outbox.settled();
    expect(await failure(app.api.outbox.cancel({ id: sent.id }))).toMatchObject({ code: 'already_sending' });
  });

  it('a post in the outbox cannot be changed by a save (the outbox sends the words it was given); after Cancel it can', async () => {
    const app = await open();
    const before = await draft(app, { planned: { at: new Date(Date.now() + 3_600_000).toISOString(), zone: 'Europe/Copenhagen' } });
    await app.api.outbox.schedule({ id: before.id });
    const scheduled = await app.api.posts.get({ id: before.id });
    expect(await failure(app.api.posts.saveDraft({ id: before.id, text: 'Changed behind the outbox' }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('choose Edit there') });
    expect(await app.api.posts.get({ id: before.id })).toStrictEqual(scheduled);
    expect((await app.api.posts.saveStatus()).state).toBe('saved');
    // Nor moved to the trash while its intents would still send it.
    expect(await failure(app.api.posts.delete({ id: before.id }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Cancel it there first') });
    expect(await app.api.posts.get({ id: before.id })).toStrictEqual(scheduled);
    await app.api.outbox.cancel({ id: before.id });
    expect((await app.api.posts.saveDraft({ id: before.id, text: 'Changed after Edit' })).text).toBe('Changed after Edit');
    await app.api.posts.delete({ id: before.id });
  });

  it('moving a scheduled post in the calendar moves its send time; its other fields stay', async () => {
    const app = await open();
    const before = await draft(app, { planned: { at: new Date(Date.now() + 3_600_000).toISOString(), zone: 'Europe/Copenhagen' } });
    await app.api.outbox.schedule({ id: before.id });
    const later = new Date(Date.now() + 7_200_000).toISOString();
    const moved = await app.api.posts.replan({ id: before.id, planned: { at: later, zone: 'Europe/Copenhagen' } });
    expect(moved.planned).toStrictEqual({ at: later, zone: 'Europe/Copenhagen' });
    const { planned: _a, ...rest } = editable(moved);
    const { planned: _b, ...restBefore } = editable(before);
    expect(rest).toStrictEqual(restBefore);
    expect((await app.api.outbox.list()).find((item) => item.postId === before.id)?.targets[0]?.nextAttemptAt).toBe(later);
    expect(await failure(app.api.posts.replan({ id: before.id, planned: null }))).toMatchObject({ code: 'invalid_input' });
  });

  it('checks the tone policy again at send time: a policy changed after scheduling stops the post, with the reason', async () => {
    const app = await open();
    const before = await draft(app, { planned: { at: new Date(Date.now() + 3_600_000).toISOString(), zone: 'Europe/Copenhagen' } });
    await app.api.outbox.schedule({ id: before.id });
    const settings = await app.api.settings.get();
    await app.api.settings.update({ tonePolicy: { ...settings.tonePolicy, bluesky: ['professional'] } });
    const pdsBefore = await postsOnPds();
    await app.api.outbox.postNow({ id: before.id });
    await app.core.outbox.settled();
    const entry = (await app.api.outbox.list()).find((item) => item.postId === before.id);
    expect(entry).toMatchObject({ status: 'failed', targets: [{ state: 'failed_permanent', waiting: 'person', error: { code: 'tone_not_allowed' } }] });
    expect(entry!.targets[0]!.error!.message).toContain('no longer welcomes blend posts on Bluesky');
    expect(await postsOnPds()).toHaveLength(pdsBefore.length);
  });

  it('a post whose time passed while Spheres was closed goes out at start inside the grace window, and waits for the person outside it', async () => {
    let now = new Date();
    const first = await open({ now: () => now });
    const soon = new Date(now.getTime() + 10 * 60_000);
    const inside = await draft(first, { planned: { at: soon.toISOString(), zone: 'Europe/Copenhagen' } });
    const outside = await draft(first, { planned: { at: new Date(now.getTime() + 60_000).toISOString(), zone: 'Europe/Copenhagen' } });
    await first.api.outbox.schedule({ id: inside.id });
    await first.api.outbox.schedule({ id: outside.id });
    await first.core.close();

    // Closed for 20 minutes: `inside` is 10 minutes late (grace 15), `outside` 19.
    now = new Date(now.getTime() + 20 * 60_000);
    const second = await open({ dataDir: first.dataDir, now: () => now });
    await second.core.outbox.settled();
    expect((await second.api.posts.get({ id: inside.id })).status).toBe('published');
    const missed = (await second.api.outbox.list()).find((item) => item.postId === outside.id);
    expect(missed).toMatchObject({ status: 'needs_attention', targets: [{ state: 'failed_permanent', waiting: 'person', error: { code: 'missed_its_time' } }] });
    expect((await postsOnPds()).filter((record) => record.value.text === outside.text)).toHaveLength(0);

    // The person's Retry sends it, once.
    await second.api.outbox.retry({ id: outside.id });
    await vi.waitFor(async () => expect((await second.api.posts.get({ id: outside.id })).status).toBe('published'), { timeout: 10_000, interval: 100 });
    expect((await postsOnPds()).filter((record) => record.value.text === outside.text)).toHaveLength(1);
  });

  it('a crash after the post was marked but before all its intents were written: start-up writes the missing ones, at the same time', async () => {
    const first = await open({ extraAccounts: [mastodon] });
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const post = await draft(first, { planned: { at, zone: 'Europe/Copenhagen' }, targets: [{ network: 'bluesky', accountId: first.accountId }, { network: 'mastodon', accountId: mastodon.id }] });
    await first.api.outbox.schedule({ id: post.id });
    await first.core.close();
    // As if the process died before the Mastodon intent reached the disk.
    const store = new IntentStore({ fs: nodeStorageFs, dataDir: first.dataDir, now: () => new Date() });
    for (const intent of (await store.readAll()).intents) if (intent.target.network === 'mastodon') await store.remove(intent.id);
    await store.close();

    const second = await open({ dataDir: first.dataDir, extraAccounts: [mastodon] });
    const entry = (await second.api.outbox.list()).find((item) => item.postId === post.id);
    expect(entry?.targets.map((target) => [target.network, target.state, target.nextAttemptAt])).toStrictEqual([
      ['bluesky', 'queued', at],
      ['mastodon', 'queued', at],
    ]);
  });

  it('a post marked for the outbox with no intent at all (an older Spheres, or a crash) is listed as not sent, and Post now sends it once', async () => {
    const app = await open();
    const post = await draft(app);
    await app.core.posts.update(post.id, { status: 'queued' });
    const listed = (await app.api.outbox.list()).find((item) => item.postId === post.id);
    expect(listed).toMatchObject({ status: 'queued', targets: [] });
    await app.api.outbox.postNow({ id: post.id });
    await app.core.outbox.settled();
    expect((await app.api.posts.get({ id: post.id })).status).toBe('published');
    expect((await postsOnPds()).filter((record) => record.value.text === post.text)).toHaveLength(1);
  });

  it('a second Spheres on the same data folder shows the outbox but changes nothing; the one sending keeps its journal whole', async () => {
    const first = await open();
    const post = await draft(first, { planned: { at: new Date(Date.now() + 3_600_000).toISOString(), zone: 'Europe/Copenhagen' } });
    await first.api.outbox.schedule({ id: post.id });
    const second = await open({ dataDir: first.dataDir });
    expect((await second.api.outbox.list()).find((item) => item.postId === post.id)).toMatchObject({ status: 'scheduled' });
    const refused = await failure(second.api.outbox.postNow({ id: post.id }));
    expect(refused).toMatchObject({ code: 'invalid_input', message: 'The Spheres web host is sending posts for this data folder. Post from there, or close it and restart this one.' });
    expect(await failure(second.api.outbox.cancel({ id: post.id }))).toMatchObject({ code: 'invalid_input' });
    await second.core.close();
    // The sender goes on: its Post now after the other closed is written and sent once.
    await first.api.outbox.postNow({ id: post.id });
    await first.core.outbox.settled();
    expect((await first.api.posts.get({ id: post.id })).status).toBe('published');
    await first.core.close();
    const third = await open({ dataDir: first.dataDir });
    expect((await third.api.outbox.list()).find((item) => item.postId === post.id)).toMatchObject({ status: 'published' });
    expect((await postsOnPds()).filter((record) => record.value.text === post.text)).toHaveLength(1);
  });

  it('an intent whose only copy is a damaged journal line is never rebuilt with a new key: the post waits for the person', async () => {
    const first = await open({ extraAccounts: [mastodon] });
    const post = await draft(first, {
      planned: { at: new Date(Date.now() + 3_600_000).toISOString(), zone: 'Europe/Copenhagen' },
      targets: [{ network: 'bluesky', accountId: first.accountId }, { network: 'mastodon', accountId: mastodon.id }],
    });
    await first.api.outbox.schedule({ id: post.id });
    await first.core.close();
    // The Mastodon intent's only copy becomes a damaged line of the journal (its files gone), followed by a good record.
    const intents = path.join(first.dataDir, 'outbox', 'intents');
    const name = readdirSync(intents).find((file) => file.includes('.mastodon-') && file.endsWith('.json'))!;
    const lost = JSON.parse(readFileSync(path.join(intents, name), 'utf8')) as SendIntent & { journalSeq: number };
    for (const file of readdirSync(intents).filter((file) => file.includes('.mastodon-'))) rmSync(path.join(intents, file));
    const blueskyName = readdirSync(intents).find((file) => file.includes('.bluesky-') && file.endsWith('.json'))!;
    const kept = JSON.parse(readFileSync(path.join(intents, blueskyName), 'utf8')) as SendIntent & { journalSeq: number };
    const damaged = encodeRecord(lost.journalSeq + 10, lost).replace(/^(\d+) [0-9a-f]{16}/, '$1 0000000000000000');
    writeFileSync(path.join(first.dataDir, 'outbox', 'journal.log'), damaged + encodeRecord(lost.journalSeq + 11, kept));

    const second = await open({ dataDir: first.dataDir, extraAccounts: [mastodon] });
    const entry = (await second.api.outbox.list()).find((item) => item.postId === post.id);
    expect(entry?.targets.map((target) => [target.network, target.waiting])).toStrictEqual([['bluesky', 'person']]);
    expect(entry?.status).toBe('needs_attention');
  });

  it('lists a post published over a month ago no more, without reading it (a long history costs no reads)', async () => {
    let now = new Date();
    const first = await open({ now: () => now });
    const post = await draft(first);
    await first.api.outbox.postNow({ id: post.id });
    await first.core.outbox.settled();
    expect((await first.api.outbox.list()).map((item) => item.postId)).toContain(post.id);
    await first.core.close();

    now = new Date(now.getTime() + 31 * 24 * 3_600_000);
    const later = await open({ dataDir: first.dataDir, now: () => now });
    const reads = vi.spyOn(later.core.posts, 'get');
    expect((await later.api.outbox.list()).map((item) => item.postId)).not.toContain(post.id);
    expect(reads.mock.calls.map(([id]) => id)).not.toContain(post.id);
    // The calendar keeps it, published, with its link.
    expect(await later.api.posts.get({ id: post.id })).toMatchObject({ status: 'published', results: [{ state: 'published' }] });
  });
});
