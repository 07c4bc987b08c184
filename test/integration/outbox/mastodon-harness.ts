import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { MastodonPublisher, OutboxEngine, type SendIntent } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';
import type { Credentials } from '../../../electron/core/vault';
import { FaultProxy, type RequestMatch } from '../../support/fault-proxy';
import { startMastodonFake, type MastodonFake } from '../../support/fakes/mastodon-fake';
import type { FakeStatus } from '../../support/fakes/mastodon-statuses';
import { outboxDataDir, TestMediaLibrary, testPostId } from '../../support/outbox-harness';

/** Requests that create a status (what a duplicate would come from). */
export const CREATE_STATUS: RequestMatch = ({ method, path }) => method === 'POST' && path === '/api/v1/statuses';
export const ACCOUNT_STATUSES: RequestMatch = ({ method, path }) => method === 'GET' && /^\/api\/v1\/accounts\/\d+\/statuses/.test(path);
export const MEDIA_CHECK: RequestMatch = ({ method, path }) => method === 'GET' && /^\/api\/v1\/media\/\d+$/.test(path);

/** The scopes the accounts connector asks Mastodon for (MASTODON_SCOPES): no read:statuses. */
const CONNECTED_SCOPES = ['read:accounts', 'read:statuses', 'write:statuses', 'write:media'];

export interface MastodonWorld {
  fake: MastodonFake;
  proxy: FaultProxy;
  /** One clock for the fake server, the engine and the publisher (ms since the epoch). */
  clock: { now: number };
  credentials: Credentials;
  accountId: string;
  close(): Promise<void>;
}

export async function startMastodonWorld(): Promise<MastodonWorld> {
  const clock = { now: Date.parse('2025-03-10T09:00:00.000Z') };
  // Mastodon's default limit of 500 characters (the fake enforces what its instance says).
  const fake = await startMastodonFake({ now: () => clock.now, statuses: { max_characters: 500 }, mediaPolls: 2 });
  const proxy = await FaultProxy.start(fake.origin);
  const credentials: Credentials = { accessToken: fake.issueToken(CONNECTED_SCOPES), scopes: CONNECTED_SCOPES, clientId: 'spheres-test-client' };
  return {
    fake,
    proxy,
    clock,
    credentials,
    accountId: `mastodon:${fake.host.replace(':', '.')}:alice`,
    close: async () => {
      await proxy.close();
      await fake.close();
    },
  };
}

/** What a test attaches to a post: the content warning and images (bytes with their alt text). */
export interface PostExtras {
  contentWarning?: string;
  images?: readonly { bytes: Uint8Array; mime: string; altText: string }[];
}

export interface OutboxUnderTest {
  engine: OutboxEngine;
  dataDir: string;
  /** The media library as the publisher reads it: image bytes by media id (their sha256). */
  media: Map<string, Uint8Array>;
  /** Calls of the publisher's sleep while it waited for media processing (no real waiting). */
  sleeps: number[];
  /** Moves every clock on: past the backoff, or past the hour Mastodon keeps a key. */
  advance(ms: number): void;
  enqueue(parts: string[], extras?: PostExtras): Promise<SendIntent>;
  cleanup(): void;
}

export function outboxFor(world: MastodonWorld, options: { timeoutMs?: number } = {}): OutboxUnderTest {
  const dataDir = outboxDataDir('mastodon');
  const media = new TestMediaLibrary();
  const sleeps: number[] = [];
  const now = () => new Date(world.clock.now);
  const publisher = new MastodonPublisher({
    now,
    serverOf: async () => world.proxy.url,
    readMedia: media.read,
    timeoutMs: options.timeoutMs ?? 10_000,
    sleep: async (ms) => void sleeps.push(ms),
  });
  const engine = new OutboxEngine({
    fs: nodeStorageFs,
    dataDir,
    now,
    random: () => 0.5,
    publishers: { mastodon: publisher },
    credentials: { credentialsFor: async () => world.credentials },
  });
  return {
    engine,
    dataDir,
    media: media.bytes,
    sleeps,
    advance: (ms) => {
      world.clock.now += ms;
    },
    enqueue: async (parts, postExtras = {}) => {
      const refs = media.attach(postExtras.images ?? []);
      return engine.enqueue({
        postId: testPostId(),
        target: { network: 'mastodon', accountId: world.accountId },
        parts,
        extras: { contentWarning: postExtras.contentWarning ?? '', media: refs },
      });
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** The statuses the fake made since `before` (a count of fake.posting.statuses), oldest first. */
export function statusesSince(world: MastodonWorld, before: number): FakeStatus[] {
  return world.fake.posting.statuses.slice(before);
}

/**
 * One Mastodon world for a test file: started before its tests, closed after them, every outbox
 * opened during a test cleaned up after it. `onStart` receives the world; `afterEachTest` resets
 * what a test may have scripted. Returns the file's way to open an outbox over a fresh data folder.
 */
export function mastodonWorldPerFile(
  onStart: (world: MastodonWorld) => void,
  afterEachTest?: (world: MastodonWorld) => void,
): (options?: { timeoutMs?: number }) => Promise<OutboxUnderTest> {
  let world: MastodonWorld | undefined;
  const outboxes: OutboxUnderTest[] = [];
  beforeAll(async () => {
    world = await startMastodonWorld();
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
    if (world === undefined) throw new Error('the Mastodon world is not started: open outboxes inside tests');
    const outbox = outboxFor(world, options);
    outboxes.push(outbox);
    await outbox.engine.open();
    return outbox;
  };
}
