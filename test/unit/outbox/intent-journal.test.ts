import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { intentIdOf, OUTBOX_SCHEMA_VERSION, type SendIntent } from '../../../electron/core/outbox/intent-file';
import { IntentStore } from '../../../electron/core/outbox/intent-store';
import { nodeStorageFs, type StorageFs } from '../../../electron/core/storage';

/** The outbox's journal (intent-store.ts): what survives a kill, damage, and a compaction cut short. */

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-journal-'));
  folders.push(dir);
  return dir;
}

const store = (dataDir: string, fs: StorageFs = nodeStorageFs) => new IntentStore({ fs, dataDir, now: () => new Date('2026-03-01T09:00:00.000Z') });

function intent(postId: string, state: SendIntent['state'] = 'queued', remote = false): SendIntent {
  return {
    schemaVersion: OUTBOX_SCHEMA_VERSION,
    id: intentIdOf(postId, { network: 'bluesky', accountId: 'bluesky:did:plc:alice' }),
    postId,
    target: { network: 'bluesky', accountId: 'bluesky:did:plc:alice' },
    idempotencyKey: `idem-${postId}`,
    state,
    parts: [{ text: `text of ${postId}`, key: state === 'queued' ? null : 'key1', remote: remote ? { id: `at://alice/${postId}` } : null }],
    attempts: state === 'queued' ? 0 : 1,
    nextAttemptAt: null,
    error: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
  };
}

async function onDisk(dataDir: string): Promise<{ intents: SendIntent[]; restored: string[] }> {
  const { intents, restored } = await store(dataDir).readAll();
  return { intents: [...intents].sort((a, b) => a.id.localeCompare(b.id)), restored: [...restored] };
}

/** Makes the n-th change to the disk fail (writes, renames, links, copies, removals and every fsync), counting from when it is armed. */
class FailingStep {
  armed = false;
  count = 0;
  constructor(readonly failAt: number) {}

  step(what: string): void {
    if (!this.armed) return;
    if (++this.count === this.failAt) throw Object.assign(new Error(`power cut at step ${this.count} (${what})`), { code: 'EIO' });
  }

  fs(): StorageFs {
    const inner = nodeStorageFs;
    return {
      ...inner,
      writeFile: async (file, data, options) => (this.step(`write ${path.basename(file)}`), inner.writeFile(file, data, options)),
      rename: async (from, to) => (this.step(`rename to ${path.basename(to)}`), inner.rename(from, to)),
      link: async (from, to) => (this.step(`link ${path.basename(to)}`), inner.link(from, to)),
      copyFile: async (from, to) => (this.step(`copy ${path.basename(to)}`), inner.copyFile(from, to)),
      unlink: async (file) => (this.step(`remove ${path.basename(file)}`), inner.unlink(file)),
      syncDir: async (dir) => (this.step(`fsync ${path.basename(dir)}`), inner.syncDir(dir)),
      openAppend: async (file) => {
        const handle = await inner.openAppend(file);
        return {
          append: async (data) => (this.step('append'), handle.append(data)),
          sync: async () => (this.step('fsync journal'), handle.sync()),
          close: () => handle.close(),
        };
      },
    };
  }
}

describe('the outbox journal', () => {
  it('gives back every acknowledged write after a stop without close (a killed process), outcomes included', async () => {
    const dataDir = tempDir();
    const writer = store(dataDir);
    await writer.readAll();
    await writer.write(intent('post-0001'));
    await writer.write(intent('post-0001', 'sending'));
    await writer.write(intent('post-0001', 'published', true), { outcome: true });
    await writer.write(intent('post-0002'));
    // No close, no compaction: only the journal holds them.
    expect(await onDisk(dataDir)).toStrictEqual({ intents: [intent('post-0001', 'published', true), intent('post-0002')], restored: [] });
  });

  it('ignores a torn last line silently and keeps everything before it', async () => {
    const dataDir = tempDir();
    const writer = store(dataDir);
    await writer.write(intent('post-0001'));
    await writer.write(intent('post-0001', 'sending'));
    const journal = path.join(dataDir, 'outbox', 'journal.log');
    const text = readFileSync(journal, 'utf8');
    // The second append cut off halfway by the crash: it was never acknowledged.
    writeFileSync(journal, text.slice(0, text.length - 40));
    const notices: unknown[] = [];
    const reader = new IntentStore({ fs: nodeStorageFs, dataDir, now: () => new Date(), onRecovered: (notice) => notices.push(notice) });
    const { intents, restored } = await reader.readAll();
    expect(intents).toStrictEqual([intent('post-0001')]);
    expect([...restored]).toStrictEqual([]);
    expect(notices).toStrictEqual([]);
  });

  it('reports a damaged line before the last, and marks every intent not yet published as restored', async () => {
    const dataDir = tempDir();
    const writer = store(dataDir);
    await writer.write(intent('post-0001'));
    await writer.write(intent('post-0002'));
    await writer.write(intent('post-0002', 'published', true));
    await writer.write(intent('post-0003'));
    const journal = path.join(dataDir, 'outbox', 'journal.log');
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('text of', 'text 0f');
    writeFileSync(journal, lines.join('\n'));
    const notices: unknown[] = [];
    const { intents, restored } = await new IntentStore({ fs: nodeStorageFs, dataDir, now: () => new Date(), onRecovered: (notice) => notices.push(notice) }).readAll();
    expect(intents.map((each) => each.state)).toStrictEqual(['queued', 'published', 'queued']);
    expect([...restored].sort()).toStrictEqual([intent('post-0001').id, intent('post-0003').id]);
    expect(notices).toStrictEqual([{ file: journal, movedTo: null, restoredFrom: null, postIds: ['post-0001', 'post-0003'] }]);
  });

  it('names the post of a damaged record that was its intent\'s only copy, so the person knows which one to look at', async () => {
    const dataDir = tempDir();
    const writer = store(dataDir);
    await writer.write(intent('post-0001'));
    await writer.write(intent('post-0002'));
    await writer.write(intent('post-0003'));
    const journal = path.join(dataDir, 'outbox', 'journal.log');
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('text of', 'text 0f');
    writeFileSync(journal, lines.join('\n'));
    const notices: unknown[] = [];
    const { intents } = await new IntentStore({ fs: nodeStorageFs, dataDir, now: () => new Date(), onRecovered: (notice) => notices.push(notice) }).readAll();
    expect(intents.map((each) => each.postId)).toStrictEqual(['post-0001', 'post-0003']);
    expect(notices).toStrictEqual([{ file: journal, movedTo: null, restoredFrom: null, postIds: ['post-0001', 'post-0003'], lostPostIds: ['post-0002'] }]);
  });

  it('keeps a cancelled intent gone after a replay, after a compaction, and after both again', async () => {
    const dataDir = tempDir();
    const writer = store(dataDir);
    await writer.write(intent('post-0001'));
    await writer.write(intent('post-0002'));
    await writer.compact();
    await writer.write(intent('post-0001', 'sending'));
    await writer.remove(intent('post-0002').id);
    expect((await onDisk(dataDir)).intents).toStrictEqual([intent('post-0001', 'sending')]);
    await writer.close();
    expect((await onDisk(dataDir)).intents).toStrictEqual([intent('post-0001', 'sending')]);
    expect(readFileSync(path.join(dataDir, 'outbox', 'journal.log'), 'utf8')).toBe('');
    const again = store(dataDir);
    await again.readAll();
    await again.compact();
    expect((await onDisk(dataDir)).intents).toStrictEqual([intent('post-0001', 'sending')]);
  });

  it('keeps both of two durable writes made at the same time, each on its own whole line', async () => {
    const dataDir = tempDir();
    // The system may take a long append in more than one write: each here lands in two halves, a pause between.
    const halves: StorageFs = {
      ...nodeStorageFs,
      openAppend: async (file) => {
        const handle = await nodeStorageFs.openAppend(file);
        return {
          ...handle,
          append: async (data) => {
            await handle.append(data.slice(0, data.length >> 1));
            await new Promise((resolve) => setImmediate(resolve));
            await handle.append(data.slice(data.length >> 1));
          },
        };
      },
    };
    const writer = store(dataDir, halves);
    await writer.readAll();
    const big = { ...intent('post-0001'), parts: [{ text: 'x'.repeat(200_000), key: null, remote: null }] };
    await Promise.all([writer.write(big), writer.write(intent('post-0002')), writer.write(intent('post-0003', 'sending'))]);
    expect((await onDisk(dataDir)).intents).toStrictEqual([big, intent('post-0002'), intent('post-0003', 'sending')]);
    const lines = readFileSync(path.join(dataDir, 'outbox', 'journal.log'), 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('never regresses an intent when a power cut drops the journal\'s unsynced tail after a compaction wrote the newer file', async () => {
    const dataDir = tempDir();
    const writer = store(dataDir);
    await writer.write(intent('post-0001'));
    await writer.write(intent('post-0001', 'sending'));
    await writer.write(intent('post-0001', 'published', true), { outcome: true });
    const journal = path.join(dataDir, 'outbox', 'journal.log');
    const lines = readFileSync(journal, 'utf8').split('\n');
    await writer.compact();
    // The power went after the intent file was written: the new journal's rename and the old one's last record are lost.
    writeFileSync(journal, `${lines.slice(0, -2).join('\n')}\n`);
    expect((await onDisk(dataDir)).intents).toStrictEqual([intent('post-0001', 'published', true)]);
  });

  const steps = Array.from({ length: 20 }, (_, index) => index + 1);
  it.each(steps)('loses nothing and regresses nothing when a compaction is cut off at step %i', async (failAt) => {
    const dataDir = tempDir();
    const failing = new FailingStep(failAt);
    const writer = store(dataDir, failing.fs());
    await writer.write(intent('post-0001'));
    await writer.write(intent('post-0002'));
    await writer.write(intent('post-0003'));
    await writer.compact();
    await writer.write(intent('post-0001', 'sending'));
    await writer.write(intent('post-0001', 'published', true), { outcome: true });
    await writer.remove(intent('post-0002').id);
    await writer.write(intent('post-0004'));
    const expected = [intent('post-0001', 'published', true), intent('post-0003'), intent('post-0004')];

    failing.armed = true;
    const finished = await writer.compact().then(
      () => true,
      () => false,
    );
    // The process ends here (no close); a new one starts over the same folder.
    expect(await onDisk(dataDir)).toStrictEqual({ intents: expected, restored: [] });
    const next = store(dataDir);
    await next.readAll();
    await next.compact();
    expect(await onDisk(dataDir)).toStrictEqual({ intents: expected, restored: [] });
    expect(readFileSync(path.join(dataDir, 'outbox', 'journal.log'), 'utf8')).toBe('');
    // Every step of the compaction was reached by some case of this test.
    if (failAt === steps.at(-1)) expect(finished).toBe(true);
  });
});
