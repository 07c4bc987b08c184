import { afterEach, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../../electron/core/vault';
import { followInBrowser, startXFake, type XFake } from '../../support/fakes/x-fake';
import { inProcessApp } from '../../support/in-process-app';

let fake: XFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: { openBrowser?: (url: string) => Promise<void>; authTimeoutMs?: number; now?: () => Date } = {}) {
  fake = await startXFake();
  const vault = new MemoryVault();
  const app = await inProcessApp({
    vault,
    openBrowser: options.openBrowser ?? followInBrowser,
    accountsTesting: { endpoints: { x: fake.endpoints }, ...(options.authTimeoutMs === undefined ? {} : { authTimeoutMs: options.authTimeoutMs }) },
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { ...app, vault, fake };
}

describe('X connect against a loopback fake of X OAuth 2.0 and API v2 (written from docs.x.com)', () => {
  it('asks for the client id first, then connects with PKCE and keeps the token in the vault only', async () => {
    const { api, vault, fake } = await setup();
    await expect(api.accounts.connect({ network: 'x' })).rejects.toMatchObject({ code: 'app_not_configured' });
    await api.apps.save({ app: 'x', clientId: 'x-client-id' });
    const account = await api.accounts.connect({ network: 'x' });
    expect(account).toMatchObject({ id: 'x:2244994945', network: 'x', handle: '@alice_spheres', displayName: 'Alice Example', status: 'connected', refreshable: true });
    expect(JSON.stringify(account)).not.toContain(fake.authority.tokens[0]!.access);
    const stored = await vault.get('x:2244994945');
    expect(stored?.accessToken).toBe(fake.authority.tokens[0]!.access);
    expect(stored?.refreshToken).toBe(fake.authority.tokens[0]!.refresh);
    // The fake checked the S256 verifier against the challenge before issuing the token.
    expect(fake.authority.refusals).toStrictEqual([]);
    expect(await api.accounts.list()).toHaveLength(1);
  });
});
