import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarVault, VaultError, type Credentials } from '../../../electron/core/vault';
import { hasCommand, searchKeychain, whyNoSecretService } from '../../support/keychain';

/**
 * The vault against the real OS keychain: the Secret Service of gnome-keyring in a D-Bus session,
 * checked from the outside with secret-tool. CI runs it as:
 *   dbus-run-session -- bash -c 'eval "$(printf %s pw | gnome-keyring-daemon --unlock --components=secrets)"; npx vitest run --project integration'
 */

const SERVICE = `Spheres-test-${randomBytes(6).toString('hex')}`;

const FULL: Credentials = {
  accessToken: `at-${randomBytes(8).toString('hex')}`,
  refreshToken: `rt-${randomBytes(8).toString('hex')}`,
  expiresAt: '2026-03-01T12:00:00.000Z',
  scopes: ['read', 'write:statuses'],
  clientId: 'client-123',
  clientSecret: `cs-${randomBytes(8).toString('hex')}`,
  extra: { instance: 'mastodon.social' },
};

const skipReason = await whyNoSecretService(SERVICE);
if (skipReason !== null) {
  console.warn(
    `[keychain] skipped: ${skipReason}. To run it: dbus-run-session with gnome-keyring unlocked, as shown at the top of test/integration/vault/keychain-vault.test.ts`,
  );
}

describe.skipIf(skipReason !== null)(
  `KeytarVault with the real keychain${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const vault = new KeytarVault({ service: SERVICE });

    afterAll(() => {
      spawnSync('secret-tool', ['clear', 'service', SERVICE]);
    });

    it('saves one keychain item per account, with the account attribute and the credentials as JSON', async () => {
      await vault.set('mastodon:mastodon.social:alice', FULL);
      const found = searchKeychain(SERVICE);
      expect(found.accounts).toEqual(['mastodon:mastodon.social:alice']);
      expect(found.output).toContain(`attribute.service = ${SERVICE}`);
      expect(found.secrets.map((secret) => JSON.parse(secret) as unknown)).toEqual([FULL]);
    });

    it('reads back the same credentials, also from a second vault as after a restart', async () => {
      expect(await vault.get('mastodon:mastodon.social:alice')).toEqual(FULL);
      expect(await new KeytarVault({ service: SERVICE }).get('mastodon:mastodon.social:alice')).toEqual(FULL);
    });

    it('has nothing for an account that was never saved, and leaves no trace of checking', async () => {
      expect(await vault.get('bluesky:nobody')).toBeNull();
      expect(searchKeychain(SERVICE).accounts).toEqual(['mastodon:mastodon.social:alice']);
    });

    it('lists the saved accounts, sorted', async () => {
      await vault.set('bluesky:alice.bsky.social', { accessToken: 'bsky-token' });
      expect(await vault.list()).toEqual(['bluesky:alice.bsky.social', 'mastodon:mastodon.social:alice']);
    });

    it('replaces the item when an account signs in again', async () => {
      await vault.set('bluesky:alice.bsky.social', { accessToken: 'bsky-token-2' });
      expect(await vault.get('bluesky:alice.bsky.social')).toStrictEqual({ accessToken: 'bsky-token-2' });
      expect(searchKeychain(SERVICE).accounts.sort()).toEqual(['bluesky:alice.bsky.social', 'mastodon:mastodon.social:alice']);
    });

    it('deletes the item so that secret-tool no longer finds it', async () => {
      expect(await vault.delete('mastodon:mastodon.social:alice')).toBe(true);
      expect(searchKeychain(SERVICE).accounts).toEqual(['bluesky:alice.bsky.social']);
      expect(await vault.get('mastodon:mastodon.social:alice')).toBeNull();
      expect(await vault.delete('mastodon:mastodon.social:alice')).toBe(false);
      expect(await vault.list()).toEqual(['bluesky:alice.bsky.social']);
    });

    it('reports an item damaged outside Spheres as credentials_corrupt, without its content', async () => {
      const stored = spawnSync(
        'secret-tool',
        ['store', '--label=damaged', 'xdg:schema', 'org.freedesktop.Secret.Generic', 'service', SERVICE, 'account', 'x:damaged'],
        { input: `{"accessToken":"${FULL.accessToken}"`, encoding: 'utf8' },
      );
      expect(stored.status).toBe(0);
      const error = await vault.get('x:damaged').then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(VaultError);
      expect((error as VaultError).code).toBe('credentials_corrupt');
      expect(JSON.stringify(error) + (error as VaultError).message).not.toContain(FULL.accessToken);
    });
  },
);

/**
 * Locking the keyring other test files share would break them mid-run, so the locked case gets a
 * private D-Bus session and gnome-keyring of its own, in a child process under a throwaway HOME.
 * `secret-tool lock --collection=login` locks but then segfaults (libsecret 0.20.5), so the lock
 * goes through the Secret Service's own Lock method with dbus-send.
 */
const LOCKED_TOOLS = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool'];
const missingForLocked = process.platform === 'linux' ? LOCKED_TOOLS.filter((tool) => !hasCommand(tool)) : LOCKED_TOOLS;
const lockedSkipReason =
  missingForLocked.length === 0 ? null : `needs ${missingForLocked.join(', ')} (Debian packages dbus, gnome-keyring, libsecret-tools)`;
if (lockedSkipReason !== null) console.warn(`[keychain] locked-keyring test skipped: ${lockedSkipReason}`);

const VAULT_INDEX = resolve(dirname(fileURLToPath(import.meta.url)), '../../../electron/core/vault/index.ts');
const IN_PROCESS_APP = resolve(dirname(fileURLToPath(import.meta.url)), '../../support/in-process-app.ts');
const X_FAKE = resolve(dirname(fileURLToPath(import.meta.url)), '../../support/fakes/x-fake.ts');
const HTTP_FAKE = resolve(dirname(fileURLToPath(import.meta.url)), '../../support/fakes/http-fake.ts');

const LOCKED_CHILD = `
import { execFileSync, spawnSync } from 'node:child_process';
import { KeytarVault, VaultError } from ${JSON.stringify(pathToFileURL(VAULT_INDEX).href)};
import { inProcessApp } from ${JSON.stringify(pathToFileURL(IN_PROCESS_APP).href)};
import { startXFake } from ${JSON.stringify(pathToFileURL(X_FAKE).href)};
import { followInBrowser } from ${JSON.stringify(pathToFileURL(HTTP_FAKE).href)};

const service = process.env.LOCKED_TEST_SERVICE;
const vault = new KeytarVault({ service });
const outcome = async (call) => {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return error instanceof VaultError ? { ok: false, code: error.code, message: error.message } : { ok: false, code: 'unexpected', message: String(error) };
  }
};
const dbus = (...args) => execFileSync('dbus-send', ['--session', '--print-reply=literal', '--dest=org.freedesktop.secrets', ...args], { encoding: 'utf8' }).trim();

const result = {};
result.before = await outcome(() => vault.set('mastodon:alice', { accessToken: 'saved-before-the-lock' }));
// The whole app over the same keychain: X's app is set up while the keychain is open.
const fake = await startXFake();
let browserOpened = 0;
const { api } = await inProcessApp({
  vault,
  openBrowser: async (url) => { browserOpened += 1; await followInBrowser(url); },
  accountsTesting: { endpoints: { x: fake.endpoints } },
});
await api.apps.save({ app: 'x', clientId: 'x-client-id' });
const collection = dbus('/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default');
dbus('/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', 'array:objpath:' + collection);
result.lockedProperty = dbus(collection, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked');
result.set = await outcome(() => vault.set('mastodon:bob', { accessToken: process.env.LOCKED_TEST_SECRET }));
result.get = await outcome(() => vault.get('mastodon:alice'));
result.delete = await outcome(() => vault.delete('mastodon:alice'));
result.list = await outcome(() => vault.list());
result.connect = await api.accounts.connect({ network: 'x' }).then(() => ({ ok: true }), (error) => ({ ok: false, code: error.code, message: error.message }));
result.accountsAfter = await api.accounts.list();
result.browserOpened = browserOpened;
result.tokensIssued = fake.authority.tokens.length;
await fake.close();
const search = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
result.searchOutput = search.stdout + '\\n' + search.stderr;
console.log('RESULT ' + JSON.stringify(result));
`;

// gnome-keyring-daemon prints its environment before it owns its bus name; without the wait,
// D-Bus activation can start a second daemon that has no unlocked login keyring.
const LOCKED_SESSION = `
eval "$(printf %s "$LOCKED_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)"
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
  sleep 0.05
done
exec "$LOCKED_TEST_NODE" --import "$LOCKED_TEST_TSX" "$LOCKED_TEST_CHILD"
`;

interface Outcome {
  ok: boolean;
  code?: string;
  message?: string;
  value?: unknown;
}

interface LockedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  result: Record<'before' | 'set' | 'get' | 'delete' | 'list' | 'connect', Outcome> & {
    lockedProperty: string;
    searchOutput: string;
    accountsAfter: unknown[];
    browserOpened: number;
    tokensIssued: number;
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe.skipIf(lockedSkipReason !== null)(
  `KeytarVault with a locked keyring${lockedSkipReason === null ? '' : ` (skipped: ${lockedSkipReason})`}`,
  () => {
    const secret = `locked-${randomBytes(12).toString('hex')}`;
    let home = '';
    let scriptDir = '';
    let run: LockedRun;

    beforeAll(async () => {
      home = mkdtempSync(join(tmpdir(), 'spheres-locked-home-'));
      scriptDir = mkdtempSync(join(tmpdir(), 'spheres-locked-script-'));
      for (const sub of ['data', 'config', 'cache', 'run', 'tmp']) mkdirSync(join(home, sub), { mode: 0o700 });
      const child = join(scriptDir, 'locked-child.mts');
      writeFileSync(child, LOCKED_CHILD);
      // A fresh environment: no DISPLAY (an unlock prompt would wait for a person), none of the
      // developer's D-Bus or keyring sockets, every XDG folder inside the throwaway HOME.
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_RUNTIME_DIR: join(home, 'run'),
        TMPDIR: join(home, 'tmp'),
        LOCKED_TEST_SERVICE: SERVICE,
        LOCKED_TEST_SECRET: secret,
        LOCKED_TEST_KEYRING_PASSWORD: randomBytes(8).toString('hex'),
        LOCKED_TEST_NODE: process.execPath,
        LOCKED_TEST_TSX: pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
        LOCKED_TEST_CHILD: child,
      };
      run = await new Promise<LockedRun>((done, fail) => {
        const proc = spawn('dbus-run-session', ['--', 'bash', '-c', LOCKED_SESSION], { env, timeout: 45_000 });
        let stdout = '';
        let stderr = '';
        proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        proc.on('error', fail);
        proc.on('close', (status, signal) => {
          const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
          if (line === undefined) {
            // 139 is how bash reports a child killed by SIGSEGV: the keytar crash this test guards against.
            const crashed = status === 139 ? ' = crashed with SIGSEGV' : '';
            fail(new Error(`the locked-keyring child printed no result (status ${status}${crashed}, signal ${signal}):\n${stdout}\n${stderr}`));
            return;
          }
          done({ status, signal, stderr, result: JSON.parse(line.slice('RESULT '.length)) as LockedRun['result'] });
        });
      });
    });

    afterAll(() => {
      rmSync(home, { recursive: true, force: true });
      rmSync(scriptDir, { recursive: true, force: true });
    });

    it('really had a locked keyring to work with', () => {
      expect(run.result.before).toEqual({ ok: true });
      expect(run.result.lockedProperty).toMatch(/boolean true/);
    });

    it('refuses to save with keychain_locked and a way out', () => {
      expect(run.result.set).toMatchObject({ ok: false, code: 'keychain_locked' });
      expect(run.result.set.message).toContain('Unlock the login keyring');
      expect(run.result.set.message).not.toContain(secret);
    });

    it('writes nothing to the keychain when it is locked', () => {
      expect(run.result.searchOutput).toContain('attribute.account = mastodon:alice');
      expect(run.result.searchOutput).not.toContain('mastodon:bob');
      expect(run.result.searchOutput).not.toContain('.spheres-keychain-probe');
    });

    it('writes the secret nowhere else either: no file in the home folder holds it', () => {
      const holding = filesUnder(home).filter((file) => readFileSync(file).includes(secret));
      expect(holding).toEqual([]);
    });

    it('reports keychain_locked on get instead of "no credentials"', () => {
      expect(run.result.get).toMatchObject({ ok: false, code: 'keychain_locked' });
    });

    it('reports keychain_locked on delete instead of "nothing to delete"', () => {
      expect(run.result.delete).toMatchObject({ ok: false, code: 'keychain_locked' });
    });

    it('a connect with the keychain locked says so before the browser opens, and leaves no account', () => {
      expect(run.result.connect).toMatchObject({ ok: false, code: 'keychain_locked', message: expect.stringContaining('Unlock the login keyring') });
      expect(run.result.browserOpened).toBe(0);
      expect(run.result.tokensIssued).toBe(0);
      expect(run.result.accountsAfter).toEqual([]);
      expect(run.result.searchOutput).not.toContain('attribute.account = x:');
    });

    it('reports keychain_locked on list, and the process survives (keytar findCredentials would segfault)', () => {
      expect(run.result.list).toMatchObject({ ok: false, code: 'keychain_locked' });
      expect(run.signal).toBeNull();
      expect(run.status).toBe(0);
    });
  },
);
