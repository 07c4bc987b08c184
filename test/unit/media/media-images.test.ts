import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { findLocation, identifyImage } from '../../../electron/core/media';
import { orientationOnlyExif, removeLocation } from '../../../electron/core/media/image-location';
import { StorageError } from '../../../electron/core/storage';
import { tinyJpeg, tinyPng, tinyWebpWithGps } from '../../support/storage-fixtures';
import { failureOf } from '../../support/failure';

const failure = failureOf(StorageError);

const COPENHAGEN = { latitude: 55.67508333333333, longitude: 12.582222222222223 };

describe('what an image is, from its bytes', () => {
  it('reads type and size of a JPEG, a PNG and a WebP', async () => {
    expect(await identifyImage(tinyJpeg(), 'a.jpg')).toEqual({ mime: 'image/jpeg', width: 3, height: 2 });
    expect(await identifyImage(tinyPng({ width: 4, height: 3 }), 'a.png')).toEqual({ mime: 'image/png', width: 4, height: 3 });
    expect(await identifyImage(tinyWebpWithGps(), 'a.webp')).toEqual({ mime: 'image/webp', width: 1, height: 1 });
  });

  it('gives the displayed size of a photo taken sideways (EXIF orientation 6)', async () => {
    expect(await identifyImage(tinyJpeg({ orientation: 6 }), 'a.jpg')).toEqual({ mime: 'image/jpeg', width: 2, height: 3 });
  });

  it('refuses a text file with a sentence that names the accepted types', async () => {
    const error = await failure(identifyImage(Buffer.from('hello, this is not a picture at all'), 'notes.jpg'));
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toBe('notes.jpg is not an image Spheres recognises. Spheres can attach JPEG, PNG, GIF or WebP images; convert it to one of those and try again.');
  });

  it('refuses a PDF and names what it found', async () => {
    const error = await failure(identifyImage(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'flyer.png'));
    expect(error.code).toBe('unsupported_media');
    expect(error.message).toContain('flyer.png is a file of type application/pdf.');
  });

  it('calls a PNG cut off half-way (a broken download) damaged, not unsupported', async () => {
    const png = tinyPng();
    const error = await failure(identifyImage(png.subarray(0, png.length - 20), 'cut.png'));
    expect(error.code).toBe('unsupported_media');
    expect(error.details.reason).toBe('damaged');
    expect(error.message).toContain('cut.png looks like a PNG image but cannot be read: it may be damaged or incomplete.');
  });

  it('calls a JPEG that stops before its end marker damaged', async () => {
    const jpeg = tinyJpeg();
    expect((await failure(identifyImage(jpeg.subarray(0, jpeg.length - 2), 'cut.jpg'))).details.reason).toBe('damaged');
  });
});

describe('location in photos', () => {
  it('finds the GPS position in a JPEG', async () => {
    expect(await findLocation(tinyJpeg({ gps: true }), 'image/jpeg')).toEqual({ hasLocation: true, location: COPENHAGEN });
  });

  it('finds no location in a JPEG without GPS', async () => {
    expect(await findLocation(tinyJpeg({ orientation: 6 }), 'image/jpeg')).toEqual({ hasLocation: false, location: null });
  });

  it('finds the GPS position in a PNG eXIf chunk and in a WebP EXIF chunk', async () => {
    expect(await findLocation(tinyPng({ gps: true }), 'image/png')).toEqual({ hasLocation: true, location: COPENHAGEN });
    expect(await findLocation(tinyWebpWithGps(), 'image/webp')).toEqual({ hasLocation: true, location: COPENHAGEN });
  });

  it('strips GPS from a JPEG, keeps its orientation, and leaves the image data byte for byte', async () => {
    const original = tinyJpeg({ gps: true, orientation: 6 });
    const stripped = removeLocation(original, 'image/jpeg', 6);
    expect(await exifr.gps(stripped)).toBeUndefined();
    expect(await exifr.orientation(stripped)).toBe(6);
    const scan = (bytes: Uint8Array) => Buffer.from(bytes).subarray(Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xdb])));
    expect(scan(stripped).equals(scan(original))).toBe(true);
    expect(await identifyImage(stripped, 'stripped.jpg')).toEqual({ mime: 'image/jpeg', width: 2, height: 3 });
  });

  it('strips the whole Exif segment of an upright JPEG and adds none back', async () => {
    const stripped = removeLocation(tinyJpeg({ gps: true }), 'image/jpeg', undefined);
    expect(Buffer.from(stripped).includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(Buffer.from(stripped).subarray(0, 4).equals(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
  });

  it('writes an orientation-only Exif segment that exifr reads back', async () => {
    const segment = orientationOnlyExif(8);
    expect(segment.length).toBe(36);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), segment, tinyJpeg().subarray(2)]);
    expect(await exifr.orientation(jpeg)).toBe(8);
  });

  it('strips GPS from a PNG and from a WebP, which stay readable images', async () => {
    const png = removeLocation(tinyPng({ gps: true }), 'image/png', undefined);
    expect(await findLocation(png, 'image/png')).toEqual({ hasLocation: false, location: null });
    expect(await identifyImage(png, 'a.png')).toEqual({ mime: 'image/png', width: 4, height: 3 });
    const webp = removeLocation(tinyWebpWithGps(), 'image/webp', undefined);
    expect(await findLocation(webp, 'image/webp')).toEqual({ hasLocation: false, location: null });
    expect(await identifyImage(webp, 'a.webp')).toEqual({ mime: 'image/webp', width: 1, height: 1 });
    expect(Buffer.from(webp).readUInt32LE(4)).toBe(webp.length - 8);
  });
});
