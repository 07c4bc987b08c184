import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core';
import { MediaHostService } from '../../../electron/core/media-host';
import type { MediaHost } from '../../../electron/core/outbox/media-host';
import { PublishFailure } from '../../../electron/core/outbox/publish-failure';
import { SettingsService } from '../../../electron/core/settings';
import { MemoryVault, VaultError } from '../../../electron/core/vault';
import { memorySettingsStore } from '../../support/in-process-app';

const SETTINGS = { endpoint: 'https://s3.eu-central-1.amazonaws.com', region: 'eu-central-1', bucket: 'spheres-media', accessKeyId: 'AKIAEXAMPLE', pathStyle: false };

function service(vault = new MemoryVault(), download: typeof globalThis.fetch = () => Promise.reject(new Error('no fetch in this test'))) {
  const settings = new SettingsService(memorySettingsStore(), new EventBus(), 'en-US');
  const made: string[] = [];
  const removed: string[] = [];
  const media = new MediaHostService({
    settings,
    vault,
    fetch: download,
    createHost: (hostSettings, secret): MediaHost => {
      made.push(`${hostSettings.bucket}:${secret}`);
      return { put: async () => ({ key: 'spheres/test.png', url: 'https://s3.example.com/spheres-media/spheres/test.png?X-Amz-Signature=x' }), remove: async (key) => void removed.push(key), removeOlderThan: async () => 0 };
    },
  });
  return { media, settings, vault, made, removed };
}

describe('the media host port the publishers get', () => {
  it('answers null until a media host is set up', async () => {
    expect(await service().media.port()).toBeNull();
  });

  it('makes one host per settings and secret, and a new one after a change', async () => {
    const { media, made } = service();
    await media.save({ ...SETTINGS, secretAccessKey: 'first-secret' });
    const first = await media.port();
    expect(await media.port()).toBe(first);
    await media.save({ secretAccessKey: 'second-secret' });
    expect(await media.port()).not.toBe(first);
    expect(made).toEqual(['spheres-media:first-secret', 'spheres-media:second-secret']);
  });

  it('answers a locked keychain with a retryable failure saying so, so the post waits for it', async () => {
    const vault = new MemoryVault();
    const { media, settings } = service(vault);
    await media.save({ ...SETTINGS, secretAccessKey: 'secret' });
    vault.get = () => Promise.reject(new VaultError('keychain_locked', 'Your keychain is locked, or the unlock prompt was cancelled.'));
    const failure = await media.port().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PublishFailure);
    expect(failure).toMatchObject({
      kind: 'retryable',
      code: 'media_host_unreachable',
      message: "The media host's secret access key could not be read: Your keychain is locked, or the unlock prompt was cancelled.",
    });
    expect(settings.get().mediaHost).toEqual(SETTINGS);
  });

  it('answers settings whose secret is gone from the keychain with a permanent failure naming the fix', async () => {
    const vault = new MemoryVault();
    const { media } = service(vault);
    await media.save({ ...SETTINGS, secretAccessKey: 'secret' });
    await vault.delete('media-host');
    await expect(media.port()).rejects.toMatchObject({
      kind: 'permanent',
      code: 'media_host_refused',
      message: 'The media host\'s secret access key (bucket "spheres-media") is missing from the keychain or damaged there. Enter it again in Settings → Media host.',
    });
  });

  it('changes nothing when the keychain refuses the new secret', async () => {
    const vault = new MemoryVault();
    const { media, settings } = service(vault);
    await media.save({ ...SETTINGS, secretAccessKey: 'secret' });
    vault.set = () => Promise.reject(new VaultError('keychain_locked', 'Your keychain is locked.'));
    await expect(media.save({ bucket: 'other-bucket', secretAccessKey: 'new-secret' })).rejects.toMatchObject({ code: 'keychain_locked' });
    expect(settings.get().mediaHost).toEqual(SETTINGS);
    expect(await vault.get('media-host')).toEqual({ clientId: 'AKIAEXAMPLE', clientSecret: 'secret' });
  });

  it('reports a presigned address the public cannot fetch as a failed download, and still deletes the image', async () => {
    const { media, removed } = service(new MemoryVault(), async () => new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 }));
    await media.save({ ...SETTINGS, secretAccessKey: 'secret' });
    expect(await media.test()).toEqual({
      ok: false,
      steps: [
        { step: 'upload', outcome: 'passed', message: null },
        {
          step: 'download',
          outcome: 'failed',
          message: "The image's presigned address at https://s3.eu-central-1.amazonaws.com answered HTTP 403: Threads and Instagram could not fetch it either. Check that the endpoint is the address the public reaches and that the region is right.",
        },
        { step: 'delete', outcome: 'passed', message: null },
      ],
    });
    expect(removed).toEqual(['spheres/test.png']);
  });

  it('reports a download that answers other bytes than were uploaded', async () => {
    const { media } = service(new MemoryVault(), async () => new Response('not the image', { status: 200 }));
    await media.save({ ...SETTINGS, secretAccessKey: 'secret' });
    const result = await media.test();
    expect(result.ok).toBe(false);
    expect(result.steps[1]).toEqual({ step: 'download', outcome: 'failed', message: "The image's presigned address at https://s3.eu-central-1.amazonaws.com answered, but not with the image that was uploaded." });
  });

  it('takes a new secret over a damaged keychain item, so the person can repair it from Settings', async () => {
    const vault = new MemoryVault();
    const { media, settings } = service(vault);
    await media.save({ ...SETTINGS, secretAccessKey: 'secret' });
    const get = vault.get.bind(vault);
    vault.get = (id) => (id === 'media-host' ? Promise.reject(new VaultError('credentials_corrupt', 'The saved credentials are damaged.')) : get(id));
    expect(await media.status()).toEqual({ settings: SETTINGS, hasSecret: false });
    await media.save({ secretAccessKey: 'new-secret' });
    vault.get = get;
    expect(await vault.get('media-host')).toEqual({ clientId: 'AKIAEXAMPLE', clientSecret: 'new-secret' });
    expect(settings.get().mediaHost).toEqual(SETTINGS);
  });
});
