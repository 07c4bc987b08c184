import { describe, expect, it } from 'vitest';
import { MemoryVault } from '../../../electron/core/vault';
import { inProcessApp } from '../../support/in-process-app';

async function snapshot(vault: MemoryVault) {
  const ids = (await vault.list()).sort();
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await vault.get(id)] as const)));
}

const ACCOUNT = {
  id: 'x:2244994945',
  network: 'x',
  handle: '@alice_spheres',
  displayName: 'Alice',
  avatarUrl: null,
  serverUrl: null,
  tokenExpiresAt: null,
  refreshable: true,
  scopes: ['tweet.write'],
  status: 'connected',
  statusReason: null,
  connectedAt: '2026-03-01T09:00:00.000Z',
  lastRefreshedAt: null,
  limits: null,
  facts: { userId: '2244994945' },
};

describe('saving a developer app changes only what it names', () => {
  it('saving the Threads app leaves the other apps, the accounts and their sign-ins as they were', async () => {
    const vault = new MemoryVault();
    await vault.set('x:2244994945', { accessToken: 'x-access', refreshToken: 'x-refresh' });
    const { api } = await inProcessApp({ vault, accounts: [ACCOUNT] });
    await api.apps.save({ app: 'x', clientId: 'x-client-id', redirectPort: 8765 });
    await api.apps.save({ app: 'linkedin', clientId: 'linkedin-client-id', clientSecret: 'linkedin-secret' });
    await api.apps.save({ app: 'threads', clientId: '990602627938098', clientSecret: 'old-threads-secret' });
    const before = await snapshot(vault);
    const accountsBefore = await api.accounts.list();
    const statusesBefore = await api.apps.list();

    const saved = await api.apps.save({ app: 'threads', clientId: '111222333', clientSecret: 'new-threads-secret', redirectPort: 53682 });

    expect(saved).toStrictEqual({ app: 'threads', configured: true, clientId: '111222333', hasSecret: true, needsSecret: true, redirectPort: 53682, builtIn: false });
    const after = await snapshot(vault);
    expect(after['app:threads']).toStrictEqual({ clientId: '111222333', clientSecret: 'new-threads-secret', extra: { redirectPort: '53682' } });
    expect({ ...after, 'app:threads': undefined }).toStrictEqual({ ...before, 'app:threads': undefined });
    expect(await api.accounts.list()).toStrictEqual(accountsBefore);
    expect((await api.apps.list()).filter((status) => status.app !== 'threads')).toStrictEqual(statusesBefore.filter((status) => status.app !== 'threads'));
  });

  it('a field the form leaves out is unchanged: the saved port and secret stay', async () => {
    const vault = new MemoryVault();
    const { api } = await inProcessApp({ vault });
    await api.apps.save({ app: 'linkedin', clientId: 'linkedin-client-id', clientSecret: 'linkedin-secret', redirectPort: 53682 });
    await api.apps.save({ app: 'linkedin', clientId: 'linkedin-client-id' });
    expect(await vault.get('app:linkedin')).toStrictEqual({ clientId: 'linkedin-client-id', clientSecret: 'linkedin-secret', extra: { redirectPort: '53682' } });
  });
});
