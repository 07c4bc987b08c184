import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { HistoryImportError, type ArchiveEntry, type ArchiveReader } from './history-format';
import { MAX_ENTRIES, MAX_RATIO, MAX_TOTAL_BYTES, MIN_RATIO_BYTES, collect, entryTooLarge, megabytes, noSuchEntry, safeEntryPath, unsafePath } from './archive-limits';

/**
 * A zip export, read where it is: the central directory (names and sizes) is read once, and each
 * entry is inflated only while it is streamed, so a 1 GB archive never sits in memory.
 */
export class ZipArchiveReader implements ArchiveReader {
  readonly name: string;
  readonly #zip: yauzl.ZipFile;
  readonly #entries: Map<string, yauzl.Entry>;

  private constructor(name: string, zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>) {
    this.name = name;
    this.#zip = zip;
    this.#entries = entries;
  }

  static async open(source: string, name: string): Promise<ZipArchiveReader> {
    let zip: yauzl.ZipFile;
    try {
      zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
        // strictFileNames off: a climbing or backslash name is refused below, in our words.
        yauzl.open(source, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (error, opened) =>
          error !== null ? reject(error) : resolve(opened),
        );
      });
    } catch (error) {
      throw new HistoryImportError('damaged', `${name} is not a complete zip file (it may have been cut short while downloading): ${messageOf(error)}. Download the export again.`, { cause: error });
    }
    try {
      return new ZipArchiveReader(name, zip, await listEntries(zip, name));
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  entries(): Promise<readonly ArchiveEntry[]> {
    return Promise.resolve([...this.#entries.values()].map((entry) => ({ path: safeEntryPath(entry.fileName)!, size: entry.uncompressedSize })));
  }

  read(path: string, maxBytes = 64 * 1024 ** 2): Promise<Uint8Array> {
    const entry = this.#entry(path);
    if (entry.uncompressedSize > maxBytes) return Promise.reject(entryTooLarge(this.name, path, maxBytes));
    return collect(this.stream(path), maxBytes, () => entryTooLarge(this.name, path, maxBytes));
  }

  async *stream(path: string): AsyncIterable<Uint8Array> {
    const entry = this.#entry(path);
    let stream: Readable;
    try {
      stream = await this.#zip.openReadStreamPromise(entry);
    } catch (error) {
      throw damaged(this.name, path, error);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
    } catch (error) {
      throw damaged(this.name, path, error);
    } finally {
      stream.destroy();
    }
  }

  close(): Promise<void> {
    this.#zip.close();
    return Promise.resolve();
  }

  #entry(path: string): yauzl.Entry {
    const entry = this.#entries.get(path);
    if (entry === undefined) throw noSuchEntry(this.name, path);
    return entry;
  }
}

function listEntries(zip: yauzl.ZipFile, name: string): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let declared = 0;
    const fail = (error: Error): void => {
      zip.removeAllListeners('entry');
      reject(error);
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      const problem = checkEntry(entry, name);
      if (problem !== null) return fail(problem);
      declared += entry.uncompressedSize;
      if (declared > MAX_TOTAL_BYTES) {
        return fail(new HistoryImportError('too_large', `${name} says it unpacks to more than ${megabytes(MAX_TOTAL_BYTES)}, more than any network's export, so it was not read.`));
      }
      if (entries.size >= MAX_ENTRIES) return fail(new HistoryImportError('too_large', `${name} holds more than ${MAX_ENTRIES} files, more than any network's export.`));
      // Folders are not entries of their own here: their files are.
      if (!entry.fileName.endsWith('/')) entries.set(safeEntryPath(entry.fileName)!, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => {
      // yauzl refuses some climbing names itself ("invalid relative path"): the same words as ours.
      if (/relative path|absolute path|invalid characters/i.test(error.message)) fail(unsafePath(name, error.message.replace(/^.*?: /, '')));
      else fail(new HistoryImportError('damaged', `${name}: its list of files is damaged (${error.message}). Download the export again.`, { cause: error }));
    });
    zip.readEntry();
  });
}

function checkEntry(entry: yauzl.Entry, name: string): HistoryImportError | null {
  if (safeEntryPath(entry.fileName) === null) return unsafePath(name, entry.fileName);
  if (entry.isEncrypted()) return new HistoryImportError('unreadable', `${name}: ${entry.fileName} is encrypted, and Spheres cannot read it.`);
  if (entry.uncompressedSize > MIN_RATIO_BYTES && entry.uncompressedSize > MAX_RATIO * Math.max(1, entry.compressedSize)) {
    return new HistoryImportError(
      'unsafe',
      `${name} was not read: ${entry.fileName} would unpack to ${megabytes(entry.uncompressedSize)} from ${Math.max(1, Math.round(entry.compressedSize / 1024))} KB, which is how a "zip bomb" looks, not a data export.`,
    );
  }
  return null;
}

function damaged(name: string, path: string, error: unknown): HistoryImportError {
  if (error instanceof HistoryImportError) return error;
  return new HistoryImportError('damaged', `${name}: ${path} cannot be read (the zip is damaged: ${messageOf(error)}). Download the export again.`, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
