import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEngine, PublishFailure, type PartRequest, type Publisher, type RemoteRef, type SendIntent } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';
import { dyingFs, intentOnDisk } from '../../support/outbox-disk';

const target = { network: 'threads' as const, accountId: 'threads:17841400000000001' };
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A network that makes a post in two requests, like Meta's: a container (saved as the part's step),
 * then publish. `containers` are what it made, `published` what it turned into posts.
 */
class TwoStepNetwork implements Publisher {
  readonly network = 'threads' as const;
  readonly containers: string[] = [];
  readonly published = new Map<string, string>();
  readonly calls: string[] = [];
  /** Runs between saving the step and publishing (a test looks at the disk, or the process dies). */
  beforePublish: (request: PartRequest) => void | Promise<void> = () => undefined;
  loseAnswer = false;
  #keys = 0;

  newKey(): string {
    return `key${++this.#keys}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    this.calls.push(`send ${request.index} step=${request.step ?? '-'}`);
    let container = request.step ?? null;
    if (container === null) {
      container = `c${this.containers.push(request.text)}`;
      await request.saveStep!(container);
    }
    await this.beforePublish(request);
    this.published.set(container, request.text);
    if (this.loseAnswer) throw new PublishFailure('unknown', 'connection_lost', 'answer lost');
    return { id: `post-${container}` };
  }

  async findPart(request: PartRequest): Promise<RemoteRef | null> {
    this.calls.push(`find ${request.index} step=${request.step ?? '-'}`);
    return request.step !== null && request.step !== undefined && this.published.has(request.step) ? { id: `post-${request.step}` } : null;
  }
}

function setup() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-outbox-steps-'));
  folders.push(dataDir);
  const network = new TwoStepNetwork();
  const engine = (fs = nodeStorageFs): OutboxEngine =>
    new OutboxEngine({ fs, dataDir, now: () => new Date('2026-03-01T09:00:00.000Z'), random: () => 0.5, publishers: { threads: network }, credentials: { credentialsFor: async () => ({ accessToken: 't' }) } });
  return { dataDir, network, engine };
}

describe('the outbox engine with a publisher that saves a step between two requests (Meta containers)', () => {
  it('has the step on disk, with the key, before the publisher\'s next request leaves', async () => {
    const { dataDir, network, engine } = setup();
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    let seen: SendIntent | undefined;
    network.beforePublish = async () => {
      seen = await intentOnDisk(dataDir, queued.id);
    };
    expect((await outbox.send(queued.id)).state).toBe('published');
    expect(seen).toMatchObject({ state: 'sending', parts: [{ key: 'key1', step: 'c1', remote: null }] });
  });

  it('after a crash between the step and the publish, a new engine hands the saved step to findPart and sendPart: one container, one post', async () => {
    const { dataDir, network, engine } = setup();
    const first = engine();
    await first.open();
    const queued = await first.enqueue({ postId: 'post-0001', target, parts: ['hello', 'world'] });
    await first.close();
    let dead = false;
    network.beforePublish = (request) => {
      if (request.index === 1) dead = true;
    };
    const dying = new OutboxEngine({ fs: dyingFs(() => dead), dataDir, now: () => new Date(), random: () => 0.5, publishers: { threads: network }, credentials: { credentialsFor: async () => ({ accessToken: 't' }) } });
    await dying.open();
    // Part 2's publish reaches the network, then the process dies before its answer is written.
    await expect(dying.send(queued.id)).rejects.toThrow('the process is gone');
    network.beforePublish = () => undefined;

    const restarted = engine();
    await restarted.open();
    expect(restarted.get(queued.id)).toMatchObject({ state: 'unknown', parts: [{ step: 'c1' }, { key: 'key2', step: 'c2', remote: null }] });
    expect((await restarted.sendDue()).map((intent) => intent.state)).toStrictEqual(['published']);
    expect(network.containers).toStrictEqual(['hello', 'world']);
    expect([...network.published.values()]).toStrictEqual(['hello', 'world']);
    expect(network.calls.at(-1)).toBe('find 1 step=c2');
    expect(restarted.get(queued.id)?.parts.map((part) => part.remote?.id)).toStrictEqual(['post-c1', 'post-c2']);
  });

  it('gives sendPart the saved step when findPart says the container is not published yet', async () => {
    const { network, engine } = setup();
    const outbox = engine();
    await outbox.open();
    const queued = await outbox.enqueue({ postId: 'post-0001', target, parts: ['hello'] });
    network.beforePublish = () => {
      throw new PublishFailure('unknown', 'timed_out', 'publish timed out before it arrived');
    };
    expect((await outbox.send(queued.id)).state).toBe('unknown');
    network.beforePublish = () => undefined;
    expect((await outbox.send(queued.id)).state).toBe('published');
    expect(network.calls).toStrictEqual(['send 0 step=-', 'find 0 step=c1', 'send 0 step=c1']);
    expect(network.containers).toHaveLength(1);
  });

  it('refuses a step for a part that has no key or is done, changing nothing', async () => {
    const { applyEvent } = await import('../../../electron/core/outbox');
    const intent: SendIntent = {
      schemaVersion: 1,
      id: 'x',
      postId: 'post-0001',
      target,
      idempotencyKey: 'idem-0001',
      state: 'sending',
      parts: [{ text: 'a', key: null, remote: null }],
      attempts: 1,
      nextAttemptAt: null,
      error: null,
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
    };
    const before = structuredClone(intent);
    expect(applyEvent(intent, { type: 'step_saved', part: 0, step: 'c1', at: new Date() })).toMatchObject({ ok: false });
    expect(applyEvent(intent, { type: 'step_saved', part: 3, step: 'c1', at: new Date() })).toMatchObject({ ok: false });
    expect(intent).toStrictEqual(before);
  });
});
