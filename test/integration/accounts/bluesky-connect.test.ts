import net from 'node:net';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core';
import { MemoryVault } from '../../../electron/core/vault';
import { startBlueskyDevEnv, type BlueskyDevEnv } from '../../support/bluesky-dev-env';
import { inProcessApp } from '../../support/in-process-app';

let bluesky: BlueskyDevEnv;
beforeAll(async () => {
  bluesky = await startBlueskyDevEnv();
}, 60_000);
afterAll(async () => {
  await bluesky?.close();
});
const opened: Core[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

async function setup(endpoints: { service?: string; resolver?: string } = {}) {
  const vault = new MemoryVault();
  // Identity resolution goes to the local PDS and PLC directory, never to the internet.
  const local = { resolver: bluesky.pdsLoopbackUrl, plc: `http://127.0.0.1:${bluesky.listening.plc.port}` };
  const app = await inProcessApp({
    vault,
    accountsTesting: { allowInsecureServers: true, endpoints: { bluesky: { ...local, ...endpoints } } },
  });
  opened.push(app.core);
  const published: string[] = [];
  app.core.events.subscribe((name, payload) => published.push(JSON.stringify({ name, payload })));
  return { ...app, vault, published };
}

async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** How a TCP connection attempt ends: 'connected', 'timeout' or the error code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('Bluesky connect against a real local Bluesky PDS from @atproto/dev-env on 127.0.0.1', () => {
  it('runs the PDS and the PLC directory on 127.0.0.1 only', async () => {
    expect(bluesky.listening.pds.address).toBe('127.0.0.1');
    expect(bluesky.listening.plc.address).toBe('127.0.0.1');
    const outward = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
    if (outward !== undefined) {
      // Refused here; a firewall that drops the packet would time out instead. Either way, no connection.
      expect(await tryConnect(outward.address, bluesky.listening.pds.port)).not.toBe('connected');
      expect(await tryConnect('127.0.0.1', bluesky.listening.pds.port)).toBe('connected');
    }
  });

  it('connects with a handle and an app password, and keeps the tokens in the vault only', async () => {
    const { api, vault, published } = await setup();
    const account = await api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword, service: bluesky.pdsUrl });
    expect(account).toMatchObject({
      id: `bluesky:${bluesky.did}`,
      network: 'bluesky',
      handle: '@alice.test',
      displayName: '',
      avatarUrl: null,
      serverUrl: bluesky.pdsUrl,
      status: 'connected',
      refreshable: true,
      scopes: ['com.atproto.appPass'],
      facts: { did: bluesky.did },
    });
    // The PDS issues two-hour access tokens; the expiry comes from the token itself.
    expect(Date.parse(account.tokenExpiresAt!) - Date.now()).toBeGreaterThan(110 * 60_000);

    const stored = await vault.get(account.id);
    expect(stored?.extra).toStrictEqual({ did: bluesky.did, handle: 'alice.test', service: bluesky.pdsUrl });
    expect(stored?.expiresAt).toBe(account.tokenExpiresAt);
    expect(await bluesky.sessionDid(stored!.accessToken!)).toBe(bluesky.did);
    const visible = JSON.stringify([account, await api.accounts.list(), published]);
    for (const secret of [stored!.accessToken!, stored!.refreshToken!, bluesky.appPassword]) expect(visible).not.toContain(secret);
  });

  it('connects with the account email and an "@handle" typed the way Bluesky shows it', async () => {
    const byEmail = await (await setup()).api.accounts.connect({ network: 'bluesky', identifier: bluesky.email, appPassword: bluesky.appPassword, service: bluesky.pdsUrl });
    const byHandle = await (await setup()).api.accounts.connect({ network: 'bluesky', identifier: `@${bluesky.handle}`, appPassword: bluesky.appPassword, service: bluesky.pdsUrl });
    expect([byEmail.id, byHandle.id]).toStrictEqual([`bluesky:${bluesky.did}`, `bluesky:${bluesky.did}`]);
  });

  it('finds the account\'s PDS from its handle (resolveHandle, then the DID document in the PLC directory)', async () => {
    // The default sign-in service is unreachable here: the password must go to the resolved PDS only.
    const { api } = await setup({ service: `http://127.0.0.1:${await closedLoopbackPort()}` });
    const account = await api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword });
    expect(account).toMatchObject({ id: `bluesky:${bluesky.did}`, status: 'connected' });
    expect(new URL(account.serverUrl!).port).toBe(String(bluesky.listening.pds.port));
  });

  it('says plainly when no account has the handle', async () => {
    const { api, vault } = await setup();
    await expect(api.accounts.connect({ network: 'bluesky', identifier: 'nobody.test', appPassword: bluesky.appPassword })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('Bluesky found no account with the handle @nobody.test'),
    });
    expect(await vault.list()).toStrictEqual([]);
  });

  it('says wrong_password for a wrong app password and stores nothing', async () => {
    const { api, vault } = await setup();
    const error: unknown = await api.accounts
      .connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: 'abcd-efgh-ijkl-mnop', service: bluesky.pdsUrl })
      .catch((rejection: unknown) => rejection);
    expect(error).toMatchObject({ code: 'wrong_password', message: expect.stringContaining('Settings → Privacy and security → App passwords') });
    expect(JSON.stringify(error)).not.toContain('abcd-efgh-ijkl-mnop');
    expect(await api.accounts.list()).toStrictEqual([]);
    expect(await vault.list()).toStrictEqual([]);
  });

  it('refuses the main password, ends that session at the PDS, and stores nothing', async () => {
    const { api, vault } = await setup();
    const error: unknown = await api.accounts
      .connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.mainPassword, service: bluesky.pdsUrl })
      .catch((rejection: unknown) => rejection);
    expect(error).toMatchObject({ code: 'wrong_password', message: expect.stringContaining('That is your main Bluesky password') });
    expect(JSON.stringify(error)).not.toContain(bluesky.mainPassword);
    expect(await api.accounts.list()).toStrictEqual([]);
    expect(await vault.list()).toStrictEqual([]);
  });

  it('refreshes at the PDS: the refresh token rotates and the new access token works', async () => {
    const { api, core, vault } = await setup({ service: bluesky.pdsUrl });
    const account = await api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword });
    const before = await vault.get(account.id);
    const refreshed = await core.accounts.refresh(account.id, true);
    const after = await vault.get(account.id);
    expect(refreshed).toMatchObject({ status: 'connected', statusReason: null });
    expect(refreshed.lastRefreshedAt).not.toBeNull();
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.extra).toStrictEqual(before?.extra);
    expect(await bluesky.sessionDid(after!.accessToken!)).toBe(bluesky.did);
  });

  it('marks the account reconnect_needed when its app password was revoked', async () => {
    const appPassword = await bluesky.createAppPassword('revoked in a test');
    const { api, core } = await setup();
    const account = await api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword, service: bluesky.pdsUrl });
    await bluesky.revokeAppPassword('revoked in a test');
    const refreshed = await core.accounts.refresh(account.id, true);
    expect(refreshed).toMatchObject({
      status: 'reconnect_needed',
      statusReason: 'Bluesky ended this sign-in (app password revoked or session expired). Connect again with an app password.',
    });
  });

  it('disconnects: the session ends at the PDS and the vault item and metadata are gone', async () => {
    const { api, vault } = await setup();
    const account = await api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword, service: bluesky.pdsUrl });
    const stored = await vault.get(account.id);
    expect(await api.accounts.disconnect({ id: account.id })).toStrictEqual({ removed: true });
    expect(await api.accounts.list()).toStrictEqual([]);
    expect(await vault.get(account.id)).toBeNull();
    await expect(bluesky.refreshWith(stored!.refreshToken!)).rejects.toMatchObject({ error: 'ExpiredToken' });
  });

  it.each(['bsky social', 'https://bsky.social/xrpc', 'ftp://bsky.social', 'http://pds.example.com', 'https://user:pw@bsky.social', 'https://'])(
    'refuses the server address %j with invalid_server_url before any request',
    async (service) => {
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      const { api, vault } = await setup();
      await expect(api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword, service })).rejects.toMatchObject({
        code: 'invalid_server_url',
      });
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(await vault.list()).toStrictEqual([]);
    },
  );

  it('says server_unreachable when nothing listens at the server address', async () => {
    const { api, vault } = await setup();
    const service = `http://127.0.0.1:${await closedLoopbackPort()}`;
    await expect(api.accounts.connect({ network: 'bluesky', identifier: bluesky.handle, appPassword: bluesky.appPassword, service })).rejects.toMatchObject({
      code: 'server_unreachable',
      message: expect.stringContaining('refused the connection'),
    });
    expect(await vault.list()).toStrictEqual([]);
  });
});
