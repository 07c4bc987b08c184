import { expect } from 'vitest';
import type { SpheresApi } from '../../common/api';
import type { AccountNetwork, AppNetwork } from '../../common/domain';
import type { Endpoints } from '../../electron/core/accounts';
import { MemoryVault, type CredentialVault } from '../../electron/core/vault';
import type { FakeAuthority } from './fakes/oauth-authority';
import { followInBrowser } from './fakes/http-fake';
import { inProcessApp } from './in-process-app';

export interface HarnessOptions {
  network: AccountNetwork;
  endpoints: Endpoints;
  /** The fake's authority: it shares the app's clock, so tokens expire when the app thinks they do. */
  authority: FakeAuthority;
  /** Where the clock starts; tests move `clock.now`. */
  startsAt: Date;
  /** The developer app to save first; null leaves it unset. */
  app: { app: AppNetwork; clientId: string; clientSecret?: string } | null;
  openBrowser?: ((url: string) => Promise<void>) | undefined;
  authTimeoutMs?: number | undefined;
}

/**
 * The real core with an in-memory vault, pointed at one network's loopback fake, on a clock the
 * test moves; every accounts event is recorded, so tests can check none carries a token.
 */
export async function accountsHarness(options: HarnessOptions) {
  const clock = { now: options.startsAt };
  options.authority.now = () => clock.now.getTime();
  const vault = new MemoryVault();
  const app = await inProcessApp({
    vault,
    now: () => clock.now,
    openBrowser: options.openBrowser ?? followInBrowser,
    accountsTesting: { endpoints: { [options.network]: options.endpoints }, ...(options.authTimeoutMs === undefined ? {} : { authTimeoutMs: options.authTimeoutMs }) },
  });
  if (options.app !== null) await app.api.apps.save(options.app);
  const events: unknown[] = [];
  app.api.on('accounts.changed', (payload) => events.push(payload));
  app.api.on('accounts.connectProgress', (payload) => events.push(payload));
  return { ...app, vault, events, clock };
}

/** No account in the list and no account item in the vault (a saved developer app may stay). */
export async function expectNothingStored(api: SpheresApi, vault: CredentialVault): Promise<void> {
  expect(await api.accounts.list()).toStrictEqual([]);
  expect((await vault.list()).filter((id) => !id.startsWith('app:'))).toStrictEqual([]);
}
