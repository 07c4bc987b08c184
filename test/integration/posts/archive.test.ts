import { writeFileSync } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MediaLibrary, toMediaRef } from '../../../electron/core/media';
import { PostsService, exportLibrary, importLibrary, type StoredPost } from '../../../electron/core/posts';
import { MAX_POSTS_BYTES } from '../../../electron/core/posts/archive';
import { StorageError } from '../../../electron/core/storage';
import { FakeClock, removeTempDirs, tempDir, tinyJpeg, tinyPng, treeSnapshot } from '../../support/storage-fixtures';

afterAll(removeTempDirs);

async function openLibrary(dataDir = tempDir('spheres-archive-'), clock = new FakeClock('2026-11-02T09:00:00.000Z')) {
  const posts = await PostsService.open({ dataDir, now: clock.now, foldAfterIdleMs: 0, retryDelaysMs: [] });
  const media = new MediaLibrary({ dataDir, now: clock.now });
  return { dataDir, clock, posts, media };
}

type Library = Awaited<ReturnType<typeof openLibrary>>;

function byId(records: StoredPost[]): StoredPost[] {
  return [...records].sort((a, b) => a.post.id.localeCompare(b.post.id));
}

function zipBuffer(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/**
 * Rewrites the unpacked size a zip's central directory declares for entries (what yauzl reads),
 * as a hostile archive would: `size(name)` gives the new size, or undefined to leave one as it is.
 */
function declareSizes(zip: Buffer, size: (name: string) => number | undefined): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at !== -1; at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    const name = out.subarray(at + 46, at + 46 + out.readUInt16LE(at + 28)).toString('utf8');
    const next = size(name);
    if (next !== undefined) out.writeUInt32LE(next, at + 24);
  }
  return out;
}

function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error !== null) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

/** A library with posts in three months, one in the trash, and two images (one attached). */
async function filledLibrary(): Promise<Library> {
  const lib = await openLibrary();
  const png = await lib.media.importBytes(tinyPng(), 'chart.png');
  await lib.media.importBytes(tinyJpeg(), 'photo.jpg');
  await lib.posts.saveDraft({ id: 'post-october', text: 'October', planned: { at: '2026-10-10T10:00:00.000Z', zone: 'Europe/Copenhagen' } });
  await lib.posts.saveDraft({ id: 'post-november', text: 'November, with a chart', media: [toMediaRef(png, 'A chart')] });
  await lib.posts.compact();
  await lib.posts.saveDraft({ id: 'post-december', text: 'December', planned: { at: '2026-12-24T18:00:00.000Z', zone: 'Europe/Copenhagen' } });
  await lib.posts.saveDraft({ id: 'post-trashed', text: 'in the trash' });
  await lib.posts.delete('post-trashed');
  return lib;
}

async function exported(lib: Library): Promise<string> {
  const destination = path.join(tempDir('spheres-export-'), 'Spheres export.zip');
  await exportLibrary({ posts: lib.posts, media: lib.media, destination, appVersion: '0.1.0', now: lib.clock.now });
  return destination;
}

describe('export', () => {
  it('writes every post and image into one zip with a manifest of counts and checksums', async () => {
    const lib = await filledLibrary();
    const destination = path.join(tempDir('spheres-export-'), 'Spheres export.zip');
    const result = await exportLibrary({ posts: lib.posts, media: lib.media, destination, appVersion: '0.1.0', now: lib.clock.now });
    expect(result).toEqual({ file: destination, posts: 4, media: 2, skippedMedia: [] });

    const entries = await readZip(destination);
    const ids = (await lib.media.list()).sort();
    expect([...entries.keys()].sort()).toEqual(['manifest.json', ...ids.map((id) => `media/${id}`), 'posts.json']);
    const manifest = JSON.parse(entries.get('manifest.json')?.toString() ?? '') as Record<string, unknown>;
    expect(manifest).toEqual({
      format: 'spheres-export',
      formatVersion: 1,
      appVersion: '0.1.0',
      schemaVersion: 1,
      exportedAt: '2026-11-02T09:00:00.000Z',
      counts: { posts: 4, media: 2 },
      media: expect.arrayContaining(ids.map((id) => ({ sha256: id, mime: expect.stringMatching(/^image\/(png|jpeg)$/), bytes: entries.get(`media/${id}`)?.length }))),
    });
    const posts = JSON.parse(entries.get('posts.json')?.toString() ?? '') as { schemaVersion: number; posts: StoredPost[] };
    expect(byId(posts.posts)).toEqual(byId(await lib.posts.exportPosts()));
  });
});

describe('import', () => {
  it('brings an export back into an empty library exactly', async () => {
    const source = await filledLibrary();
    const archive = await exported(source);
    const target = await openLibrary();
    const result = await importLibrary({ posts: target.posts, media: target.media, source: archive });
    expect(result).toEqual({ posts: { added: 4, updated: 0, unchanged: 0 }, media: { added: 2, alreadyPresent: 0 }, missingMedia: [] });
    expect(byId(await target.posts.exportPosts())).toEqual(byId(await source.posts.exportPosts()));
    expect((await target.media.list()).sort()).toEqual((await source.media.list()).sort());
    expect((await target.posts.listTrash()).map((t) => t.post.id)).toEqual(['post-trashed']);
    expect((await target.posts.listMonth('2026-12')).map((p) => p.id)).toEqual(['post-december']);
    const reopened = await PostsService.open({ dataDir: target.dataDir, foldAfterIdleMs: 0 });
    expect((await reopened.get('post-november')).media[0]?.altText).toBe('A chart');
  });

  it('merges into a library with posts: newer versions win, nothing is doubled', async () => {
    const source = await filledLibrary();
    const archive = await exported(source);
    const target = await openLibrary(undefined, new FakeClock('2026-11-01T09:00:00.000Z'));
    await target.media.importBytes(tinyPng(), 'the same chart.png');
    await target.posts.saveDraft({ id: 'post-october', text: 'October, an older version' });
    target.clock.advance(2 * 86_400_000);
    await target.posts.saveDraft({ id: 'post-december', text: 'December, edited here after the export' });
    await target.posts.saveDraft({ id: 'post-only-here', text: 'only in this library' });

    const result = await importLibrary({ posts: target.posts, media: target.media, source: archive });
    expect(result).toEqual({ posts: { added: 2, updated: 1, unchanged: 1 }, media: { added: 1, alreadyPresent: 1 }, missingMedia: [] });
    expect((await target.posts.get('post-october')).text).toBe('October');
    expect((await target.posts.get('post-december')).text).toBe('December, edited here after the export');
    expect((await target.posts.get('post-only-here')).text).toBe('only in this library');
    expect((await target.posts.exportPosts()).map((s) => s.post.id).sort()).toEqual(['post-december', 'post-november', 'post-october', 'post-only-here', 'post-trashed']);
    expect(await target.media.list()).toHaveLength(2);

    const again = await importLibrary({ posts: target.posts, media: target.media, source: archive });
    expect(again).toEqual({ posts: { added: 0, updated: 0, unchanged: 4 }, media: { added: 0, alreadyPresent: 2 }, missingMedia: [] });
    expect(await target.posts.exportPosts()).toHaveLength(5);
  });
});

describe('a bad archive is refused and changes nothing', () => {
  let good: Map<string, Buffer>;
  let target: Library;
  let before: Record<string, string>;
  const manifestOf = () => JSON.parse(good.get('manifest.json')?.toString() ?? '') as { media: { sha256: string }[] } & Record<string, unknown>;

  beforeEach(async () => {
    good = await readZip(await exported(await filledLibrary()));
    target = await openLibrary();
    await target.posts.saveDraft({ id: 'post-already-here', text: 'must survive every bad import' });
    await target.posts.compact();
    before = treeSnapshot(target.dataDir);
  });

  async function rejects(bytes: Buffer, name = 'export.zip'): Promise<StorageError> {
    const source = path.join(tempDir('spheres-bad-'), name);
    writeFileSync(source, bytes);
    let caught: unknown;
    try {
      await importLibrary({ posts: target.posts, media: target.media, source });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect(treeSnapshot(target.dataDir)).toEqual(before);
    expect((await target.posts.exportPosts()).map((s) => s.post.id)).toEqual(['post-already-here']);
    const error = caught as StorageError;
    expect(error.message).toContain(source);
    return error;
  }

  const withEntries = (changes: Record<string, string | Buffer | null>) => {
    const entries: Record<string, string | Buffer> = {};
    for (const [name, content] of good) entries[name] = content;
    for (const [name, content] of Object.entries(changes)) {
      if (content === null) delete entries[name];
      else entries[name] = content;
    }
    return zipBuffer(entries);
  };

  it('refuses a file that is not a zip', async () => {
    const error = await rejects(Buffer.from('just some notes, not an archive'), 'notes.zip');
    expect(error.code).toBe('invalid_archive');
    expect(error.message).toMatch(/notes\.zip cannot be imported: it is not a zip file \(or it is damaged\)\. Nothing was changed\. Choose a file made with "Export all posts" in Spheres\.$/);
  });

  it('refuses a zip without a manifest', async () => {
    const error = await rejects(await withEntries({ 'manifest.json': null }));
    expect(error.message).toContain('it has no manifest.json, so it was not made by Spheres.');
  });

  it('refuses a manifest of the wrong shape', async () => {
    const error = await rejects(await withEntries({ 'manifest.json': JSON.stringify({ format: 'spheres-export', counts: 'lots' }) }));
    expect(error.message).toContain('its manifest.json does not describe a Spheres export.');
  });

  it('refuses posts that are not Spheres posts', async () => {
    const error = await rejects(await withEntries({ 'posts.json': JSON.stringify({ schemaVersion: 1, posts: [{ post: { id: 'x' }, deletedAt: null }] }) }));
    expect(error.message).toContain('its posts.json does not hold Spheres posts.');
  });

  it('refuses an image whose bytes do not match its checksum', async () => {
    const id = manifestOf().media[0]?.sha256 ?? '';
    const original = good.get(`media/${id}`) ?? Buffer.alloc(0);
    const tampered = Buffer.from(original);
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0xff;
    const error = await rejects(await withEntries({ [`media/${id}`]: tampered }));
    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain(`the image ${id} does not match its checksum: the archive is damaged.`);
  });

  it('refuses an image the manifest lists but the zip lacks', async () => {
    const id = manifestOf().media[0]?.sha256 ?? '';
    const error = await rejects(await withEntries({ [`media/${id}`]: null }));
    expect(error.message).toContain(`the image ${id} listed in its manifest is missing.`);
  });

  it('refuses an entry whose path climbs out of the archive (../x)', async () => {
    const zip = await withEntries({ 'ab/x': 'payload' });
    // yazl will not write "../x", so the name is patched in place: same length, both headers.
    const patched = Buffer.from(zip.toString('latin1').replaceAll('ab/x', '../x'), 'latin1');
    const error = await rejects(patched);
    expect(error.message).toContain('it contains a file path that points outside the archive (../x).');
  });

  it('refuses a file Spheres never puts in an export', async () => {
    const error = await rejects(await withEntries({ 'autorun.sh': '#!/bin/sh' }));
    expect(error.message).toContain('it contains a file Spheres does not put in an export (autorun.sh).');
  });

  it('refuses an export from a newer Spheres, asking to update', async () => {
    const error = await rejects(await withEntries({ 'manifest.json': JSON.stringify({ ...manifestOf(), schemaVersion: 7, appVersion: '9.0.0' }) }));
    expect(error.code).toBe('newer_version');
    expect(error.message).toContain('was exported by a newer version of Spheres (9.0.0). Update Spheres, then import it again. Nothing was changed.');
  });

  it('refuses posts.json nested 100,000 levels deep before parsing it, naming the file', async () => {
    const deep = `{"schemaVersion":1,"posts":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const zip = await withEntries({ 'posts.json': deep });
    expect(zip.length).toBeLessThan(10_000);
    const error = await rejects(zip);
    expect(error.code).toBe('invalid_archive');
    expect(error.message).toContain('cannot be imported: its posts.json nests data more than 64 levels deep, which no Spheres export does, so it was not read. Nothing was changed.');
  });

  it('refuses a deeply nested manifest.json the same way', async () => {
    const deep = `{"format":"spheres-export","extra":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    const error = await rejects(await withEntries({ 'manifest.json': deep }));
    expect(error.message).toContain('its manifest.json nests data more than 64 levels deep');
  });

  it('counts brackets inside strings as text, not nesting: a post of 1,000 brackets imports', async () => {
    const lib = await openLibrary();
    await lib.posts.saveDraft({ id: 'post-brackets', text: `${'[{'.repeat(500)} "quoted \\" ${'}]'.repeat(500)}` });
    const target = await openLibrary();
    const result = await importLibrary({ posts: target.posts, media: target.media, source: await exported(lib) });
    expect(result.posts).toMatchObject({ added: 1 });
    expect((await target.posts.get('post-brackets')).text).toBe((await lib.posts.get('post-brackets')).text);
  });

  it('refuses a posts.json that unpacks past the limit (whitespace padding) before parsing it', async () => {
    const padded = Buffer.concat([good.get('posts.json')!, Buffer.alloc(MAX_POSTS_BYTES - good.get('posts.json')!.length + 1, 0x20)]);
    const error = await rejects(await withEntries({ 'posts.json': padded }));
    expect(error.message).toContain('cannot be imported: its posts.json unpacks to more than 64 MB, far more than any Spheres export holds, so it was not read. Nothing was changed.');
  });

  it('refuses a posts.json whose zip entry declares more than the limit, however small it really is', async () => {
    const zip = declareSizes(await withEntries({}), (name) => (name === 'posts.json' ? MAX_POSTS_BYTES + 1 : undefined));
    const error = await rejects(zip);
    expect(error.message).toContain('its posts.json unpacks to more than 64 MB');
  });

  it('refuses a posts.json that unpacks to more than its zip entry declares', async () => {
    const zip = declareSizes(await withEntries({}), (name) => (name === 'posts.json' ? 16 : undefined));
    const error = await rejects(zip);
    expect(error.message).toContain('its posts.json cannot be read (the zip is damaged');
  });

  it('refuses an archive whose entries together declare more than the import takes, before reading any', async () => {
    const extra = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`media/${String(i).repeat(64)}`, 'x']));
    const zip = declareSizes(await withEntries(extra), () => 0xfffffff0);
    const error = await rejects(zip);
    expect(error.message).toMatch(/cannot be imported: it says it unpacks to \d+ GB, more than the 32 GB Spheres takes in one import\. Nothing was changed\./);
  });

  it('refuses a manifest whose post count does not match', async () => {
    const error = await rejects(await withEntries({ 'manifest.json': JSON.stringify({ ...manifestOf(), counts: { posts: 9, media: 2 } }) }));
    expect(error.message).toContain('its manifest lists 9 posts but posts.json holds 4.');
  });
});
