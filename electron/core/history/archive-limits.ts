import { HistoryImportError } from './history-format';

/*
 * What a reader takes from a file that came from anywhere. A network's export holds years of posts
 * and their images (a large X archive is a few GB), but a 10 KB zip can claim or unpack to far more:
 * each entry is checked against what it says it is, and the bytes against the limit as they come.
 */

/** All entries together, as the archive declares them: more than any real export. */
export const MAX_TOTAL_BYTES = 16 * 1024 ** 3;
/** Entries in one archive: a 100,000-post X archive with images is about 150,000. */
export const MAX_ENTRIES = 500_000;
/**
 * Unpacked/packed ratio above which an entry is a zip bomb, not data. JSON and CSV compress about
 * 5-15x; a run of one repeated byte deflates ~1000x. Only checked for entries above MIN_RATIO_BYTES.
 */
export const MAX_RATIO = 200;
export const MIN_RATIO_BYTES = 1024 ** 2;

/**
 * A path inside an archive as a normalised `a/b/c`, or null when it would climb out of it or means
 * something else on another system: `..`, an absolute path, a drive letter, a backslash (Windows
 * reads `a\..\..\x` as climbing out), a NUL.
 */
export function safeEntryPath(raw: string): string | null {
  if (raw.length === 0 || raw.length > 1024) return null;
  if (raw.includes('\\') || raw.includes('\0') || raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) return null;
  const parts = raw.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return null;
  return parts.join('/');
}

export function unsafePath(file: string, entry: string): HistoryImportError {
  return new HistoryImportError(
    'unsafe',
    `${file} was not read: it contains a file whose path points outside the archive (${JSON.stringify(entry).slice(0, 200)}). Download the export again from the network.`,
  );
}

export function entryTooLarge(file: string, entry: string, limit: number): HistoryImportError {
  return new HistoryImportError('too_large', `${file}: ${entry} unpacks to more than ${megabytes(limit)}, more than Spheres reads of one file, so it was not read.`);
}

export function noSuchEntry(file: string, entry: string): HistoryImportError {
  return new HistoryImportError('damaged', `${file} has no ${entry}.`);
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${Math.round(bytes / 1024 ** 3)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** Collects a stream of chunks into one buffer, refusing it as soon as it passes `limit`. */
export async function collect(chunks: AsyncIterable<Uint8Array>, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    parts.push(chunk);
  }
  // Its own memory, not a slice of Node's shared pool: an image is checked by a reader that wants the whole buffer.
  const whole = Buffer.allocUnsafeSlow(size);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}
