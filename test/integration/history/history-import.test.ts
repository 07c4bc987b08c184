import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../common/api';
import { importedPostId } from '../../../electron/core/history';
import { changedFiles, snapshotFolder } from '../../support/folder-snapshot';
import { fixtureFiles, writeZip } from '../../support/history-archives';
import { inProcessApp } from '../../support/in-process-app';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function xArchive(): Promise<string> {
  return writeZip(path.join(mkdtempSync(path.join(os.tmpdir(), 'spheres-export-')), 'twitter-2024.zip'), fixtureFiles('x-archive'));
}

describe('Settings → Import history, through the app', () => {
  it('picks the export in the dialog, shows its summary, imports it with progress, and a second import adds nothing', async () => {
    const file = await xArchive();
    const { core, api, dataDir } = await inProcessApp({ host: { transport: 'electron', platform: 'linux' }, chooseHistoryPath: async () => file });
    closers.push(() => core.close());
    const draft = await api.posts.saveDraft({ id: 'my-draft-0001', text: 'Still writing', tone: 'blend' });
    const progress: EventPayload<'history.progress'>[] = [];
    api.on('history.progress', (event) => progress.push(event));

    expect(await api.history.choose()).toEqual({ path: file });
    const summary = await api.history.inspect({ path: file });
    expect([summary.format, summary.posts, summary.replies, summary.reposts, summary.images, summary.alreadyInSpheres]).toEqual(['X archive', 5, 1, 1, 1, 0]);

    const report = await api.history.import({ path: file });
    // By default replies come in (the person's words) and reposts stay out (someone else's).
    expect([report.imported, report.leftOut, report.duplicates, report.cancelled]).toEqual([4, 1, 0, false]);
    expect(progress.map((event) => event.phase)).toContain('saving');
    const imported = await api.posts.get({ id: importedPostId('x', '1600000000000000002') });
    expect([imported.status, imported.tone, imported.results[0]?.remoteIds]).toEqual(['published', null, ['1600000000000000002']]);
    expect(await api.posts.get({ id: draft.id })).toEqual(draft);

    await core.posts.compact();
    const before = snapshotFolder(dataDir);
    const again = await api.history.import({ path: file, includeReposts: true });
    expect([again.imported, again.duplicates]).toEqual([1, 4]);
    expect(changedFiles(before, snapshotFolder(dataDir)).filter((name) => !name.startsWith('posts/'))).toEqual([]);
  });

  it('in the desktop app, reads only a file the person picked in the dialog', async () => {
    const file = await xArchive();
    const { core, api } = await inProcessApp({ host: { transport: 'electron', platform: 'linux' }, chooseHistoryPath: async () => null });
    closers.push(() => core.close());
    expect(await api.history.choose()).toEqual({ path: null });
    await expect(api.history.inspect({ path: file })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(api.history.inspect({ path: 'relative/file.zip' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses a damaged export with its name and stores nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-export-'));
    const file = await writeZip(path.join(dir, 'twitter-2024.zip'), new Map([['data/tweets.js', '<html><body>Rate limited</body></html>']]));
    const { core, api, dataDir } = await inProcessApp();
    closers.push(() => core.close());
    const before = snapshotFolder(dataDir);
    await expect(api.history.import({ path: file })).rejects.toMatchObject({
      code: 'invalid_archive',
      message: `${file}: data/tweets.js is a web page (HTML), not the export's data. Download the export again from the network's settings.`,
    });
    expect(changedFiles(before, snapshotFolder(dataDir))).toEqual([]);
  });

  it('refuses an account that is not a connected Bluesky account, and cancel with nothing running is false', async () => {
    const { core, api } = await inProcessApp();
    closers.push(() => core.close());
    await expect(api.history.importAccount({ accountId: 'bluesky-1' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await api.history.cancel()).toEqual({ cancelled: false });
  });
});
