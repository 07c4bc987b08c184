import {
  assertAccountId,
  parseStoredCredentials,
  serializeCredentials,
  type CredentialVault,
  type Credentials,
} from './credential-vault';

/**
 * A vault in memory for unit tests of the services that use one. It keeps serialized blobs, as a
 * keychain does, so callers get copies and the same validation and errors as the real vault.
 */
export class MemoryVault implements CredentialVault {
  readonly #blobs = new Map<string, string>();

  async get(accountId: string): Promise<Credentials | null> {
    assertAccountId(accountId);
    const blob = this.#blobs.get(accountId);
    return blob === undefined ? null : parseStoredCredentials(accountId, blob, 'the in-memory vault entry');
  }

  async set(accountId: string, credentials: Credentials): Promise<void> {
    assertAccountId(accountId);
    this.#blobs.set(accountId, serializeCredentials(accountId, credentials));
  }

  async delete(accountId: string): Promise<boolean> {
    assertAccountId(accountId);
    return this.#blobs.delete(accountId);
  }

  async list(): Promise<string[]> {
    return [...this.#blobs.keys()].sort();
  }
}
