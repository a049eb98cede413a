/** Secrets in process memory only: gone when the process ends, never written anywhere. */
import { checkAccount, checkSecret, type SecretStore } from './secret-store';

/** Bad input becomes a rejected promise, as callers of an async store expect, not a throw. */
function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly secrets = new Map<string, string>();

  constructor(readonly warning?: string) {}

  get(account: string): Promise<string | undefined> {
    return attempt(() => {
      checkAccount(account);
      return this.secrets.get(account);
    });
  }

  set(account: string, secret: string): Promise<void> {
    return attempt(() => {
      checkAccount(account);
      checkSecret(secret);
      this.secrets.set(account, secret);
    });
  }

  delete(account: string): Promise<boolean> {
    return attempt(() => {
      checkAccount(account);
      return this.secrets.delete(account);
    });
  }
}
