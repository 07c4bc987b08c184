import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  KeytarVault,
  MemoryVault,
  VaultError,
  type CredentialVault,
  type Credentials,
  type KeychainFacade,
} from '../../../electron/core/vault';
import { failureOf } from '../../support/failure';

const FULL: Credentials = {
  accessToken: 'at-4f9c2e-secret',
  refreshToken: 'rt-77aa01-secret',
  expiresAt: '2026-03-01T12:00:00.000Z',
  scopes: ['read', 'write:statuses'],
  clientId: 'client-123',
  clientSecret: 'cs-b0b0b0-secret',
  extra: { instance: 'mastodon.social', did: 'did:plc:abc123' },
};

const SECRETS = ['at-4f9c2e-secret', 'rt-77aa01-secret', 'cs-b0b0b0-secret'];

const failure = failureOf(VaultError);

/** Everything about an error a log line or the renderer could ever see. */
function everythingShown(error: VaultError): string {
  return [error.message, String(error.stack), JSON.stringify(error), JSON.stringify(error.details ?? {})].join('\n');
}

type KeyringState = 'unlocked' | 'locked' | 'no-login-collection';

/**
 * keytar over gnome-keyring as observed on a build machine: reads on a locked or missing
 * collection quietly answer null / false / [], writes throw, and findCredentials on a locked
 * collection segfaults (atom/node-keytar#477), which this fake turns into a loud failure.
 */
function fakeSecretService(initial: KeyringState = 'unlocked') {
  const items = new Map<string, Map<string, string>>();
  const keyring = { state: initial, unlockOnPrompt: false };
  const calls: string[] = [];
  const itemsOf = (service: string) => items.get(service) ?? items.set(service, new Map()).get(service)!;
  const facade: KeychainFacade = {
    async getPassword(service, account) {
      calls.push(`get ${account}`);
      return keyring.state === 'unlocked' ? (itemsOf(service).get(account) ?? null) : null;
    },
    async setPassword(service, account, password) {
      calls.push(`set ${account}`);
      if (keyring.state === 'locked' && keyring.unlockOnPrompt) keyring.state = 'unlocked';
      if (keyring.state === 'locked') throw new Error('Cannot create an item in a locked collection');
      if (keyring.state === 'no-login-collection') {
        throw new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”');
      }
      itemsOf(service).set(account, password);
    },
    async deletePassword(service, account) {
      calls.push(`delete ${account}`);
      return keyring.state === 'unlocked' && itemsOf(service).delete(account);
    },
    async findCredentials(service) {
      calls.push('find');
      if (keyring.state === 'locked') throw new Error('findCredentials on a locked collection crashes the process');
      if (keyring.state !== 'unlocked') return [];
      return [...itemsOf(service)].map(([account, password]) => ({ account, password }));
    },
  };
  return { facade, items, keyring, calls };
}

/** A keychain where every call fails with the same native error text. */
function failingKeychain(message: string): KeychainFacade {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
}

function keytarVault(facade: KeychainFacade, platform = 'linux', service = 'Spheres-unit'): KeytarVault {
  return new KeytarVault({ service, platform, loadKeychain: () => facade });
}

function describeCredentialVaultContract(name: string, makeVault: () => CredentialVault): void {
  describe(`${name} keeps the CredentialVault contract`, () => {
    let vault: CredentialVault;
    beforeEach(() => {
      vault = makeVault();
    });

    it('has nothing for an account that was never saved', async () => {
      expect(await vault.get('mastodon:alice')).toBeNull();
      expect(await vault.list()).toEqual([]);
    });

    it('gives back exactly the credentials that were saved', async () => {
      await vault.set('mastodon:mastodon.social:alice', FULL);
      expect(await vault.get('mastodon:mastodon.social:alice')).toEqual(FULL);
    });

    it('gives back a token-only login without inventing fields', async () => {
      await vault.set('bluesky:alice.bsky.social', { accessToken: 'only-a-token' });
      expect(await vault.get('bluesky:alice.bsky.social')).toStrictEqual({ accessToken: 'only-a-token' });
    });

    it('replaces the credentials when an account signs in again', async () => {
      await vault.set('linkedin:alice', FULL);
      await vault.set('linkedin:alice', { accessToken: 'fresh-token', scopes: ['w_member_social'] });
      expect(await vault.get('linkedin:alice')).toStrictEqual({ accessToken: 'fresh-token', scopes: ['w_member_social'] });
    });

    it('keeps the credentials of different accounts apart', async () => {
      await vault.set('mastodon:alice', { accessToken: 'alice-token' });
      await vault.set('mastodon:bob', { accessToken: 'bob-token' });
      expect(await vault.get('mastodon:alice')).toStrictEqual({ accessToken: 'alice-token' });
      expect(await vault.get('mastodon:bob')).toStrictEqual({ accessToken: 'bob-token' });
    });

    it('hands out copies, so changing a result does not change what is stored', async () => {
      await vault.set('x:alice', FULL);
      const first = await vault.get('x:alice');
      first!.scopes!.push('admin');
      first!.accessToken = 'tampered';
      expect(await vault.get('x:alice')).toEqual(FULL);
    });

    it('forgets an account on delete and says whether there was anything to delete', async () => {
      await vault.set('mastodon:alice', FULL);
      expect(await vault.delete('mastodon:alice')).toBe(true);
      expect(await vault.get('mastodon:alice')).toBeNull();
      expect(await vault.delete('mastodon:alice')).toBe(false);
    });

    it('lists the accounts that have credentials, sorted, and not the deleted ones', async () => {
      await vault.set('mastodon:bob', FULL);
      await vault.set('bluesky:alice', FULL);
      await vault.set('linkedin:carol', FULL);
      await vault.delete('linkedin:carol');
      expect(await vault.list()).toEqual(['bluesky:alice', 'mastodon:bob']);
    });

    it('accepts an account id of 128 characters', async () => {
      const longest = `a${'b'.repeat(127)}`;
      await vault.set(longest, FULL);
      expect(await vault.list()).toEqual([longest]);
    });

    it.each([
      ['an empty id', ''],
      ['uppercase letters', 'Mastodon:alice'],
      ['a leading dash', '-alice'],
      ['a leading dot', '.hidden'],
      ['a space', 'mastodon alice'],
      ['a slash', 'mastodon/alice'],
      ['an @', 'alice@mastodon.social'],
      ['129 characters', `a${'b'.repeat(128)}`],
    ])('refuses an account id with %s on every call', async (_label, badId) => {
      for (const call of [
        () => vault.get(badId),
        () => vault.set(badId, FULL),
        () => vault.delete(badId),
      ]) {
        const error = await failure(call());
        expect(error.code).toBe('invalid_account_id');
        expect(error.message).toMatch(/lowercase letters, digits/);
      }
      expect(await vault.list()).toEqual([]);
    });

    it.each([
      ['an empty access token', { accessToken: '' }],
      ['an expiry that is not an ISO date', { ...FULL, expiresAt: 'next tuesday' }],
      ['a field the schema does not know', { ...FULL, password: 'hunter2-secret' }],
      ['a non-string extra value', { ...FULL, extra: { port: 443 } }],
    ])('refuses to save credentials with %s and saves nothing', async (_label, bad) => {
      const error = await failure(vault.set('mastodon:alice', bad as unknown as Credentials));
      expect(error.code).toBe('invalid_credentials');
      for (const secret of [...SECRETS, 'hunter2-secret']) expect(everythingShown(error)).not.toContain(secret);
      expect(await vault.list()).toEqual([]);
    });
  });
}

describeCredentialVaultContract('MemoryVault', () => new MemoryVault());
describeCredentialVaultContract('KeytarVault on Linux (fake Secret Service)', () => keytarVault(fakeSecretService().facade));
describeCredentialVaultContract('KeytarVault on macOS (fake keychain)', () => keytarVault(fakeSecretService().facade, 'darwin'));

describe('KeytarVault storage layout', () => {
  it('stores one item per account under its service, the password being the credentials as JSON', async () => {
    const keychain = fakeSecretService();
    await keytarVault(keychain.facade, 'linux', 'Spheres').set('mastodon:alice', FULL);
    expect([...keychain.items.keys()]).toEqual(['Spheres']);
    expect([...keychain.items.get('Spheres')!.keys()]).toEqual(['mastodon:alice']);
    expect(JSON.parse(keychain.items.get('Spheres')!.get('mastodon:alice')!)).toEqual(FULL);
  });

  it('uses the service "Spheres" unless told otherwise', async () => {
    const keychain = fakeSecretService();
    await new KeytarVault({ platform: 'linux', loadKeychain: () => keychain.facade }).set('x:alice', FULL);
    expect([...keychain.items.keys()]).toEqual(['Spheres']);
  });

  it('does not see the accounts of another service', async () => {
    const keychain = fakeSecretService();
    await keytarVault(keychain.facade, 'linux', 'Spheres').set('x:alice', FULL);
    await keytarVault(keychain.facade, 'linux', 'Spheres-test-1').set('x:bob', FULL);
    expect(await keytarVault(keychain.facade, 'linux', 'Spheres').list()).toEqual(['x:alice']);
  });

  it('lists only items whose account is a valid id, so hand-made entries are not taken for accounts', async () => {
    const keychain = fakeSecretService();
    const vault = keytarVault(keychain.facade);
    await vault.set('x:alice', FULL);
    await keychain.facade.setPassword('Spheres-unit', 'Hand Made', 'whatever');
    expect(await vault.list()).toEqual(['x:alice']);
  });

  it('does not load keytar until a credential is needed', async () => {
    const load = vi.fn(() => fakeSecretService().facade);
    const vault = new KeytarVault({ platform: 'linux', loadKeychain: load });
    expect(load).not.toHaveBeenCalled();
    await vault.get('x:alice');
    await vault.list();
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('KeytarVault turns keychain failures into VaultError codes', () => {
  const UNAVAILABLE = 'Start a Secret Service such as gnome-keyring and unlock it';
  const LOCKED = 'Unlock the login keyring';

  // Texts keytar 7.9 really throws on Linux (seen on a build machine), plus macOS's cancel.
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain_unavailable', UNAVAILABLE],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain_unavailable', UNAVAILABLE],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain_unavailable', UNAVAILABLE],
    ['Cannot create an item in a locked collection', 'keychain_locked', LOCKED],
    ['User canceled the operation.', 'keychain_locked', LOCKED],
  ])('maps "%s" to %s on every call', async (native, code, fix) => {
    const vault = keytarVault(failingKeychain(native));
    for (const call of [
      () => vault.get('mastodon:alice'),
      () => vault.set('mastodon:alice', FULL),
      () => vault.delete('mastodon:alice'),
      () => vault.list(),
    ]) {
      const error = await failure(call());
      expect(error.code).toBe(code);
      expect(error.message).toContain(fix);
      expect(error.details?.reason).toBe(native);
      for (const secret of SECRETS) expect(everythingShown(error)).not.toContain(secret);
    }
  });

  it('cuts the secret out of a native error that echoes what it was given', async () => {
    const echoing: KeychainFacade = {
      ...failingKeychain('unused'),
      setPassword: async (_service, _account, password) => {
        throw new Error(`D-Bus refused the value ${password} (token ${FULL.accessToken})`);
      },
    };
    const error = await failure(keytarVault(echoing).set('mastodon:alice', FULL));
    expect(error.code).toBe('keychain_unavailable');
    for (const secret of SECRETS) expect(everythingShown(error)).not.toContain(secret);
    expect(error.details?.reason).toContain('[redacted]');
  });

  it('tells a Mac user to look in Keychain Access', async () => {
    const error = await failure(keytarVault(failingKeychain('The specified keychain could not be found.'), 'darwin').list());
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toContain('Keychain Access');
  });

  it('tells a Windows user about Credential Manager', async () => {
    const error = await failure(keytarVault(failingKeychain('The system cannot find the file specified.'), 'win32').list());
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toContain('Windows Credential Manager');
  });

  it('says to install libsecret when keytar itself cannot load', async () => {
    const vault = new KeytarVault({
      platform: 'linux',
      loadKeychain: () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
      },
    });
    const error = await failure(vault.get('mastodon:alice'));
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toContain('Install libsecret');
  });

  it('refuses credentials too large for Windows Credential Manager before calling it', async () => {
    const keychain = fakeSecretService();
    const error = await failure(keytarVault(keychain.facade, 'win32').set('x:alice', { accessToken: 'j'.repeat(3000) }));
    expect(error.code).toBe('invalid_credentials');
    expect(error.message).toContain('Windows Credential Manager');
    expect(keychain.calls).toEqual([]);
  });
});

describe('KeytarVault on a Secret Service that answers reads of a locked keyring with "nothing there"', () => {
  it('reports a locked keyring on get instead of pretending the account has no credentials', async () => {
    const keychain = fakeSecretService();
    await keytarVault(keychain.facade).set('mastodon:alice', FULL);
    keychain.keyring.state = 'locked';
    expect((await failure(keytarVault(keychain.facade).get('mastodon:alice'))).code).toBe('keychain_locked');
  });

  it('reports a locked keyring on delete instead of claiming there was nothing to delete', async () => {
    const keychain = fakeSecretService();
    await keytarVault(keychain.facade).set('mastodon:alice', FULL);
    keychain.keyring.state = 'locked';
    expect((await failure(keytarVault(keychain.facade).delete('mastodon:alice'))).code).toBe('keychain_locked');
    keychain.keyring.state = 'unlocked';
    expect(await keytarVault(keychain.facade).get('mastodon:alice')).toEqual(FULL);
  });

  it('reports a locked keyring on list without calling findCredentials, which would crash the app', async () => {
    const keychain = fakeSecretService('locked');
    const error = await failure(keytarVault(keychain.facade).list());
    expect(error.code).toBe('keychain_locked');
    expect(keychain.calls).not.toContain('find');
  });

  it('reports a keyring daemon without a login collection as unavailable', async () => {
    const keychain = fakeSecretService('no-login-collection');
    const error = await failure(keytarVault(keychain.facade).get('mastodon:alice'));
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toContain('Start a Secret Service such as gnome-keyring and unlock it');
  });

  it('reads again when the person unlocks the keyring at the prompt of the check', async () => {
    const keychain = fakeSecretService();
    await keytarVault(keychain.facade).set('mastodon:alice', FULL);
    keychain.keyring.state = 'locked';
    keychain.keyring.unlockOnPrompt = true;
    expect(await keytarVault(keychain.facade).get('mastodon:alice')).toEqual(FULL);
  });

  it('leaves no trace of its check in the keychain', async () => {
    const keychain = fakeSecretService();
    const vault = keytarVault(keychain.facade);
    expect(await vault.get('mastodon:nobody')).toBeNull();
    expect(await vault.list()).toEqual([]);
    expect([...(keychain.items.get('Spheres-unit')?.keys() ?? [])]).toEqual([]);
  });

  it('does not run the check on macOS, where a read of a locked keychain fails by itself', async () => {
    const keychain = fakeSecretService();
    expect(await keytarVault(keychain.facade, 'darwin').get('mastodon:nobody')).toBeNull();
    expect(keychain.calls).toEqual(['get mastodon:nobody']);
  });
});

describe('a damaged keychain item', () => {
  let consoleSpies: ReturnType<typeof vi.spyOn>[];
  beforeEach(() => {
    consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => undefined),
    );
  });
  afterEach(() => {
    for (const spy of consoleSpies) spy.mockRestore();
  });

  it.each([
    ['is not JSON', `{"accessToken":"${FULL.accessToken}"`],
    ['has a field the schema does not know', JSON.stringify({ ...FULL, password: 'hunter2-secret' })],
    ['misses the access token', JSON.stringify({ refreshToken: FULL.refreshToken })],
    ['has a malformed expiry', JSON.stringify({ ...FULL, expiresAt: 'soon' })],
    ['is JSON but not an object', JSON.stringify(FULL.accessToken)],
  ])('that %s reads as credentials_corrupt, without the secret and without logging', async (_label, blob) => {
    const keychain = fakeSecretService();
    await keychain.facade.setPassword('Spheres-unit', 'mastodon:alice', blob);
    const error = await failure(keytarVault(keychain.facade).get('mastodon:alice'));
    expect(error.code).toBe('credentials_corrupt');
    expect(error.message).toContain('connect it again');
    expect(error.details?.accountId).toBe('mastodon:alice');
    for (const secret of [...SECRETS, 'hunter2-secret']) expect(everythingShown(error)).not.toContain(secret);
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });

  it('names the fields that are wrong, so support can tell what happened', async () => {
    const keychain = fakeSecretService();
    await keychain.facade.setPassword('Spheres-unit', 'x:alice', JSON.stringify({ ...FULL, password: 'p', expiresAt: 'soon' }));
    const error = await failure(keytarVault(keychain.facade).get('x:alice'));
    expect(error.details?.reason).toBe('unexpected fields: expiresAt, password');
  });
});
