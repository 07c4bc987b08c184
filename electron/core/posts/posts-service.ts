import { randomUUID } from 'node:crypto';
import { AppError } from '../../../common/api';
import { EDITABLE_FIELDS, PostSchema, monthAt, type DraftPatch, type PlannedTime, type Post, type PostPage, type PostPatch, type PostQuery, type PostStatus, type TrashPage, type TrashPageQuery } from '../../../common/domain';
import type { OnRecovered } from '../storage/atomic-file';
import { nodeStorageFs, type StorageFs } from '../storage/fs-port';
import { SerialQueue } from '../storage/serial-queue';
import { StorageError, postNotFound } from '../storage/storage-error';
import { LiveLibrary } from './live-library';
import { PendingWrites, type SaveStatus } from './pending-writes';
import type { StoredPost } from './post-files';
import { PostStore } from './post-store';
import { PostsView } from './posts-view';

/** The outbox's change (status, publish results); what a person edits goes through saveDraft or replan. */
export type PostUpdate = Partial<Omit<Post, 'id' | 'createdAt' | 'updatedAt'>>;

export interface TrashedPost {
  post: Post;
  deletedAt: string;
  /** When purgeExpiredTrash may remove it for good. */
  purgeAfter: string;
}

export interface ImportPostsResult {
  added: number;
  /** Posts already here that the import had a newer version of. */
  updated: number;
  /** Posts already here in the same or a newer version. */
  unchanged: number;
}

export interface PostsServiceOptions {
  /** The app's data folder; posts live in its `posts` folder. */
  dataDir: string;
  fs?: StorageFs;
  now?: () => Date;
  newId?: () => string;
  /** A store file was damaged and set aside: the app tells the user (see StoreRecovered). */
  onRecovered?: OnRecovered;
  onStatus?: (status: SaveStatus) => void;
  appVersion?: string;
  /** Good copies kept of each store file. */
  backups?: number;
  trashDays?: number;
  /**
   * Quiet time after the last save before recent saves are folded into their month files; 0: never
   * on a timer. A fold rewrites the index (about 1.1 MB at 20,000 posts), so it waits for a real pause.
   */
  foldAfterIdleMs?: number;
  /** Fold as soon as this many posts have recent saves, so start-up never reads many small files. */
  foldWhenRecentExceeds?: number;
  /** Waits between automatic retries of saves that failed; empty: only flushPending() retries. */
  retryDelaysMs?: readonly number[];
  /** Make the data folder on first run. At run time a missing folder is reported, never re-made. */
  createIfMissing?: boolean;
  /**
   * Read the current month in the background once open, so the calendar's first view comes from
   * memory and the validator is warm (a first month read in a fresh process is 3x a later one).
   */
  prefetchCurrentMonth?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Posts and drafts, stored locally. A save resolves only once it is on disk (it survives a kill
 * or a power cut); a save that fails keeps the post in memory, reports why, and is retried.
 * The public face of three parts: the writes on their way to disk (PendingWrites), what a reader
 * sees with them laid over the disk (PostsView), and the drafts library's rows (LiveLibrary).
 */
/** A post in the outbox or published says what it says: the outbox sends the words it was given. */
const EDITABLE_STATUSES: ReadonlySet<PostStatus> = new Set(['draft', 'queued']);

function notEditable(status: PostStatus, id: string): AppError {
  const message =
    status === 'published'
      ? 'This post is published and cannot be changed. Duplicate it to write a new one.'
      : 'This post is in the outbox. To change it, choose Edit there (possible until Spheres starts sending it).';
  return new AppError('invalid_input', message, { postId: id, status });
}

export class PostsService {
  readonly #store: PostStore;
  readonly #queue = new SerialQueue();
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #trashMs: number;
  readonly #foldAfterIdleMs: number;
  readonly #foldWhenRecentExceeds: number;
  readonly #pending: PendingWrites;
  readonly #view: PostsView;
  readonly #library: LiveLibrary;

  #foldTimer: NodeJS.Timeout | null = null;
  #background: Promise<unknown> = Promise.resolve();
  #closed = false;
  #closing: Promise<SaveStatus> | null = null;

  private constructor(store: PostStore, options: PostsServiceOptions) {
    this.#store = store;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    this.#trashMs = (options.trashDays ?? 30) * DAY_MS;
    this.#foldAfterIdleMs = options.foldAfterIdleMs ?? 300_000;
    this.#foldWhenRecentExceeds = options.foldWhenRecentExceeds ?? 64;
    this.#pending = new PendingWrites({
      store,
      queue: this.#queue,
      now: this.#now,
      onStatus: options.onStatus ?? (() => undefined),
      retryDelaysMs: options.retryDelaysMs ?? [2_000, 5_000, 15_000, 60_000],
      onWritten: () => this.#afterWrite(),
    });
    const sources = { store, queue: this.#queue, pending: this.#pending };
    this.#view = new PostsView(sources);
    this.#library = new LiveLibrary(sources);
  }

  static async open(options: PostsServiceOptions): Promise<PostsService> {
    const now = options.now ?? (() => new Date());
    const store = await PostStore.open(
      {
        dataDir: options.dataDir,
        fs: options.fs ?? nodeStorageFs,
        now,
        onRecovered: options.onRecovered ?? (() => undefined),
        backups: options.backups ?? 3,
        appVersion: options.appVersion ?? '0.0.0',
      },
      options.createIfMissing ?? true,
    );
    const service = new PostsService(store, options);
    // A crash skips the fold on close: many recent saves left over are folded now, off the start-up path.
    if (!store.isNewerStore && store.recentCount > service.#foldWhenRecentExceeds) service.#runInBackground(() => service.compact());
    if (options.prefetchCurrentMonth ?? true) {
      const month = monthAt(now());
      service.#runInBackground(() => service.#queue.run(() => store.readMonth(month)));
    }
    return service;
  }

  get dataDir(): string {
    return this.#store.layout.dataDir;
  }

  /** True when a newer Spheres wrote these posts: they can be read, not changed. */
  get readOnlyByVersion(): boolean {
    return this.#store.isNewerStore;
  }

  // ---- writing -------------------------------------------------------------------------------

  /** A new, empty draft (or one started with `init`). */
  create(init: Omit<DraftPatch, 'id'> = {}): Promise<Post> {
    return this.saveDraft({ ...init, id: this.#newId() });
  }

  /**
   * Autosave: merges the patch into the post (making it, as a draft, if the id is new) and resolves
   * once it is on disk. On failure it rejects with a StorageError whose details name the post; the
   * post stays in memory, and get/list return it, until a retry writes it.
   */
  async saveDraft(patch: DraftPatch): Promise<Post> {
    const { id } = patch;
    // Only the fields a person edits, and only those named: a stray `status` must not publish
    // anything, and a key left out (or undefined) keeps the stored value.
    const fields: PostPatch = {};
    for (const key of EDITABLE_FIELDS) if (patch[key] !== undefined) Object.assign(fields, { [key]: patch[key] });
    const stored = await this.#mutate(id, (current) => {
      if (current?.deletedAt != null) throw new StorageError('not_found', `The post ${id} is in the trash. Restore it to keep editing.`, { postId: id });
      if (current !== null && !EDITABLE_STATUSES.has(current.post.status)) throw notEditable(current.post.status, id);
      const at = this.#now().toISOString();
      const post =
        current === null
          ? { id, createdAt: at, updatedAt: at, tone: null, text: '', status: 'draft' as const, ...fields }
          : { ...current.post, ...fields, updatedAt: at };
      return { post: PostSchema.parse(post), deletedAt: null };
    });
    return stored.post;
  }

  /**
   * The calendar's move: only the planned time (and updatedAt) changes, whatever the post's other
   * fields hold. Unlike saveDraft it never makes a post: moving one that is gone is not_found.
   */
  async replan(id: string, planned: PlannedTime | null): Promise<Post> {
    const stored = await this.#mutate(id, (current) => {
      if (current === null || current.deletedAt !== null) throw postNotFound(id);
      return { post: PostSchema.parse({ ...current.post, planned, updatedAt: this.#now().toISOString() }), deletedAt: null };
    });
    return stored.post;
  }

  /** Any other change (status, publish results), with the same durability as saveDraft. */
  async update(id: string, patch: PostUpdate): Promise<Post> {
    const stored = await this.#mutate(id, (current) => {
      if (current === null || current.deletedAt !== null) throw postNotFound(id);
      return { post: PostSchema.parse({ ...current.post, ...patch, id, updatedAt: this.#now().toISOString() }), deletedAt: null };
    });
    return stored.post;
  }

  /** Moves a post to the trash, where it stays `trashDays` days and can be restored. */
  async delete(id: string): Promise<TrashedPost> {
    const stored = await this.#mutate(id, (current) => {
      if (current === null || current.deletedAt !== null) throw postNotFound(id);
      return { post: current.post, deletedAt: this.#now().toISOString() };
    });
    return this.#trashed(stored);
  }

  /** Undo of delete: takes a post back out of the trash. */
  async restore(id: string): Promise<Post> {
    const stored = await this.#mutate(id, (current) => {
      if (current === null) throw postNotFound(id);
      if (current.deletedAt === null) throw new StorageError('not_found', `The post ${id} is not in the trash.`, { postId: id });
      return { post: current.post, deletedAt: null };
    });
    return stored.post;
  }

  /**
   * A new draft with a copy of the post's editable fields: a new id, status draft, no publish
   * results. The original is not touched.
   */
  async duplicate(id: string): Promise<Post> {
    const original = await this.get(id);
    const fields: Omit<DraftPatch, 'id'> = {};
    for (const key of EDITABLE_FIELDS) Object.assign(fields, { [key]: structuredClone(original[key]) });
    return this.create(fields);
  }

  /** Removes for good every post in the trash (the user confirmed it); returns their ids. */
  async emptyTrash(): Promise<string[]> {
    this.#assertOpen();
    return this.#queue.run(async () => {
      const trashed = this.#view.select((entry) => entry.deletedAt !== null).map(([id]) => id);
      if (trashed.length > 0) await this.#store.applyBulk([], trashed);
      const removed: string[] = [];
      for (const id of trashed) {
        const pending = this.#pending.get(id);
        // Restored while the trash was being emptied: the restore wins, and its own write brings the post back.
        if (pending !== undefined && pending.deletedAt === null) continue;
        // A delete still waiting to be written must not write the post back after it is gone.
        this.#pending.settleElsewhere(id);
        this.#library.note(id, null);
        removed.push(id);
      }
      this.#pending.report();
      return removed;
    });
  }

  /** Removes for good the posts that have been in the trash longer than `trashDays`; returns their ids. */
  async purgeExpiredTrash(): Promise<string[]> {
    this.#assertOpen();
    const cutoff = this.#now().getTime() - this.#trashMs;
    return this.#queue.run(async () => {
      const expired: string[] = [];
      for (const [id, entry] of this.#store.entries()) {
        if (entry.deletedAt !== null && entry.deletedAt <= cutoff && !this.#pending.has(id)) expired.push(id);
      }
      if (expired.length > 0) await this.#store.applyBulk([], expired);
      for (const id of expired) if (!this.#pending.has(id)) this.#library.note(id, null);
      return expired;
    });
  }

  /**
   * Adds posts from an import. A post already here is replaced only by a newer version (later
   * updatedAt), so importing the same archive twice, or an older one, changes nothing.
   */
  async importPosts(records: readonly StoredPost[]): Promise<ImportPostsResult> {
    this.#assertOpen();
    return this.#queue.run(async () => {
      const result: ImportPostsResult = { added: 0, updated: 0, unchanged: 0 };
      const upserts: StoredPost[] = [];
      for (const record of records) {
        const id = record.post.id;
        const pending = this.#pending.get(id);
        const localUpdatedAt = pending !== undefined ? Date.parse(pending.post.updatedAt) : this.#store.entry(id)?.updatedAt;
        if (localUpdatedAt === undefined) result.added++;
        else if (Date.parse(record.post.updatedAt) > localUpdatedAt) result.updated++;
        else {
          result.unchanged++;
          continue;
        }
        upserts.push(record);
      }
      await this.#store.applyBulk(upserts, []);
      for (const record of upserts) this.#library.note(record.post.id, record);
      // The imported version is newer than what was waiting in memory, so that is no longer unsaved.
      for (const record of upserts) this.#pending.settleElsewhere(record.post.id);
      this.#pending.report();
      return result;
    });
  }

  /**
   * Adds published posts read from a network's export (history import), each only if no post has
   * its id: the import gives a post of the network the same id every time, so importing the same
   * export twice adds nothing, and no post already here (edited, tagged, in the trash) is touched.
   * One bulk write of the months they fall in, through import-pending.json, so a crash mid-way
   * replays it and the import is all or nothing; never one file per post.
   */
  async addImported(posts: readonly Post[]): Promise<{ added: string[]; present: string[] }> {
    this.#assertOpen();
    return this.#queue.run(async () => {
      const added: StoredPost[] = [];
      const present: string[] = [];
      const seen = new Set<string>();
      for (const post of posts) {
        if (seen.has(post.id) || this.#pending.has(post.id) || this.#store.entry(post.id) !== undefined) {
          present.push(post.id);
          continue;
        }
        seen.add(post.id);
        added.push({ post: PostSchema.parse(post), deletedAt: null });
      }
      if (added.length > 0) await this.#store.applyBulk(added, []);
      for (const record of added) this.#library.note(record.post.id, record);
      return { added: added.map((record) => record.post.id), present };
    });
  }

  /** Whether a post with this id exists (in the trash too). */
  has(id: string): boolean {
    return this.#pending.has(id) || this.#store.entry(id) !== undefined;
  }

  /**
   * The published posts whose ids pass `keep` (in the trash too: one thrown away is not imported
   * again), read whole: what the history import compares an export against. Only what the index
   * lists as published is read.
   */
  async publishedPosts(keep: (id: string) => boolean): Promise<Post[]> {
    this.#assertOpen();
    const ids = this.#view.select((entry) => entry.status === 'published').map(([id]) => id).filter(keep);
    return (await this.#view.many(ids)).map((stored) => stored.post);
  }

  async #mutate(id: string, change: (current: StoredPost | null) => StoredPost): Promise<StoredPost> {
    this.#assertOpen();
    // Loaded first so a post from a newer version is known as one; its write then fails with
    // newer_version and, like any failed save, the text stays in memory for the user to copy.
    let loaded: StoredPost | null = null;
    if (!this.#pending.has(id) && this.#store.peek(id) === undefined && this.#store.entry(id) !== undefined) {
      loaded = await this.#queue.run(() => this.#store.read(id));
    }
    // From here to the end of the change nothing awaits, so two saves never merge into a stale base.
    const current = this.#pending.get(id) ?? this.#store.peek(id) ?? loaded;
    const next = change(current);
    this.#library.note(id, next);
    await this.#pending.save(id, next);
    return next;
  }

  // ---- status, folding ---------------------------------------------------------------------

  get status(): SaveStatus {
    return this.#pending.status;
  }

  /** Tries again to write every post that is only in memory; resolves with the resulting status. */
  flushPending(): Promise<SaveStatus> {
    return this.#pending.flush();
  }

  #afterWrite(): void {
    if (this.#store.recentCount > this.#foldWhenRecentExceeds) {
      this.#runInBackground(() => this.compact());
      return;
    }
    if (this.#foldAfterIdleMs <= 0) return;
    if (this.#foldTimer !== null) clearTimeout(this.#foldTimer);
    this.#foldTimer = setTimeout(() => {
      this.#foldTimer = null;
      this.#runInBackground(() => this.compact());
    }, this.#foldAfterIdleMs);
    this.#foldTimer.unref();
  }

  #runInBackground(task: () => Promise<unknown>): void {
    // A fold that fails loses nothing (the recent files stay); the next one tries again.
    this.#background = this.#background.then(task).catch(() => undefined);
  }

  /** Folds recently saved posts into their month files and the index (normally on a timer). */
  compact(): Promise<void> {
    if (this.#store.isNewerStore) return Promise.resolve();
    return this.#queue.run(() => this.#store.fold());
  }

  /**
   * Writes what is pending and folds; the service is unusable afterwards. A second call (a second
   * signal, a quit during a quit) gets the same promise: it must not report "closed" while the
   * first call is still folding, or the process exits mid-write.
   */
  close(): Promise<SaveStatus> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<SaveStatus> {
    if (this.#foldTimer !== null) clearTimeout(this.#foldTimer);
    this.#foldTimer = null;
    const status = await this.flushPending();
    this.#closed = true;
    this.#pending.stopRetrying();
    await this.#background;
    await this.compact().catch(() => undefined);
    return status;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('PostsService is closed');
  }

  // ---- reading -------------------------------------------------------------------------------

  /** A post that is not in the trash. */
  async get(id: string): Promise<Post> {
    this.#assertOpen();
    const stored = await this.#view.read(id);
    if (stored === null || stored.deletedAt !== null) throw postNotFound(id);
    return stored.post;
  }

  /** The posts of one month (`2026-11`, UTC, by postMonth), in time order. */
  async listMonth(month: string): Promise<Post[]> {
    this.#assertOpen();
    return this.#view.month(month);
  }

  /** The most recently edited posts first; only what the index knows is scanned, then `limit` posts read. */
  async listRecent(options: { limit?: number; status?: PostStatus } = {}): Promise<Post[]> {
    this.#assertOpen();
    return this.#view.recent(options);
  }

  /** The draft the user touched last, so the app reopens it after a restart. */
  async lastEditedDraft(): Promise<Post | null> {
    return (await this.listRecent({ limit: 1, status: 'draft' }))[0] ?? null;
  }

  /** Posts in the trash, most recently deleted first. */
  async listTrash(): Promise<TrashedPost[]> {
    this.#assertOpen();
    return (await this.#view.trash()).map((stored) => this.#trashed(stored));
  }

  /** Every post, trash included, for export. */
  async exportPosts(): Promise<StoredPost[]> {
    this.#assertOpen();
    return this.#view.all();
  }

  // ---- the drafts library -------------------------------------------------------------------

  /** Search, filter, sort and page every post not in the trash. */
  async query(query: PostQuery): Promise<PostPage> {
    this.#assertOpen();
    return (await this.#library.rows()).query(query);
  }

  /** One page of the trash, the most recently deleted first, as list rows. */
  async trashPage(page: TrashPageQuery): Promise<TrashPage> {
    this.#assertOpen();
    return (await this.#library.rows()).trash(page, this.#trashMs);
  }

  /** How long the first search took to read every month into the library's rows (null: not yet). */
  get libraryBuildMs(): number | null {
    return this.#library.buildMs;
  }

  #trashed(stored: StoredPost): TrashedPost {
    const deletedAt = stored.deletedAt ?? this.#now().toISOString();
    return { post: stored.post, deletedAt, purgeAfter: new Date(Date.parse(deletedAt) + this.#trashMs).toISOString() };
  }
}
