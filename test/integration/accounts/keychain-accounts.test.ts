import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarVault } from '../../../electron/core/vault';
import { followInBrowser } from '../../support/fakes/http-fake';
import { startXFake } from '../../support/fakes/x-fake';
import { inProcessApp } from '../../support/in-process-app';
import { clearKeychainService, searchKeychain, whyNoSecretService } from '../../support/keychain';

const SERVICE = `Spheres-test-${randomBytes(6).toString('hex')}`;
const skipReason = await whyNoSecretService(SERVICE);
if (skipReason !== null) console.warn(`[keychain] accounts on the real keychain skipped: ${skipReason}. See test/support/keychain.ts for how to run it.`);

describe.skipIf(skipReason !== null)(
  `accounts on the real keychain (gnome-keyring, checked with secret-tool), X through its loopback fake${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    afterAll(() => clearKeychainService(SERVICE));

    it('connect puts one item per account in the keychain; disconnect really removes it', async () => {
      const fake = await startXFake();
      try {
        const { api } = await inProcessApp({
          vault: new KeytarVault({ service: SERVICE }),
          openBrowser: followInBrowser,
          accountsTesting: { endpoints: { x: fake.endpoints } },
        });
        await api.apps.save({ app: 'x', clientId: 'x-client-id' });
        const account = await api.accounts.connect({ network: 'x' });
        const issued = fake.authority.tokens[0]!;
        const found = searchKeychain(SERVICE);
        expect(found.accounts.sort()).toStrictEqual(['app:x', 'x:2244994945']);
        expect(found.output).toContain(issued.access);
        expect(found.output).toContain(issued.refresh);

        expect(await api.accounts.disconnect({ id: account.id })).toStrictEqual({ removed: true });
        const after = searchKeychain(SERVICE);
        expect(after.accounts).toStrictEqual(['app:x']);
        expect(after.output).not.toContain(issued.access);
        expect(await api.accounts.list()).toStrictEqual([]);

        await api.apps.remove({ app: 'x' });
        expect(searchKeychain(SERVICE).accounts).toStrictEqual([]);
      } finally {
        await fake.close();
      }
    });
  },
);

describe.skipIf(skipReason !== null)(`the keychain vault under concurrent calls${skipReason === null ? '' : ` (skipped: ${skipReason})`}`, () => {
  afterAll(() => clearKeychainService(`${SERVICE}-concurrent`));

  it('answers many reads of missing items at once (each read probes for a hidden lock)', async () => {
    const vault = new KeytarVault({ service: `${SERVICE}-concurrent` });
    const ids = Array.from({ length: 8 }, (_, index) => `app:test${index}`);
    expect(await Promise.all(ids.map((id) => vault.get(id)))).toStrictEqual(ids.map(() => null));
    await Promise.all(ids.map((id, index) => vault.set(id, { clientId: `client-${index}` })));
    expect(await vault.list()).toStrictEqual([...ids].sort());
  });
});
