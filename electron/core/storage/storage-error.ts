import type { ErrorCode } from '../../../common/api';

/** Each is a code of the contract (`satisfies`): a code the contract lacks would cross the router as `internal`. */
export const STORAGE_ERROR_CODES = [
  'disk_full',
  'read_only',
  'data_folder_missing',
  'newer_version',
  'corrupt',
  'not_found',
  'invalid_archive',
  'unsupported_media',
  'media_too_large',
  /** Any other failure of the disk (EIO, EMFILE, ...): rare, but a person still needs a sentence. */
  'io_error',
] as const satisfies readonly ErrorCode[];
export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

export interface StorageErrorDetails {
  /** The file or folder the failure is about. */
  path?: string;
  /** A post the failure is about: a draft that failed to save is kept in memory under this id. */
  postId?: string;
  mediaId?: string;
  /** The operating system's error code (ENOSPC, EACCES, ...) or a short diagnosis. */
  reason?: string;
}

/** Every failure of the stores, as a value with a stable code and a sentence a person can act on. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly details: StorageErrorDetails;

  constructor(code: StorageErrorCode, message: string, details: StorageErrorDetails = {}) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: StorageErrorCode; message: string; details: StorageErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}

/** The errno of a Node file system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function diskFull(dataDir: string, reason = 'ENOSPC'): StorageError {
  return new StorageError(
    'disk_full',
    `The disk that holds your Spheres data (${dataDir}) is full, so your latest changes are not saved yet. Free some space on that disk; Spheres keeps your draft open and saves it as soon as there is room.`,
    { path: dataDir, reason },
  );
}

export function readOnly(dataDir: string, reason: string): StorageError {
  return new StorageError(
    'read_only',
    `Spheres is not allowed to write to its data folder (${dataDir}). Make sure the folder and its disk are writable (not read-only, locked or restricted by security software), then try again; your draft stays open until it is saved.`,
    { path: dataDir, reason },
  );
}

export function dataFolderMissing(dataDir: string): StorageError {
  return new StorageError(
    'data_folder_missing',
    `The Spheres data folder (${dataDir}) is missing. If it is on a drive that was disconnected, reconnect the drive; if it was moved, move it back or choose the new place in Settings. Your draft stays open and is saved as soon as the folder is back.`,
    { path: dataDir, reason: 'ENOENT' },
  );
}

export function newerVersion(file: string): StorageError {
  return new StorageError(
    'newer_version',
    `Your posts in ${file} were saved by a newer version of Spheres, so this version will not change them (it could lose what the newer version added). Update Spheres to keep editing; until then you can still read them.`,
    { path: file },
  );
}

export function ioError(dataDir: string, reason: string): StorageError {
  return new StorageError(
    'io_error',
    `Spheres could not read or write its data folder (${dataDir}): the disk reported ${reason}. Check that the disk is connected and healthy, then try again; your draft stays open until it is saved.`,
    { path: dataDir, reason },
  );
}

export function postNotFound(id: string): StorageError {
  return new StorageError('not_found', `There is no post ${id}: it may have been deleted and emptied from the trash.`, {
    postId: id,
  });
}

export function invalidArchive(file: string, problem: string): StorageError {
  return new StorageError(
    'invalid_archive',
    `${file} cannot be imported: ${problem} Nothing was changed. Choose a file made with "Export all posts" in Spheres.`,
    { path: file, reason: problem },
  );
}

const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Turns an error of the disk into a StorageError about the data folder. `folderExists` is asked
 * only for ENOENT, to tell "the whole data folder went away" (a drive unplugged) from a missing file.
 */
export async function toStorageError(error: unknown, dataDir: string, folderExists: () => Promise<boolean>): Promise<StorageError> {
  if (error instanceof StorageError) return error;
  const code = errnoOf(error);
  if (code !== undefined && DISK_FULL_CODES.has(code)) return diskFull(dataDir, code);
  if (code !== undefined && READ_ONLY_CODES.has(code)) return readOnly(dataDir, code);
  if (code === 'ENOENT' && !(await folderExists())) return dataFolderMissing(dataDir);
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return ioError(dataDir, reason);
}
