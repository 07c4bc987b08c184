import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { HistoryImportError, type ArchiveEntry, type ArchiveReader } from './history-format';
import { MAX_ENTRIES, MAX_RATIO, MAX_TOTAL_BYTES, MIN_RATIO_BYTES, collect, entryTooLarge, megabytes, noSuchEntry, safeEntryPath, unsafePath } from './archive-limits';

interface Spooled {
  offset: number;
  size: number;
}

/**
 * A .tar.gz export (Mastodon's older archives). A gzip stream can only be read from the start, so
 * one pass unpacks it into a private spool file beside an index of where each entry's bytes are;
 * every later read is a ranged read of that file. Memory stays at one chunk whatever the size; the
 * spool (the unpacked size, capped) is removed on close.
 */
export class TarGzArchiveReader implements ArchiveReader {
  readonly name: string;
  readonly #dir: string;
  readonly #spool: string;
  readonly #index: Map<string, Spooled>;

  private constructor(name: string, dir: string, index: Map<string, Spooled>) {
    this.name = name;
    this.#dir = dir;
    this.#spool = path.join(dir, 'entries');
    this.#index = index;
  }

  static async open(source: string, name: string, tempDir = os.tmpdir()): Promise<TarGzArchiveReader> {
    const dir = await fsp.mkdtemp(path.join(tempDir, SPOOL_PREFIX));
    try {
      const packed = (await fsp.stat(source)).size;
      const index = await spool(source, name, path.join(dir, 'entries'), packed);
      return new TarGzArchiveReader(name, dir, index);
    } catch (error) {
      await fsp.rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  entries(): Promise<readonly ArchiveEntry[]> {
    return Promise.resolve([...this.#index].map(([entryPath, spooled]) => ({ path: entryPath, size: spooled.size })));
  }

  read(entryPath: string, maxBytes = 64 * 1024 ** 2): Promise<Uint8Array> {
    const spooled = this.#index.get(entryPath);
    if (spooled === undefined) return Promise.reject(noSuchEntry(this.name, entryPath));
    if (spooled.size > maxBytes) return Promise.reject(entryTooLarge(this.name, entryPath, maxBytes));
    return collect(this.stream(entryPath), maxBytes, () => entryTooLarge(this.name, entryPath, maxBytes));
  }

  async *stream(entryPath: string): AsyncIterable<Uint8Array> {
    const spooled = this.#index.get(entryPath);
    if (spooled === undefined) throw noSuchEntry(this.name, entryPath);
    if (spooled.size === 0) return;
    yield* createReadStream(this.#spool, { start: spooled.offset, end: spooled.offset + spooled.size - 1 }) as AsyncIterable<Buffer>;
  }

  async close(): Promise<void> {
    await fsp.rm(this.#dir, { recursive: true, force: true });
  }
}

/** The prefix of a spool folder: what sweepSpools looks for. */
const SPOOL_PREFIX = 'spheres-history-';

/**
 * Removes spool folders a crash left behind (close() removes its own): only those a day old, so
 * an import running in another Spheres process on the same data folder keeps its spool.
 */
export async function sweepSpools(tempDir: string, now: Date): Promise<void> {
  const names = await fsp.readdir(tempDir).catch((): string[] => []);
  for (const name of names) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const folder = path.join(tempDir, name);
    const stat = await fsp.stat(folder).catch(() => null);
    if (stat?.isDirectory() === true && now.getTime() - stat.mtimeMs > 86_400_000) await fsp.rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function spool(source: string, name: string, spoolFile: string, packed: number): Promise<Map<string, Spooled>> {
  const index = new Map<string, Spooled>();
  const out = createWriteStream(spoolFile);
  // A write that fails (disk full) fails the pass below; the error is never left unhandled.
  let writeError: Error | null = null;
  out.on('error', (error) => {
    writeError ??= error;
  });
  let offset = 0;
  const extract = tar.extract();
  extract.on('entry', (header, body, next) => {
    const entryPath = safeEntryPath(header.name);
    if (entryPath === null) return next(unsafePath(name, header.name));
    // Links could point anywhere; folders carry no bytes. Only regular files are entries.
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      body.resume();
      body.once('end', () => next());
      return;
    }
    if (index.size >= MAX_ENTRIES) return next(new HistoryImportError('too_large', `${name} holds more than ${MAX_ENTRIES} files, more than any network's export.`));
    const start = offset;
    body.on('data', (data: unknown) => {
      const chunk = data as Buffer;
      if (out.destroyed) return;
      if (writeError !== null) return body.destroy(writeError);
      offset += chunk.length;
      if (offset > MAX_TOTAL_BYTES) body.destroy(new HistoryImportError('too_large', `${name} unpacks to more than ${megabytes(MAX_TOTAL_BYTES)}, more than any network's export.`));
      else if (offset > MIN_RATIO_BYTES && offset > MAX_RATIO * Math.max(1, packed)) {
        body.destroy(new HistoryImportError('unsafe', `${name} was not read: it unpacks to far more than its ${Math.max(1, Math.round(packed / 1024))} KB could hold as real data, which is how a "zip bomb" looks.`));
      } else if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    });
    body.once('error', (error) => next(error));
    body.once('end', () => {
      // The same name twice (a tar may append a newer copy): the last one is the file.
      index.set(entryPath, { offset: start, size: offset - start });
      next();
    });
  });
  try {
    await pipeline(createReadStream(source), createGunzip(), extract);
    await endStream(out);
    if (writeError !== null) throw writeError;
  } catch (error) {
    out.destroy();
    if (error instanceof HistoryImportError) throw error;
    throw new HistoryImportError('damaged', `${name} is not a complete .tar.gz file (it may have been cut short while downloading): ${error instanceof Error ? error.message : String(error)}. Download the export again.`, { cause: error });
  }
  return index;
}

function endStream(out: WriteStream | Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}
