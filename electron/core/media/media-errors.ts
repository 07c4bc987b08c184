import { StorageError } from '../storage/storage-error';

const ACCEPTED_NAMES = 'JPEG, PNG, GIF or WebP';

function sizeOf(bytes: number): string {
  return bytes < 1_048_576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}

export function unsupportedMedia(name: string, found: string | undefined): StorageError {
  const what = found === undefined ? 'not an image Spheres recognises' : `a file of type ${found}`;
  return new StorageError(
    'unsupported_media',
    `${name} is ${what}. Spheres can attach ${ACCEPTED_NAMES} images; convert it to one of those and try again.`,
    { path: name, reason: found ?? 'unknown type' },
  );
}

const LABELS: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WebP' };

export function damagedMedia(name: string, mime: string): StorageError {
  return new StorageError(
    'unsupported_media',
    `${name} looks like a ${LABELS[mime] ?? mime} image but cannot be read: it may be damaged or incomplete. Open it in an image viewer and save a new copy, then try again.`,
    { path: name, reason: 'damaged' },
  );
}

export function mediaTooLarge(name: string, bytes: number, maxBytes: number): StorageError {
  return new StorageError(
    'media_too_large',
    `${name} is ${sizeOf(bytes)}; the largest image Spheres takes is ${sizeOf(maxBytes)}. Make it smaller (resize or export at lower quality) and try again.`,
    { path: name, reason: `${bytes} bytes` },
  );
}

export function mediaNotFound(mediaId: string): StorageError {
  return new StorageError('not_found', `The image ${mediaId} is not in the media library: it may have been removed.`, { mediaId });
}

export function mediaDamaged(file: string, mediaId: string, movedTo: string | null): StorageError {
  const kept = movedTo === null ? '' : ` It was kept as ${movedTo}.`;
  return new StorageError(
    'corrupt',
    `The stored image ${file} no longer matches what was imported (its content changed on disk).${kept} Attach the original image again.`,
    { path: file, mediaId },
  );
}

export function locationNotRemoved(name: string): StorageError {
  return new StorageError(
    'unsupported_media',
    `Spheres could not remove the location from ${name}: it is stored in a way Spheres does not edit. Remove it with your photo app before attaching it.`,
    { path: name, reason: 'location remains' },
  );
}
