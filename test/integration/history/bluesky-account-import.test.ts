import { rmSync } from 'node:fs';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core';
import { importedPostId } from '../../../electron/core/history';
import { MemoryVault } from '../../../electron/core/vault';
import { startBlueskyDevEnv, type BlueskyDevEnv } from '../../support/bluesky-dev-env';
import { changedFiles, snapshotFolder } from '../../support/folder-snapshot';
import { tinyPng } from '../../support/images';
import { inProcessApp } from '../../support/in-process-app';

let bluesky: BlueskyDevEnv;
const made: { uri: string; text: string }[] = [];
beforeAll(async () => {
  bluesky = await startBlueskyDevEnv({ handle: 'arkiv.test' });
  const poster = new AtpAgent({ service: bluesky.pdsLoopbackUrl });
  await poster.login({ identifier: bluesky.handle, password: bluesky.appPassword });
  const first = await poster.post({ text: 'Første indlæg fra arkivet 🦋', createdAt: '2024-03-01T08:00:00.000Z' });
  made.push({ uri: first.uri, text: 'Første indlæg fra arkivet 🦋' });
  const blob = await poster.uploadBlob(new Uint8Array(tinyPng({ width: 4, height: 3, rgb: [10, 120, 200] })), { encoding: 'image/png' });
  const picture = await poster.post({ text: 'Havet i dag', createdAt: '2024-03-02T08:00:00.000Z', embed: { $type: 'app.bsky.embed.images', images: [{ image: blob.data.blob, alt: 'Bølger ved Løkken' }] } });
  made.push({ uri: picture.uri, text: 'Havet i dag' });
  const reply = await poster.post({ text: 'Enig!', createdAt: '2024-03-03T08:00:00.000Z', reply: { root: first, parent: first } });
  made.push({ uri: reply.uri, text: 'Enig!' });
}, 120_000);
afterAll(async () => {
  await bluesky?.close();
});

describe('Settings → Import history from a connected Bluesky account (the real local PDS)', () => {
  it('reads the account\'s posts from its PDS into published, untagged posts with their image, and a second import adds nothing', async () => {
    const app = await inProcessApp({
      vault: new MemoryVault(),
      accountsTesting: { allowInsecureServers: true, endpoints: { bluesky: { resolver: bluesky.pdsLoopbackUrl, plc: `http://127.0.0.1:${bluesky.listening.plc.port}` } } },
    });
    const core: Core = app.core;
    try {
      const account = await app.api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword, service: bluesky.pdsUrl });
      const draft = await app.api.posts.saveDraft({ id: 'draft-kept-0001', text: 'Skrives stadig', tone: 'private' });

      const report = await app.api.history.importAccount({ accountId: account.id });
      expect([report.network, report.imported, report.duplicates, report.cancelled]).toEqual(['bluesky', 3, 0, false]);

      for (const { uri, text } of made) {
        const post = await app.api.posts.get({ id: importedPostId('bluesky', uri) });
        expect([post.status, post.tone, post.text, post.results[0]?.remoteIds]).toEqual(['published', null, text, [uri]]);
        expect(post.results[0]?.url).toMatch(/^https:\/\/bsky\.app\/profile\/arkiv\.test\/post\//);
      }
      const picture = await app.api.posts.get({ id: importedPostId('bluesky', made[1]!.uri) });
      expect(picture.media.map((media) => [media.mime, media.altText])).toEqual([['image/png', 'Bølger ved Løkken']]);
      // The import writes only its own posts.
      expect(await app.api.posts.get({ id: draft.id })).toEqual(draft);

      await core.posts.compact();
      const before = snapshotFolder(app.dataDir);
      const again = await app.api.history.importAccount({ accountId: account.id });
      expect([again.imported, again.duplicates]).toEqual([0, 3]);
      expect(changedFiles(before, snapshotFolder(app.dataDir))).toEqual([]);
    } finally {
      await core.close();
      rmSync(app.dataDir, { recursive: true, force: true });
    }
  });

  it('refuses an account that is not a connected Bluesky account, naming what to do instead', async () => {
    const app = await inProcessApp({ vault: new MemoryVault() });
    try {
      await expect(app.api.history.importAccount({ accountId: 'mastodon:example.social:alice' })).rejects.toMatchObject({ message: expect.stringContaining('import the data export') });
    } finally {
      await app.core.close();
      rmSync(app.dataDir, { recursive: true, force: true });
    }
  });
});
