/** Secrets in process memory only: gone when the process ends, never written anywhere. */
import { checkAccount, checkSecret, type SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly secrets = new Map<string, string>();

  constructor(readonly warning?: string) {}

  get(account: string): Promise<string | undefined> {
    checkAccount(account);
    return Promise.resolve(this.secrets.get(account));
  }

  set(account: string, secret: string): Promise<void> {
    checkAccount(account);
    checkSecret(secret);
    this.secrets.set(account, secret);
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    checkAccount(account);
    return Promise.resolve(this.secrets.delete(account));
  }
}
