import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaLibrary } from '../../../electron/core/media';
import { PostsService, exportLibrary } from '../../../electron/core/posts';
import { StorageError } from '../../../electron/core/storage';
import { inProcessApp } from '../../support/in-process-app';
import { startWebHostProcess } from '../../support/web-host-process';
import { webHostCaller } from '../../support/web-host-session';
import { removeTempDirs, tempDir } from '../../support/storage-fixtures';

afterAll(removeTempDirs);

describe('exporting on the web host and the errors of export and import', () => {
  it('exports on the web host into its exports folder, which did not exist before', { timeout: 60_000 }, async () => {
    const host = await startWebHostProcess(mkdtempSync(path.join(os.tmpdir(), 'spheres-export-host-')));
    try {
      const call = await webHostCaller(host.url);
      expect(existsSync(path.join(host.dataDir, 'exports'))).toBe(false);
      expect(await call('posts.saveDraft', { id: 'export-post-0001', text: 'Kept in the export', tone: 'blend' })).toMatchObject({ ok: true });
      const result = await call('library.export');
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ ok: true, value: { posts: 1, media: 0 } });
      const file = (result.value as { file: string }).file;
      expect(path.dirname(file)).toBe(path.join(host.dataDir, 'exports'));
      expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    } finally {
      await host.stop();
    }
  });

  it('an export that cannot be written names the file the user chose, never the temporary file beside it', async () => {
    const dataDir = tempDir('spheres-export-error-');
    const posts = await PostsService.open({ dataDir, foldAfterIdleMs: 0, retryDelaysMs: [] });
    const media = new MediaLibrary({ dataDir });
    const destination = path.join(dataDir, 'no such folder', 'my posts.zip');
    const failure = await exportLibrary({ posts, media, destination, appVersion: '0.1.0' }).catch((error: unknown) => error);
    await posts.close();
    expect(failure).toBeInstanceOf(StorageError);
    const error = failure as StorageError;
    expect(error.code).toBe('io_error');
    expect(error.message).toContain(destination);
    expect(error.message).toContain('its folder does not exist');
    expect(error.message).not.toContain('.partial');
  });

  it('an archive that cannot be imported is named where the user picked it', async () => {
    const picked = path.join(tempDir('spheres-picked-'), 'holiday posts.zip');
    writeFileSync(picked, 'not a zip at all');
    const app = await inProcessApp({ chooseImportPath: async () => picked });
    const failure = await app.api.library.importChosen().catch((error: unknown) => error);
    await app.core.close();
    expect(failure).toMatchObject({ code: 'invalid_archive' });
    const message = (failure as { message: string }).message;
    expect(message.startsWith(`${picked} cannot be imported: it is not a zip file`)).toBe(true);
    expect(readFileSync(picked, 'utf8')).toBe('not a zip at all');
  });
});
