import type { MediaRef } from '../../../../common/domain';
import { identifyImage, type AcceptedImageType } from '../../media/image-kind';
import { findLocation, orientationOf, removeLocation } from '../../media/image-location';
import { isStorageError } from '../../storage';
import { PublishFailure } from '../publish-failure';

/** The bytes of a library image by its id (MediaLibrary.read, which checks them against the id). */
export type ReadMedia = (mediaId: string) => Promise<Uint8Array>;

/** An image ready to leave this computer: its location removed, its type and size read from the bytes. */
export interface PostImage {
  mediaId: string;
  bytes: Uint8Array;
  mime: AcceptedImageType;
  /** As displayed (EXIF orientation applied). */
  width: number;
  height: number;
  altText: string;
}

/** A short name for an image in a sentence: the start of its id (the library names files by their sha256). */
export function imageName(mediaId: string): string {
  return `image ${mediaId.slice(0, 8)}`;
}

/**
 * Reads one attached image and strips its location, whatever the composer already did: the post
 * may hold an image attached before stripping was offered, and location must never leave (issue 13).
 * The check after stripping is what guarantees it, not the surgery: GPS somewhere the surgery does
 * not reach fails the post for good instead of slipping out.
 */
export async function readPostImage(ref: MediaRef, readMedia: ReadMedia | undefined, network: string): Promise<PostImage> {
  const name = imageName(ref.mediaId);
  if (readMedia === undefined) {
    throw new PublishFailure('permanent', 'rejected', `Spheres cannot read images for ${network} here, so the post with the ${name} was not sent.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readMedia(ref.mediaId);
  } catch (error) {
    throw mediaReadFailure(error, name);
  }
  let kind;
  try {
    kind = await identifyImage(bytes, name);
  } catch {
    throw new PublishFailure('permanent', 'rejected', `The ${name} is not an image ${network} takes (JPEG, PNG, GIF or WebP). Remove it from the post and attach it again.`);
  }
  const clean = await withoutLocation(bytes, kind.mime, name);
  return { mediaId: ref.mediaId, bytes: clean, mime: kind.mime, width: kind.width, height: kind.height, altText: ref.altText };
}

/** The bytes without any location (EXIF GPS, XMP GPS); a permanent failure when it cannot be removed for sure. */
export async function withoutLocation(bytes: Uint8Array, mime: AcceptedImageType, name: string): Promise<Uint8Array> {
  if (!(await findLocation(bytes, mime)).hasLocation) return bytes;
  let stripped: Uint8Array | null;
  try {
    stripped = removeLocation(bytes, mime, mime === 'image/jpeg' ? await orientationOf(bytes) : undefined);
  } catch {
    stripped = null;
  }
  if (stripped === null || (await findLocation(stripped, mime)).hasLocation) {
    throw new PublishFailure('permanent', 'rejected', `Spheres could not remove the location from the ${name}, so the post was not sent. Remove the location with your photo app, attach the image again, then Retry.`);
  }
  return stripped;
}

/** A library image that could not be read: gone or damaged is for the person to fix; a disk hiccup passes. */
function mediaReadFailure(error: unknown, name: string): PublishFailure {
  if (isStorageError(error) && (error.code === 'not_found' || error.code === 'corrupt' || error.code === 'unsupported_media' || error.code === 'media_too_large')) {
    return new PublishFailure('permanent', 'rejected', `The ${name} could not be used: ${error.message}`, { cause: error });
  }
  return new PublishFailure('retryable', 'server_error', `Spheres could not read the ${name} from its data folder just now; it tries the post again shortly.`, { cause: error });
}
