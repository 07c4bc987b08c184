import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../common/domain';
import { defaultPublishers, OutboxEngine } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';
import { startThreadsFake, type MetaFake } from '../../support/fakes/meta-fake';
import { tinyPng } from '../../support/images';
import { LoopbackMediaHost } from '../../support/loopback-media-host';

let fake: MetaFake;
let host: LoopbackMediaHost;
beforeAll(async () => {
  fake = await startThreadsFake();
  // Containers ready at the first look: the default publishers wait for real between looks.
  fake.posting.readsUntilFinished = 0;
  host = await LoopbackMediaHost.start();
});
afterAll(async () => {
  await fake.close();
  await host.close();
});

/** The account as the Threads connector saves it, its Meta user id in facts (the account id is not that id here). */
const account = (): Account => ({
  id: 'threads:h0123456789abcdef0123456789abcdef',
  network: 'threads',
  handle: '@alice.threads',
  displayName: 'Alice',
  avatarUrl: null,
  avatarImage: null,
  serverUrl: null,
  tokenExpiresAt: null,
  refreshable: true,
  scopes: ['threads_basic', 'threads_content_publish'],
  status: 'connected',
  statusReason: null,
  connectedAt: '2025-03-10T09:00:00.000Z',
  lastRefreshedAt: null,
  limits: null,
  facts: { userId: fake.user.id },
});

async function outboxWith(mediaHost?: LoopbackMediaHost) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-meta-default-'));
  const token = fake.issuePostingToken();
  const image = new Uint8Array(tinyPng({ width: 4, height: 4 }));
  const publishers = defaultPublishers({
    now: () => new Date(),
    apiOrigins: { threads: fake.endpoints.graph },
    accounts: () => [account()],
    readMedia: async () => image,
    ...(mediaHost === undefined ? {} : { mediaHost: mediaHost.port }),
  });
  const engine = new OutboxEngine({ fs: nodeStorageFs, dataDir, now: () => new Date(), random: () => 0.5, publishers, credentials: { credentialsFor: async () => ({ accessToken: token }) } });
  await engine.open();
  const enqueue = (text: string, images: number) =>
    engine.enqueue({
      postId: `post-${text.length}-${images}-${Date.now()}`,
      target: { network: 'threads', accountId: account().id },
      parts: [text],
      extras: { contentWarning: '', media: Array.from({ length: images }, () => ({ mediaId: 'a'.repeat(64), mime: 'image/png', bytes: image.length, altText: 'A square' })) },
    });
  return { engine, enqueue, done: async () => (await engine.close(), rmSync(dataDir, { recursive: true, force: true })) };
}

describe('Threads in the default publishers, against the Threads fake written from Meta\'s API docs', () => {
  it('posts a Threads text post with no media host set up, as the account\'s Meta user id from its facts', async () => {
    const outbox = await outboxWith();
    const queued = await outbox.enqueue('Default publishers, text only', 0);
    expect((await outbox.engine.send(queued.id)).state).toBe('published');
    expect(fake.posting.countOf('Default publishers, text only')).toBe(1);
    expect(fake.requests.some((request) => request.path === `/v1.0/${fake.user.id}/threads_publish`)).toBe(true);
    await outbox.done();
  });

  it('refuses a Threads image post when no media host is set up, and posts it through the one given', async () => {
    const without = await outboxWith();
    const refused = await without.enqueue('Default publishers, with an image', 1);
    expect(await without.engine.send(refused.id)).toMatchObject({ state: 'failed_permanent', error: { code: 'media_host_refused' } });
    await without.done();
    const withHost = await outboxWith(host);
    const queued = await withHost.enqueue('Default publishers, with an image!', 1);
    expect((await withHost.engine.send(queued.id)).state).toBe('published');
    expect(fake.posting.posts.at(-1)).toMatchObject({ text: 'Default publishers, with an image!', images: [{ altText: 'A square' }] });
    expect(host.left()).toStrictEqual([]);
    await withHost.done();
  });
});
