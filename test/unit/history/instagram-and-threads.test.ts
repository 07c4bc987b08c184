import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_FORMATS, instagramFormat, threadsFormat } from '../../../electron/core/history/formats';
import { folderFiles, memoryArchive, readHistory } from '../../support/memory-archive';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/history');

describe('an Instagram export that also holds the person\'s Threads posts', () => {
  it('is read as one export with both networks\' posts, each under its own network', async () => {
    const archive = memoryArchive('instagram-alice-2025.zip', { ...folderFiles(path.join(FIXTURES, 'instagram/2025')), ...folderFiles(path.join(FIXTURES, 'threads')) });
    const detected: string[] = [];
    for (const format of HISTORY_FORMATS) if (await format.detect(archive)) detected.push(format.label);
    // The first format that says yes reads the export: the combined one.
    expect(detected[0]).toBe('Instagram and Threads export');

    const combined = HISTORY_FORMATS.find((format) => format.label === 'Instagram and Threads export')!;
    const { posts } = await readHistory(combined, archive);
    const instagram = await readHistory(instagramFormat, archive);
    const threads = await readHistory(threadsFormat, archive);
    expect(posts.map((post) => [post.network, post.remoteId])).toEqual([...instagram.posts, ...threads.posts].map((post) => [post.network, post.remoteId]));
    expect(new Set(posts.map((post) => post.network))).toEqual(new Set(['instagram', 'threads']));
  });

  it('an Instagram export without Threads posts is read as Instagram alone', async () => {
    const archive = memoryArchive('instagram-alice-2025.zip', folderFiles(path.join(FIXTURES, 'instagram/2025')));
    const first = await (async () => {
      for (const format of HISTORY_FORMATS) if (await format.detect(archive)) return format.label;
      return null;
    })();
    expect(first).toBe(instagramFormat.label);
  });
});
