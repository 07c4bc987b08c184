import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core';
import { MediaHostService } from '../../../electron/core/media-host';
import { SettingsService } from '../../../electron/core/settings';
import { KeytarVault } from '../../../electron/core/vault';
import { clearKeychainService, searchKeychain, whyNoSecretService } from '../../support/keychain';
import { S3RVER_KEYS, startLocalS3, type LocalS3 } from '../../support/s3-server';

/**
 * Settings → Media host with the real keychain (gnome-keyring in a D-Bus session: run through
 * /work/t.sh or as the top of test/integration/vault/keychain-vault.test.ts shows), the settings in
 * a real settings.json, and a local S3 server.
 */

const SERVICE = `Spheres-test-${randomBytes(6).toString('hex')}`;
// s3rver accepts any secret for its key id (it does not check SigV4), so the secret can be one no file could hold by chance.
const SECRET = `S3RVER-secret-${randomBytes(12).toString('hex')}`;

const skipReason = await whyNoSecretService(SERVICE);
if (skipReason !== null) console.warn(`[keychain] media host tests skipped: ${skipReason}. Run them in a D-Bus session with gnome-keyring unlocked (/work/t.sh).`);

/** Every file under the data folder, as text: where a secret must never be. */
function everythingWritten(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

describe.skipIf(skipReason !== null)(`the media host's secret in the real keychain${skipReason === null ? '' : ` (skipped: ${skipReason})`}`, () => {
  let s3: LocalS3;
  const vault = new KeytarVault({ service: SERVICE });

  function open(dir: string): MediaHostService {
    const conf = new Conf<Record<string, unknown>>({ projectName: 'spheres', cwd: dir, configName: 'settings' });
    const settings = new SettingsService({ get: (key) => conf.get(key), set: (key, value) => conf.set(key, value) }, new EventBus(), 'en-US');
    return new MediaHostService({ settings, vault, fetch: (input, init) => fetch(input, init) });
  }

  beforeAll(async () => {
    s3 = await startLocalS3();
  });

  afterAll(async () => {
    clearKeychainService(SERVICE);
    await s3.close();
  });

  it('keeps the secret in the keychain and never in settings.json, and answers only whether there is one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-media-host-'));
    const service = open(dir);
    const status = await service.save({ ...s3.settings, secretAccessKey: SECRET });
    expect(status).toEqual({ settings: s3.settings, hasSecret: true });
    expect(searchKeychain(SERVICE)).toMatchObject({ accounts: ['media-host'] });
    expect(searchKeychain(SERVICE).secrets.join('\n')).toContain(SECRET);
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')) as { settings: { mediaHost: unknown } };
    expect(onDisk.settings.mediaHost).toEqual(s3.settings);
    expect(everythingWritten(dir)).not.toContain(SECRET);
    // A restart reads the same back, the secret still only as "there is one".
    expect(await open(dir).status()).toEqual({ settings: s3.settings, hasSecret: true });
    expect(JSON.stringify(await open(dir).status())).not.toContain(SECRET);
    await service.remove();
  });

  it('changes only the named field on a save: the other settings and the secret stay as they were', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-media-host-'));
    const service = open(dir);
    await service.save({ ...s3.settings, secretAccessKey: SECRET });
    const next = await service.save({ region: 'eu-north-1' });
    expect(next).toEqual({ settings: { ...s3.settings, region: 'eu-north-1' }, hasSecret: true });
    expect(await vault.get('media-host')).toEqual({ clientId: S3RVER_KEYS.accessKeyId, clientSecret: SECRET });
    await service.remove();
  });

  it('tests the saved host step by step: upload, a plain download of the presigned address, delete', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-media-host-'));
    const service = open(dir);
    await service.save({ ...s3.settings, secretAccessKey: SECRET });
    expect(await service.test()).toEqual({
      ok: true,
      steps: [
        { step: 'upload', outcome: 'passed', message: null },
        { step: 'download', outcome: 'passed', message: null },
        { step: 'delete', outcome: 'passed', message: null },
      ],
    });
    // Nothing of the test is left in the bucket.
    expect(await (await service.port())!.removeOlderThan(new Date(Date.now() + 60_000))).toBe(0);

    await service.save({ bucket: 'no-such-bucket' });
    const refused = await service.test();
    expect(refused.ok).toBe(false);
    expect(refused.steps).toEqual([
      { step: 'upload', outcome: 'failed', message: `The media host refused: there is no bucket "no-such-bucket" at ${s3.endpoint}, so the image could not be uploaded. Check Settings → Media host.` },
      { step: 'download', outcome: 'skipped', message: null },
      { step: 'delete', outcome: 'skipped', message: null },
    ]);
    await service.remove();
  });

  it('gives the publishers a host that works while set up, and none once removed, secret and all', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-media-host-'));
    const service = open(dir);
    expect(await service.port()).toBeNull();
    await service.save({ ...s3.settings, secretAccessKey: SECRET });
    const host = await service.port();
    const hosted = await host!.put({ bytes: new Uint8Array([1, 2, 3]), mime: 'image/png', ttlSeconds: 60 });
    expect((await fetch(hosted.url)).status).toBe(200);
    await host!.remove(hosted.key);

    expect(await service.remove()).toEqual({ settings: null, hasSecret: false });
    expect(await service.port()).toBeNull();
    expect(searchKeychain(SERVICE).accounts).toEqual([]);
    expect(await open(dir).status()).toEqual({ settings: null, hasSecret: false });
  });

  it('refuses a first save without the secret, naming what is missing, and stores nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spheres-media-host-'));
    const service = open(dir);
    await expect(service.save({ endpoint: s3.endpoint, bucket: 'spheres-media' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'To set up the media host, enter the region, the access key ID and the secret access key as well. Nothing was saved.',
    });
    expect(await service.status()).toEqual({ settings: null, hasSecret: false });
    expect(searchKeychain(SERVICE).accounts).toEqual([]);
  });
});
