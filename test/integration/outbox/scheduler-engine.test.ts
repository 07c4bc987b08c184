import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OutboxEngine,
  OutboxScheduler,
  PublishFailure,
  SenderLock,
  outboxSchedulerPort,
  type PartRequest,
  type Publisher,
  type RemoteRef,
  type SendIntent,
} from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A network in memory; an account's sends can be held open, and the next send can be made to fail. */
class GatedNetwork implements Publisher {
  readonly network = 'bluesky' as const;
  readonly records: string[] = [];
  readonly gates = new Map<string, Promise<void>>();
  failNext: PublishFailure | null = null;
  #keys = 0;

  newKey(): string {
    return `key${++this.#keys}`;
  }

  async sendPart(request: PartRequest): Promise<RemoteRef> {
    await this.gates.get(request.accountId);
    const failure = this.failNext;
    this.failNext = null;
    if (failure !== null) throw failure;
    this.records.push(`${request.accountId}: ${request.text}`);
    return { id: `at://${request.accountId}/${request.key}` };
  }

  async findPart(): Promise<RemoteRef | null> {
    return null;
  }
}

/** Real engine on real files, a real lock, virtual timers: the scheduler as main will wire it. */
async function setup() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-scheduler-'));
  folders.push(dataDir);
  let clock = Date.parse('2026-05-05T08:00:00.000Z');
  const now = () => new Date(clock);
  const network = new GatedNetwork();
  const changes: SendIntent[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const engine = new OutboxEngine({
    fs: nodeStorageFs,
    dataDir,
    now,
    random: () => 0.5,
    publishers: { bluesky: network },
    credentials: { credentialsFor: async () => ({ accessToken: 'token' }) },
    onChange: (intent) => changes.push(intent),
  });
  await engine.open();
  const lock = new SenderLock({
    fs: nodeStorageFs,
    dataDir,
    now,
    timers: { setTimeout: () => null, clearTimeout: () => undefined },
    pid: process.pid,
    host: os.hostname(),
    isProcessAlive: () => true,
    holder: 'the Spheres app',
  });
  expect(await lock.acquire()).toEqual({ ok: true });
  const scheduler = new OutboxScheduler({
    now,
    timers: {
      setTimeout: (run, ms) => {
        const timer = { run, ms };
        timers.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        const at = timers.findIndex((timer) => timer === handle);
        if (at !== -1) timers.splice(at, 1);
      },
    },
    power: { onResume: () => () => undefined },
    outbox: outboxSchedulerPort(engine),
    maySend: () => lock.confirm(),
  });
  return { engine, network, changes, timers, scheduler, lock, advance: (ms: number) => (clock += ms) };
}

const target = (accountId: string) => ({ network: 'bluesky' as const, accountId });

describe('the scheduler driving the outbox engine', () => {
  it("publishes another account's post while one account's send hangs, each post once", async () => {
    const { engine, network, changes, scheduler } = await setup();
    let openAlice = (): void => undefined;
    network.gates.set('alice', new Promise<void>((resolve) => (openAlice = resolve)));
    const alice = await engine.enqueue({ postId: 'post-alice', target: target('alice'), parts: ['from alice'] });
    const bob = await engine.enqueue({ postId: 'post-bob01', target: target('bob'), parts: ['from bob'] });
    scheduler.start();
    // Alice's send never returns while her gate is shut: had her lane held Bob's, Bob would never publish.
    // Her intent reaches `sending` on its own time (an fsync'd write), so both are awaited, not raced.
    while (engine.get(bob.id)?.state !== 'published' || engine.get(alice.id)?.state !== 'sending') await new Promise((resolve) => setImmediate(resolve));
    expect(network.records).toEqual(['bob: from bob']);
    openAlice();
    await scheduler.settled();
    expect(engine.get(alice.id)?.state).toBe('published');
    expect(network.records).toEqual(['bob: from bob', 'alice: from alice']);
    expect(changes.filter((change) => change.state === 'published').map((change) => change.id).sort()).toEqual([alice.id, bob.id].sort());
    await scheduler.stop();
  });

  it("arms its timer for a failed send's backoff and retries it then", async () => {
    const { engine, network, timers, scheduler, advance } = await setup();
    network.failNext = new PublishFailure('retryable', 'server_error', 'HTTP 503', { status: 503 });
    const queued = await engine.enqueue({ postId: 'post-alice', target: target('alice'), parts: ['hello'] });
    scheduler.start();
    await scheduler.settled();
    const failed = engine.get(queued.id)!;
    expect(failed.state).toBe('failed_retryable');
    const wait = Date.parse(failed.nextAttemptAt!) - Date.parse('2026-05-05T08:00:00.000Z');
    expect(timers.map((timer) => timer.ms)).toEqual([wait]);
    advance(wait);
    timers.shift()!.run();
    await scheduler.settled();
    expect(engine.get(queued.id)).toMatchObject({ state: 'published', attempts: 2 });
    expect(network.records).toEqual(['alice: hello']);
    await scheduler.stop();
  });

  it('returns a queued post found an hour late at start as missed its time, and does not send it', async () => {
    const { engine, network, scheduler, advance } = await setup();
    const queued = await engine.enqueue({ postId: 'post-alice', target: target('alice'), parts: ['hello'] });
    advance(60 * 60_000);
    expect(scheduler.start()).toEqual([{ id: queued.id, accountId: 'alice', dueAt: '2026-05-05T08:00:00.000Z', reason: 'missed_its_time' }]);
    await scheduler.settled();
    expect(engine.get(queued.id)?.state).toBe('queued');
    expect(network.records).toEqual([]);
    await scheduler.stop();
  });

  it('sends nothing once another process has taken the data folder', async () => {
    const { engine, network, scheduler, lock, advance } = await setup();
    advance(10 * 60_000);
    const other = new SenderLock({
      fs: nodeStorageFs,
      dataDir: path.dirname(path.dirname(lock.file)),
      now: () => new Date(Date.parse('2026-05-05T08:10:00.000Z')),
      timers: { setTimeout: () => null, clearTimeout: () => undefined },
      pid: 4242,
      host: 'another-machine',
      isProcessAlive: () => true,
      holder: 'the Spheres web host',
    });
    expect(await other.acquire()).toEqual({ ok: true });
    await engine.enqueue({ postId: 'post-alice', target: target('alice'), parts: ['hello'] });
    scheduler.start();
    await scheduler.settled();
    expect(network.records).toEqual([]);
    expect(lock.held).toBe(false);
    await scheduler.stop();
  });
});
