import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { facebookFormat } from '../../../electron/core/history/facebook-format';
import type { HistoryFormat } from '../../../electron/core/history/history-format';
import { instagramFormat } from '../../../electron/core/history/instagram-format';
import { threadsFormat } from '../../../electron/core/history/threads-format';
import { folderArchive, folderFiles, readHistory } from '../../support/memory-archive';
import { openZipArchive, zipOf } from '../../support/yauzl-archive';

const FIXTURES = path.resolve(__dirname, '../../fixtures/history');

describe.each([
  ['instagram/2025', instagramFormat],
  ['instagram/2022', instagramFormat],
  ['threads', threadsFormat],
  ['facebook', facebookFormat],
] as [string, HistoryFormat][])('the %s fixture packed as a real zip', (folder, format) => {
  it('reads the same posts from the zip as from the files, and its images byte for byte', async () => {
    const files = folderFiles(path.join(FIXTURES, folder));
    const zip = await openZipArchive('export.zip', await zipOf(files));
    try {
      expect(await format.detect(zip)).toBe(true);
      const fromZip = await readHistory(format, zip);
      const fromFiles = await readHistory(format, folderArchive(path.join(FIXTURES, folder), 'export.zip'));
      expect(fromZip).toStrictEqual(fromFiles);
      expect(fromZip.posts.length).toBeGreaterThan(0);
      for (const media of fromZip.posts.flatMap((post) => post.media)) {
        expect(Buffer.from(await zip.read(media.path))).toStrictEqual(Buffer.from(files[media.path]!));
      }
    } finally {
      await zip.close();
    }
  });
});
