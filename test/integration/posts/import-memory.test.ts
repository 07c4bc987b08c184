import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tinyPng } from '../../support/images';
import { inProcessApp } from '../../support/in-process-app';

/*
 * library.importChosen reads the user's archive where it is, one entry at a time: memory grows
 * with the largest image, not with the archive. (The base64 path it replaced held the archive
 * twice over: as a string of 4/3 its size, then as a Buffer copied to a temporary file.)
 */

const IMAGES = 40;
const IMAGE_BYTES = 2_500_000;

/** A real PNG padded to about `bytes` with an ancillary chunk of noise, so it neither compresses nor repeats. */
function paddedPng(bytes: number): Buffer {
  const png = tinyPng();
  const noise = randomBytes(bytes);
  const chunk = Buffer.alloc(12 + noise.length);
  chunk.writeUInt32BE(noise.length, 0);
  chunk.write('spHs', 4, 'latin1');
  noise.copy(chunk, 8);
  // After the signature (8 bytes) and IHDR (25 bytes): ancillary chunks may sit before the image data.
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

describe('importing a large archive', () => {
  it('reads a 100 MB archive from its place with memory growing far less than the archive', { timeout: 300_000 }, async () => {
    const source = await inProcessApp();
    for (let i = 0; i < IMAGES; i++) await source.core.media.importBytes(paddedPng(IMAGE_BYTES), `photo-${i}.png`);
    await source.api.posts.saveDraft({ id: 'large-archive-post', text: 'Forty photos', tone: 'private' });
    const archive = (await source.api.library.export()).file!;
    await source.core.close();
    onTestFinished(() => rmSync(source.dataDir, { recursive: true, force: true }));
    const archiveBytes = statSync(archive).size;
    expect(archiveBytes).toBeGreaterThan(IMAGES * IMAGE_BYTES);

    const target = await inProcessApp({ chooseImportPath: async () => archive });
    onTestFinished(() => rmSync(target.dataDir, { recursive: true, force: true }));
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 2);
    const result = await target.api.library.importChosen().finally(() => clearInterval(sampler));
    peak = Math.max(peak, process.memoryUsage().rss);
    await target.core.close();

    expect(result).toEqual({ added: 1, updated: 0, unchanged: 0, mediaAdded: IMAGES });
    const growth = peak - before;
    console.log(`import of a ${Math.round(archiveBytes / 1_048_576)} MB archive: peak RSS growth ${Math.round(growth / 1_048_576)} MB`);
    expect(growth).toBeLessThan(archiveBytes / 2);
  });
});
