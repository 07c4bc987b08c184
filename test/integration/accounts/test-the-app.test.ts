import { afterEach, describe, expect, it } from 'vitest';
import type { SpheresApi } from '../../../common/api';
import type { AppNetwork } from '../../../common/domain';
import { MemoryVault } from '../../../electron/core/vault';
import type { RunningFake } from '../../support/fakes/http-fake';
import { startLinkedInFake } from '../../support/fakes/linkedin-fake';
import { startInstagramFake, startThreadsFake } from '../../support/fakes/meta-fake';
import { startXFake } from '../../support/fakes/x-fake';
import type { FakeAuthority } from '../../support/fakes/oauth-authority';
import { inProcessApp } from '../../support/in-process-app';

const fakes: RunningFake[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

interface Started {
  endpoints: Record<string, string>;
  authority: FakeAuthority;
  close(): Promise<void>;
}

/** Each network's fake, with the id (and secret) it knows. */
const NETWORKS: Record<AppNetwork, { start(): Promise<Started & RunningFake>; clientId: string; secret?: string }> = {
  x: { start: () => startXFake(), clientId: 'x-client-id' },
  linkedin: { start: () => startLinkedInFake(), clientId: 'linkedin-client-id', secret: 'linkedin-client-secret' },
  threads: { start: () => startThreadsFake(), clientId: '990602627938098', secret: 'threads-app-secret' },
  instagram: { start: () => startInstagramFake(), clientId: '97563852873', secret: 'instagram-app-secret' },
};

async function setup(app: AppNetwork, saved: { clientId: string; clientSecret?: string } | null) {
  const fake = await NETWORKS[app].start();
  fakes.push(fake);
  const vault = new MemoryVault();
  const { api } = await inProcessApp({ vault, accountsTesting: { endpoints: { [app]: fake.endpoints } } });
  if (saved !== null) await api.apps.save({ app, ...saved });
  return { api, vault, fake };
}

async function everythingStored(api: SpheresApi, vault: MemoryVault) {
  const ids = await vault.list();
  return { accounts: await api.accounts.list(), apps: await api.apps.list(), vault: await Promise.all(ids.map(async (id) => [id, await vault.get(id)])) };
}

describe('Test the app, before the first sign-in', () => {
  for (const app of ['linkedin', 'threads', 'instagram'] as const) {
    it(`${app}: recognises the right id and secret, and changes nothing`, async () => {
      const { clientId, secret } = NETWORKS[app];
      const { api, vault, fake } = await setup(app, { clientId, clientSecret: secret! });
      const before = await everythingStored(api, vault);
      const check = await api.apps.test({ app });
      expect(check).toStrictEqual({ app, outcome: 'recognised', checked: 'id_and_secret', source: 'own', detail: null });
      expect(await everythingStored(api, vault)).toStrictEqual(before);
      // The probe buys nothing: no token was issued, one request was made to the token endpoint.
      expect(fake.authority.tokens).toStrictEqual([]);
      expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`POST ${new URL(fake.endpoints['token']!).pathname}`]);
    });
  }

  it('LinkedIn: a wrong secret is refused, and the secret is in no answer', async () => {
    const { api } = await setup('linkedin', { clientId: 'linkedin-client-id', clientSecret: 'not-the-secret-Qw7' });
    const check = await api.apps.test({ app: 'linkedin' });
    // LinkedIn answers invalid_client for either half: it does not say which.
    expect(check).toMatchObject({ outcome: 'refused', checked: 'id_and_secret', detail: 'invalid_client: Client authentication failed' });
    expect(JSON.stringify(check)).not.toContain('not-the-secret-Qw7');
  });

  for (const app of ['threads', 'instagram'] as const) {
    it(`${app}: tells a wrong secret from an unknown app id`, async () => {
      const { clientId } = NETWORKS[app];
      const wrongSecret = await setup(app, { clientId, clientSecret: 'not-the-secret-Qw7' });
      const secretCheck = await wrongSecret.api.apps.test({ app });
      expect(secretCheck).toMatchObject({ outcome: 'wrong_secret', checked: 'id_and_secret', source: 'own' });
      expect(secretCheck.detail).toContain('Error validating client secret.');
      expect(JSON.stringify(secretCheck)).not.toContain('not-the-secret-Qw7');

      const wrongId = await setup(app, { clientId: '1234567', clientSecret: NETWORKS[app].secret! });
      expect(await wrongId.api.apps.test({ app })).toMatchObject({ outcome: 'unknown_client', detail: expect.stringContaining('Invalid application ID') });
    });
  }

  it('X: a public client id X knows is recognised, as far as an id without a secret can be', async () => {
    const { api, fake } = await setup('x', { clientId: 'x-client-id' });
    expect(await api.apps.test({ app: 'x' })).toStrictEqual({ app: 'x', outcome: 'recognised', checked: 'id_only', source: 'own', detail: null });
    expect(fake.authority.tokens).toStrictEqual([]);
  });

  it('X: a client id X does not know is named as such', async () => {
    const { api } = await setup('x', { clientId: 'someone-elses-id' });
    expect(await api.apps.test({ app: 'x' })).toMatchObject({ outcome: 'unknown_client', checked: 'id_only', detail: expect.stringContaining('unauthorized_client') });
  });

  for (const app of ['x', 'linkedin', 'threads', 'instagram'] as const) {
    it(`${app}: a network that cannot be reached says so`, async () => {
      const { clientId, secret } = NETWORKS[app];
      const { api, fake } = await setup(app, { clientId, ...(secret === undefined ? {} : { clientSecret: secret }) });
      await fake.close();
      const check = await api.apps.test({ app });
      expect(check.outcome).toBe('unreachable');
      expect(check.detail).toMatch(/^Spheres could not reach (X|LinkedIn|Threads|Instagram): it refused the connection/);
    });
  }

  it('says there is nothing to test when no app is saved, without asking the network', async () => {
    const { api, fake } = await setup('linkedin', null);
    expect(await api.apps.test({ app: 'linkedin' })).toStrictEqual({ app: 'linkedin', outcome: 'not_set_up', checked: 'id_and_secret', source: 'own', detail: null });
    expect(fake.requests).toStrictEqual([]);
  });

  it('refuses a network that needs no developer app', async () => {
    const { api } = await setup('x', null);
    await expect(api.apps.test({ app: 'bluesky' as AppNetwork })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
