import { readStoreFile, writeFileAtomic, type OnRecovered, type StorageFs } from '../storage';
import { removeWithBackups, sweepTempFiles } from '../storage/atomic-file';
import { decodeIntent, encodeIntent, OutboxLayout, type SendIntent } from './intent-file';

/**
 * Every write is atomic; the copies only cover a disk that damaged a file. Two, because
 * writeFileAtomic refreshes .bak1 only by shifting it to .bak2 first: with one, .bak1 would stay the
 * intent's first version forever.
 */
const BACKUPS = 2;

export interface IntentStoreOptions {
  fs: StorageFs;
  dataDir: string;
  now(): Date;
  onRecovered?: OnRecovered;
}

/** The send intents on disk (layout and reasons in intent-file.ts). Reads validate; writes are atomic and durable. */
export class IntentStore {
  readonly layout: OutboxLayout;
  readonly #options: IntentStoreOptions;

  constructor(options: IntentStoreOptions) {
    this.#options = options;
    this.layout = new OutboxLayout(options.dataDir);
  }

  /**
   * Every intent on disk, and the ids of those restored from a backup (the damaged file set aside).
   * A crash's temp files are removed first; they were never acknowledged.
   */
  async readAll(): Promise<{ intents: SendIntent[]; restored: Set<string> }> {
    const { fs } = this.#options;
    await sweepTempFiles(fs, this.layout.intentsDir);
    let names: string[];
    try {
      names = await fs.readdir(this.layout.intentsDir);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { intents: [], restored: new Set() };
      throw error;
    }
    const intents: SendIntent[] = [];
    const restored = new Set<string>();
    for (const name of names.sort()) {
      const id = this.layout.idOfFile(name);
      if (id === null) continue;
      const file = this.layout.intent(id);
      const intent = await readStoreFile(fs, file, (bytes) => decodeIntent(bytes, file), {
        backups: BACKUPS,
        now: this.#options.now,
        onRecovered: (notice) => {
          restored.add(id);
          this.#options.onRecovered?.(notice);
        },
        canWrite: true,
      });
      if (intent !== null) intents.push(intent);
    }
    return { intents, restored };
  }

  /** Removes an intent and its copies, the copies first (a crash midway leaves the intent as it was). */
  async remove(id: string): Promise<void> {
    await removeWithBackups(this.#options.fs, this.layout.intent(id), BACKUPS);
  }

  /**
   * Resolves once the intent is on disk for good (see writeFileAtomic); an `outcome` (a write 3 or 4
   * of intent-file.ts) is atomic but not fsynced, for the reasons given there.
   */
  async write(intent: SendIntent, options: { outcome?: boolean } = {}): Promise<void> {
    const { fs } = this.#options;
    await fs.mkdir(this.layout.intentsDir, { recursive: true });
    await writeFileAtomic(fs, this.layout.intent(intent.id), encodeIntent(intent), { backups: BACKUPS, durable: options.outcome !== true });
  }
}
