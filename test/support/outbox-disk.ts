import { expect } from 'vitest';
import { IntentStore } from '../../electron/core/outbox/intent-store';
import type { SendIntent } from '../../electron/core/outbox';
import { nodeStorageFs, type AppendFile, type StorageFs } from '../../electron/core/storage';
import { changedBeyond, changedFiles, snapshotFolder } from './folder-snapshot';

/**
 * The intent a restart would find on disk right now (intent files with the journal replayed over
 * them), read by a bystander store that changes nothing; undefined when there is none.
 */
export async function intentOnDisk(dataDir: string, id: string): Promise<SendIntent | undefined> {
  const { intents } = await new IntentStore({ fs: nodeStorageFs, dataDir, now: () => new Date() }).readAll();
  return intents.find((intent) => intent.id === id);
}

/** A file system whose every write fails once `dead()` says so: the process is gone, nothing more reaches the disk. */
export function dyingFs(dead: () => boolean, inner: StorageFs = nodeStorageFs): StorageFs {
  const gone = () => Promise.reject(new Error('the process is gone'));
  return {
    ...inner,
    writeFile: (file, data, options) => (dead() ? gone() : inner.writeFile(file, data, options)),
    rename: (from, to) => (dead() ? gone() : inner.rename(from, to)),
    async openAppend(file) {
      const handle = await inner.openAppend(file);
      return {
        append: (data) => (dead() ? gone() : handle.append(data)),
        sync: () => (dead() ? gone() : handle.sync()),
        close: () => handle.close(),
      } satisfies AppendFile;
    },
  };
}

/** The data folder's files, and each outbox intent as a restart would read it (keyed `intent:<id>`). */
export async function snapshotWithIntents(dataDir: string): Promise<Map<string, string>> {
  const snapshot = snapshotFolder(dataDir);
  const { intents } = await new IntentStore({ fs: nodeStorageFs, dataDir, now: () => new Date() }).readAll();
  for (const intent of intents) snapshot.set(`intent:${intent.id}`, JSON.stringify(intent));
  return snapshot;
}

/**
 * Asserts a publish changed its own intent and nothing else: no other intent reads differently, and
 * no file changed but the outbox journal and the intent's own file (with its backups, at a compaction).
 */
export async function expectOnlyOwnIntentChanged(before: Map<string, string>, dataDir: string, intent: SendIntent): Promise<void> {
  const after = await snapshotWithIntents(dataDir);
  const ownIntent = `intent:${intent.id}`;
  const ownFile = `outbox/intents/${intent.id}.json`;
  expect(changedFiles(before, after)).toContain(ownIntent);
  const own = (name: string) =>
    name === ownIntent || name === 'outbox/journal.log' || name === ownFile || (name.startsWith(ownFile) && /^\.bak\d$/.test(name.slice(ownFile.length)));
  expect(changedBeyond(before, after, own)).toStrictEqual([]);
}
