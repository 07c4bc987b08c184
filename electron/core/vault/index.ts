export { CredentialsSchema, isAccountId, type CredentialVault, type Credentials } from './credential-vault';
export { VAULT_ERROR_CODES, VaultError, type VaultErrorCode, type VaultErrorDetails } from './vault-error';
export { KeytarVault, loadKeytar, type KeychainFacade, type KeytarVaultOptions } from './keytar-vault';
export { MemoryVault } from './memory-vault';
