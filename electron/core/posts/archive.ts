import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { z } from 'zod';
import { MediaIdSchema } from '../../../common/domain';
import type { MediaLibrary } from '../media/media-library';
import { identifyImage } from '../media/image-kind';
import { migrate } from '../storage/migrations';
import { StorageError, errnoOf, invalidArchive } from '../storage/storage-error';
import { PENDING_IMPORT_MIGRATIONS, POSTS_SCHEMA_VERSION, PendingImportSchema, type StoredPost } from './post-files';
import type { ImportPostsResult, PostsService } from './posts-service';
import { TONE_FILE_NAME, ToneFileSchema, type ToneFile } from '../tone/tone-file';

/*
 * An export is one zip the user keeps:
 *   manifest.json      what is inside (app version, schema version, counts, sha256 of every image)
 *   posts.json         every post, trash included, as stored ({ schemaVersion, posts: [{ post, deletedAt }] })
 *   media/<sha256>     every image, under the hash of its bytes
 *   tone-suggester.json what the tone suggester has learned (absent in exports made before it existed)
 */

export const ARCHIVE_FORMAT = 'spheres-export';
const ARCHIVE_FORMAT_VERSION = 1;

const ManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  exportedAt: z.iso.datetime({ offset: true }),
  counts: z.object({ posts: z.number().int().nonnegative(), media: z.number().int().nonnegative() }),
  media: z.array(z.object({ sha256: MediaIdSchema, mime: z.string(), bytes: z.number().int().nonnegative() })),
});
type Manifest = z.infer<typeof ManifestSchema>;

/*
 * What the importer will unpack and parse, checked before parsing: an archive is a file from
 * anywhere, and a 10 KB zip can unpack to gigabytes. JSON.parse needs several times its input in
 * memory (200 MB of whitespace took 913 MB), so the JSON parts are capped near what real exports
 * need, their nesting is counted by a byte scan first (a 10 KB zip of nested brackets took 1.2 GB),
 * and the whole archive's unpacked size is capped from the zip's directory before anything is read.
 */
/** A manifest of 100,000 images is about 15 MB. */
export const MAX_MANIFEST_BYTES = 16 * 1_048_576;
/** 20,000 posts are about 20 MB (bench:store); room for three times that. */
export const MAX_POSTS_BYTES = 64 * 1_048_576;
/** An export nests about eight levels deep (posts > record > post > media > image); 64 is room, not a limit anyone meets. */
export const MAX_JSON_DEPTH = 64;
/** Every image at the library's 50 MB limit would still allow 640 of them; real libraries are far smaller. */
export const MAX_ARCHIVE_BYTES = 32 * 1_073_741_824;
/** Two JSON files, the media folder and one entry per image; 100,000 images is a manifest of 15 MB. */
const MAX_ENTRIES = 100_003;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1_048_576)} MB`;
}

export interface ExportResult {
  file: string;
  posts: number;
  media: number;
  /** Images left out because their stored bytes no longer match their id (reported by the library too). */
  skippedMedia: string[];
}

export interface ImportResult {
  posts: ImportPostsResult;
  media: { added: number; alreadyPresent: number };
  /** Images posts refer to that are neither in the archive nor in the library. */
  missingMedia: string[];
  /** What the tone suggester had learned, when the export holds it (checked); the caller decides whether to take it. */
  tone?: ToneFile;
}

export interface ExportOptions {
  posts: PostsService;
  media: MediaLibrary;
  /** The zip to write; replaced only once the new one is complete. */
  destination: string;
  appVersion: string;
  now?: () => Date;
  /** What the tone suggester has learned, exported beside the posts. */
  tone?: ToneFile;
}

/** Writes every post and image into one zip the user can keep, and read back with importLibrary. */
export async function exportLibrary(options: ExportOptions): Promise<ExportResult> {
  const records = await options.posts.exportPosts();
  const mediaEntries: Manifest['media'] = [];
  const skippedMedia: string[] = [];
  // First pass: check every image against its id, so the manifest promises only what it delivers.
  for (const id of await options.media.list()) {
    try {
      const bytes = await options.media.read(id);
      mediaEntries.push({ sha256: id, mime: (await identifyImage(bytes, id)).mime, bytes: bytes.length });
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      skippedMedia.push(id);
    }
  }
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    appVersion: options.appVersion,
    schemaVersion: POSTS_SCHEMA_VERSION,
    exportedAt: (options.now ?? (() => new Date()))().toISOString(),
    counts: { posts: records.length, media: mediaEntries.length },
    media: mediaEntries,
  };

  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json');
  zip.addBuffer(Buffer.from(JSON.stringify({ schemaVersion: POSTS_SCHEMA_VERSION, posts: records }, null, 1)), 'posts.json');
  if (options.tone !== undefined) zip.addBuffer(Buffer.from(JSON.stringify(options.tone)), TONE_FILE_NAME);
  for (const entry of mediaEntries) {
    // Images are already compressed; read one at a time as the zip is written, not all up front.
    zip.addReadStreamLazy(`media/${entry.sha256}`, { compress: false, size: entry.bytes }, (callback) => {
      options.media.read(entry.sha256).then(
        (bytes) => callback(null, Readable.from([bytes])),
        (error: unknown) => callback(error, Readable.from([])),
      );
    });
  }
  zip.end();

  const temp = `${options.destination}.partial-${process.pid}`;
  try {
    await pipeline(zip.outputStream, createWriteStream(temp));
    const handle = await fsp.open(temp, 'r+');
    await handle.sync().finally(() => handle.close());
    await fsp.rename(temp, options.destination);
  } catch (error) {
    await fsp.unlink(temp).catch(() => undefined);
    throw exportFailed(options.destination, error);
  }
  return { file: options.destination, posts: records.length, media: mediaEntries.length, skippedMedia };
}

/**
 * A failed write names the file the user asked for, never the temporary `.partial-<pid>` beside
 * it: that name means nothing to them, and nothing of it is left behind.
 */
function exportFailed(destination: string, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const reason = errnoOf(error) ?? 'an unknown error';
  const advice: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'its folder does not exist',
    EACCES: 'Spheres is not allowed to write there',
    EPERM: 'Spheres is not allowed to write there',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk is full',
  };
  const code = reason === 'ENOSPC' || reason === 'EDQUOT' ? 'disk_full' : reason === 'EACCES' || reason === 'EPERM' || reason === 'EROFS' ? 'read_only' : 'io_error';
  return new StorageError(
    code,
    `Spheres could not write the export to ${destination}: ${advice[reason] ?? `the disk reported ${reason}`}. Choose another place and export again; nothing in your library was changed.`,
    { path: destination, reason },
  );
}

export interface ImportOptions {
  posts: PostsService;
  media: MediaLibrary;
  /** The zip to read. */
  source: string;
  /**
   * What the user calls the file (the name they picked). Errors name it, not `source`, which may
   * be a temporary copy whose path means nothing to them.
   */
  name?: string;
}

type EntryName = { kind: 'manifest' } | { kind: 'posts' } | { kind: 'tone' } | { kind: 'media'; id: string } | { kind: 'folder' };

/** Only the names an export writes; anything else means the file is not (only) a Spheres export. */
function classify(name: string, file: string): EntryName {
  if (name === 'manifest.json') return { kind: 'manifest' };
  if (name === 'posts.json') return { kind: 'posts' };
  if (name === TONE_FILE_NAME) return { kind: 'tone' };
  if (name === 'media/') return { kind: 'folder' };
  const media = /^media\/([0-9a-f]{64})$/.exec(name);
  if (media?.[1] !== undefined) return { kind: 'media', id: media[1] };
  if (isUnsafePath(name)) throw invalidArchive(file, `it contains a file path that points outside the archive (${name}).`);
  throw invalidArchive(file, `it contains a file Spheres does not put in an export (${name}).`);
}

function isUnsafePath(name: string): boolean {
  return name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..');
}

function openZip(source: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // strictFileNames off: a backslash name is reported by classify() in our words.
    yauzl.open(source, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error !== null) reject(error);
      else resolve(zip);
    });
  });
}

class TooManyEntries extends Error {}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) return reject(new TooManyEntries());
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** An entry that unpacks (or says it unpacks) to more than the importer takes. */
class EntryTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/** Reads one entry, refusing it as soon as its size (as the zip declares it, or as it unpacks) passes the limit. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<Buffer> {
  if (entry.uncompressedSize > limit) throw new EntryTooLarge(limit);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // The header's size can lie; the bytes cannot.
    if (size > limit) {
      stream.destroy();
      throw new EntryTooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON part of the archive, refusing one too large for the importer in words naming the file. */
async function readJsonEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number, file: string): Promise<Buffer> {
  try {
    return await readEntry(zip, entry, limit);
  } catch (error) {
    if (error instanceof EntryTooLarge) {
      throw invalidArchive(file, `its ${entry.fileName} unpacks to more than ${megabytes(limit)}, far more than any Spheres export holds, so it was not read.`);
    }
    throw invalidArchive(file, `its ${entry.fileName} cannot be read (the zip is damaged: ${error instanceof Error ? error.message : String(error)}).`);
  }
}

/**
 * Whether JSON text nests arrays and objects deeper than `limit`: a byte scan that skips strings,
 * run before JSON.parse so a file of a million brackets is refused without building it. UTF-8
 * continuation bytes are never 0x22, 0x5B, 0x5C, 0x7B, so scanning bytes is exact.
 */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > limit) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}

function parseJson(bytes: Buffer, file: string, what: string): unknown {
  if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
    throw invalidArchive(file, `its ${what} nests data more than ${MAX_JSON_DEPTH} levels deep, which no Spheres export does, so it was not read.`);
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidArchive(file, `its ${what} is not readable JSON.`);
  }
}

interface ValidatedArchive {
  records: StoredPost[];
  tone?: ToneFile;
  media: Map<string, yauzl.Entry>;
}

/** Reads and checks the whole archive; throws before anything is written if any part is wrong. */
async function validateArchive(zip: yauzl.ZipFile, file: string, media: MediaLibrary): Promise<ValidatedArchive> {
  let entries: yauzl.Entry[];
  try {
    entries = await readEntries(zip);
  } catch (error) {
    if (error instanceof TooManyEntries) throw invalidArchive(file, `it holds more than ${MAX_ENTRIES} files, more than any Spheres export.`);
    const message = error instanceof Error ? error.message : String(error);
    if (/relative path|absolute path/i.test(message)) {
      throw invalidArchive(file, `it contains a file path that points outside the archive (${message.replace(/^.*path: /, '')}).`);
    }
    throw invalidArchive(file, 'its list of files is damaged.');
  }

  // The zip's own account of what it unpacks to, before a byte is unpacked; each read checks the real size too.
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > MAX_ARCHIVE_BYTES) {
    throw invalidArchive(file, `it says it unpacks to ${Math.round(declared / 1_073_741_824)} GB, more than the ${MAX_ARCHIVE_BYTES / 1_073_741_824} GB Spheres takes in one import.`);
  }

  let manifestEntry: yauzl.Entry | undefined;
  let postsEntry: yauzl.Entry | undefined;
  let toneEntry: yauzl.Entry | undefined;
  const mediaEntries = new Map<string, yauzl.Entry>();
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.fileName)) throw invalidArchive(file, `it contains ${entry.fileName} twice.`);
    seen.add(entry.fileName);
    if (entry.isEncrypted()) throw invalidArchive(file, `${entry.fileName} is encrypted.`);
    const name = classify(entry.fileName, file);
    if (name.kind === 'manifest') manifestEntry = entry;
    else if (name.kind === 'posts') postsEntry = entry;
    else if (name.kind === 'tone') toneEntry = entry;
    else if (name.kind === 'media') mediaEntries.set(name.id, entry);
  }
  if (manifestEntry === undefined) throw invalidArchive(file, 'it has no manifest.json, so it was not made by Spheres.');
  if (postsEntry === undefined) throw invalidArchive(file, 'it has no posts.json.');

  const manifestBytes = await readJsonEntry(zip, manifestEntry, MAX_MANIFEST_BYTES, file);
  const manifestParsed = ManifestSchema.safeParse(parseJson(manifestBytes, file, 'manifest.json'));
  if (!manifestParsed.success) throw invalidArchive(file, 'its manifest.json does not describe a Spheres export.');
  const manifest = manifestParsed.data;
  if (manifest.schemaVersion > POSTS_SCHEMA_VERSION || manifest.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw new StorageError(
      'newer_version',
      `${file} was exported by a newer version of Spheres (${manifest.appVersion}). Update Spheres, then import it again. Nothing was changed.`,
      { path: file },
    );
  }

  const postsBytes = await readJsonEntry(zip, postsEntry, MAX_POSTS_BYTES, file);
  const migrated = migrate(parseJson(postsBytes, file, 'posts.json'), PENDING_IMPORT_MIGRATIONS);
  const postsParsed = PendingImportSchema.safeParse(migrated.document);
  if (migrated.kind === 'newer' || !postsParsed.success) throw invalidArchive(file, 'its posts.json does not hold Spheres posts.');
  const records = postsParsed.data.posts;
  if (records.length !== manifest.counts.posts) {
    throw invalidArchive(file, `its manifest lists ${manifest.counts.posts} posts but posts.json holds ${records.length}.`);
  }
  const ids = new Set<string>();
  for (const record of records) {
    if (ids.has(record.post.id)) throw invalidArchive(file, `it holds the post ${record.post.id} twice.`);
    ids.add(record.post.id);
  }

  const listed = new Map(manifest.media.map((m) => [m.sha256, m]));
  if (listed.size !== manifest.media.length || listed.size !== manifest.counts.media) {
    throw invalidArchive(file, 'its manifest does not agree with itself about the images.');
  }
  for (const id of mediaEntries.keys()) if (!listed.has(id)) throw invalidArchive(file, `it holds an image the manifest does not list (${id}).`);
  for (const item of listed.values()) {
    const entry = mediaEntries.get(item.sha256);
    if (entry === undefined) throw invalidArchive(file, `the image ${item.sha256} listed in its manifest is missing.`);
    const bytes = await readEntry(zip, entry, media.maxBytes).catch(() => {
      throw invalidArchive(file, `the image ${item.sha256} cannot be read or is too large.`);
    });
    if (createHash('sha256').update(bytes).digest('hex') !== item.sha256 || bytes.length !== item.bytes) {
      throw invalidArchive(file, `the image ${item.sha256} does not match its checksum: the archive is damaged.`);
    }
    await identifyImage(bytes, item.sha256).catch(() => {
      throw invalidArchive(file, `the image ${item.sha256} is not an image Spheres can use.`);
    });
  }
  let tone: ToneFile | undefined;
  if (toneEntry !== undefined) {
    const toneParsed = ToneFileSchema.safeParse(parseJson(await readJsonEntry(zip, toneEntry, MAX_POSTS_BYTES, file), file, TONE_FILE_NAME));
    if (!toneParsed.success) throw invalidArchive(file, `its ${TONE_FILE_NAME} does not hold what the tone suggester learned.`);
    tone = toneParsed.data;
  }
  return { records, media: mediaEntries, ...(tone === undefined ? {} : { tone }) };
}

/**
 * Brings an export back, into an empty library or one with posts: a post already here is replaced
 * only by a newer version, and an image already here (same hash) is not stored again. The whole
 * archive is checked first; a bad one is refused and nothing is changed.
 */
export async function importLibrary(options: ImportOptions): Promise<ImportResult> {
  const file = options.name ?? options.source;
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(options.source);
  } catch {
    throw invalidArchive(file, 'it is not a zip file (or it is damaged).');
  }
  try {
    const archive = await validateArchive(zip, file, options.media);
    let added = 0;
    let alreadyPresent = 0;
    // Images before posts, so no imported post ever points at an image that is not there yet.
    for (const [id, entry] of archive.media) {
      if (await options.media.has(id)) {
        alreadyPresent++;
        continue;
      }
      const record = await options.media.importBytes(await readEntry(zip, entry, options.media.maxBytes), id);
      if (record.mediaId !== id) throw invalidArchive(file, `the image ${id} changed while it was being imported.`);
      added++;
    }
    const posts = await options.posts.importPosts(archive.records);
    const missing = new Set<string>();
    for (const record of archive.records) {
      for (const ref of record.post.media) {
        if (!archive.media.has(ref.mediaId) && !(await options.media.has(ref.mediaId))) missing.add(ref.mediaId);
      }
    }
    return { posts, media: { added, alreadyPresent }, missingMedia: [...missing], ...(archive.tone === undefined ? {} : { tone: archive.tone }) };
  } finally {
    zip.close();
  }
}
