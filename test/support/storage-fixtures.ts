import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeStorageFs, type AppendFile, type FileStat, type StorageFs } from '../../electron/core/storage';

const made: string[] = [];

/** A temp folder per test: the data folder of one Spheres. Removed by removeTempDirs(). */
export function tempDir(prefix = 'spheres-storage-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** For afterAll: removes every folder tempDir() made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` with the sha256 of its bytes: two snapshots are equal when nothing changed. */
export function treeSnapshot(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    snapshot[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return snapshot;
}

/** A clock the test moves by hand. */
export class FakeClock {
  #ms: number;

  constructor(iso = '2026-11-02T09:00:00.000Z') {
    this.#ms = Date.parse(iso);
  }

  readonly now = (): Date => new Date(this.#ms);

  advance(ms: number): void {
    this.#ms += ms;
  }

  advanceDays(days: number): void {
    this.#ms += days * 86_400_000;
  }
}

export const DAY = 86_400_000;

function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${syscall} '${file}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = file;
  return error;
}

/**
 * The file system in memory: unit tests run the stores without touching a disk. A hard link is a
 * copy here, which is the same thing for stores that only ever replace files whole.
 */
export class MemoryFs implements StorageFs {
  readonly files = new Map<string, Buffer>();
  readonly dirs = new Set<string>(['/']);

  #parentExists(file: string, syscall: string): void {
    if (!this.dirs.has(path.dirname(file))) throw fsError('ENOENT', syscall, file);
  }

  async readFile(file: string): Promise<Buffer> {
    const data = this.files.get(file);
    if (data === undefined) throw fsError(this.dirs.has(file) ? 'EISDIR' : 'ENOENT', 'open', file);
    return Buffer.from(data);
  }

  async writeFile(file: string, data: string | Uint8Array, _options?: { flush: boolean }): Promise<void> {
    this.#parentExists(file, 'open');
    this.files.set(file, Buffer.from(data));
  }

  async rename(from: string, to: string): Promise<void> {
    const data = this.files.get(from);
    if (data === undefined) throw fsError('ENOENT', 'rename', from);
    this.#parentExists(to, 'rename');
    this.files.delete(from);
    this.files.set(to, data);
  }

  async link(existing: string, newPath: string): Promise<void> {
    const data = this.files.get(existing);
    if (data === undefined) throw fsError('ENOENT', 'link', existing);
    if (this.files.has(newPath)) throw fsError('EEXIST', 'link', newPath);
    this.#parentExists(newPath, 'link');
    this.files.set(newPath, Buffer.from(data));
  }

  async copyFile(from: string, to: string): Promise<void> {
    await this.writeFile(to, await this.readFile(from));
  }

  async unlink(file: string): Promise<void> {
    if (!this.files.delete(file)) throw fsError('ENOENT', 'unlink', file);
  }

  async mkdir(dir: string, options: { recursive: boolean }): Promise<unknown> {
    if (this.dirs.has(dir)) {
      if (options.recursive) return undefined;
      throw fsError('EEXIST', 'mkdir', dir);
    }
    if (!this.dirs.has(path.dirname(dir))) {
      if (!options.recursive) throw fsError('ENOENT', 'mkdir', dir);
      await this.mkdir(path.dirname(dir), options);
    }
    this.dirs.add(dir);
    return dir;
  }

  async readdir(dir: string): Promise<string[]> {
    if (!this.dirs.has(dir)) throw fsError('ENOENT', 'scandir', dir);
    const names: string[] = [];
    for (const entry of [...this.files.keys(), ...this.dirs]) if (entry !== dir && path.dirname(entry) === dir) names.push(path.basename(entry));
    return names;
  }

  async stat(file: string): Promise<FileStat> {
    const data = this.files.get(file);
    if (data !== undefined) return { size: data.length, mtimeMs: 0, isDirectory: () => false };
    if (this.dirs.has(file)) return { size: 0, mtimeMs: 0, isDirectory: () => true };
    throw fsError('ENOENT', 'stat', file);
  }

  async syncDir(dir: string): Promise<void> {
    if (!this.dirs.has(dir)) throw fsError('ENOENT', 'open', dir);
  }

  async openAppend(file: string): Promise<AppendFile> {
    this.#parentExists(file, 'open');
    if (!this.files.has(file)) this.files.set(file, Buffer.alloc(0));
    return {
      append: async (data) => {
        this.files.set(file, Buffer.concat([this.files.get(file) ?? Buffer.alloc(0), Buffer.from(data)]));
      },
      sync: async () => undefined,
      close: async () => undefined,
    };
  }

  /** Removes a folder and everything in it (an unplugged drive). */
  removeTree(dir: string): void {
    for (const file of [...this.files.keys()]) if (file === dir || file.startsWith(`${dir}/`)) this.files.delete(file);
    for (const d of [...this.dirs]) if (d === dir || d.startsWith(`${dir}/`)) this.dirs.delete(d);
  }
}

type WriteCall = 'writeFile' | 'rename' | 'link' | 'copyFile' | 'unlink' | 'mkdir';

/**
 * Wraps a file system to make writes fail as a full disk (ENOSPC) or a read-only folder (EACCES,
 * EROFS) would. Tests run as root, where chmod blocks nothing, so this is how a failure is made.
 * A failing writeFile first writes half the bytes, as a real full disk does.
 */
export class FaultyFs implements StorageFs {
  /** The errno every write fails with, or null when writing works. */
  failWith: string | null = null;
  bytesWritten = 0;
  readonly reads: string[] = [];

  constructor(readonly inner: StorageFs = nodeStorageFs) {}

  #check(call: WriteCall, file: string): void {
    if (this.failWith !== null) throw fsError(this.failWith, call, file);
  }

  readFile(file: string): Promise<Buffer> {
    this.reads.push(file);
    return this.inner.readFile(file);
  }

  async writeFile(file: string, data: string | Uint8Array, options: { flush: boolean }): Promise<void> {
    if (this.failWith !== null) {
      const bytes = Buffer.from(data);
      await this.inner.writeFile(file, bytes.subarray(0, bytes.length >> 1), options).catch(() => undefined);
      this.#check('writeFile', file);
    }
    this.bytesWritten += Buffer.byteLength(data);
    return this.inner.writeFile(file, data, options);
  }

  async rename(from: string, to: string): Promise<void> {
    this.#check('rename', to);
    return this.inner.rename(from, to);
  }

  async link(existing: string, newPath: string): Promise<void> {
    this.#check('link', newPath);
    return this.inner.link(existing, newPath);
  }

  async copyFile(from: string, to: string): Promise<void> {
    this.#check('copyFile', to);
    return this.inner.copyFile(from, to);
  }

  async unlink(file: string): Promise<void> {
    // Deleting frees space: a full disk still allows it, a read-only one does not.
    if (this.failWith !== 'ENOSPC') this.#check('unlink', file);
    return this.inner.unlink(file);
  }

  async mkdir(dir: string, options: { recursive: boolean }): Promise<unknown> {
    this.#check('mkdir', dir);
    return this.inner.mkdir(dir, options);
  }

  readdir(dir: string): Promise<string[]> {
    return this.inner.readdir(dir);
  }

  stat(file: string): Promise<FileStat> {
    return this.inner.stat(file);
  }

  syncDir(dir: string): Promise<void> {
    return this.inner.syncDir(dir);
  }

  async openAppend(file: string): Promise<AppendFile> {
    this.#check('writeFile', file);
    const inner = await this.inner.openAppend(file);
    return {
      append: async (data) => {
        this.#check('writeFile', file);
        this.bytesWritten += Buffer.byteLength(data);
        return inner.append(data);
      },
      sync: () => inner.sync(),
      close: () => inner.close(),
    };
  }
}

// ---- images written by hand, so the tests need no fixture files -----------------------------

export { exifTiff, tinyJpeg, tinyPng, tinyWebpWithGps } from './images';
