import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BlueskyPublisher, OutboxEngine, threadParts, type SendIntent } from '../../../electron/core/outbox';
import { WriteBudget } from '../../../electron/core/outbox/publishers/bluesky-budget';
import { nodeStorageFs, type StorageFs } from '../../../electron/core/storage';
import type { Credentials } from '../../../electron/core/vault';
import { startBlueskyDevEnv, type BlueskyDevEnv } from '../../support/bluesky-dev-env';
import { pdsPosts, pdsPostsSince, type PdsPost } from '../../support/pds-posts';
import { FaultProxy, xrpc } from '../../support/fault-proxy';
import { dyingFs, expectOnlyOwnIntentChanged, snapshotWithIntents } from '../../support/outbox-disk';

const CREATE = xrpc('com.atproto.repo.createRecord');
const GET = xrpc('com.atproto.repo.getRecord');

let bluesky: BlueskyDevEnv;
let proxy: FaultProxy;
let reader: AtpAgent;
let credentials: Credentials;
let accountId: string;

beforeAll(async () => {
  bluesky = await startBlueskyDevEnv();
  proxy = await FaultProxy.start(bluesky.pdsLoopbackUrl);
  reader = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
  const session = await new AtpAgent({ service: bluesky.pdsLoopbackUrl }).login({ identifier: bluesky.handle, password: bluesky.appPassword });
  // What the accounts service keeps for a Bluesky account; the PDS is reached through the fault proxy.
  credentials = {
    accessToken: session.data.accessJwt,
    refreshToken: session.data.refreshJwt,
    extra: { did: session.data.did, handle: session.data.handle, service: proxy.url },
  };
  accountId = `bluesky:${session.data.did}`;
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await bluesky?.close();
});

const folders: string[] = [];
afterEach(() => {
  proxy.release();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

type PostRecord = PdsPost;
const allPosts = (): Promise<PostRecord[]> => pdsPosts(reader, bluesky.did);
const newPosts = (before: readonly PostRecord[]): Promise<PostRecord[]> => pdsPostsSince(reader, bluesky.did, before);

function setup(options: { timeoutMs?: number; fs?: StorageFs; dataDir?: string; credentials?: Credentials; budget?: WriteBudget } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'spheres-outbox-'));
  if (options.dataDir === undefined) {
    folders.push(dataDir);
    // The rest of the data folder, which a publish must leave as it is.
    mkdirSync(path.join(dataDir, 'posts'));
    writeFileSync(path.join(dataDir, 'posts', 'index.json'), '{"schemaVersion":1,"entries":[]}');
  }
  const clock = { now: Date.now() };
  const engine = new OutboxEngine({
    fs: options.fs ?? nodeStorageFs,
    dataDir,
    now: () => new Date(clock.now),
    random: () => 0.5,
    publishers: {
      bluesky: new BlueskyPublisher({
        now: () => new Date(clock.now),
        timeoutMs: options.timeoutMs ?? 10_000,
        // Link cards are tested in bluesky-embeds.test.ts; here the open web is never asked.
        cardFetch: async () => new Response('', { status: 404 }),
        ...(options.budget === undefined ? {} : { budget: options.budget }),
      }),
    },
    credentials: { credentialsFor: async () => options.credentials ?? credentials },
  });
  /** Jumps past any backoff, so the next sendDue() finds the target due. */
  const later = () => {
    clock.now += 60 * 60_000;
  };
  return { dataDir, engine, later };
}

let postCounter = 0;
async function enqueue(engine: OutboxEngine, parts: string[]): Promise<SendIntent> {
  return engine.enqueue({ postId: `post-${String(++postCounter).padStart(4, '0')}-${process.pid}`, target: { network: 'bluesky', accountId }, parts });
}

describe('publishing to a real local Bluesky PDS through the outbox', () => {
  it('keeps inside the account\'s write budget by itself: a post over it waits for the limit, sending nothing, then goes', async () => {
    const { engine, later } = setup({ budget: new WriteBudget([{ points: 3, windowMs: 60 * 60_000, name: 'hourly' }]) });
    await engine.open();
    const before = await allPosts();
    const first = await enqueue(engine, ['Inside the budget']);
    const second = await enqueue(engine, ['Over the budget, for now']);
    expect((await engine.send(first.id)).state).toBe('published');
    const waiting = await engine.send(second.id);
    expect(waiting).toMatchObject({ state: 'failed_retryable', error: { code: 'rate_limited' } });
    expect(waiting.error?.message).toContain("Bluesky's hourly limit");
    // It waits until the first post's points leave the hour, not a short backoff.
    expect(Date.parse(waiting.nextAttemptAt!)).toBeGreaterThanOrEqual(Date.parse(first.createdAt) + 59 * 60_000);
    expect((await newPosts(before)).map((post) => post.value.text)).toStrictEqual(['Inside the budget']);
    later();
    expect((await engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect((await newPosts(before)).map((post) => post.value.text)).toStrictEqual(['Inside the budget', 'Over the budget, for now']);
  });

  it('publishes a single post, and writes nothing but its own intent', async () => {
    const { engine, dataDir } = setup();
    await engine.open();
    const before = await allPosts();
    const queued = await enqueue(engine, ['Hello from Spheres']);
    const files = await snapshotWithIntents(dataDir);
    const sent = await engine.send(queued.id);
    const posts = await newPosts(before);
    expect(posts.map((post) => post.value.text)).toStrictEqual(['Hello from Spheres']);
    expect(posts[0]!.value.reply).toBeUndefined();
    const rkey = sent.parts[0]!.key!;
    expect(sent).toMatchObject({
      state: 'published',
      attempts: 1,
      error: null,
      parts: [{ key: rkey, remote: { id: `at://${bluesky.did}/app.bsky.feed.post/${rkey}`, cid: posts[0]!.cid, url: `https://bsky.app/profile/${bluesky.did}/post/${rkey}` } }],
    });
    expect(posts[0]!.uri).toBe(sent.parts[0]!.remote!.id);
    await expectOnlyOwnIntentChanged(files, dataDir, queued);
  });

  it('publishes a thread of 5 in order, each a reply to the one before with the thread\'s first post as root', async () => {
    const { engine } = setup();
    await engine.open();
    const paragraph = (n: number) => `Part ${n} of the thread. ${'Spheres keeps one voice across every network it posts to. '.repeat(4).trim()}`;
    const parts = threadParts([1, 2, 3, 4, 5].map(paragraph).join('\n\n'), 'bluesky', { numbering: true });
    expect(parts).toHaveLength(5);
    const before = await allPosts();
    const sent = await engine.send((await enqueue(engine, parts)).id);
    expect(sent.state).toBe('published');
    const posts = await newPosts(before);
    expect(posts.map((post) => post.value.text)).toStrictEqual(parts);
    const [root, ...replies] = posts;
    expect(root!.value.reply).toBeUndefined();
    replies.forEach((reply, index) => {
      const parent = posts[index]!;
      expect(reply.value.reply).toMatchObject({ root: { uri: root!.uri, cid: root!.cid }, parent: { uri: parent.uri, cid: parent.cid } });
    });
    expect(sent.parts.map((part) => part.remote!.id)).toStrictEqual(posts.map((post) => post.uri));
  });

  it('marks links, mentions (as DIDs) and hashtags with UTF-8 byte offsets', async () => {
    const { engine } = setup();
    await engine.open();
    const text = `Grüße 🌍 @${bluesky.handle} read https://example.com/spheres?x=1 #OneVoice`;
    const before = await allPosts();
    await engine.send((await enqueue(engine, [text])).id);
    const [post, ...others] = await newPosts(before);
    expect(others).toStrictEqual([]);
    const bytes = Buffer.from(post!.value.text, 'utf8');
    const facets = (post!.value.facets ?? []).map((facet) => ({
      covers: bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8'),
      features: facet.features.map(({ $type, ...rest }) => ({ $type, ...rest })),
    }));
    expect(facets).toStrictEqual([
      { covers: `@${bluesky.handle}`, features: [{ $type: 'app.bsky.richtext.facet#mention', did: bluesky.did }] },
      { covers: 'https://example.com/spheres?x=1', features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/spheres?x=1' }] },
      { covers: '#OneVoice', features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'OneVoice' }] },
    ]);
  });
});

describe('exactly once through faults between the outbox and the PDS', () => {
  it('leaves exactly one record when the server committed and the answer was lost, then the outbox retried', async () => {
    const { engine, later, dataDir } = setup();
    await engine.open();
    const before = await allPosts();
    const queued = await enqueue(engine, ['Committed, answer lost']);
    const files = await snapshotWithIntents(dataDir);
    const creates = proxy.forwarded(CREATE).length;
    void proxy.inject({ kind: 'drop_response' }, CREATE);
    expect(await engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { kind: 'unknown', code: 'connection_lost' } });
    expect(await newPosts(before)).toHaveLength(1);
    later();
    expect((await engine.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    const posts = await newPosts(before);
    expect(posts.map((post) => post.value.text)).toStrictEqual(['Committed, answer lost']);
    expect(engine.get(queued.id)?.parts[0]?.remote?.id).toBe(posts[0]!.uri);
    // The retry asked about the saved key (getRecord) and did not send again.
    const key = engine.get(queued.id)!.parts[0]!.key!;
    expect(proxy.forwarded(GET).filter((request) => request.path.includes(`rkey=${key}`))).toHaveLength(1);
    expect(proxy.forwarded(CREATE).length - creates).toBe(1);
    await expectOnlyOwnIntentChanged(files, dataDir, queued);
  });

  it('leaves exactly one record when the answer never came and the request timed out after the commit', async () => {
    const { engine, later } = setup({ timeoutMs: 1_500 });
    await engine.open();
    const before = await allPosts();
    const queued = await enqueue(engine, ['Timed out after commit']);
    const held = proxy.inject({ kind: 'hang' }, CREATE);
    expect(await engine.send(queued.id)).toMatchObject({ state: 'unknown', error: { code: 'timed_out' } });
    await held;
    later();
    await engine.sendDue();
    expect(engine.get(queued.id)?.state).toBe('published');
    expect((await newPosts(before)).map((post) => post.value.text)).toStrictEqual(['Timed out after commit']);
  });

  it('publishes once after a connection reset before the request reached the server', async () => {
    const { engine, later } = setup();
    await engine.open();
    const before = await allPosts();
    const queued = await enqueue(engine, ['Reset before forwarding']);
    void proxy.inject({ kind: 'reset' }, CREATE);
    expect((await engine.send(queued.id)).state).toBe('unknown');
    expect(await newPosts(before)).toStrictEqual([]);
    later();
    await engine.sendDue();
    expect(engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect((await newPosts(before)).map((post) => post.value.text)).toStrictEqual(['Reset before forwarding']);
  });

  it('publishes once after a 503, and waits as long as a 429 asks', async () => {
    const { engine, later } = setup();
    await engine.open();
    const before = await allPosts();
    const queued = await enqueue(engine, ['After a 503 and a 429']);
    void proxy.inject({ kind: 'status', status: 503 }, CREATE);
    expect(await engine.send(queued.id)).toMatchObject({ state: 'failed_retryable', error: { kind: 'retryable', code: 'server_error' } });
    later();
    void proxy.inject({ kind: 'rate_limit', retryAfterSeconds: 600 }, CREATE);
    const limited = await engine.send(queued.id);
    expect(limited).toMatchObject({ state: 'failed_retryable', error: { code: 'rate_limited' } });
    expect(Date.parse(limited.nextAttemptAt!) - Date.parse(limited.updatedAt)).toBe(600_000);
    expect(await newPosts(before)).toStrictEqual([]);
    later();
    await engine.sendDue();
    expect(engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 3 });
    expect((await newPosts(before)).map((post) => post.value.text)).toStrictEqual(['After a 503 and a 429']);
  });

  it('reconciles to published with no duplicate when the process dies with the request in flight', async () => {
    let dead = false;
    const first = setup({ fs: dyingFs(() => dead), timeoutMs: 30_000 });
    await first.engine.open();
    const before = await allPosts();
    const queued = await enqueue(first.engine, ['Survives a crash']);
    const committed = proxy.inject({ kind: 'hang' }, CREATE);
    const inFlight = first.engine.send(queued.id);
    await committed;
    // The server has the post; the process ends now: nothing it does from here reaches the disk.
    dead = true;
    const files = await snapshotWithIntents(first.dataDir);

    const second = setup({ dataDir: first.dataDir });
    await second.engine.open();
    expect(second.engine.get(queued.id)).toMatchObject({ state: 'unknown', parts: [{ remote: null }] });
    await second.engine.sendDue();
    const posts = await newPosts(before);
    expect(posts.map((post) => post.value.text)).toStrictEqual(['Survives a crash']);
    expect(second.engine.get(queued.id)).toMatchObject({ state: 'published', parts: [{ remote: { id: posts[0]!.uri, cid: posts[0]!.cid } }] });
    await expectOnlyOwnIntentChanged(files, first.dataDir, queued);

    proxy.release();
    await expect(inFlight).rejects.toThrow('the process is gone');
    expect(await newPosts(before)).toHaveLength(1);
  });

  it('resumes a thread that failed at part 3 from part 3, posting each part once', async () => {
    const { engine, later } = setup();
    await engine.open();
    const parts = ['Thread 1/5', 'Thread 2/5', 'Thread 3/5', 'Thread 4/5', 'Thread 5/5'];
    const before = await allPosts();
    const creates = proxy.forwarded(CREATE).length;
    let seen = 0;
    void proxy.inject({ kind: 'status', status: 502 }, (request) => CREATE(request) && ++seen === 3);
    const failed = await enqueue(engine, parts).then((queued) => engine.send(queued.id));
    expect(failed).toMatchObject({ state: 'failed_retryable', error: { code: 'server_error' } });
    expect(failed.parts.map((part) => part.remote !== null)).toStrictEqual([true, true, false, false, false]);
    expect((await newPosts(before)).map((post) => post.value.text)).toStrictEqual(parts.slice(0, 2));
    later();
    await engine.sendDue();
    expect(engine.get(failed.id)?.state).toBe('published');
    const posts = await newPosts(before);
    expect(posts.map((post) => post.value.text)).toStrictEqual(parts);
    // Parts 1 and 2 reached the server once each; 3, 4 and 5 once each after the resume.
    expect(proxy.forwarded(CREATE).length - creates).toBe(5);
    posts.slice(1).forEach((reply, index) => {
      expect(reply.value.reply).toMatchObject({ root: { uri: posts[0]!.uri }, parent: { uri: posts[index]!.uri, cid: posts[index]!.cid } });
    });
  });

  it('fails a post the PDS refuses for good, with its reason, and creates no record', async () => {
    const { engine } = setup();
    await engine.open();
    const before = await allPosts();
    // Bluesky's lexicon allows 300 graphemes; the PDS validates the record and answers 400.
    const sent = await engine.send((await enqueue(engine, ['x'.repeat(301)])).id);
    expect(sent).toMatchObject({ state: 'failed_permanent', nextAttemptAt: null, error: { kind: 'permanent', code: 'rejected', message: 'Bluesky refused the post (HTTP 400) (InvalidRequest).' } });
    expect(await newPosts(before)).toStrictEqual([]);
  });

  it('lets the post wait for a reconnect when the PDS no longer accepts the sign-in', async () => {
    const { engine } = setup({ credentials: { ...credentials, accessToken: `${credentials.accessToken!.slice(0, -4)}AAAA` } });
    await engine.open();
    const before = await allPosts();
    const sent = await engine.send((await enqueue(engine, ['Signed out'])).id);
    expect(sent).toMatchObject({ state: 'failed_retryable', nextAttemptAt: null, error: { kind: 'reconnect', code: 'reconnect_needed' } });
    expect(await newPosts(before)).toStrictEqual([]);
  });
});
