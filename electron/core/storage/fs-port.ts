import fsp from 'node:fs/promises';

export interface FileStat {
  size: number;
  mtimeMs: number;
  isDirectory(): boolean;
}

/**
 * Every file system call the stores make. The default is node:fs/promises; tests wrap it to
 * simulate a full disk or a read-only folder (they run as root, where chmod blocks nothing), and
 * the benchmark wraps it to count the bytes each save writes.
 */
/** A file opened once for appending (the outbox's journal): each append lands after the last. */
export interface AppendFile {
  append(data: string): Promise<void>;
  /** fsync: everything appended so far survives a power cut once this resolves. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageFs {
  readFile(path: string): Promise<Buffer>;
  /** Creates or replaces a file. `flush` fsyncs it before the call resolves. */
  writeFile(path: string, data: string | Uint8Array, options: { flush: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: boolean }): Promise<unknown>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<FileStat>;
  /** Makes a rename or a new name in the folder durable; without it ext4 may lose a rename on power loss. */
  syncDir(path: string): Promise<void>;
  /** Opens (creating if missing) a file for appending. */
  openAppend(path: string): Promise<AppendFile>;
}

/** Windows cannot open a folder to fsync it; NTFS journals renames itself, so there is nothing to do. */
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP']);

export const nodeStorageFs: StorageFs = {
  readFile: (path) => fsp.readFile(path),
  writeFile: (path, data, options) => fsp.writeFile(path, data, { flush: options.flush }),
  rename: (from, to) => fsp.rename(from, to),
  link: (existing, newPath) => fsp.link(existing, newPath),
  copyFile: (from, to) => fsp.copyFile(from, to),
  unlink: (path) => fsp.unlink(path),
  mkdir: (path, options) => fsp.mkdir(path, options),
  readdir: (path) => fsp.readdir(path),
  stat: (path) => fsp.stat(path),
  async openAppend(path) {
    const handle = await fsp.open(path, 'a');
    return {
      append: (data) => handle.appendFile(data),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  async syncDir(path) {
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(path, 'r');
      await handle.sync();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (process.platform === 'win32' && typeof code === 'string' && DIR_SYNC_UNSUPPORTED.has(code)) return;
      throw error;
    } finally {
      await handle?.close();
    }
  },
};
