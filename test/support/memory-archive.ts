import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HistoryImportError, type ArchiveEntry, type ArchiveReader, type HistoryFormat, type ImportedPost, type SkippedPost } from '../../electron/core/history/history-format';

/** An export held in memory (path → bytes), for the formats' tests: the real readers are tested on their own. */
export function memoryArchive(name: string, files: Readonly<Record<string, string | Uint8Array>>): ArchiveReader & { reads: string[] } {
  const bytes = new Map(Object.entries(files).map(([entry, content]) => [entry, typeof content === 'string' ? new TextEncoder().encode(content) : content]));
  const reads: string[] = [];
  const get = (entry: string): Uint8Array => {
    const found = bytes.get(entry);
    if (found === undefined) throw new HistoryImportError('damaged', `${name}: ${entry} is not in the archive.`);
    reads.push(entry);
    return found;
  };
  return {
    name,
    reads,
    entries: async (): Promise<ArchiveEntry[]> => [...bytes].map(([entry, content]) => ({ path: entry, size: content.byteLength })),
    read: async (entry, maxBytes) => {
      const found = get(entry);
      if (maxBytes !== undefined && found.byteLength > maxBytes) throw new HistoryImportError('too_large', `${name}: ${entry} is larger than ${maxBytes} bytes.`);
      return found;
    },
    stream: async function* (entry) {
      yield get(entry);
    },
    close: async () => {},
  };
}

/** Every file under a fixture folder, by its path relative to the folder. */
export function folderFiles(folder: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(folder, full).split(path.sep).join('/')] = readFileSync(full);
    }
  };
  walk(folder);
  return files;
}

/** A fixture folder as an archive in memory, named like the file the person picked. */
export function folderArchive(folder: string, name = `${path.basename(folder)}.zip`): ReturnType<typeof memoryArchive> {
  return memoryArchive(name, folderFiles(folder));
}

/** Everything a format yields from an archive, and what it skipped. */
export async function readHistory(
  format: HistoryFormat,
  archive: ArchiveReader,
  signal: AbortSignal = new AbortController().signal,
): Promise<{ posts: ImportedPost[]; skipped: SkippedPost[] }> {
  const posts: ImportedPost[] = [];
  const skipped: SkippedPost[] = [];
  for await (const post of format.posts(archive, (skip) => skipped.push(skip), signal)) posts.push(post);
  return { posts, skipped };
}
