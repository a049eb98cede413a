/** The vault: where IRP credentials live (never SQLite, never a file of ours). */
export { SERVICE_NAME, VaultError, credentialAccount, type CredentialKind, type SecretStore } from './secret-store';
export { MemorySecretStore } from './memory-store';
export { KeytarSecretStore, loadKeytar, type KeytarLike } from './keytar-store';
export { MEMORY_FALLBACK_WARNING, openSecretStore, type OpenSecretStoreOptions } from './open-secret-store';
