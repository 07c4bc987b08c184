import { crc32, deflateSync } from 'node:zlib';

/** Tiny images built byte by byte, for tests of type sniffing and location (EXIF GPS) handling. */

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
