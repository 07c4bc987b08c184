import { describe, expect, it } from 'vitest';
import {
  MONTH_FILE_MIGRATIONS,
  MonthFileSchema,
  PENDING_IMPORT_MIGRATIONS,
  POSTS_SCHEMA_VERSION,
  PendingImportSchema,
  RECENT_FILE_MIGRATIONS,
  RecentFileSchema,
  STORE_META_MIGRATIONS,
  StoreMetaSchema,
} from '../../../electron/core/posts/post-files';
import { migrate, versionOf, type Migration } from '../../../electron/core/storage';

/** How a post was kept before stores had versions: bare, with a UTC `scheduledAt`. */
const V0_POST = {
  id: 'post-v0-0001',
  createdAt: '2026-10-01T08:00:00.000Z',
  updatedAt: '2026-10-02T08:00:00.000Z',
  tone: 'professional',
  text: 'Launch day',
  status: 'scheduled',
  scheduledAt: '2026-11-03T14:30:00.000Z',
};

describe('forward migrations of the posts store', () => {
  it('writes version 1 today, one step per version', () => {
    expect(POSTS_SCHEMA_VERSION).toBe(1);
    for (const list of [RECENT_FILE_MIGRATIONS, MONTH_FILE_MIGRATIONS, PENDING_IMPORT_MIGRATIONS, STORE_META_MIGRATIONS]) {
      expect(list).toHaveLength(POSTS_SCHEMA_VERSION);
    }
  });

  it('turns a v0 recent file (a bare post with scheduledAt) into v1 with a planned time in UTC', () => {
    const result = migrate(V0_POST, RECENT_FILE_MIGRATIONS);
    expect(result.kind).toBe('current');
    const file = RecentFileSchema.parse(result.document);
    expect(file.schemaVersion).toBe(1);
    expect(file.deletedAt).toBeNull();
    expect(file.post.planned).toEqual({ at: '2026-11-03T14:30:00.000Z', zone: 'UTC' });
    expect(file.post).not.toHaveProperty('scheduledAt');
    expect(file.post.text).toBe('Launch day');
  });

  it('turns a v0 month file into v1, every post wrapped as not deleted', () => {
    const unplanned = { ...V0_POST, id: 'post-v0-0002', scheduledAt: undefined, status: 'draft' };
    const file = MonthFileSchema.parse(migrate({ month: '2026-11', posts: [V0_POST, unplanned] }, MONTH_FILE_MIGRATIONS).document);
    expect(file.posts.map((p) => [p.post.id, p.deletedAt, p.post.planned])).toEqual([
      ['post-v0-0001', null, { at: '2026-11-03T14:30:00.000Z', zone: 'UTC' }],
      ['post-v0-0002', null, null],
    ]);
  });

  it('turns a v0 pending import into v1', () => {
    const file = PendingImportSchema.parse(migrate({ posts: [V0_POST] }, PENDING_IMPORT_MIGRATIONS).document);
    expect(file.posts[0]?.post.planned?.zone).toBe('UTC');
  });

  it('turns a v0 store.json into v1, keeping what it said', () => {
    const meta = StoreMetaSchema.parse(migrate({ createdAt: '2025-01-01T00:00:00.000Z', createdBy: '0.0.9' }, STORE_META_MIGRATIONS).document);
    expect(meta).toEqual({ schemaVersion: 1, createdAt: '2025-01-01T00:00:00.000Z', createdBy: '0.0.9' });
  });

  it('leaves a v1 document as it is', () => {
    const v1 = { schemaVersion: 1, deletedAt: null, post: { ...V0_POST, scheduledAt: undefined } };
    expect(migrate(v1, RECENT_FILE_MIGRATIONS)).toEqual({ kind: 'current', document: v1, fromVersion: 1 });
  });
});

describe('the migration framework', () => {
  const steps: Migration[] = [
    (doc) => ({ ...(doc as object), schemaVersion: 1, a: true }),
    (doc) => ({ ...(doc as object), schemaVersion: 2, b: true }),
    (doc) => ({ ...(doc as object), schemaVersion: 3, c: true }),
  ];

  it('runs every step from the document version up, in order', () => {
    expect(migrate({ schemaVersion: 1, a: true }, steps)).toEqual({
      kind: 'current',
      document: { schemaVersion: 3, a: true, b: true, c: true },
      fromVersion: 1,
    });
  });

  it('reads a document without schemaVersion as version 0', () => {
    expect(versionOf({ text: 'hi' })).toBe(0);
    expect(versionOf('not even an object')).toBe(0);
    expect(migrate({}, steps).document).toEqual({ schemaVersion: 3, a: true, b: true, c: true });
  });

  it('hands a document from a newer version back untouched, marked newer', () => {
    const future = { schemaVersion: 9, shape: 'unknown' };
    expect(migrate(future, steps)).toEqual({ kind: 'newer', document: future, version: 9 });
  });

  it('refuses a schemaVersion that is not a whole number', () => {
    expect(() => versionOf({ schemaVersion: '2' })).toThrow('schemaVersion must be a whole number, found "2"');
    expect(() => versionOf({ schemaVersion: 1.5 })).toThrow(TypeError);
  });
});
