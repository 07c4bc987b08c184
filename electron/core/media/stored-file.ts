import { constants } from 'node:fs';
import fsp from 'node:fs/promises';
import { StorageError, errnoOf } from '../storage/storage-error';

export interface StoredFileLimits {
  /** Larger files are refused before a byte is read: the library never stores anything larger. */
  maxBytes: number;
  /** A read still running after this is abandoned and refused, so one request cannot hold the app. */
  deadlineMs: number;
}

/** Why a name in the media folder was not read: each is a 404 to the page, with a reason for the log. */
export type StoredFileProblem = 'missing' | 'not_a_regular_file' | 'too_large' | 'changed_while_read' | 'too_slow';

export class StoredFileRefused extends Error {
  readonly problem: StoredFileProblem;
  constructor(file: string, problem: StoredFileProblem) {
    super(`${file} was not read: ${problem.replaceAll('_', ' ')}.`);
    this.name = 'StoredFileRefused';
    this.problem = problem;
  }
}

// O_NOFOLLOW: a symlink at the name fails (ELOOP) instead of being followed, to /dev/zero say.
// O_NONBLOCK: a FIFO opens at once instead of parking a libuv thread until a writer appears.
// Both are POSIX-only (undefined on Windows, where the lstat below does the refusing).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function withDeadline<T>(work: Promise<T>, ms: number, onLate: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onLate()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Reads a file the app stored itself, trusting nothing about what now sits under its name. Only a
 * regular file is read: `lstat` refuses a link before opening, and `fstat` on the opened handle
 * checks the very file that was opened (a swap between the two cannot slip a FIFO or device in).
 * The size is capped before reading, a file that grows while read is refused, and the whole read
 * has a deadline. Errors other than these (EIO, EACCES) are thrown as they are.
 */
export async function readStoredFile(file: string, limits: StoredFileLimits): Promise<Buffer> {
  try {
    const info = await fsp.lstat(file);
    if (!info.isFile()) throw new StoredFileRefused(file, 'not_a_regular_file');
    if (info.size > limits.maxBytes) throw new StoredFileRefused(file, 'too_large');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') throw new StoredFileRefused(file, 'missing');
    throw error;
  }
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, OPEN_FLAGS);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT') throw new StoredFileRefused(file, 'missing');
    if (code === 'ELOOP' || code === 'ENXIO' || code === 'EISDIR') throw new StoredFileRefused(file, 'not_a_regular_file');
    throw error;
  }
  const reading = (async () => {
    const info = await handle.stat();
    if (!info.isFile()) throw new StoredFileRefused(file, 'not_a_regular_file');
    if (info.size > limits.maxBytes) throw new StoredFileRefused(file, 'too_large');
    // One byte of room past the size stat gave: filling it means the file grew while being read.
    const buffer = Buffer.alloc(info.size + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > info.size) throw new StoredFileRefused(file, 'changed_while_read');
    }
    return buffer.subarray(0, filled);
  })();
  try {
    return await withDeadline(reading, limits.deadlineMs, () => new StoredFileRefused(file, 'too_slow'));
  } finally {
    // After a deadline the read may still be running; the handle closes once it returns.
    void reading.catch(() => undefined).finally(() => handle.close().catch(() => undefined));
  }
}

/** StorageError sentences for a refused stored image, in the library's words. */
export function refusedMediaError(file: string, mediaId: string, problem: StoredFileProblem): StorageError {
  if (problem === 'too_slow') {
    return new StorageError('io_error', `Reading the stored image ${file} took too long, so Spheres stopped. Check the disk that holds your Spheres data.`, { path: file, mediaId, reason: problem });
  }
  return new StorageError(
    'corrupt',
    `The stored image ${file} is not an image file Spheres saved (${problem.replaceAll('_', ' ')}), so it was not opened. Attach the original image again.`,
    { path: file, mediaId, reason: problem },
  );
}
