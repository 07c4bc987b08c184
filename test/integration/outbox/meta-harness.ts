import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { InstagramPublisher, OutboxEngine, ThreadsPublisher, type SendIntent } from '../../../electron/core/outbox';
import type { MediaHostPort } from '../../../electron/core/outbox/media-host';
import { nodeStorageFs, type StorageFs } from '../../../electron/core/storage';
import type { Credentials } from '../../../electron/core/vault';
import { FaultProxy, type RequestMatch } from '../../support/fault-proxy';
import { startInstagramFake, startThreadsFake, type MetaFake } from '../../support/fakes/meta-fake';
import type { FakeMetaPost } from '../../support/fakes/meta-posting';
import { LoopbackMediaHost } from '../../support/loopback-media-host';
import { outboxDataDir, TestMediaLibrary, testPostId } from '../../support/outbox-harness';

export type MetaNetwork = 'threads' | 'instagram';

/** Requests that make a container, publish one, read one, and read the daily limit. */
export const CREATE_CONTAINER: RequestMatch = ({ method, path }) => method === 'POST' && /^\/(v1\.0\/)?\d+\/(threads|media)$/.test(path);
export const PUBLISH: RequestMatch = ({ method, path }) => method === 'POST' && /^\/(v1\.0\/)?\d+\/(threads_publish|media_publish)$/.test(path);
export const CONTAINER_STATUS: RequestMatch = ({ method, path }) => method === 'GET' && /^\/(v1\.0\/)?\d+\?fields=status/.test(path);
export const PUBLISHING_LIMIT: RequestMatch = ({ method, path }) => method === 'GET' && /publishing_limit/.test(path);

export interface MetaWorld {
  fakes: Record<MetaNetwork, MetaFake>;
  proxies: Record<MetaNetwork, FaultProxy>;
  mediaHost: LoopbackMediaHost;
  /** One clock for the fakes, the engine and the publishers (ms since the epoch). */
  clock: { now: number };
  credentials: Record<MetaNetwork, Credentials>;
  accountIds: Record<MetaNetwork, string>;
  close(): Promise<void>;
}

export async function startMetaWorld(): Promise<MetaWorld> {
  const clock = { now: Date.parse('2025-03-10T09:00:00.000Z') };
  const threads = await startThreadsFake({ now: () => clock.now });
  const instagram = await startInstagramFake({ now: () => clock.now });
  const fakes = { threads, instagram };
  const proxies = { threads: await FaultProxy.start(threads.origin), instagram: await FaultProxy.start(instagram.origin) };
  const mediaHost = await LoopbackMediaHost.start();
  return {
    fakes,
    proxies,
    mediaHost,
    clock,
    credentials: {
      // With threads_read_replies, which finding a reply after a lost answer needs (not yet asked for by the connector).
      threads: { accessToken: threads.issuePostingToken(['threads_read_replies']), scopes: ['threads_basic', 'threads_content_publish', 'threads_read_replies'] },
      instagram: { accessToken: instagram.issuePostingToken(), scopes: ['instagram_business_basic', 'instagram_business_content_publish'] },
    },
    accountIds: { threads: `threads:${threads.user.id}`, instagram: `instagram:${instagram.user.id}` },
    close: async () => {
      await proxies.threads.close();
      await proxies.instagram.close();
      await threads.close();
      await instagram.close();
      await mediaHost.close();
    },
  };
}

export interface PostImages {
  images?: readonly { bytes: Uint8Array; mime: string; altText: string }[];
}

export interface MetaOutbox {
  engine: OutboxEngine;
  dataDir: string;
  /** The publisher's sleeps while it waited for a container (no real waiting). */
  sleeps: number[];
  advance(ms: number): void;
  enqueue(network: MetaNetwork, parts: string[], extras?: PostImages): Promise<SendIntent>;
  cleanup(): Promise<void>;
}

/** The test's media library, shared by every outbox (images are keyed by their sha256). */
const media = new TestMediaLibrary();

export interface MetaOutboxOptions {
  timeoutMs?: number;
  /** An existing data folder (a restart over it) and the disk under it (one that dies, for a crash). */
  dataDir?: string;
  fs?: StorageFs;
  /** The media host the outbox sees (default: the world's loopback one); `async () => null` for none. */
  mediaHost?: MediaHostPort;
}

export function metaOutboxFor(world: MetaWorld, options: MetaOutboxOptions = {}): MetaOutbox {
  const dataDir = options.dataDir ?? outboxDataDir('meta');
  const sleeps: number[] = [];
  const now = () => new Date(world.clock.now);
  const common = {
    now,
    readMedia: media.read,
    timeoutMs: options.timeoutMs ?? 10_000,
    mediaHost: options.mediaHost ?? world.mediaHost.port,
    polling: { intervalMs: 1_000, maxPolls: 5 },
    sleep: async (ms: number) => void sleeps.push(ms),
  };
  const engine = new OutboxEngine({
    fs: options.fs ?? nodeStorageFs,
    dataDir,
    now,
    random: () => 0.5,
    publishers: {
      threads: new ThreadsPublisher({ ...common, graphOrigin: world.proxies.threads.url }),
      instagram: new InstagramPublisher({ ...common, graphOrigin: world.proxies.instagram.url }),
    },
    credentials: { credentialsFor: async (accountId) => (accountId.startsWith('threads:') ? world.credentials.threads : world.credentials.instagram) },
  });
  return {
    engine,
    dataDir,
    sleeps,
    advance: (ms) => {
      world.clock.now += ms;
    },
    enqueue: async (network, parts, extras = {}) => {
      const refs = media.attach(extras.images ?? []);
      return engine.enqueue({
        postId: testPostId(),
        target: { network, accountId: world.accountIds[network] },
        parts,
        extras: { contentWarning: '', media: refs },
      });
    },
    cleanup: async () => {
      await engine.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The posts a fake made since `before` (a count of its posts), oldest first. */
export function postsSince(world: MetaWorld, network: MetaNetwork, before: number): FakeMetaPost[] {
  return world.fakes[network].posting.posts.slice(before);
}

/**
 * One Meta world for a test file: started before its tests, closed after them, every outbox opened
 * in a test cleaned up after it, and what a test scripted (faults, quotas, the media host) reset.
 */
export function metaWorldPerFile(onStart: (world: MetaWorld) => void): (options?: MetaOutboxOptions) => Promise<MetaOutbox> {
  let world: MetaWorld | undefined;
  const outboxes: MetaOutbox[] = [];
  beforeAll(async () => {
    world = await startMetaWorld();
    onStart(world);
  });
  afterAll(async () => {
    await world?.close();
  });
  afterEach(async () => {
    if (world !== undefined) {
      for (const network of ['threads', 'instagram'] as const) {
        world.proxies[network].release();
        world.fakes[network].posting.usedElsewhere = 0;
        world.fakes[network].posting.readsUntilFinished = 1;
      }
      world.mediaHost.mode = 'up';
      // A day on, so no test's posts count against the next one's daily limit.
      world.clock.now += 25 * 3_600_000;
    }
    for (const outbox of outboxes.splice(0)) await outbox.cleanup();
  });
  return async (options = {}) => {
    if (world === undefined) throw new Error('the Meta world is not started: open outboxes inside tests');
    const outbox = metaOutboxFor(world, options);
    outboxes.push(outbox);
    await outbox.engine.open();
    return outbox;
  };
}
