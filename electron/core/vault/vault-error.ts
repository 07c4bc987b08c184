import type { ErrorCode } from '../../../common/api';

/** Each is a code of the contract (`satisfies`): a code the contract lacks would cross the router as `internal`. */
export const VAULT_ERROR_CODES = ['keychain_unavailable', 'keychain_locked', 'credentials_corrupt', 'invalid_account_id', 'invalid_credentials'] as const satisfies readonly ErrorCode[];
export type VaultErrorCode = (typeof VAULT_ERROR_CODES)[number];

/** Never holds a secret: only ids and the keychain's own wording, with secrets cut out. */
export interface VaultErrorDetails {
  accountId?: string;
  /** The keychain's own words or a short diagnosis, for support and logs. */
  reason?: string;
}

/** Every failure of a vault, as a value with a stable code and a sentence a person can act on. */
export class VaultError extends Error {
  readonly code: VaultErrorCode;
  readonly details: VaultErrorDetails | undefined;

  constructor(code: VaultErrorCode, message: string, details?: VaultErrorDetails) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: VaultErrorCode; message: string; details?: VaultErrorDetails } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** `platform` is a Node platform string (process.platform), injected so messages are testable. */
export function keychainUnavailable(platform: string, reason: string): VaultError {
  const fix =
    platform === 'darwin'
      ? 'Spheres cannot reach the macOS Keychain, so it cannot read or save account credentials. Open Keychain Access, check that your login keychain exists and is unlocked, then try again.'
      : platform === 'win32'
        ? 'Spheres cannot reach Windows Credential Manager, so it cannot read or save account credentials. Sign in to Windows with your own user account (Credential Manager is not available to some service and guest accounts), then try again.'
        : 'Spheres cannot reach the system keychain (Secret Service), so it cannot read or save account credentials. Start a Secret Service such as gnome-keyring and unlock it (most desktops do this when you log in), then try again.';
  return new VaultError('keychain_unavailable', fix, { reason });
}

export function keychainLocked(platform: string, reason: string): VaultError {
  const fix =
    platform === 'darwin'
      ? 'Your login keychain is locked, or access to it was declined, so Spheres cannot read or save account credentials. Unlock it in Keychain Access and choose Allow when Spheres asks, then try again.'
      : platform === 'win32'
        ? 'Windows Credential Manager refused access, so Spheres cannot read or save account credentials. Sign out of Windows and back in to unlock it, then try again.'
        : 'Your keychain is locked, or the unlock prompt was cancelled, so Spheres cannot read or save account credentials. Unlock the login keyring (for example in Passwords and Keys) and try again.';
  return new VaultError('keychain_locked', fix, { reason });
}

/** The native keychain module itself failed to load: a packaging or missing-library problem. */
export function keychainModuleMissing(platform: string, reason: string): VaultError {
  const fix =
    platform === 'darwin' || platform === 'win32'
      ? 'Spheres could not load its keychain module, so it cannot read or save account credentials. Reinstall Spheres, then try again.'
      : 'Spheres could not load its keychain module, so it cannot read or save account credentials. Install libsecret (the package libsecret-1-0 on Debian and Ubuntu, libsecret on Fedora and Arch) and reinstall Spheres, then try again.';
  return new VaultError('keychain_unavailable', fix, { reason });
}
