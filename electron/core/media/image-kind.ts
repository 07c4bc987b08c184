import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { damagedMedia, unsupportedMedia } from './media-errors';

/** What every network Spheres posts to accepts as an image. */
export const ACCEPTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

function isAccepted(mime: string): mime is AcceptedImageType {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(mime);
}

export interface ImageKind {
  mime: AcceptedImageType;
  /** As displayed: swapped for EXIF orientations 5-8 (rotated a quarter turn). */
  width: number;
  height: number;
}

/**
 * The type comes from the bytes, never the file name: a PNG named photo.jpg is a PNG. An accepted
 * type whose size cannot be read is a damaged file, not a supported one.
 */
export async function identifyImage(bytes: Uint8Array, name: string): Promise<ImageKind> {
  const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (type === undefined || !isAccepted(type.mime)) throw unsupportedMedia(name, type?.mime);
  if (!looksComplete(bytes, type.mime)) throw damagedMedia(name, type.mime);
  let size: ReturnType<typeof imageSize>;
  try {
    // image-size reads through the view's whole ArrayBuffer: a slice of a bigger buffer is copied first.
    size = imageSize(bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? bytes : Uint8Array.from(bytes));
  } catch {
    throw damagedMedia(name, type.mime);
  }
  if (!(size.width > 0 && size.height > 0)) throw damagedMedia(name, type.mime);
  const quarterTurn = size.orientation !== undefined && size.orientation >= 5;
  return { mime: type.mime, width: quarterTurn ? size.height : size.width, height: quarterTurn ? size.width : size.height };
}

function lastIndexOf(bytes: Uint8Array, pattern: readonly number[]): number {
  outer: for (let i = bytes.length - pattern.length; i >= 0; i--) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Whether the file reaches its format's end marker. Without a pixel decoder this is how a download
 * cut short, the commonest broken image, is caught: its header reads fine, its end is missing.
 */
function looksComplete(bytes: Uint8Array, mime: AcceptedImageType): boolean {
  switch (mime) {
    case 'image/png':
      // IEND, the last chunk; some tools pad after it, so it is searched for near the end.
      return lastIndexOf(bytes.subarray(Math.max(0, bytes.length - 1024)), [0x49, 0x45, 0x4e, 0x44]) !== -1;
    case 'image/jpeg': {
      const startOfScan = lastIndexOf(bytes, [0xff, 0xda]);
      return startOfScan !== -1 && lastIndexOf(bytes, [0xff, 0xd9]) > startOfScan;
    }
    case 'image/gif': {
      let end = bytes.length - 1;
      while (end > 0 && bytes[end] === 0) end--;
      return bytes[end] === 0x3b;
    }
    case 'image/webp': {
      const riffSize = (bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16) | ((bytes[7] ?? 0) << 24);
      return riffSize >>> 0 <= bytes.length - 8;
    }
  }
}
