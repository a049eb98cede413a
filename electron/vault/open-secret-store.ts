/**
 * openSecretStore(): the keychain when a real set/get/delete round trip works, else the memory
 * store with a warning the UI shows. The probe is a real write because libsecret can load, and a
 * D-Bus can exist, without any Secret Service behind them; only a round trip proves storage.
 */
import { randomBytes } from 'node:crypto';
import { KeytarSecretStore, loadKeytar, type KeytarLike } from './keytar-store';
import { MemorySecretStore } from './memory-store';
import { SERVICE_NAME, type SecretStore } from './secret-store';

export interface OpenSecretStoreOptions {
  service?: string;
  /** How keytar is loaded (tests inject failures). */
  loadKeytar?: () => Promise<KeytarLike>;
  /** The probe gives up after this long (a D-Bus activation can hang for 25 s). */
  probeTimeoutMs?: number;
}

export const MEMORY_FALLBACK_WARNING =
  'No system keychain is available, so your IRP client secret and password are kept in memory only: you will be asked for them again after e-Invoice Desk restarts.';

export async function openSecretStore(options: OpenSecretStoreOptions = {}): Promise<SecretStore> {
  const service = options.service ?? SERVICE_NAME;
  let keytar: KeytarLike;
  try {
    keytar = await (options.loadKeytar ?? loadKeytar)();
  } catch (e) {
    return fallback(`the keychain module could not load (${firstLine(e)})`);
  }
  const store = new KeytarSecretStore(keytar, service);
  try {
    await withTimeout(probe(store), options.probeTimeoutMs ?? 5000);
    return store;
  } catch (e) {
    return fallback(firstLine(e));
  }
}

async function probe(store: SecretStore): Promise<void> {
  const account = `probe-${randomBytes(6).toString('hex')}`;
  const value = randomBytes(12).toString('hex');
  await store.set(account, value);
  try {
    const back = await store.get(account);
    if (back !== value) throw new Error('the keychain did not return what was stored');
  } finally {
    await store.delete(account);
  }
}

function fallback(reason: string): SecretStore {
  return new MemorySecretStore(`${MEMORY_FALLBACK_WARNING} (Reason: ${reason}.)`);
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
