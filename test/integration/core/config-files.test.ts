import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../common/domain';
import { openCore, repairConfigFiles } from '../../../electron/core';
import { MemoryVault } from '../../../electron/core/vault';
import { webHostCaller } from '../../support/web-host-session';
import { startWebHostProcess } from '../../support/web-host-process';
import { portsOnDisk } from '../../support/ports-on-disk';
import { FakeClock, removeTempDirs, tempDir } from '../../support/storage-fixtures';

afterAll(removeTempDirs);

const stamp = '20261102T090000000Z';

const ACCOUNT: Account = {
  id: 'bluesky:did:plc:alice',
  network: 'bluesky',
  handle: '@alice.bsky.social',
  displayName: 'Alice',
  avatarUrl: null,
  avatarImage: null,
  serverUrl: 'https://bsky.social',
  tokenExpiresAt: null,
  refreshable: true,
  scopes: [],
  status: 'connected',
  statusReason: null,
  connectedAt: '2026-10-01T09:00:00.000Z',
  lastRefreshedAt: null,
  limits: null,
  facts: {},
};

/** Opens the folder as the web host does: config files checked, then conf, then the core. */
async function open(dataDir: string, vault = new MemoryVault()) {
  const clock = new FakeClock();
  const recovered = await repairConfigFiles(dataDir, { now: clock.now });
  return openCore(portsOnDisk(dataDir, { vault, now: clock.now, recovered }));
}

describe('settings.json and accounts.json', () => {
  it('keep a copy of the last change beside them, so a damaged file comes back whole', async () => {
    const dataDir = tempDir();
    const core = await open(dataDir);
    core.settings.update({ theme: 'dark' });
    await core.close();
    const file = path.join(dataDir, 'settings.json');
    expect(readFileSync(`${file}.bak1`)).toEqual(readFileSync(file));
  });

  it('keep the readable settings of a wrong-shape file with no copy, set the file aside, and say so', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'settings.json');
    const damaged = JSON.stringify({ settings: { language: 'da', theme: 'plaid' } });
    writeFileSync(file, damaged);
    const core = await open(dataDir);
    expect(core.settings.get()).toMatchObject({ language: 'da', theme: 'system' });
    expect(readFileSync(`${file}.corrupt-${stamp}`, 'utf8')).toBe(damaged);
    const answer = await core.router.call('store.recoveries', undefined);
    expect(answer).toEqual({
      ok: true,
      value: [
        { id: 1, file, movedTo: `${file}.corrupt-${stamp}`, restoredFrom: `${file}.corrupt-${stamp}`, kind: 'settings', postIds: [], lostPostIds: [], accountIds: [] },
      ],
    });
    await core.close();
  });

  it('flag an account whose details were lost but whose sign-in is still in the keychain, never drop it', async () => {
    const dataDir = tempDir();
    const vault = new MemoryVault();
    await vault.set(ACCOUNT.id, { accessToken: 'still-here' });
    await vault.set('app:x', { clientId: 'an-app-not-an-account' });
    const file = path.join(dataDir, 'accounts.json');
    // An install from before copies were kept: the file is the only one, and it is garbled.
    writeFileSync(file, JSON.stringify({ accounts: [ACCOUNT] }).slice(0, 30));
    const core = await open(dataDir, vault);
    expect(core.accounts.list()).toEqual([
      expect.objectContaining({ id: ACCOUNT.id, network: 'bluesky', status: 'reconnect_needed', statusReason: expect.stringContaining('keychain') }),
    ]);
    const answer = await core.router.call('store.recoveries', undefined);
    expect(answer).toMatchObject({ ok: true, value: [{ file, kind: 'accounts', restoredFrom: null, accountIds: [ACCOUNT.id] }] });
    expect(await vault.get(ACCOUNT.id)).toEqual({ accessToken: 'still-here' });
    await core.close();
  });

  it('keep the readable accounts of a wrong-shape list with no copy', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'accounts.json');
    writeFileSync(file, JSON.stringify({ accounts: [ACCOUNT, { id: 'x:1', network: 'x' }] }));
    const core = await open(dataDir);
    expect(core.accounts.list()).toEqual([ACCOUNT]);
    expect(existsSync(`${file}.corrupt-${stamp}`)).toBe(true);
    await core.close();
  });

  it('do not stop the web host from starting when garbled, and the repairs are listed for the banner', async () => {
    const dataDir = tempDir();
    const settings = path.join(dataDir, 'settings.json');
    const good = JSON.stringify({ settings: { language: 'da', theme: 'dark' } });
    writeFileSync(`${settings}.bak1`, good);
    writeFileSync(settings, '{"settings":{"lang');
    writeFileSync(path.join(dataDir, 'accounts.json'), Buffer.from([0x7b, 0xff, 0x00, 0x13]));
    const host = await startWebHostProcess(dataDir, { env: { SPHERES_VAULT: 'memory' } });
    try {
      const call = await webHostCaller(host.url);
      expect(await call('settings.get')).toMatchObject({ ok: true, value: { language: 'da', theme: 'dark' } });
      const recoveries = await call('store.recoveries');
      expect(recoveries).toMatchObject({
        ok: true,
        value: [
          { kind: 'settings', file: settings, restoredFrom: `${settings}.bak1` },
          { kind: 'accounts', file: path.join(dataDir, 'accounts.json'), restoredFrom: null },
        ],
      });
    } finally {
      await host.stop();
    }
  });
});
