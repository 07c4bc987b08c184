import type { SerialQueue } from '../storage/serial-queue';
import { StorageError, isStorageError, type StorageErrorCode } from '../storage/storage-error';
import type { StoredPost } from './post-files';
import type { PostStore } from './post-store';

/** What the app shows next to the composer: "Saved", "Saving…", or why not and what to do. */
export type SaveStatus =
  | { state: 'saved'; at: string | null }
  | { state: 'saving' }
  | { state: 'failed'; code: StorageErrorCode; message: string; unsavedPostIds: string[] };

/** What the other parts of the posts service may see of the versions not yet on disk. */
export interface PendingVersions {
  get(id: string): StoredPost | undefined;
  has(id: string): boolean;
  entries(): IterableIterator<[string, StoredPost]>;
  values(): IterableIterator<StoredPost>;
}

export interface PendingWritesOptions {
  store: Pick<PostStore, 'writeRecent'>;
  /** The posts service's queue: a write takes its turn with every other store operation. */
  queue: SerialQueue;
  now: () => Date;
  onStatus: (status: SaveStatus) => void;
  /** Waits between automatic retries of saves that failed; empty: only flush() retries. */
  retryDelaysMs: readonly number[];
  /** A write reached the disk: the posts service decides when to fold. */
  onWritten: () => void;
}

function withPostId(error: StorageError, postId: string): StorageError {
  return new StorageError(error.code, error.message, { ...error.details, postId });
}

/**
 * The versions of posts not yet confirmed on disk, and getting them there: a save is numbered,
 * written in its turn, and resolves only once it is on disk; a save that fails stays here (and is
 * what get and list return) until a retry writes it. Also the save status that follows from this.
 */
export class PendingWrites implements PendingVersions {
  readonly #options: PendingWritesOptions;
  /** The newest version of each post not yet confirmed on disk. */
  readonly #pending = new Map<string, StoredPost>();
  /** Per post: the save number of its pending version, and of the last one on disk. */
  readonly #wanted = new Map<string, number>();
  readonly #durable = new Map<string, number>();
  #seq = 0;
  #writing = 0;
  #lastError: StorageError | null = null;
  #savedAt: string | null = null;
  #lastStatus = '';
  #retryTimer: NodeJS.Timeout | null = null;
  #retryAttempt = 0;
  #stopped = false;

  constructor(options: PendingWritesOptions) {
    this.#options = options;
  }

  get(id: string): StoredPost | undefined {
    return this.#pending.get(id);
  }

  has(id: string): boolean {
    return this.#pending.has(id);
  }

  entries(): IterableIterator<[string, StoredPost]> {
    return this.#pending.entries();
  }

  values(): IterableIterator<StoredPost> {
    return this.#pending.values();
  }

  /**
   * Takes `next` as the newest version of the post and writes it; resolves once it is on disk.
   * Synchronous up to the write, so a caller that computed `next` without awaiting cannot be overtaken.
   */
  save(id: string, next: StoredPost): Promise<void> {
    this.#pending.set(id, next);
    const seq = ++this.#seq;
    this.#wanted.set(id, seq);
    this.report();
    return this.#persist(id, seq);
  }

  /**
   * The post reached the disk some other way (an import wrote a newer version, the trash was
   * emptied): what waited in memory is no longer unsaved, and must not be written back.
   */
  settleElsewhere(id: string): void {
    if (this.#pending.delete(id)) this.#durable.set(id, this.#wanted.get(id) ?? this.#seq);
  }

  /** Writes the newest pending version of a post unless a later write already covered `seq`. */
  #persist(id: string, seq: number): Promise<void> {
    return this.#options.queue.run(async () => {
      if ((this.#durable.get(id) ?? 0) >= seq) return;
      const stored = this.#pending.get(id);
      if (stored === undefined) return;
      const writingSeq = this.#wanted.get(id) ?? seq;
      this.#writing++;
      this.report();
      try {
        await this.#options.store.writeRecent(stored);
      } catch (error) {
        this.#writing--;
        if (!(error instanceof StorageError)) throw error;
        this.#lastError = error;
        this.report();
        this.#scheduleRetry();
        throw withPostId(error, id);
      }
      this.#writing--;
      this.#durable.set(id, writingSeq);
      if (this.#pending.get(id) === stored) this.#pending.delete(id);
      if (this.#pending.size === 0) {
        this.#lastError = null;
        this.#retryAttempt = 0;
      }
      this.#savedAt = this.#options.now().toISOString();
      this.report();
      this.#options.onWritten();
    });
  }

  get status(): SaveStatus {
    // A retry in progress shows as saving; if it fails, the status goes back to failed.
    if (this.#writing > 0) return { state: 'saving' };
    if (this.#lastError !== null && this.#pending.size > 0) {
      return { state: 'failed', code: this.#lastError.code, message: this.#lastError.message, unsavedPostIds: [...this.#pending.keys()] };
    }
    if (this.#pending.size > 0) return { state: 'saving' };
    return { state: 'saved', at: this.#savedAt };
  }

  /** Tells onStatus the status, if it changed since it was last told. */
  report(): void {
    const status = this.status;
    const key = status.state === 'failed' ? `failed:${status.code}:${status.unsavedPostIds.join(',')}` : status.state;
    if (key === this.#lastStatus) return;
    this.#lastStatus = key;
    this.#options.onStatus(status);
  }

  /** Tries again to write every post that is only in memory; resolves with the resulting status. */
  async flush(): Promise<SaveStatus> {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const ids = [...this.#pending.keys()];
    await Promise.allSettled(ids.map((id) => this.#persist(id, this.#wanted.get(id) ?? this.#seq)));
    return this.status;
  }

  /** No more automatic retries (the service is closing); flush() still writes. */
  stopRetrying(): void {
    this.#stopped = true;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
  }

  #scheduleRetry(): void {
    const delays = this.#options.retryDelaysMs;
    if (this.#stopped || this.#retryTimer !== null || delays.length === 0) return;
    // A newer Spheres' store will not become writable by waiting.
    if (isStorageError(this.#lastError, 'newer_version')) return;
    const delay = delays[Math.min(this.#retryAttempt, delays.length - 1)] ?? 60_000;
    this.#retryAttempt++;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.flush();
    }, delay);
    this.#retryTimer.unref();
  }
}
