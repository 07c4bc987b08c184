import { describe, expect, it } from 'vitest';
import type { MediaRef } from '../../../common/domain';
import { findLocation } from '../../../electron/core/media';
import { readPostImage } from '../../../electron/core/outbox/publishers/post-image';
import { StorageError } from '../../../electron/core/storage';
import { tinyJpeg, tinyWebpWithGps } from '../../support/images';

const ID = 'ab'.repeat(32);
const ref = (altText = 'Alt'): MediaRef => ({ mediaId: ID, mime: 'image/jpeg', bytes: 1, altText });

describe('reading an attached image for upload', () => {
  it('removes the location from a JPEG, keeps its orientation, and reads type and displayed size from the bytes', async () => {
    const photo = tinyJpeg({ gps: true, orientation: 6 });
    const image = await readPostImage(ref('Turned'), async () => photo, 'Bluesky');
    expect(image).toMatchObject({ mediaId: ID, mime: 'image/jpeg', width: 2, height: 3, altText: 'Turned' });
    expect((await findLocation(photo, 'image/jpeg')).hasLocation).toBe(true);
    expect((await findLocation(image.bytes, 'image/jpeg')).hasLocation).toBe(false);
  });

  it('removes the location from a WebP too', async () => {
    const image = await readPostImage(ref(), async () => tinyWebpWithGps(), 'Mastodon');
    expect(image.mime).toBe('image/webp');
    expect((await findLocation(image.bytes, 'image/webp')).hasLocation).toBe(false);
  });

  it('fails for good when the image is gone from the library or is not an image, and saying which', async () => {
    const gone = async () => {
      throw new StorageError('not_found', `The image ${ID} is not in the media library: it may have been removed.`, { mediaId: ID });
    };
    await expect(readPostImage(ref(), gone, 'Bluesky')).rejects.toMatchObject({ kind: 'permanent', code: 'rejected', message: `The image abababab could not be used: The image ${ID} is not in the media library: it may have been removed.` });
    await expect(readPostImage(ref(), async () => Buffer.from('plain text'), 'Bluesky')).rejects.toMatchObject({
      kind: 'permanent',
      message: 'The image abababab is not an image Bluesky takes (JPEG, PNG, GIF or WebP). Remove it from the post and attach it again.',
    });
    await expect(readPostImage(ref(), undefined, 'Mastodon')).rejects.toMatchObject({ kind: 'permanent', code: 'rejected' });
  });

  it('tries again later when the disk could not be read just now', async () => {
    const busy = async () => {
      throw new StorageError('io_error', 'EIO', {});
    };
    await expect(readPostImage(ref(), busy, 'Bluesky')).rejects.toMatchObject({ kind: 'retryable' });
  });
});
