import { createRequire } from 'node:module';
import type * as Keytar from 'keytar';
import {
  assertAccountId,
  isAccountId,
  parseStoredCredentials,
  serializeCredentials,
  type CredentialVault,
  type Credentials,
} from './credential-vault';
import { VaultError, keychainLocked, keychainModuleMissing, keychainUnavailable } from './vault-error';

/**
 * The four keychain calls the vault needs, shaped like keytar. keytar is archived upstream; a
 * maintained binding (e.g. @napi-rs/keyring) replaces it by providing these four functions.
 */
export interface KeychainFacade {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** keytar is CommonJS with a native addon: required on first use, so nothing loads it until a credential is needed. */
export function loadKeytar(): KeychainFacade {
  const keytar = createRequire(import.meta.url)('keytar') as typeof Keytar;
  return {
    getPassword: (service, account) => keytar.getPassword(service, account),
    setPassword: (service, account, password) => keytar.setPassword(service, account, password),
    deletePassword: (service, account) => keytar.deletePassword(service, account),
    findCredentials: (service) => keytar.findCredentials(service),
  };
}

export interface KeytarVaultOptions {
  /** Keychain service name; tests pass a unique one so they never touch real accounts. */
  service?: string;
  /** A Node platform string; picks the fix a person is told and the Secret Service workarounds. */
  platform?: string;
  loadKeychain?: () => KeychainFacade;
}

export const DEFAULT_SERVICE = 'Spheres';

/** Cannot collide with an account: ids must start with a letter or digit. */
const PROBE_ACCOUNT = '.spheres-keychain-probe';

/** CRED_MAX_CREDENTIAL_BLOB_SIZE (5 * 512 bytes): https://learn.microsoft.com/en-us/windows/win32/api/wincred/ns-wincred-credentiala */
const WINDOWS_MAX_BLOB_BYTES = 2560;

/**
 * The keychain's wording for "it is there but locked, or the person said no". Linux: libsecret and
 * gnome-keyring (a dismissed unlock prompt ends in the same "locked collection" error); macOS:
 * Security framework messages for errSecUserCanceled, errSecInteractionNotAllowed, errSecAuthFailed.
 * Anything else means the keychain could not be used at all.
 */
const LOCKED_PATTERNS = [
  /locked collection/i,
  /locked object/i,
  /\bis locked\b/i,
  /user cancell?ed/i,
  /prompt (was )?dismissed/i,
  /user interaction is not allowed/i,
  /passphrase you entered is not correct/i,
];

/** One keychain item per account: account = account id, password = the credentials as JSON. */
export class KeytarVault implements CredentialVault {
  readonly #service: string;
  readonly #platform: string;
  readonly #loadKeychain: () => KeychainFacade;
  #keychain: KeychainFacade | undefined;
  /** The probe in flight: concurrent calls share it, or one would delete the item another just wrote. */
  #probe: Promise<void> | null = null;

  constructor(options: KeytarVaultOptions = {}) {
    this.#service = options.service ?? DEFAULT_SERVICE;
    this.#platform = options.platform ?? process.platform;
    this.#loadKeychain = options.loadKeychain ?? loadKeytar;
  }

  async get(accountId: string): Promise<Credentials | null> {
    assertAccountId(accountId);
    const read = () => this.#call((keychain) => keychain.getPassword(this.#service, accountId));
    let blob = await read();
    if (blob === null && this.#missesMayHideLock()) {
      await this.#proveWritable();
      // The probe may have unlocked the keychain through its prompt, so the first answer is stale.
      blob = await read();
    }
    if (blob === null) return null;
    return parseStoredCredentials(accountId, blob, `the keychain item "${this.#service}" for account "${accountId}"`);
  }

  async set(accountId: string, credentials: Credentials): Promise<void> {
    assertAccountId(accountId);
    const blob = serializeCredentials(accountId, credentials);
    if (this.#platform === 'win32' && Buffer.byteLength(blob, 'utf8') > WINDOWS_MAX_BLOB_BYTES) {
      // Credential Manager would answer "The parameter is incorrect.", which helps nobody.
      throw new VaultError(
        'invalid_credentials',
        `The credentials for account "${accountId}" are too large for Windows Credential Manager (${Buffer.byteLength(blob, 'utf8')} bytes; it holds at most ${WINDOWS_MAX_BLOB_BYTES}). Nothing was saved; report this to the Spheres developers.`,
        { accountId },
      );
    }
    await this.#call((keychain) => keychain.setPassword(this.#service, accountId, blob), secretsOf(blob, credentials));
  }

  async delete(accountId: string): Promise<boolean> {
    assertAccountId(accountId);
    const remove = () => this.#call((keychain) => keychain.deletePassword(this.#service, accountId));
    let removed = await remove();
    if (!removed && this.#missesMayHideLock()) {
      await this.#proveWritable();
      removed = await remove();
    }
    return removed;
  }

  async list(): Promise<string[]> {
    if (this.#missesMayHideLock()) await this.#proveWritable();
    const items = await this.#call((keychain) => keychain.findCredentials(this.#service));
    // Items under our service that no account id can name (the probe, hand-made entries) are not accounts.
    return items
      .map((item) => item.account)
      .filter(isAccountId)
      .sort();
  }

  /**
   * keytar over Secret Service (everything but macOS and Windows) answers a locked or missing
   * collection with null / false / [] on reads, as if the account had no credentials, and its
   * findCredentials crashes the whole process on a locked collection once the unlock prompt is
   * dismissed (strdup of a null secret: https://github.com/atom/node-keytar/issues/477).
   */
  #missesMayHideLock(): boolean {
    return this.#platform !== 'darwin' && this.#platform !== 'win32';
  }

  /**
   * A write is the one keytar call that fails cleanly with the real cause ("Cannot create an item
   * in a locked collection", "Object does not exist at path ..."). The probe holds no secret and is
   * removed at once; when the keychain is locked nothing is written.
   */
  #proveWritable(): Promise<void> {
    this.#probe ??= (async () => {
      try {
        await this.#call((keychain) => keychain.setPassword(this.#service, PROBE_ACCOUNT, 'keychain probe'));
        await this.#call((keychain) => keychain.deletePassword(this.#service, PROBE_ACCOUNT));
      } finally {
        this.#probe = null;
      }
    })();
    return this.#probe;
  }

  async #call<T>(operation: (keychain: KeychainFacade) => Promise<T>, secrets: readonly string[] = []): Promise<T> {
    const keychain = this.#loadedKeychain();
    try {
      return await operation(keychain);
    } catch (error) {
      const reason = redact(messageOf(error), secrets);
      throw LOCKED_PATTERNS.some((pattern) => pattern.test(reason))
        ? keychainLocked(this.#platform, reason)
        : keychainUnavailable(this.#platform, reason);
    }
  }

  #loadedKeychain(): KeychainFacade {
    if (this.#keychain === undefined) {
      try {
        this.#keychain = this.#loadKeychain();
      } catch (error) {
        throw keychainModuleMissing(this.#platform, messageOf(error));
      }
    }
    return this.#keychain;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every string in what was being saved, longest first so a token is cut before its substrings. */
function secretsOf(blob: string, credentials: Credentials): string[] {
  const values = [
    credentials.accessToken,
    credentials.refreshToken,
    credentials.clientId,
    credentials.clientSecret,
    ...Object.values(credentials.extra ?? {}),
  ];
  return [blob, ...values.filter((value): value is string => value !== undefined && value.length > 0)].sort(
    (a, b) => b.length - a.length,
  );
}

/** Native error texts carry no secrets today; this keeps it so if a binding ever echoes its input. */
function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}
