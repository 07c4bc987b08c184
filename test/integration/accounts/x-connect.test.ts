import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryVault, VaultError, type Credentials, type CredentialVault } from '../../../electron/core/vault';
import { followInBrowser } from '../../support/fakes/http-fake';
import { startXFake, type XFake } from '../../support/fakes/x-fake';
import { inProcessApp } from '../../support/in-process-app';
import { expectNothingStored } from '../../support/accounts-harness';

let fake: XFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface SetupOptions {
  openBrowser?: (url: string) => Promise<void>;
  authTimeoutMs?: number;
  now?: () => Date;
  vault?: CredentialVault;
  /** Lets the fake's plain-http profile picture be fetched. */
  allowInsecureServers?: boolean;
}

async function setup(options: SetupOptions = {}) {
  fake = await startXFake();
  const vault = options.vault ?? new MemoryVault();
  const app = await inProcessApp({
    vault,
    openBrowser: options.openBrowser ?? followInBrowser,
    accountsTesting: {
      endpoints: { x: fake.endpoints },
      ...(options.authTimeoutMs === undefined ? {} : { authTimeoutMs: options.authTimeoutMs }),
      ...(options.allowInsecureServers === undefined ? {} : { allowInsecureServers: options.allowInsecureServers }),
    },
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  await app.api.apps.save({ app: 'x', clientId: 'x-client-id' });
  const events: unknown[] = [];
  app.api.on('accounts.changed', (payload) => events.push(payload));
  app.api.on('accounts.connectProgress', (payload) => events.push(payload));
  return { ...app, vault, fake, events };
}


describe('X connect against a loopback fake of X OAuth 2.0 and API v2 (written from docs.x.com)', () => {
  it('asks for the client id first, without opening a browser', async () => {
    fake = await startXFake();
    let opened = 0;
    const { api } = await inProcessApp({ openBrowser: async () => void (opened += 1), accountsTesting: { endpoints: { x: fake.endpoints } } });
    const error = await api.accounts.connect({ network: 'x' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'app_not_configured', message: expect.stringContaining('Settings → Network apps') });
    expect(opened).toBe(0);
  });

  it('connects with PKCE S256 on a loopback redirect and keeps the tokens in the vault only', async () => {
    const { api, vault, fake, events } = await setup();
    const account = await api.accounts.connect({ network: 'x' });
    expect(account).toMatchObject({ id: 'x:2244994945', network: 'x', handle: '@alice_spheres', displayName: 'Alice Example', status: 'connected', refreshable: true });
    const issued = fake.authority.tokens[0]!;
    const stored = await vault.get('x:2244994945');
    expect(stored).toMatchObject({ accessToken: issued.access, refreshToken: issued.refresh });
    for (const visible of [account, await api.accounts.list(), events]) {
      expect(JSON.stringify(visible)).not.toContain(issued.access);
      expect(JSON.stringify(visible)).not.toContain(issued.refresh);
    }
    // What the app sent: a 127.0.0.1 redirect with an OS-chosen port, S256, a long state.
    const authorize = fake.requests.find((request) => request.path === '/i/oauth2/authorize')!;
    expect(authorize.query.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authorize.query.get('code_challenge_method')).toBe('S256');
    expect(authorize.query.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['tweet.write', 'users.read', 'media.write', 'offline.access']));
    const token = fake.requests.find((request) => request.path === '/2/oauth2/token')!;
    expect(token.body).toMatchObject({ grant_type: 'authorization_code', client_id: 'x-client-id', redirect_uri: authorize.query.get('redirect_uri') });
    expect(fake.authority.refusals).toStrictEqual([]);
    expect(events).toContainEqual({ network: 'x', step: 'done', authorizeUrl: null });
  });

  it('keeps the profile picture as a data: URL, and drops one that is not an image or too large', async () => {
    const { api, fake } = await setup({ allowInsecureServers: true });
    const account = await api.accounts.connect({ network: 'x' });
    expect(account.avatarImage).toBe(`data:image/png;base64,${Buffer.from(fake.avatar).toString('base64')}`);
    fake.avatar = new TextEncoder().encode('<html>not a picture</html>');
    expect((await api.accounts.connect({ network: 'x' })).avatarImage).toBeNull();
    fake.avatar = new Uint8Array(300 * 1024);
    expect((await api.accounts.connect({ network: 'x' })).avatarImage).toBeNull();
    expect(await api.accounts.list()).toHaveLength(1);
  });

  it('never fetches a profile picture over plain http from a real network', async () => {
    const { api, fake } = await setup();
    expect((await api.accounts.connect({ network: 'x' })).avatarImage).toBeNull();
    expect(fake.requests.some((request) => request.path.startsWith('/profile_images/'))).toBe(false);
  });

  it('the fake refuses a code redeemed with the wrong PKCE verifier, and the used code is then dead', async () => {
    const { api, vault } = await setup({
      openBrowser: async (url) => {
        // Play a thief who has the code but not the verifier: redeem it first, with a made-up verifier.
        const response = await fetch(url, { redirect: 'manual' });
        const back = new URL(response.headers.get('location')!);
        const stolen = await fetch(`${fake!.origin}/2/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'x-client-id', code: back.searchParams.get('code')!, redirect_uri: `${back.origin}${back.pathname}`, code_verifier: 'a'.repeat(43) }),
        });
        expect(stolen.status).toBe(400);
        expect(await stolen.json()).toMatchObject({ error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' });
        await fetch(back);
      },
    });
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('already used') });
    await expectNothingStored(api, vault);
  });

  it('refuses a callback with the wrong state and stores nothing', async () => {
    const { api, vault, fake } = await setup();
    fake.authority.consent = 'wrong_state';
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'auth_state_mismatch', message: expect.stringContaining('"state" check failed') });
    await expectNothingStored(api, vault);
    // The code was never redeemed.
    expect(fake.requests.some((request) => request.path === '/2/oauth2/token')).toBe(false);
  });

  it('says plainly that access was declined', async () => {
    const { api, vault, fake } = await setup();
    fake.authority.consent = 'deny';
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'auth_denied', message: 'You declined access on X, so the account was not connected. Connect again and choose Allow (or Authorize) to use it in Spheres.' });
    await expectNothingStored(api, vault);
  });

  it('stops waiting for the browser after the timeout, and can be cancelled', async () => {
    const { api, core, fake } = await setup({ authTimeoutMs: 300 });
    fake.authority.consent = 'ignore';
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'auth_timeout', message: expect.stringContaining('stopped waiting') });
    const pending = api.accounts.connect({ network: 'x' }).catch((error: unknown) => error);
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'connect_in_progress' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await api.accounts.cancelConnect()).toStrictEqual({ cancelled: true });
    expect(await pending).toMatchObject({ code: 'auth_cancelled' });
    expect(core.accounts.list()).toStrictEqual([]);
  });

  it('the loopback listener closes after the callback: a replayed callback finds no one', async () => {
    let callback = '';
    const { api } = await setup({
      openBrowser: async (url) => {
        const response = await fetch(url, { redirect: 'manual' });
        callback = response.headers.get('location')!;
        await fetch(callback);
      },
    });
    await api.accounts.connect({ network: 'x' });
    await expect(fetch(callback)).rejects.toThrow();
  });

  it('uses a fixed redirect port when the app is registered with one, and says so when the port is taken', async () => {
    const { api, fake } = await setup();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      expect(await api.apps.save({ app: 'x', clientId: 'x-client-id', redirectPort: port })).toMatchObject({ redirectPort: port, configured: true });
      await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining(`Port ${port} on 127.0.0.1`) });
      expect(fake.requests).toStrictEqual([]);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    await api.accounts.connect({ network: 'x' });
    const authorize = fake.requests.find((request) => request.path === '/i/oauth2/authorize')!;
    expect(authorize.query.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/callback`);
    // Saving the id again keeps the port; null clears it.
    expect(await api.apps.save({ app: 'x', clientId: 'x-client-id' })).toMatchObject({ redirectPort: port });
    expect(await api.apps.save({ app: 'x', clientId: 'x-client-id', redirectPort: null })).toMatchObject({ redirectPort: null });
  });

  it('refreshes the token before it expires, with the rotated refresh token', async () => {
    let clock = new Date('2026-11-27T10:00:00Z');
    const { api, core, vault, fake } = await setup({ now: () => clock });
    fake.authority.now = () => clock.getTime();
    const account = await api.accounts.connect({ network: 'x' });
    expect(account.tokenExpiresAt).toBe('2026-11-27T12:00:00.000Z');
    // An hour in, nothing is due.
    clock = new Date('2026-11-27T11:00:00Z');
    await core.accounts.refreshDue();
    expect(fake.authority.tokens).toHaveLength(1);
    // Five minutes before expiry, it is.
    clock = new Date('2026-11-27T11:55:00Z');
    await core.accounts.refreshDue();
    expect(fake.authority.tokens).toHaveLength(2);
    const [first, second] = fake.authority.tokens;
    expect(first!.revoked).toBe(true);
    expect(await vault.get(account.id)).toMatchObject({ accessToken: second!.access, refreshToken: second!.refresh });
    const [refreshed] = await api.accounts.list();
    expect(refreshed).toMatchObject({ status: 'connected', tokenExpiresAt: '2026-11-27T13:55:00.000Z', lastRefreshedAt: '2026-11-27T11:55:00.000Z' });
  });

  it('marks the account "reconnect needed" when X refuses the refresh (revoked)', async () => {
    const { api, fake } = await setup();
    const account = await api.accounts.connect({ network: 'x' });
    fake.authority.revoke(fake.authority.tokens[0]!.refresh);
    const after = await api.accounts.refresh({ id: account.id });
    expect(after).toMatchObject({ status: 'reconnect_needed', statusReason: expect.stringContaining('expired or was revoked') });
    // Reconnecting brings it back.
    expect(await api.accounts.connect({ network: 'x' })).toMatchObject({ id: account.id, status: 'connected', statusReason: null });
    expect(await api.accounts.list()).toHaveLength(1);
  });

  it('a network hiccup during refresh keeps the account and reports the error', async () => {
    const { api, fake } = await setup();
    const account = await api.accounts.connect({ network: 'x' });
    await fake.close();
    await expect(api.accounts.refresh({ id: account.id })).rejects.toMatchObject({ code: 'server_unreachable' });
    expect((await api.accounts.list())[0]).toMatchObject({ status: 'connected' });
  });

  it('disconnect revokes the tokens at X and removes the keychain item and the metadata', async () => {
    const { api, vault, fake } = await setup();
    const account = await api.accounts.connect({ network: 'x' });
    expect(await api.accounts.disconnect({ id: account.id })).toStrictEqual({ removed: true });
    expect(fake.authority.live()).toStrictEqual([]);
    expect(await vault.get(account.id)).toBeNull();
    expect(await api.accounts.list()).toStrictEqual([]);
    expect(await api.accounts.disconnect({ id: account.id })).toStrictEqual({ removed: false });
  });
});

/** A vault that works until told to fail like a locked keychain. */
class LockableVault extends MemoryVault {
  locked = false;
  failWrites = false;
  override async list(): Promise<string[]> {
    if (this.locked) throw new VaultError('keychain_locked', 'Your keychain is locked.');
    return super.list();
  }
  override async get(id: string): Promise<Credentials | null> {
    if (this.locked) throw new VaultError('keychain_locked', 'Your keychain is locked.');
    return super.get(id);
  }
  override async set(id: string, credentials: Credentials): Promise<void> {
    if (this.locked || (this.failWrites && !id.startsWith('app:'))) throw new VaultError('keychain_locked', 'Your keychain is locked.');
    return super.set(id, credentials);
  }
}

describe('no half-connected account (X fake)', () => {
  it('a locked keychain stops the connect before the browser opens', async () => {
    const vault = new LockableVault();
    let opened = 0;
    const { api } = await setup({ vault, openBrowser: async (url) => { opened += 1; await followInBrowser(url); } });
    vault.locked = true;
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'keychain_locked' });
    expect(opened).toBe(0);
    vault.locked = false;
    expect(await api.accounts.list()).toStrictEqual([]);
  });

  it('a keychain that locks during the sign-in leaves no metadata and hands the token back', async () => {
    const vault = new LockableVault();
    const { api, fake } = await setup({ vault });
    vault.failWrites = true;
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'keychain_locked' });
    await expectNothingStored(api, vault);
    expect(fake.authority.live()).toStrictEqual([]);
  });

});
