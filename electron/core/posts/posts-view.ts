import { MonthSchema, postMonth, postTime, type Post, type PostStatus } from '../../../common/domain';
import type { SerialQueue } from '../storage/serial-queue';
import { entryOf, type IndexEntry, type StoredPost } from './post-files';
import type { PostStore } from './post-store';
import type { PendingVersions } from './pending-writes';

/** What the posts service's readers work from: the store, its one queue, and the versions not yet on disk. */
export interface PostsSources {
  store: PostStore;
  queue: SerialQueue;
  pending: PendingVersions;
}

/**
 * What a reader sees: the posts as the store has them on disk, with the versions not yet written
 * laid over them, so a save that is still on its way (or failed and waits for a retry) is already
 * what get and every list return.
 */
export class PostsView {
  readonly #store: PostStore;
  readonly #queue: SerialQueue;
  readonly #pending: PendingVersions;

  constructor({ store, queue, pending }: PostsSources) {
    [this.#store, this.#queue, this.#pending] = [store, queue, pending];
  }

  /** A post as the user last saved it, trash included; null if there is none. */
  read(id: string): Promise<StoredPost | null> {
    const pending = this.#pending.get(id);
    if (pending !== undefined) return Promise.resolve(pending);
    return this.#queue.run(() => this.#store.read(id));
  }

  /** The posts of one month (`2026-11`, UTC, by postMonth), not in the trash, in time order. */
  async month(month: string): Promise<Post[]> {
    MonthSchema.parse(month);
    const fromDisk = await this.#queue.run(() => this.#store.readMonth(month));
    const posts = new Map<string, StoredPost>();
    for (const stored of fromDisk) posts.set(stored.post.id, stored);
    for (const [id, stored] of this.#pending.entries()) {
      if (postMonth(stored.post) === month) posts.set(id, stored);
      else posts.delete(id);
    }
    return [...posts.values()]
      .filter((stored) => stored.deletedAt === null)
      .map((stored) => stored.post)
      .sort((a, b) => postTime(a) - postTime(b) || a.id.localeCompare(b.id));
  }

  /** The most recently edited posts first; only what the index knows is scanned, then `limit` posts read. */
  async recent(options: { limit?: number; status?: PostStatus }): Promise<Post[]> {
    const limit = options.limit ?? 20;
    const ids = this.select((entry) => entry.deletedAt === null && (options.status === undefined || entry.status === options.status))
      .sort((a, b) => b[1].updatedAt - a[1].updatedAt)
      .slice(0, limit)
      .map(([id]) => id);
    return (await this.#readMany(ids)).map((stored) => stored.post);
  }

  /** Posts in the trash, most recently deleted first. */
  async trash(): Promise<StoredPost[]> {
    const ids = this.select((entry) => entry.deletedAt !== null)
      .sort((a, b) => (b[1].deletedAt ?? 0) - (a[1].deletedAt ?? 0))
      .map(([id]) => id);
    return (await this.#readMany(ids)).filter((stored) => stored.deletedAt !== null);
  }

  /** Every post, trash included, for export. */
  async all(): Promise<StoredPost[]> {
    const all = new Map<string, StoredPost>();
    for (const stored of await this.#queue.run(() => this.#store.readAll())) all.set(stored.post.id, stored);
    for (const [id, stored] of this.#pending.entries()) all.set(id, stored);
    return [...all.values()];
  }

  /** Index entries (pending versions winning) that pass `keep`. */
  select(keep: (entry: IndexEntry) => boolean): [string, IndexEntry][] {
    const selected: [string, IndexEntry][] = [];
    for (const [id, entry] of this.#store.entries()) {
      if (this.#pending.has(id)) continue;
      if (keep(entry)) selected.push([id, entry]);
    }
    for (const [id, stored] of this.#pending.entries()) {
      const entry = entryOf(stored);
      if (keep(entry)) selected.push([id, entry]);
    }
    return selected;
  }

  /** The posts with these ids (pending versions winning), in that order; an id with no post is left out. */
  many(ids: readonly string[]): Promise<StoredPost[]> {
    return this.#readMany(ids);
  }

  async #readMany(ids: readonly string[]): Promise<StoredPost[]> {
    const fromDisk = await this.#queue.run(() => this.#store.readMany(ids.filter((id) => !this.#pending.has(id))));
    const byId = new Map(fromDisk.map((stored) => [stored.post.id, stored]));
    for (const id of ids) {
      const pending = this.#pending.get(id);
      if (pending !== undefined) byId.set(id, pending);
    }
    return ids.flatMap((id) => {
      const stored = byId.get(id);
      return stored === undefined ? [] : [stored];
    });
  }
}
