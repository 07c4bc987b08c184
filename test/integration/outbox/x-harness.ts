import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { OutboxEngine, XPublisher, type SendIntent } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';
import type { Credentials } from '../../../electron/core/vault';
import { FaultProxy, type RequestMatch } from '../../support/fault-proxy';
import { startXFake, type XFake } from '../../support/fakes/x-fake';
import type { FakeTweet } from '../../support/fakes/x-posts';
import { outboxDataDir, TestMediaLibrary, testPostId } from '../../support/outbox-harness';

/** Requests that create a post (what a duplicate would come from). */
export const CREATE_TWEET: RequestMatch = ({ method, path }) => method === 'POST' && path === '/2/tweets';
export const USER_TWEETS: RequestMatch = ({ method, path }) => method === 'GET' && /^\/2\/users\/\d+\/tweets/.test(path);
export const MEDIA_FINALIZE: RequestMatch = ({ method, path }) => method === 'POST' && /^\/2\/media\/upload\/\d+\/finalize$/.test(path);

export interface XWorld {
  fake: XFake;
  proxy: FaultProxy;
  /** One clock for the fake server, the engine and the publisher (ms since the epoch). */
  clock: { now: number };
  credentials: Credentials;
  accountId: string;
  close(): Promise<void>;
}

export async function startXWorld(): Promise<XWorld> {
  const clock = { now: Date.parse('2025-03-10T09:00:00.000Z') };
  const fake = await startXFake({ now: () => clock.now, accessTokenTtl: null, posting: { mediaPolls: 1 } });
  const proxy = await FaultProxy.start(fake.origin);
  return {
    fake,
    proxy,
    clock,
    credentials: { accessToken: fake.issueToken(), scopes: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] },
    // As the X connector names an account: its user id.
    accountId: `x:${fake.user.id}`,
    close: async () => {
      await proxy.close();
      await fake.close();
    },
  };
}

export interface XOutboxUnderTest {
  engine: OutboxEngine;
  dataDir: string;
  sleeps: number[];
  advance(ms: number): void;
  enqueue(parts: string[], images?: readonly { bytes: Uint8Array; mime: string; altText: string }[]): Promise<SendIntent>;
  cleanup(): void;
}

export function xOutboxFor(world: XWorld, options: { timeoutMs?: number } = {}): XOutboxUnderTest {
  const dataDir = outboxDataDir('x');
  const media = new TestMediaLibrary();
  const sleeps: number[] = [];
  const now = () => new Date(world.clock.now);
  const publisher = new XPublisher({
    now,
    apiOrigin: world.proxy.url,
    readMedia: media.read,
    timeoutMs: options.timeoutMs ?? 10_000,
    sleep: async (ms) => void sleeps.push(ms),
  });
  const engine = new OutboxEngine({
    fs: nodeStorageFs,
    dataDir,
    now,
    random: () => 0.5,
    publishers: { x: publisher },
    credentials: { credentialsFor: async () => world.credentials },
  });
  return {
    engine,
    dataDir,
    sleeps,
    advance: (ms) => {
      world.clock.now += ms;
    },
    enqueue: async (parts, images = []) => {
      const refs = media.attach(images);
      return engine.enqueue({
        postId: testPostId(),
        target: { network: 'x', accountId: world.accountId },
        parts,
        extras: { contentWarning: '', media: refs },
      });
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** The posts the fake made since `before` (a count of fake.posting.tweets), oldest first. */
export function tweetsSince(world: XWorld, before: number): FakeTweet[] {
  return world.fake.posting.tweets.slice(before);
}

/** One X world for a test file; returns the file's way to open an outbox over a fresh data folder. */
export function xWorldPerFile(onStart: (world: XWorld) => void, afterEachTest?: (world: XWorld) => void): (options?: { timeoutMs?: number }) => Promise<XOutboxUnderTest> {
  let world: XWorld | undefined;
  const outboxes: XOutboxUnderTest[] = [];
  beforeAll(async () => {
    world = await startXWorld();
    onStart(world);
  });
  afterAll(async () => {
    await world?.close();
  });
  afterEach(() => {
    if (world !== undefined) afterEachTest?.(world);
    for (const outbox of outboxes.splice(0)) outbox.cleanup();
  });
  return async (options = {}) => {
    if (world === undefined) throw new Error('the X world is not started: open outboxes inside tests');
    const outbox = xOutboxFor(world, options);
    outboxes.push(outbox);
    await outbox.engine.open();
    return outbox;
  };
}
