import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { LinkedInPublisher, OutboxEngine, type SendIntent } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';
import type { Credentials } from '../../../electron/core/vault';
import { FaultProxy, type RequestMatch } from '../../support/fault-proxy';
import { startLinkedInFake, type LinkedInFake } from '../../support/fakes/linkedin-fake';
import type { FakeLinkedInPost } from '../../support/fakes/linkedin-posts';
import { outboxDataDir, TestMediaLibrary, testPostId, type TestImage } from '../../support/outbox-harness';

/** Requests that create a post (what a duplicate would come from), and the two steps of an image upload. */
export const CREATE_POST: RequestMatch = ({ method, path }) => method === 'POST' && path === '/rest/posts';
export const INITIALIZE_UPLOAD: RequestMatch = ({ method, path }) => method === 'POST' && path.startsWith('/rest/images');
export const PUT_IMAGE: RequestMatch = ({ method, path }) => method === 'PUT' && path.startsWith('/dms-uploads/');

/** The scopes the accounts connector asks LinkedIn for (LINKEDIN_SCOPES). */
export const CONNECTED_SCOPES = ['openid', 'profile', 'email', 'w_member_social'];

export interface LinkedInWorld {
  fake: LinkedInFake;
  proxy: FaultProxy;
  /** One clock for the fake, the engine and the publisher (ms since the epoch). */
  clock: { now: number };
  credentials: Credentials;
  accountId: string;
  /** The member the account posts as: what the connector saved as `facts.memberUrn`. */
  memberUrn: string;
  close(): Promise<void>;
}

export async function startLinkedInWorld(): Promise<LinkedInWorld> {
  const clock = { now: Date.parse('2026-11-02T09:00:00.000Z') };
  const fake = await startLinkedInFake({ now: () => clock.now });
  const proxy = await FaultProxy.start(fake.origin);
  // Uploads go through the proxy too, so its faults reach them.
  fake.posting.uploadOrigin = proxy.url;
  return {
    fake,
    proxy,
    clock,
    credentials: { accessToken: fake.issueToken(CONNECTED_SCOPES), scopes: CONNECTED_SCOPES },
    accountId: 'linkedin:test-member',
    memberUrn: `urn:li:person:${fake.member.sub}`,
    close: async () => {
      await proxy.close();
      await fake.close();
    },
  };
}

/** A publisher talking to the fake through the proxy, reading images from `media`. */
export function publisherFor(world: LinkedInWorld, media: TestMediaLibrary, options: { timeoutMs?: number } = {}): LinkedInPublisher {
  return new LinkedInPublisher({
    now: () => new Date(world.clock.now),
    apiOrigin: world.proxy.url,
    authorOf: async () => world.memberUrn,
    readMedia: media.read,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
}

export type { TestImage };

export interface OutboxUnderTest {
  engine: OutboxEngine;
  dataDir: string;
  advance(ms: number): void;
  enqueue(parts: string[], images?: readonly TestImage[]): Promise<SendIntent>;
  cleanup(): void;
}

export function outboxFor(world: LinkedInWorld, options: { timeoutMs?: number } = {}): OutboxUnderTest {
  const dataDir = outboxDataDir('linkedin');
  const media = new TestMediaLibrary();
  const engine = new OutboxEngine({
    fs: nodeStorageFs,
    dataDir,
    now: () => new Date(world.clock.now),
    random: () => 0.5,
    publishers: { linkedin: publisherFor(world, media, options) },
    credentials: { credentialsFor: async () => world.credentials },
  });
  return {
    engine,
    dataDir,
    advance: (ms) => {
      world.clock.now += ms;
    },
    enqueue: async (parts, images = []) =>
      engine.enqueue({
        postId: testPostId(),
        target: { network: 'linkedin', accountId: world.accountId },
        parts,
        extras: { contentWarning: '', media: media.attach(images) },
      }),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** The member's posts the fake made since `before` (a count of its posts), oldest first. */
export function postsSince(world: LinkedInWorld, before: number): FakeLinkedInPost[] {
  return world.fake.posting.posts.slice(before);
}

/**
 * One LinkedIn world for a test file: started before its tests, closed after them, every outbox
 * opened during a test cleaned up after it; `afterEachTest` resets what a test may have scripted.
 */
export function linkedinWorldPerFile(onStart: (world: LinkedInWorld) => void): (options?: { timeoutMs?: number }) => Promise<OutboxUnderTest> {
  let world: LinkedInWorld | undefined;
  const outboxes: OutboxUnderTest[] = [];
  beforeAll(async () => {
    world = await startLinkedInWorld();
    onStart(world);
  });
  afterAll(async () => {
    await world?.close();
  });
  afterEach(() => {
    world?.proxy.release();
    for (const outbox of outboxes.splice(0)) outbox.cleanup();
  });
  return async (options = {}) => {
    if (world === undefined) throw new Error('the LinkedIn world is not started: open outboxes inside tests');
    const outbox = outboxFor(world, options);
    outboxes.push(outbox);
    await outbox.engine.open();
    return outbox;
  };
}
