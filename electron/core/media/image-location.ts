import exifr from 'exifr';

/** Where a photo was taken, as its EXIF says. */
export interface GpsLocation {
  latitude: number;
  longitude: number;
}

export interface LocationFinding {
  /** True when the file carries any location: EXIF GPS, or GPS fields in XMP. */
  hasLocation: boolean;
  /** The coordinates, when they could be read. */
  location: GpsLocation | null;
}

const XMP_GPS = /exif:GPS(Latitude|Longitude)/;
const ASCII = new TextDecoder('latin1');

/** Finds a location in a JPEG, PNG or WebP. Never throws: an unreadable EXIF block is "no location". */
export async function findLocation(bytes: Uint8Array, mime: string): Promise<LocationFinding> {
  const exif = mime === 'image/webp' ? webpExifPayload(bytes) : mime === 'image/gif' ? null : bytes;
  let location: GpsLocation | null = null;
  if (exif !== null) {
    try {
      const gps = await exifr.gps(exif);
      if (gps !== undefined && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) {
        location = { latitude: gps.latitude, longitude: gps.longitude };
      }
    } catch {
      // exifr throws on files without EXIF it can parse: that is no location found, not an error
    }
  }
  const hasXmpGps = mime !== 'image/gif' && XMP_GPS.test(ASCII.decode(bytes));
  return { hasLocation: location !== null || hasXmpGps, location };
}

/** The image's EXIF orientation (1-8), which stripping keeps so the photo does not turn sideways. */
export async function orientationOf(bytes: Uint8Array): Promise<number | undefined> {
  try {
    return await exifr.orientation(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The same image without location: byte surgery, since no installed library writes EXIF. Pixels
 * are never decoded or re-encoded, so the image is bit-identical where it matters.
 */
export function removeLocation(bytes: Uint8Array, mime: string, orientation: number | undefined): Uint8Array {
  switch (mime) {
    case 'image/jpeg':
      return stripJpeg(bytes, orientation);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      return bytes;
  }
}

function startsWith(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

function u16be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function u32be(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

function u32le(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16) | ((bytes[offset + 3] ?? 0) << 24)) >>> 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const XMP_APP1 = 'http://ns.adobe.com/';

/**
 * JPEG: drops every APP1 Exif segment (GPS lives in its GPS IFD, but the camera's serial number and
 * the thumbnail's own EXIF go with it) and any XMP segment naming GPS fields. When the photo had an
 * orientation other than 1, a 34-byte Exif segment with only that tag takes the old one's place.
 */
function stripJpeg(bytes: Uint8Array, orientation: number | undefined): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  const kept: Uint8Array[] = [];
  let afterApp0 = -1;
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error('damaged JPEG: expected a marker');
    let marker = bytes[i + 1] ?? 0;
    // Fill bytes (0xFF padding) before a marker are allowed by the standard.
    while (marker === 0xff) {
      i++;
      marker = bytes[i + 1] ?? 0;
    }
    if (marker === 0xda || marker === 0xd9) {
      // Start of scan (or end of image): the rest is image data, copied untouched.
      kept.push(bytes.subarray(i));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(bytes.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const end = i + 2 + u16be(bytes, i + 2);
    if (end > bytes.length) throw new Error('damaged JPEG: a segment runs past the end');
    const isExif = marker === 0xe1 && startsWith(bytes, i + 4, 'Exif\0\0');
    const isXmpWithGps = marker === 0xe1 && startsWith(bytes, i + 4, XMP_APP1) && XMP_GPS.test(ASCII.decode(bytes.subarray(i, end)));
    if (!isExif && !isXmpWithGps) {
      kept.push(bytes.subarray(i, end));
      if (marker === 0xe0) afterApp0 = kept.length;
    }
    i = end;
  }
  const parts = [bytes.subarray(0, 2), ...kept];
  if (orientation !== undefined && orientation !== 1) {
    // JFIF requires APP0 to come first, so the new segment goes right after it when there is one.
    parts.splice(afterApp0 === -1 ? 1 : afterApp0 + 1, 0, orientationOnlyExif(orientation));
  }
  return concat(parts);
}

/** APP1 "Exif" with a big-endian TIFF header and one IFD0 entry: Orientation (0x0112, SHORT). */
export function orientationOnlyExif(orientation: number): Uint8Array {
  return Uint8Array.from([
    0xff, 0xe1, 0x00, 0x22, // APP1, length 34
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation & 0xff, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: drops the eXIf chunk and XMP text chunks; every other chunk (and its CRC) is copied as is. */
function stripPng(bytes: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i + 8 <= bytes.length) {
    const length = u32be(bytes, i);
    const end = i + 12 + length;
    if (end > bytes.length) throw new Error('damaged PNG: a chunk runs past the end');
    const isExif = startsWith(bytes, i + 4, 'eXIf');
    const isXmp = (startsWith(bytes, i + 4, 'iTXt') || startsWith(bytes, i + 4, 'tEXt') || startsWith(bytes, i + 4, 'zTXt')) && startsWith(bytes, i + 8, 'XML:com.adobe.xmp');
    if (!isExif && !isXmp) kept.push(bytes.subarray(i, end));
    i = end;
  }
  return concat(kept);
}

interface RiffChunk {
  fourcc: string;
  start: number;
  end: number;
}

function webpChunks(bytes: Uint8Array): RiffChunk[] {
  if (!startsWith(bytes, 0, 'RIFF') || !startsWith(bytes, 8, 'WEBP')) throw new Error('not a WebP');
  const chunks: RiffChunk[] = [];
  let i = 12;
  while (i + 8 <= bytes.length) {
    const size = u32le(bytes, i + 4);
    // Chunks are padded to an even size.
    const end = i + 8 + size + (size % 2);
    if (end > bytes.length + 1) throw new Error('damaged WebP: a chunk runs past the end');
    chunks.push({ fourcc: String.fromCharCode(...bytes.subarray(i, i + 4)), start: i, end: Math.min(end, bytes.length) });
    i = end;
  }
  return chunks;
}

function webpExifPayload(bytes: Uint8Array): Uint8Array | null {
  try {
    const chunk = webpChunks(bytes).find((c) => c.fourcc === 'EXIF');
    if (chunk === undefined) return null;
    const payload = bytes.subarray(chunk.start + 8, chunk.start + 8 + u32le(bytes, chunk.start + 4));
    // Some writers put JPEG's "Exif\0\0" prefix before the TIFF header.
    return startsWith(payload, 0, 'Exif\0\0') ? payload.subarray(6) : payload;
  } catch {
    return null;
  }
}

/** WebP: drops the EXIF chunk (and XMP naming GPS), clears their flags in VP8X, fixes the RIFF size. */
function stripWebp(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 12)];
  let removedExif = false;
  let removedXmp = false;
  for (const chunk of webpChunks(bytes)) {
    const data = bytes.subarray(chunk.start, chunk.end);
    if (chunk.fourcc === 'EXIF') {
      removedExif = true;
      continue;
    }
    if (chunk.fourcc === 'XMP ' && XMP_GPS.test(ASCII.decode(data))) {
      removedXmp = true;
      continue;
    }
    kept.push(chunk.fourcc === 'VP8X' ? Uint8Array.from(data) : data);
  }
  const out = concat(kept);
  const vp8x = webpChunks(out).find((c) => c.fourcc === 'VP8X');
  if (vp8x !== undefined) {
    let flags = out[vp8x.start + 8] ?? 0;
    if (removedExif) flags &= ~0x08;
    if (removedXmp) flags &= ~0x04;
    out[vp8x.start + 8] = flags;
  }
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(4, out.length - 8, true);
  return out;
}
