import path from 'node:path';
import type { z } from 'zod';
import { postMonth, postTime } from '../../../common/domain';
import {
  TEMP_MARKER,
  backupPath,
  isAuxiliaryName,
  readStoreFile,
  removeWithBackups,
  sweepTempFiles,
  writeFileAtomic,
  writeFileWithCopy,
  writeVerifiedPair,
  type OnRecovered,
  type StoreRecovered,
} from '../storage/atomic-file';
import type { StorageFs } from '../storage/fs-port';
import { migrate, type MigrationList } from '../storage/migrations';
import { dataFolderMissing, errnoOf, isStorageError, newerVersion, toStorageError } from '../storage/storage-error';
import {
  IndexFileSchema,
  MONTH_FILE_MIGRATIONS,
  MonthFileSchema,
  PENDING_IMPORT_MIGRATIONS,
  POSTS_SCHEMA_VERSION,
  PendingImportSchema,
  PostsLayout,
  RECENT_FILE_MIGRATIONS,
  RecentFileSchema,
  STORE_META_MIGRATIONS,
  StoreMetaSchema,
  entryOf,
  idOfFileKey,
  monthOfFileName,
  type IndexEntry,
  type IndexRow,
  type StoredPost,
} from './post-files';

export interface PostStoreOptions {
  dataDir: string;
  fs: StorageFs;
  now: () => Date;
  onRecovered: OnRecovered;
  /** Good copies kept of each store file. */
  backups: number;
  /** Written into store.json, so a support request can tell which app created a store. */
  appVersion: string;
}

interface Decoded<T> {
  value: T;
  /** Written by a newer Spheres: readable, never to be written back. */
  newer: boolean;
}

interface MonthContent {
  posts: Map<string, StoredPost>;
  newer: boolean;
}

/** Months kept parsed in memory: the calendar flips between neighbours; each is ~1 MB parsed at 330 posts. */
const MONTH_CACHE_SIZE = 4;

function decoder<S extends z.ZodType>(schema: S, migrations: MigrationList, file: string): (bytes: Buffer) => Decoded<z.output<S>> {
  return (bytes) => {
    const migrated = migrate(JSON.parse(bytes.toString('utf8')), migrations);
    const parsed = schema.safeParse(migrated.document);
    if (migrated.kind === 'newer') {
      if (!parsed.success) throw newerVersion(file);
      return { value: parsed.data, newer: true };
    }
    if (!parsed.success) throw new Error(`${file} does not have the shape of a posts store file`);
    return { value: parsed.data, newer: false };
  };
}

/**
 * The posts on disk, as month files plus the recently saved posts on top (see post-files.ts).
 * Not safe for concurrent calls: PostsService runs every call through one queue.
 */
export class PostStore {
  readonly layout: PostsLayout;
  readonly #fs: StorageFs;
  readonly #options: PostStoreOptions;
  /** What index.json says: consistent with the month files. */
  readonly #cold = new Map<string, IndexEntry>();
  /** Posts saved to recent/ since the last fold: they win over their month file's copy. */
  readonly #recent = new Map<string, StoredPost>();
  readonly #months = new Map<string, MonthContent>();
  /** Posts read from files a newer Spheres wrote. */
  readonly #newerIds = new Set<string>();
  #newerStore = false;

  private constructor(options: PostStoreOptions) {
    this.#options = options;
    this.#fs = options.fs;
    this.layout = new PostsLayout(options.dataDir);
  }

  static async open(options: PostStoreOptions, createIfMissing: boolean): Promise<PostStore> {
    const store = new PostStore(options);
    await store.#open(createIfMissing);
    return store;
  }

  /** True when a newer Spheres wrote this store: everything reads, nothing writes. */
  get isNewerStore(): boolean {
    return this.#newerStore;
  }

  get recentCount(): number {
    return this.#recent.size;
  }

  async #open(createIfMissing: boolean): Promise<void> {
    const { dataDir } = this.#options;
    if (!(await this.folderExists())) {
      if (!createIfMissing) throw dataFolderMissing(dataDir);
      await this.#fs.mkdir(dataDir, { recursive: true }).catch(async (error: unknown) => {
        throw await this.#mapError(error);
      });
    }
    // A read-only disk still opens for reading: the directories are created when they can be.
    for (const dir of [this.layout.root, this.layout.monthsDir, this.layout.recentDir]) {
      await this.#fs.mkdir(dir, { recursive: true }).catch(() => undefined);
    }

    const metaDecoder = decoder(StoreMetaSchema, STORE_META_MIGRATIONS, this.layout.meta);
    const meta = await this.#read(this.layout.meta, metaDecoder, () => ({ kind: 'store' })).catch((error: unknown) => {
      // A store.json only a newer Spheres understands still says one thing clearly: hands off.
      if (isStorageError(error, 'newer_version')) return { value: null, newer: true } as const;
      throw error;
    });
    if (meta?.newer === true) {
      this.#newerStore = true;
    } else if (meta === null) {
      const fresh = { schemaVersion: POSTS_SCHEMA_VERSION, createdAt: this.#options.now().toISOString(), createdBy: this.#options.appVersion };
      await writeVerifiedPair(this.#fs, this.layout.meta, JSON.stringify(fresh), { backups: this.#options.backups, verify: metaDecoder }).catch(() => undefined);
    } else if (!(await this.#exists(backupPath(this.layout.meta, 1)))) {
      // A store made before store.json had its copy: make it now, so the file is never alone.
      await this.#fs
        .readFile(this.layout.meta)
        .then((bytes) => writeFileAtomic(this.#fs, backupPath(this.layout.meta, 1), bytes, { backups: 0 }))
        .catch(() => undefined);
    }

    if (!this.#newerStore) {
      for (const dir of [this.layout.root, this.layout.monthsDir, this.layout.recentDir]) {
        await sweepTempFiles(this.#fs, dir).catch(() => undefined);
      }
    }

    await this.#loadIndex();
    await this.#loadRecent();
    await this.#replayPendingImport();
  }

  async folderExists(): Promise<boolean> {
    try {
      return (await this.#fs.stat(this.#options.dataDir)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Reads a store file, restoring it from its newest good copy; `describe` says what the notice is about. */
  async #read<T>(file: string, decode: (bytes: Buffer) => Decoded<T>, describe: (value: T | null) => Partial<StoreRecovered>): Promise<Decoded<T> | null> {
    const notices: StoreRecovered[] = [];
    const result = await readStoreFile(this.#fs, file, decode, {
      backups: this.#options.backups,
      now: this.#options.now,
      onRecovered: (notice) => notices.push(notice),
      canWrite: !this.#newerStore,
    });
    for (const notice of notices) this.#options.onRecovered({ ...notice, ...describe(result?.value ?? null) });
    return result;
  }

  async #exists(file: string): Promise<boolean> {
    try {
      await this.#fs.stat(file);
      return true;
    } catch {
      return false;
    }
  }

  #stamp(): string {
    return this.#options.now().toISOString().replace(/[-:.]/g, '');
  }

  async #mapError(error: unknown) {
    return toStorageError(error, this.#options.dataDir, () => this.folderExists());
  }

  /**
   * Runs a write; a sub-folder that vanished is made again (only while the data folder itself is
   * there, so an unplugged drive is never replaced by an empty folder). Errors become StorageErrors.
   */
  async #write<T>(task: () => Promise<T>): Promise<T> {
    if (this.#newerStore) throw newerVersion(this.layout.root);
    try {
      return await task();
    } catch (error) {
      if (errnoOf(error) === 'ENOENT' && (await this.folderExists())) {
        try {
          for (const dir of [this.layout.monthsDir, this.layout.recentDir]) await this.#fs.mkdir(dir, { recursive: true });
          return await task();
        } catch (retryError) {
          throw await this.#mapError(retryError);
        }
      }
      throw await this.#mapError(error);
    }
  }

  // ---- index ---------------------------------------------------------------------------------

  async #loadIndex(): Promise<void> {
    const file = this.layout.index;
    let bytes: Buffer | null = null;
    try {
      bytes = await this.#fs.readFile(file);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw await this.#mapError(error);
    }
    if (bytes !== null) {
      const parsed = (() => {
        try {
          return IndexFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
        } catch {
          return null;
        }
      })();
      if (parsed?.success && parsed.data.schemaVersion === POSTS_SCHEMA_VERSION) {
        for (const [id, month, status, updatedAt, deletedAt] of parsed.data.entries) {
          this.#cold.set(id, { month, status, updatedAt, deletedAt });
        }
        return;
      }
      if (parsed?.success && parsed.data.schemaVersion !== POSTS_SCHEMA_VERSION) {
        // An index of another version is only a cache of the month files: rebuilt, not migrated.
        await this.#rebuildIndex();
        return;
      }
      // The index is derived from the month files, which are the truth: rebuilding it is more
      // faithful than an older backup, which could point posts at months they have since left.
      let movedTo: string | null = null;
      if (!this.#newerStore) {
        movedTo = `${file}.corrupt-${this.#stamp()}`;
        await this.#fs.rename(file, movedTo).catch(() => {
          movedTo = null;
        });
      }
      await this.#rebuildIndex();
      this.#options.onRecovered({ file, movedTo, restoredFrom: this.layout.monthsDir, kind: 'index', postIds: [], lostPostIds: [] });
      return;
    }
    const names = await this.#fs.readdir(this.layout.monthsDir).catch((): string[] => []);
    if (names.some((name) => monthOfFileName(name) !== null)) {
      // Month files without their index: it was deleted (a new store writes an empty index before
      // any month, so no crash leaves months without one). Rebuilt, and said.
      await this.#rebuildIndex();
      this.#options.onRecovered({ file, movedTo: null, restoredFrom: this.layout.monthsDir, kind: 'index', postIds: [], lostPostIds: [] });
    } else if (!this.#newerStore) {
      await this.#writeIndex().catch(() => undefined);
    }
  }

  /** Reads every month file once: only when the index is missing or damaged. */
  async #rebuildIndex(): Promise<void> {
    this.#cold.clear();
    const names = await this.#fs.readdir(this.layout.monthsDir).catch((): string[] => []);
    for (const name of names.sort()) {
      const month = monthOfFileName(name);
      if (month === null) continue;
      const content = await this.#loadMonth(month);
      for (const [id, stored] of content.posts) {
        const entry = entryOf(stored);
        const known = this.#cold.get(id);
        // A copy left in an old month by an interrupted move: the newer one is the post.
        if (known === undefined || entry.updatedAt > known.updatedAt) this.#cold.set(id, entry);
      }
    }
    if (!this.#newerStore) await this.#writeIndex().catch(() => undefined);
  }

  async #writeIndex(): Promise<void> {
    const entries: IndexRow[] = [];
    for (const [id, e] of this.#cold) entries.push([id, e.month, e.status, e.updatedAt, e.deletedAt]);
    const body = JSON.stringify({ schemaVersion: POSTS_SCHEMA_VERSION, entries });
    await writeFileAtomic(this.#fs, this.layout.index, body, { backups: this.#options.backups });
  }

  // ---- months --------------------------------------------------------------------------------

  async #loadMonth(month: string): Promise<MonthContent> {
    const cached = this.#months.get(month);
    if (cached !== undefined) {
      // Most recently used last, so the first key is the one to drop.
      this.#months.delete(month);
      this.#months.set(month, cached);
      return cached;
    }
    const file = this.layout.month(month);
    let decoded: Decoded<z.output<typeof MonthFileSchema>> | null;
    try {
      decoded = await this.#read(file, decoder(MonthFileSchema, MONTH_FILE_MIGRATIONS, file), (value) => this.#describeMonth(month, value?.posts ?? []));
    } catch (error) {
      throw await this.#mapError(error);
    }
    const posts = new Map<string, StoredPost>();
    for (const stored of decoded?.value.posts ?? []) {
      const id = stored.post.id;
      posts.set(id, stored);
      // A post in a month file the index has never heard of is adopted, never ignored: the file is the truth.
      if (!this.#cold.has(id) && !this.#recent.has(id)) this.#cold.set(id, { ...entryOf(stored), month });
    }
    const content: MonthContent = { posts, newer: decoded?.newer ?? false };
    if (content.newer) for (const id of posts.keys()) this.#newerIds.add(id);
    this.#cacheMonth(month, content);
    return content;
  }

  /**
   * What a restored month means for the person: the posts it holds, and any post whose last saved
   * version it lacks (restored from a copy older than the index says, or missing from it). With
   * the month's copy written alongside it (writeVerifiedPair) the second list stays empty.
   */
  #describeMonth(month: string, restored: readonly StoredPost[]): Partial<StoreRecovered> {
    const byId = new Map(restored.map((stored) => [stored.post.id, stored]));
    const lostPostIds: string[] = [];
    for (const [id, entry] of this.#cold) {
      // A recent save is newer than anything in the month: nothing of it was in the damaged file.
      if (entry.month !== month || this.#recent.has(id)) continue;
      const copy = byId.get(id);
      if (copy === undefined || Date.parse(copy.post.updatedAt) < entry.updatedAt) lostPostIds.push(id);
    }
    const postIds = [...byId.keys()].filter((id) => !lostPostIds.includes(id));
    return { kind: 'month', postIds, lostPostIds };
  }

  #cacheMonth(month: string, content: MonthContent): void {
    this.#months.delete(month);
    this.#months.set(month, content);
    while (this.#months.size > MONTH_CACHE_SIZE) {
      const oldest = this.#months.keys().next().value;
      if (oldest === undefined) break;
      this.#months.delete(oldest);
    }
  }

  /** Forgets parsed months, so the next read comes from disk (the benchmark measures cold reads). */
  dropCaches(): void {
    this.#months.clear();
  }

  // ---- recent --------------------------------------------------------------------------------

  async #loadRecent(): Promise<void> {
    let names: string[];
    try {
      names = await this.#fs.readdir(this.layout.recentDir);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return;
      throw await this.#mapError(error);
    }
    // A post is found by its file or by its copy alone (the file deleted).
    const files = new Set<string>();
    for (const name of names) {
      if (name.endsWith('.json') && !isAuxiliaryName(name)) files.add(name);
      else if (name.endsWith('.json.bak1') && !name.includes(TEMP_MARKER)) files.add(name.slice(0, -'.bak1'.length));
    }
    for (const name of files) {
      const decoded = await this.#readRecent(path.join(this.layout.recentDir, name));
      if (decoded === null) continue;
      const stored: StoredPost = { post: decoded.value.post, deletedAt: decoded.value.deletedAt };
      this.#putRecent(stored);
      if (decoded.newer) this.#newerIds.add(stored.post.id);
    }
  }

  /**
   * A recent save and its copy (written with it, see writeRecent): the newer valid one is the post.
   * Not readStoreFile's "the file, else its newest backup": for a recent file that rule served an
   * older version of the post without a word. A damaged or missing file is set aside, rebuilt from
   * the copy and reported; a missing or damaged copy is rewritten from the file (it held nothing
   * of its own); when both are gone the post's last save is lost, and that is reported too.
   */
  async #readRecent(file: string): Promise<Decoded<z.output<typeof RecentFileSchema>> | null> {
    const decode = decoder(RecentFileSchema, RECENT_FILE_MIGRATIONS, file);
    const copyFile = backupPath(file, 1);
    const main = await this.#tryDecode(file, decode);
    const copy = await this.#tryDecode(copyFile, decode);
    const time = (decoded: Decoded<z.output<typeof RecentFileSchema>> | null): number =>
      decoded === null ? Number.NEGATIVE_INFINITY : Date.parse(decoded.value.post.updatedAt);
    const canWrite = !this.#newerStore && main.decoded?.newer !== true && copy.decoded?.newer !== true;
    const mainDamaged = main.bytes !== null && main.decoded === null;
    let movedTo: string | null = null;
    if (mainDamaged && canWrite) {
      movedTo = `${file}.corrupt-${this.#stamp()}`;
      await this.#fs.rename(file, movedTo).catch(() => {
        movedTo = null;
      });
    }
    const id = idOfFileKey(path.basename(file, '.json'));
    if (main.decoded === null && copy.decoded === null) {
      if (mainDamaged || copy.bytes !== null) {
        this.#options.onRecovered({ file, movedTo, restoredFrom: null, kind: 'post', postIds: [], lostPostIds: [id] });
      }
      return null;
    }
    if (time(copy.decoded) > time(main.decoded) && copy.decoded !== null && copy.bytes !== null) {
      // writeRecent writes the file first: a copy newer than the file (or without it) means damage.
      this.#options.onRecovered({ file, movedTo, restoredFrom: copyFile, kind: 'post', postIds: [copy.decoded.value.post.id], lostPostIds: [] });
      if (canWrite) await writeFileAtomic(this.#fs, file, copy.bytes, { backups: 0 }).catch(() => undefined);
      return copy.decoded;
    }
    if (canWrite && main.bytes !== null && time(copy.decoded) < time(main.decoded)) {
      await writeFileAtomic(this.#fs, copyFile, main.bytes, { backups: 0 }).catch(() => undefined);
    }
    return main.decoded;
  }

  /** The bytes of a file (null when missing) and what they decode to (null when damaged). */
  async #tryDecode<T>(file: string, decode: (bytes: Buffer) => Decoded<T>): Promise<{ bytes: Buffer | null; decoded: Decoded<T> | null }> {
    let bytes: Buffer;
    try {
      bytes = await this.#fs.readFile(file);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { bytes: null, decoded: null };
      throw await this.#mapError(error);
    }
    try {
      return { bytes, decoded: decode(bytes) };
    } catch (error) {
      if (isStorageError(error, 'newer_version')) throw error;
      return { bytes, decoded: null };
    }
  }

  #putRecent(stored: StoredPost): void {
    const known = this.#recent.get(stored.post.id);
    if (known === undefined || Date.parse(stored.post.updatedAt) >= Date.parse(known.post.updatedAt)) this.#recent.set(stored.post.id, stored);
  }

  /** The durable save autosave waits for: one small file, whatever the size of the history. */
  async writeRecent(stored: StoredPost): Promise<void> {
    const id = stored.post.id;
    if (this.#newerStore) throw newerVersion(this.layout.root);
    if (this.#newerIds.has(id)) throw newerVersion(this.layout.recent(id));
    const body = JSON.stringify({ schemaVersion: POSTS_SCHEMA_VERSION, deletedAt: stored.deletedAt, post: stored.post });
    const file = this.layout.recent(id);
    // The save and its copy (see #readRecent and writeFileWithCopy); acknowledged once both are
    // durable. A fold removes the copy before the file, so short of damage the copy never stands
    // alone. Two small files whatever the history: the cost per save stays flat.
    await this.#write(() => writeFileWithCopy(this.#fs, file, body));
    this.#recent.set(id, stored);
  }

  // ---- folding recent posts into their months ---------------------------------------------

  /**
   * Moves the recently saved posts into their month files and the index, then removes their
   * recent files. Order matters for crashes: months, then index, then the recent files, so at
   * every instant a recent file still stands for anything the months or index do not yet show.
   * Order matters for damage too: each month is written with its copy and both are read back
   * (writeVerifiedPair) before any recent file goes, so every saved edit always has two homes.
   */
  async fold(): Promise<void> {
    if (this.#recent.size === 0) return;
    const changes = new Map<string, StoredPost | null>(this.#recent);
    await this.#write(() => this.#rewriteMonths(changes));
    await this.#write(async () => {
      for (const id of changes.keys()) {
        if (this.#recent.get(id) !== changes.get(id)) continue;
        await removeWithBackups(this.#fs, this.layout.recent(id), this.#options.backups);
        this.#recent.delete(id);
      }
    });
  }

  /**
   * A bulk change (an import, a purge) applied to the months at once. The new posts are first
   * written whole to import-pending.json, so a crash half-way through is finished at the next start.
   */
  async applyBulk(upserts: readonly StoredPost[], removals: readonly string[]): Promise<void> {
    if (this.#newerStore) throw newerVersion(this.layout.root);
    for (const stored of upserts) if (this.#newerIds.has(stored.post.id)) throw newerVersion(this.layout.month(postMonth(stored.post)));
    await this.fold();
    const changes = new Map<string, StoredPost | null>();
    for (const stored of upserts) changes.set(stored.post.id, stored);
    for (const id of removals) changes.set(id, null);
    if (changes.size === 0) return;
    if (upserts.length > 0) {
      const body = JSON.stringify({ schemaVersion: POSTS_SCHEMA_VERSION, posts: upserts });
      await this.#write(() => writeFileAtomic(this.#fs, this.layout.pendingImport, body, { backups: 0 }));
    }
    await this.#write(() => this.#rewriteMonths(changes));
    if (upserts.length > 0) await this.#write(() => removeWithBackups(this.#fs, this.layout.pendingImport, 0));
  }

  async #replayPendingImport(): Promise<void> {
    const file = this.layout.pendingImport;
    let decoded: Decoded<z.output<typeof PendingImportSchema>> | null;
    try {
      // No backups: a damaged pending import was never acknowledged, so it is set aside, not restored.
      decoded = await readStoreFile(this.#fs, file, decoder(PendingImportSchema, PENDING_IMPORT_MIGRATIONS, file), {
        backups: 0,
        now: this.#options.now,
        onRecovered: (notice) => this.#options.onRecovered({ ...notice, kind: 'import', postIds: [], lostPostIds: [] }),
        canWrite: !this.#newerStore,
      });
    } catch {
      return;
    }
    if (decoded === null || this.#newerStore) return;
    // A post saved after the import began (recent, or folded since) wins over the import's copy of it.
    const upserts = decoded.value.posts.filter((stored) => {
      const known = this.entry(stored.post.id);
      return known === undefined || known.updatedAt < Date.parse(stored.post.updatedAt);
    });
    await this.applyBulk(upserts, []);
    await this.#write(() => removeWithBackups(this.#fs, file, 0));
  }

  async #rewriteMonths(changes: ReadonlyMap<string, StoredPost | null>): Promise<void> {
    const touched = new Set<string>();
    // Each change's month, worked out once: a bulk import of 50,000 posts over 100 months would
    // otherwise work out every post's month again for every month it rewrites.
    const monthOfChange = new Map<string, string | null>();
    const arriving = new Map<string, StoredPost[]>();
    for (const [id, stored] of changes) {
      const known = this.#cold.get(id);
      if (known !== undefined) touched.add(known.month);
      const month = stored === null ? null : postMonth(stored.post);
      monthOfChange.set(id, month);
      if (stored !== null && month !== null) {
        touched.add(month);
        const list = arriving.get(month);
        if (list === undefined) arriving.set(month, [stored]);
        else list.push(stored);
      }
    }
    // Every month is read before any is written, so a file of a newer version stops the whole change.
    const contents = new Map<string, Map<string, StoredPost>>();
    for (const month of [...touched].sort()) {
      const content = await this.#loadMonth(month);
      if (content.newer) throw newerVersion(this.layout.month(month));
      contents.set(month, new Map(content.posts));
    }
    const monthAfter = (id: string): string | null | undefined => {
      if (monthOfChange.has(id)) return monthOfChange.get(id);
      return this.#cold.get(id)?.month;
    };
    const adopted = new Map<string, StoredPost>();
    for (const [month, posts] of contents) {
      for (const [id, stored] of posts) {
        const after = monthAfter(id);
        // A post the index has never heard of is kept and indexed, never dropped: the file is the truth.
        if (after === undefined) adopted.set(id, stored);
        else if (after !== month) posts.delete(id);
      }
      for (const stored of arriving.get(month) ?? []) posts.set(stored.post.id, stored);
      const sorted = [...posts.values()].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const body = JSON.stringify({ schemaVersion: POSTS_SCHEMA_VERSION, month, posts: sorted });
      const file = this.layout.month(month);
      await writeVerifiedPair(this.#fs, file, body, { backups: this.#options.backups, verify: decoder(MonthFileSchema, MONTH_FILE_MIGRATIONS, file) });
      this.#cacheMonth(month, { posts, newer: false });
    }
    for (const [id, stored] of changes) {
      if (stored === null) this.#cold.delete(id);
      else this.#cold.set(id, entryOf(stored));
    }
    for (const [id, stored] of adopted) this.#cold.set(id, entryOf(stored));
    await this.#writeIndex();
  }

  // ---- reading -------------------------------------------------------------------------------

  /** What is known of a post without reading it; undefined when there is no such post. */
  entry(id: string): IndexEntry | undefined {
    const recent = this.#recent.get(id);
    return recent !== undefined ? entryOf(recent) : this.#cold.get(id);
  }

  /** Every post's index entry (recent ones as they are now). */
  *entries(): IterableIterator<[string, IndexEntry]> {
    for (const [id, entry] of this.#cold) if (!this.#recent.has(id)) yield [id, entry];
    for (const [id, stored] of this.#recent) yield [id, entryOf(stored)];
  }

  get size(): number {
    let size = this.#cold.size;
    for (const id of this.#recent.keys()) if (!this.#cold.has(id)) size++;
    return size;
  }

  /** A post already in memory (saved recently, or in a parsed month), without touching the disk. */
  peek(id: string): StoredPost | undefined {
    const recent = this.#recent.get(id);
    if (recent !== undefined) return recent;
    const entry = this.#cold.get(id);
    return entry === undefined ? undefined : this.#months.get(entry.month)?.posts.get(id);
  }

  async read(id: string): Promise<StoredPost | null> {
    const recent = this.#recent.get(id);
    if (recent !== undefined) return recent;
    const entry = this.#cold.get(id);
    if (entry === undefined) return null;
    const stored = (await this.#loadMonth(entry.month)).posts.get(id);
    if (stored === undefined) {
      // The index pointed at a post its month no longer has (a month restored from an older backup).
      this.#cold.delete(id);
      return null;
    }
    return stored;
  }

  async readMany(ids: readonly string[]): Promise<StoredPost[]> {
    // Grouped by month so each month file is read once.
    const byMonth = new Map<string, string[]>();
    for (const id of ids) {
      const entry = this.#recent.has(id) ? undefined : this.#cold.get(id);
      if (entry !== undefined) byMonth.set(entry.month, [...(byMonth.get(entry.month) ?? []), id]);
    }
    for (const month of byMonth.keys()) await this.#loadMonth(month);
    const found: StoredPost[] = [];
    for (const id of ids) {
      const stored = await this.read(id);
      if (stored !== null) found.push(stored);
    }
    return found;
  }

  /** The posts of one month as they are now: its file, less the copies that moved, plus recent saves. */
  async readMonth(month: string): Promise<StoredPost[]> {
    const content = await this.#loadMonth(month);
    const result = new Map<string, StoredPost>();
    for (const [id, stored] of content.posts) {
      if (this.#recent.has(id)) continue;
      if (this.#cold.get(id)?.month === month) result.set(id, stored);
    }
    for (const [id, stored] of this.#recent) if (postMonth(stored.post) === month) result.set(id, stored);
    return [...result.values()];
  }

  /** Every post, month by month: for export. */
  async readAll(): Promise<StoredPost[]> {
    const months = new Set<string>();
    for (const [, entry] of this.entries()) months.add(entry.month);
    const all: StoredPost[] = [];
    for (const month of [...months].sort()) all.push(...(await this.readMonth(month)));
    return all;
  }
}

function sortKey(stored: StoredPost): string {
  return new Date(postTime(stored.post)).toISOString() + stored.post.id;
}
