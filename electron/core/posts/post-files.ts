import path from 'node:path';
import { z } from 'zod';
import { MonthSchema, PostIdSchema, PostSchema, PostStatusSchema, postMonth, type PostStatus } from '../../../common/domain';
import { currentVersion, type MigrationList } from '../storage/migrations';

/*
 * The posts store on disk, under <data>/posts/:
 *   store.json           which schema version wrote this store (a newer one makes it read-only here)
 *   index.json           one short row per post (id, month, status, times): all that start-up reads
 *   months/YYYY-MM.json  every post of one month (postMonth: by planned time, else creation time; UTC)
 *   recent/<id>.json     a post saved since its month file was last rewritten: what autosave writes
 *   import-pending.json  an import (or bulk change) written before it is applied, so a crash mid-way replays it
 * Each file that holds saved posts no other file holds has a second, identical copy beside it
 * (`.bak1`), written before the save or fold that made it is acknowledged: one damaged file then
 * loses nothing (see writeVerifiedPair in storage/atomic-file.ts). Month files and store.json keep
 * older copies as .bak2..3 too; recent files need none (their month holds the version before).
 * index.json is derived from the month files and is rebuilt from them; import-pending.json was
 * never acknowledged (an import resolves only after the file is gone), so a damaged one is set aside.
 */

const IsoInstant = z.iso.datetime({ offset: true });

/** A post as stored: the post itself plus, when it is in the trash, since when. */
export const StoredPostSchema = z.object({
  post: PostSchema,
  deletedAt: IsoInstant.nullable(),
});
export type StoredPost = z.infer<typeof StoredPostSchema>;

const Version = z.number().int().positive();

export const RecentFileSchema = z.object({ schemaVersion: Version, deletedAt: IsoInstant.nullable(), post: PostSchema });
export const MonthFileSchema = z.object({ schemaVersion: Version, month: MonthSchema, posts: z.array(StoredPostSchema) });
export const PendingImportSchema = z.object({ schemaVersion: Version, posts: z.array(StoredPostSchema) });
export const StoreMetaSchema = z.object({ schemaVersion: Version, createdAt: IsoInstant, createdBy: z.string() });

/** [id, month, status, updatedAt (ms), deletedAt (ms) | null]: tuples keep 20,000 rows near 1.3 MB. */
const IndexRowSchema = z.tuple([PostIdSchema, MonthSchema, PostStatusSchema, z.number(), z.number().nullable()]);
export const IndexFileSchema = z.object({ schemaVersion: Version, entries: z.array(IndexRowSchema) });
export type IndexRow = z.infer<typeof IndexRowSchema>;

/** What the index knows of a post without reading it. */
export interface IndexEntry {
  month: string;
  status: PostStatus;
  updatedAt: number;
  deletedAt: number | null;
}

/**
 * v0 is how a post was kept before stores were versioned: the bare post, with a `scheduledAt`
 * instant (UTC) where v1 has `planned` (instant plus zone). No v0 file was ever shipped; the step
 * exists so the migration path is exercised before a real v2 needs it.
 */
export function postV0toV1(document: unknown): unknown {
  if (typeof document !== 'object' || document === null) return document;
  const { scheduledAt, ...rest } = document as Record<string, unknown>;
  const planned = typeof scheduledAt === 'string' ? { at: scheduledAt, zone: 'UTC' } : (rest.planned ?? null);
  return { ...rest, planned };
}

function postsV0toV1(posts: unknown): unknown {
  return Array.isArray(posts) ? posts.map((post) => ({ post: postV0toV1(post), deletedAt: null })) : posts;
}

export const RECENT_FILE_MIGRATIONS: MigrationList = [(v0) => ({ schemaVersion: 1, deletedAt: null, post: postV0toV1(v0) })];

export const MONTH_FILE_MIGRATIONS: MigrationList = [
  (v0) => {
    if (typeof v0 !== 'object' || v0 === null) return v0;
    const { month, posts } = v0 as { month?: unknown; posts?: unknown };
    return { schemaVersion: 1, month, posts: postsV0toV1(posts) };
  },
];

export const PENDING_IMPORT_MIGRATIONS: MigrationList = [
  (v0) => {
    if (typeof v0 !== 'object' || v0 === null) return v0;
    return { schemaVersion: 1, posts: postsV0toV1((v0 as { posts?: unknown }).posts) };
  },
];

/** store.json has existed since v1; a v0 one is taken as a store of unknown origin. */
export const STORE_META_MIGRATIONS: MigrationList = [
  (v0) => ({ createdAt: new Date(0).toISOString(), createdBy: 'unknown', ...(typeof v0 === 'object' && v0 !== null ? v0 : {}), schemaVersion: 1 }),
];

/** The version this app writes. Every list above has the same length. */
export const POSTS_SCHEMA_VERSION = currentVersion(RECENT_FILE_MIGRATIONS);

export function entryOf(stored: StoredPost): IndexEntry {
  return {
    month: postMonth(stored.post),
    status: stored.post.status,
    updatedAt: Date.parse(stored.post.updatedAt),
    deletedAt: stored.deletedAt === null ? null : Date.parse(stored.deletedAt),
  };
}

/**
 * Post ids may differ only in letter case, and macOS and Windows file names do not: upper-case
 * letters become `_x` and `_` becomes `__`, which keeps every id its own file everywhere.
 */
export function fileKeyOf(id: string): string {
  return id.replace(/[A-Z_]/g, (c) => (c === '_' ? '__' : `_${c.toLowerCase()}`));
}

/** The post id a recent file is named after (the inverse of fileKeyOf). */
export function idOfFileKey(key: string): string {
  return key.replace(/_(.)/g, (_match, c: string) => (c === '_' ? '_' : c.toUpperCase()));
}

/** The name of a month's file in months/. */
export function monthFileName(month: string): string {
  return `${month}.json`;
}

/** The month a file in months/ holds, or null for any other name (a backup, a temporary file, a stray). */
export function monthOfFileName(name: string): string | null {
  if (!name.endsWith('.json')) return null;
  const month = name.slice(0, -'.json'.length);
  return MonthSchema.safeParse(month).success ? month : null;
}

export class PostsLayout {
  readonly root: string;
  readonly monthsDir: string;
  readonly recentDir: string;

  constructor(readonly dataDir: string) {
    this.root = path.join(dataDir, 'posts');
    this.monthsDir = path.join(this.root, 'months');
    this.recentDir = path.join(this.root, 'recent');
  }

  get meta(): string {
    return path.join(this.root, 'store.json');
  }

  get index(): string {
    return path.join(this.root, 'index.json');
  }

  get pendingImport(): string {
    return path.join(this.root, 'import-pending.json');
  }

  month(month: string): string {
    return path.join(this.monthsDir, monthFileName(month));
  }

  recent(id: string): string {
    return path.join(this.recentDir, `${fileKeyOf(id)}.json`);
  }
}
