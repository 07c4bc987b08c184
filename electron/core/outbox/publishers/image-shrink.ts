import type Sharp from 'sharp';
import { PublishFailure } from '../publish-failure';
import { imageName, type PostImage } from './post-image';

/** Makes an image at most `maxBytes` long, keeping as much of it as it can. */
export type ShrinkImage = (image: PostImage, maxBytes: number) => Promise<PostImage>;

/** Re-encodings tried before giving up: each scales down by what the last one missed, and a bit more. */
const MAX_ATTEMPTS = 8;
const FIRST_QUALITY = 85;
const LATER_QUALITY = 80;

/**
 * sharp (libvips) is the image library already installed (through @atproto/dev-env); it is loaded
 * only when an image is too large. Its output carries no EXIF, XMP or ICC location by default
 * (nothing is kept without `withMetadata`), and `rotate()` bakes the EXIF orientation into the
 * pixels so the photo does not turn sideways once the orientation tag is gone.
 */
let sharpModule: Promise<typeof Sharp> | undefined;
function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= import('sharp').then((module) => module.default);
  return sharpModule;
}

/**
 * Re-encodes a photo that is over a network's size limit: JPEG, or WebP when it has transparency (JPEG
 * has none). First at full size, then smaller, never larger than it was. An animated GIF keeps only
 * its first frame. Fails for good, with the reason, when even small it does not fit.
 */
export const shrinkWithSharp: ShrinkImage = async (image, maxBytes) => {
  const sharp = await loadSharp();
  let hasAlpha: boolean;
  try {
    hasAlpha = (await sharp(image.bytes).metadata()).hasAlpha === true;
  } catch (error) {
    throw new PublishFailure('permanent', 'too_large', `The ${imageName(image.mediaId)} is over the size limit and could not be made smaller: its pixels cannot be read.`, { cause: error });
  }
  let width = image.width;
  let quality = FIRST_QUALITY;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && width >= 1; attempt++) {
    const resized = sharp(image.bytes, { failOn: 'none' }).rotate().resize({ width, withoutEnlargement: true });
    const encoded = hasAlpha ? resized.webp({ quality }) : resized.jpeg({ quality, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    if (data.length <= maxBytes) {
      return { ...image, bytes: new Uint8Array(data.buffer, data.byteOffset, data.length), mime: hasAlpha ? 'image/webp' : 'image/jpeg', width: info.width, height: info.height };
    }
    // Bytes grow with the area, so the side shrinks with the square root of what is too much; 0.9 for margin.
    width = Math.floor(info.width * Math.sqrt(maxBytes / data.length) * 0.9);
    quality = LATER_QUALITY;
  }
  throw new PublishFailure('permanent', 'too_large', `The ${imageName(image.mediaId)} could not be made smaller than ${maxBytes.toLocaleString('en')} bytes. Attach a smaller image, then Retry.`);
};
