import { createHash } from 'node:crypto';
import path from 'node:path';
import { MediaIdSchema, type MediaRef } from '../../../common/domain';
import { isAuxiliaryName, writeFileAtomic, type OnRecovered } from '../storage/atomic-file';
import { nodeStorageFs, type StorageFs } from '../storage/fs-port';
import { errnoOf, toStorageError } from '../storage/storage-error';
import { findLocation, orientationOf, removeLocation, type GpsLocation } from './image-location';
import { identifyImage } from './image-kind';
import { locationNotRemoved, mediaDamaged, mediaNotFound, mediaTooLarge } from './media-errors';
import { StoredFileRefused, readStoredFile, refusedMediaError } from './stored-file';

/** A stored image: a MediaRef plus what the composer needs to warn about its location. */
export interface MediaRecord extends MediaRef {
  hasLocation: boolean;
  location: GpsLocation | null;
}

export interface MediaLibraryOptions {
  /** The app's data folder; images live in its `media` folder. */
  dataDir: string;
  fs?: StorageFs;
  /** Larger files are refused. The default covers every network's image limit with room to spare. */
  maxBytes?: number;
  now?: () => Date;
  onRecovered?: OnRecovered;
  /** How long reading one stored image may take before it is abandoned (a hung disk, a stuck mount). */
  readDeadlineMs?: number;
}

export const DEFAULT_MAX_MEDIA_BYTES = 50 * 1_048_576;
/** A 50 MB image reads in well under a second from any working disk; ten is a stall, not a slow read. */
const DEFAULT_READ_DEADLINE_MS = 10_000;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Strips the record down to the MediaRef a post stores. */
export function toMediaRef(record: MediaRecord, altText = ''): MediaRef {
  const { mediaId, mime, bytes, width, height } = record;
  return { mediaId, mime, bytes, width, height, altText };
}

/**
 * Images copied into the data folder under the sha256 of their bytes (`media/ab/abcdef…`): the same
 * image imported twice is stored once, and a file whose bytes no longer match its name is damaged.
 * No backups: the name is the checksum, and a post keeps every id it refers to.
 */
export class MediaLibrary {
  readonly dir: string;
  readonly #dataDir: string;
  readonly #fs: StorageFs;
  readonly #maxBytes: number;
  readonly #now: () => Date;
  readonly #onRecovered: OnRecovered;
  readonly #readDeadlineMs: number;

  constructor(options: MediaLibraryOptions) {
    this.#dataDir = options.dataDir;
    this.dir = path.join(options.dataDir, 'media');
    this.#fs = options.fs ?? nodeStorageFs;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_MEDIA_BYTES;
    this.#now = options.now ?? (() => new Date());
    this.#onRecovered = options.onRecovered ?? (() => undefined);
    this.#readDeadlineMs = options.readDeadlineMs ?? DEFAULT_READ_DEADLINE_MS;
  }

  get maxBytes(): number {
    return this.#maxBytes;
  }

  /** Where an image lives on disk (for the app:// protocol that shows it). */
  pathOf(mediaId: string): string {
    MediaIdSchema.parse(mediaId);
    return path.join(this.dir, mediaId.slice(0, 2), mediaId);
  }

  /** Imports a file the user picked. `name` defaults to the file's name and appears in messages. */
  async importFile(filePath: string, name = path.basename(filePath)): Promise<MediaRecord> {
    let size: number;
    try {
      size = (await this.#fs.stat(filePath)).size;
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') throw mediaNotFound(name);
      throw await this.#mapError(error);
    }
    // Checked before reading, so a 4 GB video is refused without loading it.
    if (size > this.#maxBytes) throw mediaTooLarge(name, size, this.#maxBytes);
    return this.importBytes(await this.#fs.readFile(filePath), name);
  }

  /** Imports image bytes (pasted, dropped, or from an archive). */
  async importBytes(bytes: Uint8Array, name = 'The image'): Promise<MediaRecord> {
    if (bytes.length > this.#maxBytes) throw mediaTooLarge(name, bytes.length, this.#maxBytes);
    const kind = await identifyImage(bytes, name);
    const mediaId = sha256Hex(bytes);
    await this.#storeIfAbsent(mediaId, bytes);
    const finding = await findLocation(bytes, kind.mime);
    return { mediaId, mime: kind.mime, bytes: bytes.length, width: kind.width, height: kind.height, altText: '', ...finding };
  }

  async has(mediaId: string): Promise<boolean> {
    try {
      await this.#fs.stat(this.pathOf(mediaId));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The bytes of an image, checked against its id; a damaged file is set aside and reported. Only a
   * regular file of at most maxBytes is read, within a deadline (see readStoredFile): a link to
   * /dev/zero or a FIFO under an image's name is refused, not read. The whole file is read and
   * hashed before anyone gets a byte, which the size cap makes affordable: a page shown half an
   * image that then turns out not to match its id would already have been shown the wrong bytes.
   * This bypasses the StorageFs port on purpose: the port has no open/fstat, and a no-follow open
   * needs the handle.
   */
  async read(mediaId: string): Promise<Buffer> {
    const file = this.pathOf(mediaId);
    let bytes: Buffer;
    try {
      bytes = await readStoredFile(file, { maxBytes: this.#maxBytes, deadlineMs: this.#readDeadlineMs });
    } catch (error) {
      if (error instanceof StoredFileRefused) {
        if (error.problem !== 'missing') throw refusedMediaError(file, mediaId, error.problem);
        if (await this.#folderExists()) throw mediaNotFound(mediaId);
        throw await this.#mapError(Object.assign(new Error(error.message), { code: 'ENOENT' }));
      }
      throw await this.#mapError(error);
    }
    if (sha256Hex(bytes) !== mediaId) {
      let movedTo: string | null = `${file}.corrupt-${this.#now().toISOString().replace(/[-:.]/g, '')}`;
      await this.#fs.rename(file, movedTo).catch(() => {
        movedTo = null;
      });
      this.#onRecovered({ file, movedTo, restoredFrom: null });
      throw mediaDamaged(file, mediaId, movedTo);
    }
    return bytes;
  }

  /** What the library knows of a stored image: type, size, dimensions, location. */
  async describe(mediaId: string): Promise<MediaRecord> {
    const bytes = await this.read(mediaId);
    const kind = await identifyImage(bytes, mediaId);
    return { mediaId, mime: kind.mime, bytes: bytes.length, width: kind.width, height: kind.height, altText: '', ...(await findLocation(bytes, kind.mime)) };
  }

  /** Every stored image id. */
  async list(): Promise<string[]> {
    const ids: string[] = [];
    let shards: string[];
    try {
      shards = await this.#fs.readdir(this.dir);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return [];
      throw await this.#mapError(error);
    }
    for (const shard of shards.sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of (await this.#fs.readdir(path.join(this.dir, shard))).sort()) {
        if (!isAuxiliaryName(name) && MediaIdSchema.safeParse(name).success && name.startsWith(shard)) ids.push(name);
      }
    }
    return ids;
  }

  /**
   * A copy of the image without its location, stored as a new image (the original stays: posts
   * already sent may refer to it). JPEG keeps its orientation. An image without a location comes back as is.
   */
  async stripLocation(mediaId: string): Promise<MediaRecord> {
    const bytes = await this.read(mediaId);
    const kind = await identifyImage(bytes, mediaId);
    const before = await findLocation(bytes, kind.mime);
    if (!before.hasLocation) return { mediaId, mime: kind.mime, bytes: bytes.length, width: kind.width, height: kind.height, altText: '', ...before };
    let stripped: Uint8Array;
    try {
      stripped = removeLocation(bytes, kind.mime, kind.mime === 'image/jpeg' ? await orientationOf(bytes) : undefined);
    } catch {
      throw locationNotRemoved(mediaId);
    }
    // Checked, not assumed: GPS kept somewhere the surgery does not reach must not slip out.
    if ((await findLocation(stripped, kind.mime)).hasLocation) throw locationNotRemoved(mediaId);
    return this.importBytes(stripped, mediaId);
  }

  async #storeIfAbsent(mediaId: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(mediaId);
    try {
      const existing = await readStoredFile(file, { maxBytes: this.#maxBytes, deadlineMs: this.#readDeadlineMs });
      if (sha256Hex(existing) === mediaId) return;
      // A damaged copy under this name: replaced by the good bytes we now have.
    } catch (error) {
      // Missing, or something other than a file we wrote (a link, a FIFO): the rename replaces the name.
      if (!(error instanceof StoredFileRefused) || error.problem === 'too_slow') throw await this.#mapError(error);
    }
    try {
      await this.#writeMedia(file, bytes);
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT' || !(await this.#folderExists())) throw await this.#mapError(error);
      // The shard folder is made on demand, but never the data folder itself (an unplugged drive).
      try {
        await this.#fs.mkdir(path.dirname(file), { recursive: true });
        await this.#writeMedia(file, bytes);
      } catch (retryError) {
        throw await this.#mapError(retryError);
      }
    }
  }

  #writeMedia(file: string, bytes: Uint8Array): Promise<void> {
    return writeFileAtomic(this.#fs, file, bytes, { backups: 0 });
  }

  async #folderExists(): Promise<boolean> {
    try {
      return (await this.#fs.stat(this.#dataDir)).isDirectory();
    } catch {
      return false;
    }
  }

  #mapError(error: unknown) {
    return toStorageError(error, this.#dataDir, () => this.#folderExists());
  }
}
