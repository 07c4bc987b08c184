import { IntentStore } from '../../electron/core/outbox/intent-store';
import type { SendIntent } from '../../electron/core/outbox';
import { nodeStorageFs, type AppendFile, type StorageFs } from '../../electron/core/storage';

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
