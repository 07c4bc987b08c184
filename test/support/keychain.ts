import { spawnSync } from 'node:child_process';
import { KeytarVault, VaultError } from '../../electron/core/vault';

/**
 * The real keychain tier: the Secret Service of gnome-keyring in a D-Bus session, checked from
 * the outside with secret-tool. CI runs the tests as:
 *   dbus-run-session -- bash -c 'eval "$(printf %s pw | gnome-keyring-daemon --unlock --components=secrets)"; npm test'
 */

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export interface KeychainItems {
  accounts: string[];
  secrets: string[];
  output: string;
}

/** What secret-tool sees under a service. It prints attributes on stderr and the rest on stdout. */
export function searchKeychain(service: string): KeychainItems {
  const result = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
  const output = `${result.stdout}\n${result.stderr}`;
  const values = (key: string) => [...output.matchAll(new RegExp(`^${key} = (.*)$`, 'gm'))].map((match) => match[1]!);
  return { accounts: values('attribute\\.account'), secrets: values('secret'), output };
}

/** Null when a usable Secret Service is there; otherwise why not, to print with the skip. */
export async function whyNoSecretService(service: string): Promise<string | null> {
  if (process.platform !== 'linux') return `this tier drives the Linux Secret Service and this is ${process.platform}`;
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return 'no D-Bus Secret Service (DBUS_SESSION_BUS_ADDRESS is not set)';
  if (!hasCommand('secret-tool')) return 'secret-tool is not installed (Debian package libsecret-tools)';
  try {
    // Safe on a locked keyring too: list() proves the keyring writable before it searches.
    await new KeytarVault({ service }).list();
    return null;
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    return `no usable D-Bus Secret Service (${error.code}: ${error.details?.reason ?? error.message})`;
  }
}

export function clearKeychainService(service: string): void {
  spawnSync('secret-tool', ['clear', 'service', service]);
}
