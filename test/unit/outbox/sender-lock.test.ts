import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SenderLock, type LockHolder, type SenderLockOptions } from '../../../electron/core/outbox';
import { nodeStorageFs } from '../../../electron/core/storage';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Two "machines" sharing one data folder (a synced or network folder), with a clock we move. */
function setup() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spheres-lock-unit-'));
  folders.push(dataDir);
  let clock = Date.parse('2026-05-05T08:00:00Z');
  const timers: { run: () => void; ms: number }[] = [];
  const lost: (LockHolder | null)[] = [];
  const lock = (host: string, pid: number, extra: Partial<SenderLockOptions> = {}) =>
    new SenderLock({
      fs: nodeStorageFs,
      dataDir,
      now: () => new Date(clock),
      timers: { setTimeout: (run, ms) => timers.push({ run, ms }), clearTimeout: () => undefined },
      pid,
      host,
      isProcessAlive: () => true,
      holder: host === 'desk' ? 'the Spheres app' : 'the Spheres web host',
      onLost: (holder) => lost.push(holder),
      ...extra,
    });
  const file = path.join(dataDir, 'outbox', 'sender.lock');
  const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  return { dataDir, file, lock, onDisk, timers, lost, advance: (ms: number) => (clock += ms) };
}

describe('the data folder sender lock', () => {
  it('refuses a second holder while the first keeps its heartbeat, and hands over after it stops for longer than the bound', async () => {
    const { lock, onDisk, timers, advance } = setup();
    const desk = lock('desk', 100);
    const web = lock('web', 200);
    expect(await desk.acquire()).toEqual({ ok: true });
    for (let beat = 0; beat < 12; beat++) {
      advance(10_000);
      timers.shift()!.run();
      // The refresh is on disk once the next heartbeat is scheduled.
      while (timers.length === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(onDisk().heartbeatAt).toBe('2026-05-05T08:02:00.000Z');
    expect(await web.acquire()).toMatchObject({ ok: false, code: 'sender_lock_held', holder: { host: 'desk', pid: 100 } });
    advance(60_001);
    expect(await web.acquire()).toEqual({ ok: true });
    expect(onDisk()).toMatchObject({ host: 'web', pid: 200, heartbeatAt: '2026-05-05T08:03:00.001Z' });
  });

  it('tells a holder that slept past the bound and was replaced before it sends again', async () => {
    const { lock, lost, advance } = setup();
    const desk = lock('desk', 100);
    const web = lock('web', 200);
    await desk.acquire();
    advance(8 * 3_600_000);
    expect(await web.acquire()).toEqual({ ok: true });
    expect(await desk.confirm()).toBe(false);
    expect(desk.held).toBe(false);
    expect(lost).toMatchObject([{ host: 'web', pid: 200 }]);
    expect(await web.confirm()).toBe(true);
  });

  it('refreshes its own old heartbeat when it confirms after waking, so nobody takes it in the meantime', async () => {
    const { lock, onDisk, advance } = setup();
    const desk = lock('desk', 100);
    await desk.acquire();
    advance(30_000);
    expect(await desk.confirm()).toBe(true);
    expect(onDisk().heartbeatAt).toBe('2026-05-05T08:00:30.000Z');
    advance(45_000);
    expect(await lock('web', 200).acquire()).toMatchObject({ ok: false });
  });

  it('takes over at once from a holder on this host whose process is gone', async () => {
    const { lock } = setup();
    await lock('desk', 100).acquire();
    expect(await lock('desk', 101, { isProcessAlive: (pid) => pid !== 100 }).acquire()).toEqual({ ok: true });
  });

  it('treats a damaged lock file as held until it is older than the bound', async () => {
    const { dataDir, file, lock } = setup();
    mkdirSync(path.join(dataDir, 'outbox'), { recursive: true });
    writeFileSync(file, '{"half a');
    const web = lock('web', 200, { now: () => new Date() });
    expect(await web.acquire()).toMatchObject({ ok: false, code: 'sender_lock_held', holder: null });
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    expect(await web.acquire()).toEqual({ ok: true });
  });

  it('puts back a lock whose holder refreshed it between being judged stale and being moved aside', async () => {
    const { file, lock, onDisk, advance } = setup();
    await lock('desk', 100).acquire();
    advance(90_000);
    // The desk wakes and refreshes just as the web host moves what it judged stale out of the way.
    const refreshed = { ...onDisk(), heartbeatAt: '2026-05-05T08:01:30.000Z' };
    const racingFs = {
      ...nodeStorageFs,
      rename: async (from: string, to: string) => {
        if (from === file && to.endsWith('.stale')) writeFileSync(file, `${JSON.stringify(refreshed)}\n`);
        return nodeStorageFs.rename(from, to);
      },
    };
    expect(await lock('web', 200, { fs: racingFs }).acquire()).toMatchObject({ ok: false, holder: { host: 'desk', heartbeatAt: refreshed.heartbeatAt } });
    expect(onDisk()).toEqual(refreshed);
  });

  it('leaves a lock that another process took alone when it releases', async () => {
    const { lock, onDisk, advance } = setup();
    const desk = lock('desk', 100);
    await desk.acquire();
    advance(120_000);
    await lock('web', 200).acquire();
    await desk.release();
    expect(onDisk()).toMatchObject({ host: 'web' });
  });
});
