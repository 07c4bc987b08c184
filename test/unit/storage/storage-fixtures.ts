import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { nodeStorageFs, type FileStat, type StorageFs } from '../../../electron/core/storage';

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
}

// ---- images written by hand, so the tests need no fixture files -----------------------------

function u16le(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff];
}

function u32le(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
}

function u16be(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function u32be(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** IFD entry, little-endian: tag, type, count, value or offset. */
function ifdEntry(tag: number, type: number, count: number, value: number[]): number[] {
  return [...u16le(tag), ...u16le(type), ...u32le(count), ...value, ...new Array<number>(4 - value.length).fill(0)];
}

function rational(numerator: number, denominator: number): number[] {
  return [...u32le(numerator), ...u32le(denominator)];
}

/** Degrees, minutes, seconds as three EXIF rationals. */
function dms(degrees: number, minutes: number, secondsTimes100: number): number[] {
  return [...rational(degrees, 1), ...rational(minutes, 1), ...rational(secondsTimes100, 100)];
}

/**
 * A little-endian TIFF block (what EXIF is) with IFD0 (Orientation, and a GPS pointer when asked)
 * and a GPS IFD at 55°40'30.3"N 12°34'56.0"E: Copenhagen.
 */
export function exifTiff(options: { gps: boolean; orientation?: number }): Uint8Array {
  const ifd0Entries = (options.orientation !== undefined ? 1 : 0) + (options.gps ? 1 : 0);
  const ifd0Size = 2 + ifd0Entries * 12 + 4;
  const gpsOffset = 8 + ifd0Size;
  const gpsSize = 2 + 4 * 12 + 4;
  const latOffset = gpsOffset + gpsSize;
  const lonOffset = latOffset + 24;
  const ifd0 = [...u16le(ifd0Entries)];
  if (options.orientation !== undefined) ifd0.push(...ifdEntry(0x0112, 3, 1, u16le(options.orientation)));
  if (options.gps) ifd0.push(...ifdEntry(0x8825, 4, 1, u32le(gpsOffset)));
  ifd0.push(...u32le(0));
  const bytes = [0x49, 0x49, 0x2a, 0x00, ...u32le(8), ...ifd0];
  if (options.gps) {
    bytes.push(
      ...u16le(4),
      ...ifdEntry(0x0001, 2, 2, [0x4e, 0]), // GPSLatitudeRef "N"
      ...ifdEntry(0x0002, 5, 3, u32le(latOffset)),
      ...ifdEntry(0x0003, 2, 2, [0x45, 0]), // GPSLongitudeRef "E"
      ...ifdEntry(0x0004, 5, 3, u32le(lonOffset)),
      ...u32le(0),
      ...dms(55, 40, 3030),
      ...dms(12, 34, 5600),
    );
  }
  return Uint8Array.from(bytes);
}

/**
 * A complete baseline JPEG, 3 wide and 2 high, one grey 8x8 block: JFIF APP0, optional EXIF APP1,
 * a flat quantisation table and one-code Huffman tables, so a decoder can really show it.
 */
export function tinyJpeg(options: { gps?: boolean; orientation?: number } = {}): Buffer {
  const parts: number[] = [0xff, 0xd8];
  parts.push(0xff, 0xe0, ...u16be(16), 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, ...u16be(1), ...u16be(1), 0, 0);
  if (options.gps === true || options.orientation !== undefined) {
    const tiff = exifTiff({ gps: options.gps === true, ...(options.orientation !== undefined ? { orientation: options.orientation } : {}) });
    parts.push(0xff, 0xe1, ...u16be(2 + 6 + tiff.length), 0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff);
  }
  parts.push(0xff, 0xdb, ...u16be(67), 0x00, ...new Array<number>(64).fill(1));
  parts.push(0xff, 0xc0, ...u16be(11), 8, ...u16be(2), ...u16be(3), 1, 1, 0x11, 0);
  // One code of length 1 each: DC "category 0", AC "end of block".
  parts.push(0xff, 0xc4, ...u16be(20), 0x00, 1, ...new Array<number>(15).fill(0), 0x00);
  parts.push(0xff, 0xc4, ...u16be(20), 0x10, 1, ...new Array<number>(15).fill(0), 0x00);
  parts.push(0xff, 0xda, ...u16be(8), 1, 1, 0x00, 0, 63, 0);
  // Bits "0" (DC 0) and "0" (EOB), padded with ones.
  parts.push(0x3f, 0xff, 0xd9);
  return Buffer.from(parts);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([Buffer.from(u32be(data.length)), typeAndData, Buffer.from(u32be(crc32(typeAndData)))]);
}

/** A real PNG of the given size and colour; with `gps`, an eXIf chunk carrying a location. */
export function tinyPng(options: { width?: number; height?: number; rgb?: [number, number, number]; gps?: boolean } = {}): Buffer {
  const width = options.width ?? 4;
  const height = options.height ?? 3;
  const [r, g, b] = options.rgb ?? [200, 30, 90];
  const row = [0, ...Array.from({ length: width }, () => [r, g, b]).flat()];
  const raw = Buffer.from(Array.from({ length: height }, () => row).flat());
  const ihdr = Buffer.from([...u32be(width), ...u32be(height), 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(options.gps === true ? [pngChunk('eXIf', exifTiff({ gps: true }))] : []),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A WebP (VP8L, lossless) of 1x1 with an EXIF chunk carrying a location, wrapped in VP8X. */
export function tinyWebpWithGps(): Buffer {
  // A 1x1 lossless bitstream: signature 0x2f, 14-bit width-1 and height-1 (0), alpha/version bits, then a green pixel.
  const vp8l = Buffer.from([0x2f, 0x00, 0x00, 0x00, 0x00, 0x88, 0x88, 0x08, 0x08, 0x00]);
  const exif = Buffer.from(exifTiff({ gps: true }));
  const chunk = (fourcc: string, data: Buffer) =>
    Buffer.concat([Buffer.from(fourcc, 'latin1'), Buffer.from(u32le(data.length)), data, data.length % 2 === 1 ? Buffer.from([0]) : Buffer.alloc(0)]);
  // VP8X: flags (EXIF = 0x08), 3 reserved bytes, canvas width-1 and height-1 as 24-bit values.
  const vp8x = Buffer.from([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), chunk('VP8X', vp8x), chunk('VP8L', vp8l), chunk('EXIF', exif)]);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from(u32le(body.length)), body]);
}
