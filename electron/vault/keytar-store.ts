/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager, or the Secret
 * Service (gnome-keyring, KWallet) over D-Bus on Linux. Errors are rethrown without keytar's
 * message when it could echo input, and never with the secret.
 */
import { checkAccount, checkSecret, SERVICE_NAME, VaultError, type SecretStore } from './secret-store';

/** The part of keytar we use; tests can pass a double with the same shape. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly warning = undefined;

  constructor(
    private readonly keytar: KeytarLike,
    readonly service: string = SERVICE_NAME,
  ) {}

  async get(account: string): Promise<string | undefined> {
    checkAccount(account);
    const value = await this.call('read', account, () => this.keytar.getPassword(this.service, account));
    return value ?? undefined;
  }

  async set(account: string, secret: string): Promise<void> {
    checkAccount(account);
    checkSecret(secret);
    await this.call('store', account, () => this.keytar.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    return this.call('delete', account, () => this.keytar.deletePassword(this.service, account));
  }

  private async call<T>(what: string, account: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const reason = e instanceof Error ? e.message.split('\n')[0]?.slice(0, 200) : 'unknown error';
      throw new VaultError('VAULT_FAILED', `The keychain could not ${what} the credential "${account}": ${reason}`);
    }
  }
}

/** Loads keytar lazily: a missing native module or libsecret must not crash the app at import. */
export async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  return mod.default ?? mod;
}
