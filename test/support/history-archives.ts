import { createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import yazl from 'yazl';

/** The fixtures of test/fixtures/history/<name>, as path → bytes. */
export function fixtureFiles(name: string): Map<string, Buffer | string> {
  const root = path.join(import.meta.dirname, '..', 'fixtures', 'history', name);
  const files = new Map<string, Buffer | string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full));
  }
  return files;
}

export function fixturePath(name: string, file: string): string {
  return path.join(import.meta.dirname, '..', 'fixtures', 'history', name, file);
}

/** A zip as a network writes one (deflated, with yazl). */
export async function writeZip(destination: string, files: ReadonlyMap<string, Uint8Array | string>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(destination));
  return destination;
}

/** A .tar.gz as Mastodon's older archives are. */
export async function writeTarGz(destination: string, files: ReadonlyMap<string, Uint8Array | string>): Promise<string> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => void chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const [name, bytes] of files) pack.entry({ name }, Buffer.from(bytes));
  pack.finalize();
  await done;
  writeFileSync(destination, gzipSync(Buffer.concat(chunks)));
  return destination;
}

/**
 * A stored (uncompressed) zip written byte by byte, so a test can put in what no zip tool would:
 * names that climb out, backslashes, sizes that lie. `declaredSize` overrides the uncompressed size.
 */
export function rawZip(entries: readonly { name: string; bytes: Uint8Array; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.bytes);
    const size = entry.bytes.length;
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.bytes));
    centrals.push(central, name);
    offset += 30 + name.length + size;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}
