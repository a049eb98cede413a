/**
 * Where credentials live (architecture.md §4.7): the OS keychain when there is one, else process
 * memory. Neither store ever writes a secret to a file of ours, a log or an error message.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  /** Set when the store is a fallback: a sentence to show the user (never contains a secret). */
  readonly warning?: string;
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** The keychain service name every entry of the app is filed under. */
export const SERVICE_NAME = 'e-Invoice Desk';

export type CredentialKind = 'client-secret' | 'password';

/** The account name of one credential of an endpoint profile, e.g. "practice/password". */
export function credentialAccount(profileName: string, kind: CredentialKind): string {
  return `${profileName}/${kind}`;
}

export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly code: 'VAULT_BAD_ACCOUNT' | 'VAULT_BAD_SECRET' | 'VAULT_UNAVAILABLE' | 'VAULT_FAILED',
    message: string,
  ) {
    super(message);
  }
}

export function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0 || account.length > 200) {
    throw new VaultError('VAULT_BAD_ACCOUNT', 'The credential name must be 1-200 characters.');
  }
}

export function checkSecret(secret: string): void {
  // Keychains store C strings on some platforms: a NUL would silently truncate the secret.
  if (typeof secret !== 'string' || secret.length === 0 || secret.includes('\0')) {
    throw new VaultError('VAULT_BAD_SECRET', 'The secret must be non-empty text without NUL characters.');
  }
}
