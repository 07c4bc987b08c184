import { createReadStream } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveEntry, ArchiveReader } from './history-format';
import { collect, entryTooLarge, noSuchEntry } from './archive-limits';

/**
 * One file the person picked on its own (a LinkedIn Shares.csv, an X tweets.js, a Mastodon
 * outbox.json): an archive of one entry, named as the file is, so the formats read it as they
 * read the same file inside its export.
 */
export class SingleFileReader implements ArchiveReader {
  readonly name: string;
  readonly #source: string;
  readonly #entry: ArchiveEntry;

  private constructor(source: string, name: string, size: number) {
    this.#source = source;
    this.name = name;
    this.#entry = { path: path.basename(source), size };
  }

  static async open(source: string, name: string): Promise<SingleFileReader> {
    const stat = await fsp.stat(source);
    return new SingleFileReader(source, name, stat.size);
  }

  entries(): Promise<readonly ArchiveEntry[]> {
    return Promise.resolve([this.#entry]);
  }

  read(entryPath: string, maxBytes = 64 * 1024 ** 2): Promise<Uint8Array> {
    if (entryPath !== this.#entry.path) return Promise.reject(noSuchEntry(this.name, entryPath));
    if ((this.#entry.size ?? 0) > maxBytes) return Promise.reject(entryTooLarge(this.name, entryPath, maxBytes));
    return collect(this.stream(entryPath), maxBytes, () => entryTooLarge(this.name, entryPath, maxBytes));
  }

  async *stream(entryPath: string): AsyncIterable<Uint8Array> {
    if (entryPath !== this.#entry.path) throw noSuchEntry(this.name, entryPath);
    yield* createReadStream(this.#source) as AsyncIterable<Buffer>;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
