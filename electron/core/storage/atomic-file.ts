import path from 'node:path';
import type { StorageFs } from './fs-port';
import { errnoOf, isStorageError } from './storage-error';

/** What a damaged file held, so the notice can say it in the person's words. */
export type RecoveredKind = 'month' | 'post' | 'index' | 'store' | 'import' | 'settings' | 'accounts' | 'media';

/** What the app tells the user after a damaged store file was set aside. */
export interface StoreRecovered {
  /** The store file that failed to parse or validate. */
  file: string;
  /** Where the damaged file was kept, or null when it could not be moved (a read-only disk). */
  movedTo: string | null;
  /** The backup whose content replaced it, or null when no good copy was left. */
  restoredFrom: string | null;
  /** Filled in by the store that read the file (readStoreFile knows bytes, not meaning). */
  kind?: RecoveredKind;
  /** Posts the damaged file held, now restored as they were last saved. */
  postIds?: string[];
  /** Posts whose last saved version could not be restored (only an older copy, or none, was left). */
  lostPostIds?: string[];
  /** Accounts whose details were lost while their keychain item remains: flagged "connect again". */
  accountIds?: string[];
}

export type OnRecovered = (notice: StoreRecovered) => void;

let tempCounter = 0;

/** Temp files carry this marker so a start-up sweep can tell them from store files. */
export const TEMP_MARKER = '.tmp-';

export function backupPath(file: string, n: number): string {
  return `${file}.bak${n}`;
}

export function isAuxiliaryName(name: string): boolean {
  return name.includes(TEMP_MARKER) || /\.bak\d+$/.test(name) || name.includes('.corrupt-');
}

/**
 * Replaces `file` so that a crash at any instant leaves either the old or the new content, and the
 * new content survives a power cut once this resolves: temp file in the same folder, fsync, rename,
 * fsync of the folder. With `backups` > 0 the previous contents are kept as `.bak1`..`.bakN`.
 * `durable: false` skips both fsyncs, for a write whose loss in a power cut the caller can rebuild
 * (the outbox's outcomes): still atomic against a process that dies, not against the power.
 */
export async function writeFileAtomic(fs: StorageFs, file: string, data: string | Uint8Array, options: { backups: number; durable?: boolean }): Promise<void> {
  const tmp = `${file}${TEMP_MARKER}${process.pid}-${++tempCounter}`;
  const durable = options.durable ?? true;
  try {
    await fs.writeFile(tmp, data, { flush: durable });
    if (options.backups > 0) await rotateBackups(fs, file, options.backups);
    await fs.rename(tmp, file);
  } catch (error) {
    // A half-written temp file must not fill a disk that is already full.
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  if (durable) await fs.syncDir(path.dirname(file));
}

/**
 * Writes `file` and an identical copy beside it (`.bak1`), for a small file written on every save.
 * Both temp files are written and fsynced side by side (one round of disk latency, not two), then
 * renamed file first, copy second, then one fsync of the folder makes both renames durable. So the
 * copy is never newer than the file, nor there without it, unless something damaged the file: a
 * reader that finds the copy winning knows to say so, and a crash mid-save stays quiet. (A process
 * crash keeps the renames in order; on power loss ext4, APFS and NTFS journal them in order too,
 * and were one lost, the cost would be a notice, not an edit: the save was not yet acknowledged.)
 */
export async function writeFileWithCopy(fs: StorageFs, file: string, data: string | Uint8Array): Promise<void> {
  const copy = backupPath(file, 1);
  const tmpFile = `${file}${TEMP_MARKER}${process.pid}-${++tempCounter}`;
  const tmpCopy = `${copy}${TEMP_MARKER}${process.pid}-${++tempCounter}`;
  try {
    await Promise.all([fs.writeFile(tmpFile, data, { flush: true }), fs.writeFile(tmpCopy, data, { flush: true })]);
    await fs.rename(tmpFile, file);
    await fs.rename(tmpCopy, copy);
  } catch (error) {
    await Promise.all([fs.unlink(tmpFile).catch(() => undefined), fs.unlink(tmpCopy).catch(() => undefined)]);
    throw error;
  }
  await fs.syncDir(path.dirname(file));
}

/**
 * Writes `file` and then a second, identical copy of it as `.bak1`, reading each back through
 * `verify` (which parses and validates, and throws) before the next step.
 *
 * Why two copies: a file that holds acknowledged edits must never be their only home, or one
 * damaged file (a bad sector, a sync tool rewriting it, a half-restored backup, a hand edit) takes
 * them with it. Before the pair, the caller's own copies still hold them (the recent saves a fold
 * folds in); once both files are written, fsynced and verified, either one rebuilds the other and
 * the caller may drop its copies. A `.bak1` that were the *previous* version (what rotation alone
 * gives) would restore a damaged month with every edit folded since silently rolled back.
 *
 * Why in this order: a crash after the first write leaves `file` new and `.bak1` the previous good
 * copy (rotated by writeFileAtomic), both valid, and the caller's copies still on disk. The older
 * backups (.bak2..) keep rotating, so a mistake can still be taken back further.
 *
 * Why verify: a write that reported success but stored something else (a failing disk, a full
 * quota on some network shares) is caught while the caller still holds its copies; throwing here
 * keeps them (the fold fails and is tried again).
 */
export async function writeVerifiedPair(
  fs: StorageFs,
  file: string,
  data: string,
  options: { backups: number; verify: (bytes: Buffer) => unknown },
): Promise<void> {
  await writeFileAtomic(fs, file, data, { backups: options.backups });
  options.verify(await fs.readFile(file));
  await writeFileAtomic(fs, backupPath(file, 1), data, { backups: 0 });
  options.verify(await fs.readFile(backupPath(file, 1)));
}

/**
 * Shifts .bak1 -> .bak2 -> ... and hard-links the current file as .bak1. A link (not a rename)
 * keeps the current file in place throughout, so a crash mid-rotation never leaves the store
 * without its file; and it writes no bytes. The caller has read and validated the current file
 * (or written it itself), which is what makes each backup a good copy.
 */
async function rotateBackups(fs: StorageFs, file: string, count: number): Promise<void> {
  for (let n = count; n > 1; n--) {
    await fs.rename(backupPath(file, n - 1), backupPath(file, n)).catch(ignoreMissing);
  }
  try {
    await fs.link(file, backupPath(file, 1));
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT') return; // the first write of this file: nothing to keep yet
    if (code === 'EEXIST') {
      // a .bak1 the rename above could not move: keep the older copy rather than fail the save
      return;
    }
    // FAT/exFAT drives and some network shares have no hard links: copy instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV' || code === 'EMLINK') {
      await fs.copyFile(file, backupPath(file, 1));
      return;
    }
    throw error;
  }
}

function ignoreMissing(error: unknown): void {
  if (errnoOf(error) !== 'ENOENT') throw error;
}

/** Removes a store file and its backups; backups first, so an interrupted removal never orphans them. */
export async function removeWithBackups(fs: StorageFs, file: string, backups: number): Promise<void> {
  for (let n = backups; n >= 1; n--) await fs.unlink(backupPath(file, n)).catch(ignoreMissing);
  await fs.unlink(file).catch(ignoreMissing);
}

/** Deletes temp files a crash left behind in `dir`; they were never acknowledged. */
export async function sweepTempFiles(fs: StorageFs, dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    if (name.includes(TEMP_MARKER)) await fs.unlink(path.join(dir, name)).catch(() => undefined);
  }
}

function stamp(now: Date): string {
  // No colons: the name must be valid on Windows too.
  return now.toISOString().replace(/[-:.]/g, '');
}

export interface RecoveryOptions {
  backups: number;
  now: () => Date;
  onRecovered: OnRecovered;
  /** False when the store must not be changed (written by a newer version): the backup is served, nothing moved. */
  canWrite: boolean;
}

/**
 * Reads a store file through `decode` (which parses and validates, and throws on anything wrong).
 * A file that fails is moved aside as `<name>.corrupt-<timestamp>` and the newest backup that
 * decodes takes its place; the user is told through `onRecovered`. Returns null when there is
 * neither a file nor a good backup. A `newer_version` error from `decode` passes through untouched:
 * a file a newer Spheres wrote is not damaged, only not ours to judge.
 */
export async function readStoreFile<T>(
  fs: StorageFs,
  file: string,
  decode: (bytes: Buffer) => T,
  options: RecoveryOptions,
): Promise<T | null> {
  let bytes: Buffer | null;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error;
    bytes = null;
  }
  if (bytes !== null) {
    try {
      return decode(bytes);
    } catch (error) {
      if (isStorageError(error, 'newer_version')) throw error;
    }
  }

  const good = await newestGoodBackup(fs, file, decode, options.backups);
  // Missing with no backup is simply a file that was never written.
  if (bytes === null && good === null) return null;

  let movedTo: string | null = null;
  let restoredFrom: string | null = good?.path ?? null;
  if (options.canWrite) {
    try {
      if (bytes !== null) {
        movedTo = `${file}.corrupt-${stamp(options.now())}`;
        await fs.rename(file, movedTo);
      }
      if (good !== null) await writeFileAtomic(fs, file, good.bytes, { backups: 0 });
    } catch {
      // The backup's content is still served from memory; the files stay as they are for a later try.
      if (movedTo !== null && bytes !== null) movedTo = (await exists(fs, file)) ? null : movedTo;
      restoredFrom = good?.path ?? null;
    }
  }
  options.onRecovered({ file, movedTo, restoredFrom });
  return good?.value ?? null;
}

async function newestGoodBackup<T>(
  fs: StorageFs,
  file: string,
  decode: (bytes: Buffer) => T,
  backups: number,
): Promise<{ path: string; bytes: Buffer; value: T } | null> {
  for (let n = 1; n <= backups; n++) {
    const candidate = backupPath(file, n);
    try {
      const bytes = await fs.readFile(candidate);
      return { path: candidate, bytes, value: decode(bytes) };
    } catch {
      // missing or damaged too: try the next older copy
    }
  }
  return null;
}

async function exists(fs: StorageFs, file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
