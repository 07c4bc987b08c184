import type { SerialQueue } from '../storage/serial-queue';
import type { StoredPost } from './post-files';
import { PostLibrary } from './post-library';
import type { PostStore } from './post-store';
import type { PendingVersions } from './pending-writes';
import type { PostsSources } from './posts-view';

/**
 * The drafts library's rows, kept in step with the posts: built on the first search by reading
 * every month, then told of each change, so no later search reads the disk.
 */
export class LiveLibrary {
  readonly #store: PostStore;
  readonly #queue: SerialQueue;
  readonly #pending: PendingVersions;
  #library: PostLibrary | null = null;
  #build: Promise<PostLibrary> | null = null;
  /** Changes made while the rows were being built (null: removed for good), applied once they are. */
  readonly #missed = new Map<string, StoredPost | null>();
  #buildMs: number | null = null;

  constructor({ store, queue, pending }: PostsSources) {
    [this.#store, this.#queue, this.#pending] = [store, queue, pending];
  }

  /** How long the first search took to read every month into the rows (null: not yet). */
  get buildMs(): number | null {
    return this.#buildMs;
  }

  /** The rows, built first if no search has needed them yet. */
  rows(): Promise<PostLibrary> {
    if (this.#library !== null) return Promise.resolve(this.#library);
    this.#build ??= this.#buildRows().finally(() => {
      this.#build = null;
    });
    return this.#build;
  }

  /** Keeps the rows in step with a change; null: the post is gone for good. */
  note(id: string, stored: StoredPost | null): void {
    if (this.#library !== null) {
      if (stored === null) this.#library.remove(id);
      else this.#library.put(stored);
    } else if (this.#build !== null) {
      this.#missed.set(id, stored);
    }
  }

  async #buildRows(): Promise<PostLibrary> {
    const started = performance.now();
    this.#missed.clear();
    const months = new Set<string>();
    for (const [, entry] of this.#store.entries()) months.add(entry.month);
    const library = new PostLibrary();
    // A month at a time, each its own turn in the queue: a save made meanwhile waits for one month, not all of them.
    for (const month of [...months].sort()) {
      for (const stored of await this.#queue.run(() => this.#store.readMonth(month))) library.put(stored);
    }
    // Versions not yet on disk, and changes made while the months were read, are newer than the files.
    for (const stored of this.#pending.values()) library.put(stored);
    for (const [id, stored] of this.#missed) {
      if (stored === null) library.remove(id);
      else library.put(stored);
    }
    this.#missed.clear();
    this.#library = library;
    this.#buildMs = performance.now() - started;
    return library;
  }
}
