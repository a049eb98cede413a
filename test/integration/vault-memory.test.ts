import { describe, expect, it } from 'vitest';
import { credentialAccount, KeytarSecretStore, MEMORY_FALLBACK_WARNING, MemorySecretStore, openSecretStore, SERVICE_NAME, type KeytarLike } from '../../electron/vault';

/** A keytar double backed by a Map, optionally broken in one method. */
function fakeKeytar(broken?: 'get' | 'set' | 'lies' | 'hangs'): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getPassword: (service, account) => {
      if (broken === 'get') return Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided'));
      if (broken === 'lies') return Promise.resolve('something else');
      return Promise.resolve(entries.get(`${service}|${account}`) ?? null);
    },
    setPassword: (service, account, password) => {
      if (broken === 'set') return Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
      if (broken === 'hangs') return new Promise<void>(() => undefined);
      entries.set(`${service}|${account}`, password);
      return Promise.resolve();
    },
    deletePassword: (service, account) => Promise.resolve(entries.delete(`${service}|${account}`)),
  };
}

describe('memory secret store', () => {
  it('sets, gets, overwrites and deletes secrets in memory', async () => {
    const store = new MemorySecretStore();
    expect(store.kind).toBe('memory');
    await store.set('practice/password', 'first');
    await store.set('practice/password', 'second');
    expect(await store.get('practice/password')).toBe('second');
    expect(await store.get('other')).toBeUndefined();
    expect(await store.delete('practice/password')).toBe(true);
    expect(await store.delete('practice/password')).toBe(false);
    expect(await store.get('practice/password')).toBeUndefined();
  });

  it('refuses empty accounts and empty or NUL-containing secrets', async () => {
    const store = new MemorySecretStore();
    await expect(store.set('', 'x')).rejects.toMatchObject({ code: 'VAULT_BAD_ACCOUNT' });
    await expect(store.set('a', '')).rejects.toMatchObject({ code: 'VAULT_BAD_SECRET' });
    await expect(store.set('a', 'ab\0cd')).rejects.toMatchObject({ code: 'VAULT_BAD_SECRET' });
  });

  it('names accounts per profile and credential', () => {
    expect(credentialAccount('nic-sandbox', 'client-secret')).toBe('nic-sandbox/client-secret');
    expect(SERVICE_NAME).toBe('e-Invoice Desk');
  });
});

describe('openSecretStore', () => {
  it('uses the keychain when a probe round trip works, and leaves no probe entry behind', async () => {
    const keytar = fakeKeytar();
    const store = await openSecretStore({ loadKeytar: () => Promise.resolve(keytar) });
    expect(store.kind).toBe('keychain');
    expect(store.warning).toBeUndefined();
    expect(keytar.entries.size).toBe(0);
    await store.set('p/password', 's3cret');
    expect([...keytar.entries]).toEqual([[`${SERVICE_NAME}|p/password`, 's3cret']]);
  });

  it.each([
    ['keytar cannot load', () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')), /keychain module could not load \(libsecret-1\.so\.0/],
    ['no Secret Service on the bus', () => Promise.resolve(fakeKeytar('get')), /org\.freedesktop\.secrets was not provided/],
    ['no D-Bus at all', () => Promise.resolve(fakeKeytar('set')), /Cannot autolaunch D-Bus/],
    ['a keychain that returns something else', () => Promise.resolve(fakeKeytar('lies')), /did not return what was stored/],
    ['a keychain that never answers', () => Promise.resolve(fakeKeytar('hangs')), /did not answer within 50 ms/],
  ])('falls back to memory with a visible warning when %s', async (_label, loadKeytar, reason) => {
    const store = await openSecretStore({ loadKeytar, probeTimeoutMs: 50 });
    expect(store.kind).toBe('memory');
    expect(store.warning).toContain(MEMORY_FALLBACK_WARNING);
    expect(store.warning).toMatch(reason);
    await store.set('p/password', 'kept in memory');
    expect(await store.get('p/password')).toBe('kept in memory');
  });

  it('reports keychain failures with the account, never the secret', async () => {
    const store = new KeytarSecretStore(fakeKeytar('set'));
    const error = await store.set('p/password', 'TopSecret-123').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VAULT_FAILED' });
    expect((error as Error).message).toContain('p/password');
    expect((error as Error).message).not.toContain('TopSecret-123');
  });
});
