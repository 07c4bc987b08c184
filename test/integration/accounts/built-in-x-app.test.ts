import { afterEach, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../../electron/core/vault';
import { followInBrowser } from '../../support/fakes/http-fake';
import { startXFake, type XFake } from '../../support/fakes/x-fake';
import { inProcessApp } from '../../support/in-process-app';

let fake: XFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The client id a build would carry; the fake knows it (or, for the override test, another). */
const BUILT_IN_ID = 'spheres-built-in-x-id';

async function setup(fakeClientId: string, builtIn: boolean) {
  fake = await startXFake({ clientId: fakeClientId });
  const vault = new MemoryVault();
  const app = await inProcessApp({
    vault,
    openBrowser: followInBrowser,
    accountsTesting: { endpoints: { x: fake.endpoints } },
    builtInApps: builtIn ? { x: { clientId: BUILT_IN_ID, clientSecret: undefined } } : {},
  });
  return { ...app, vault, fake };
}

describe('X with the client id built into Spheres', () => {
  it('connects X without an app of the person’s own, and never shows the built-in id', async () => {
    const { api, fake, vault } = await setup(BUILT_IN_ID, true);
    const x = (await api.apps.list()).find((status) => status.app === 'x');
    expect(x).toStrictEqual({ app: 'x', configured: true, clientId: null, hasSecret: false, needsSecret: false, redirectPort: null, builtIn: true });
    const account = await api.accounts.connect({ network: 'x' });
    expect(account.handle).toBe('@alice_spheres');
    const authorize = fake.requests.find((request) => request.path === '/i/oauth2/authorize');
    expect(authorize?.query.get('client_id')).toBe(BUILT_IN_ID);
    // A public client: PKCE, and no secret anywhere.
    expect(authorize?.query.get('code_challenge_method')).toBe('S256');
    const token = fake.requests.find((request) => request.path === '/2/oauth2/token');
    expect(token?.headers.authorization).toBeUndefined();
    expect(token?.body['client_id']).toBe(BUILT_IN_ID);
    // Nothing was saved as the person's app.
    expect(await vault.get('app:x')).toBeNull();
    expect(await api.apps.test({ app: 'x' })).toStrictEqual({ app: 'x', outcome: 'recognised', checked: 'id_only', source: 'built_in', detail: null });
  });

  it('uses the person’s own app instead when one is saved, and the built-in one again once it is removed', async () => {
    const { api, fake } = await setup('my-own-x-id', true);
    await api.apps.save({ app: 'x', clientId: 'my-own-x-id' });
    expect((await api.apps.list()).find((status) => status.app === 'x')).toMatchObject({ configured: true, clientId: 'my-own-x-id', builtIn: true });
    await api.accounts.connect({ network: 'x' });
    expect(fake.requests.find((request) => request.path === '/i/oauth2/authorize')?.query.get('client_id')).toBe('my-own-x-id');
    expect(await api.apps.test({ app: 'x' })).toMatchObject({ outcome: 'recognised', source: 'own' });

    await api.apps.remove({ app: 'x' });
    // The fake knows only the person's id, so the built-in one is now the one refused.
    expect(await api.apps.test({ app: 'x' })).toMatchObject({ outcome: 'unknown_client', source: 'built_in' });
  });

  it('without a built-in id, X still needs the person’s app first', async () => {
    const { api, fake } = await setup(BUILT_IN_ID, false);
    expect((await api.apps.list()).find((status) => status.app === 'x')).toMatchObject({ configured: false, builtIn: false });
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'app_not_configured' });
    expect(fake.requests).toStrictEqual([]);
  });

  it('a built-in id is for X only: LinkedIn, Threads and Instagram are unchanged', async () => {
    const { api } = await setup(BUILT_IN_ID, true);
    const others = (await api.apps.list()).filter((status) => status.app !== 'x');
    expect(others.map((status) => [status.app, status.configured, status.builtIn])).toEqual([
      ['linkedin', false, false],
      ['threads', false, false],
      ['instagram', false, false],
    ]);
  });
});
