import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaLibrary, toMediaRef } from '../../../electron/core/media';
import { MediaRefSchema } from '../../../common/domain';
import { StorageError, type StoreRecovered } from '../../../electron/core/storage';
import { FakeClock, FaultyFs, removeTempDirs, tempDir, tinyJpeg, tinyPng, treeSnapshot } from '../../support/storage-fixtures';
import { failureOf } from '../../support/failure';

afterAll(removeTempDirs);

function library(extra: { maxBytes?: number } = {}) {
  const dataDir = tempDir('spheres-media-');
  const fs = new FaultyFs();
  const notices: StoreRecovered[] = [];
  const media = new MediaLibrary({ dataDir, fs, now: new FakeClock().now, onRecovered: (n) => notices.push(n), ...extra });
  return { dataDir, fs, media, notices };
}

const failure = failureOf(StorageError);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the media library', () => {
  it('copies an image under the sha256 of its bytes and describes it as a MediaRef', async () => {
    const { media, dataDir } = library();
    const png = tinyPng({ width: 4, height: 3 });
    const record = await media.importBytes(png, 'chart.png');
    const id = sha256(png);
    expect(record).toEqual({ mediaId: id, mime: 'image/png', bytes: png.length, width: 4, height: 3, altText: '', hasLocation: false, location: null });
    expect(MediaRefSchema.parse(toMediaRef(record, 'A bar chart'))).toEqual({ mediaId: id, mime: 'image/png', bytes: png.length, width: 4, height: 3, altText: 'A bar chart' });
    expect(readFileSync(path.join(dataDir, 'media', id.slice(0, 2), id)).equals(png)).toBe(true);
  });

  it('stores the same image once, however often it is attached', async () => {
    const { media, dataDir } = library();
    const png = tinyPng();
    const first = await media.importBytes(png);
    const second = await media.importBytes(Buffer.from(png));
    expect(second.mediaId).toBe(first.mediaId);
    expect(await media.list()).toEqual([first.mediaId]);
    expect(readdirSync(path.join(dataDir, 'media', first.mediaId.slice(0, 2)))).toEqual([first.mediaId]);
  });

  it('trusts the bytes, not the name: a PNG saved as photo.jpg is a PNG', async () => {
    const { media } = library();
    const file = path.join(tempDir(), 'photo.jpg');
    writeFileSync(file, tinyPng());
    expect((await media.importFile(file)).mime).toBe('image/png');
  });

  it('refuses a broken image with a sentence naming it, and stores nothing', async () => {
    const { media, dataDir } = library();
    const file = path.join(tempDir(), 'holiday.jpg');
    const jpeg = tinyJpeg();
    writeFileSync(file, jpeg.subarray(0, jpeg.length - 10));
    const error = await failure(media.importFile(file));
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toBe(
      'holiday.jpg looks like a JPEG image but cannot be read: it may be damaged or incomplete. Open it in an image viewer and save a new copy, then try again.',
    );
    expect(existsSync(path.join(dataDir, 'media'))).toBe(false);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const { media, fs } = library({ maxBytes: 1024 });
    const file = path.join(tempDir(), 'poster.png');
    const png = tinyPng();
    writeFileSync(file, Buffer.concat([png, Buffer.alloc(3072 - png.length)]));
    const error = await failure(media.importFile(file));
    expect(error.code).toBe('media_too_large');
    expect(error.message).toBe('poster.png is 3.0 KB; the largest image Spheres takes is 1.0 KB. Make it smaller (resize or export at lower quality) and try again.');
    expect(fs.reads).toEqual([]);
  });

  it('says the disk is full and leaves no half-written image behind', async () => {
    const { media, fs, dataDir } = library();
    await media.importBytes(tinyPng({ rgb: [1, 2, 3] }));
    const before = treeSnapshot(dataDir);
    fs.failWith = 'ENOSPC';
    expect((await failure(media.importBytes(tinyPng({ rgb: [4, 5, 6] })))).code).toBe('disk_full');
    expect(treeSnapshot(dataDir)).toEqual(before);
  });

  it('notices a stored image whose bytes changed, sets it aside and says so', async () => {
    const { media, notices } = library();
    const { mediaId } = await media.importBytes(tinyPng());
    const file = media.pathOf(mediaId);
    writeFileSync(file, tinyPng({ rgb: [0, 0, 0] }));
    const error = await failure(media.read(mediaId));
    expect(error.code).toBe('corrupt');
    expect(notices).toEqual([{ file, movedTo: `${file}.corrupt-20261102T090000000Z`, restoredFrom: null }]);
    expect(await media.has(mediaId)).toBe(false);
  });
});

describe('location in attached photos', () => {
  it('warns that a photo carries its GPS position', async () => {
    const { media } = library();
    const record = await media.importBytes(tinyJpeg({ gps: true, orientation: 6 }), 'IMG_0001.jpg');
    expect(record).toMatchObject({ mime: 'image/jpeg', width: 2, height: 3, hasLocation: true, location: { latitude: 55.67508333333333, longitude: 12.582222222222223 } });
  });

  it('strips the location into a new image, keeping the original and the orientation', async () => {
    const { media } = library();
    const original = await media.importBytes(tinyJpeg({ gps: true, orientation: 6 }), 'IMG_0001.jpg');
    const stripped = await media.stripLocation(original.mediaId);
    expect(stripped).toMatchObject({ mime: 'image/jpeg', width: 2, height: 3, hasLocation: false, location: null });
    expect(stripped.mediaId).not.toBe(original.mediaId);
    const onDisk = readFileSync(media.pathOf(stripped.mediaId));
    expect(sha256(onDisk)).toBe(stripped.mediaId);
    expect(await exifr.gps(onDisk)).toBeUndefined();
    expect(await exifr.orientation(onDisk)).toBe(6);
    expect((await media.list()).sort()).toEqual([original.mediaId, stripped.mediaId].sort());
  });

  it('strips the location from a PNG too', async () => {
    const { media } = library();
    const original = await media.importBytes(tinyPng({ gps: true }));
    expect(original.hasLocation).toBe(true);
    const stripped = await media.stripLocation(original.mediaId);
    expect(stripped.hasLocation).toBe(false);
    expect(await exifr.gps(readFileSync(media.pathOf(stripped.mediaId)))).toBeUndefined();
  });

  it('hands back a photo without location as it is', async () => {
    const { media } = library();
    const original = await media.importBytes(tinyJpeg());
    expect(await media.stripLocation(original.mediaId)).toEqual(original);
  });
});
