/**
 * The vault against the real OS keychain. Run it under `bash scripts/with-keyring.sh npx vitest
 * run test/integration/vault-keychain.test.ts` (CI does): a private D-Bus session with an unlocked
 * gnome-keyring. Without a keychain the tests skip and say why, unless EINVOICE_REQUIRE_KEYCHAIN=1
 * (set by with-keyring.sh), where a missing keychain is a failure.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSecretStore, SERVICE_NAME, type SecretStore } from '../../electron/vault';

const required = process.env.EINVOICE_REQUIRE_KEYCHAIN === '1';
const store: SecretStore = await openSecretStore({ probeTimeoutMs: 10_000 });
const available = store.kind === 'keychain';
const skipReason = `no OS keychain here (${store.warning ?? ''}); run under scripts/with-keyring.sh`;
const accounts: string[] = [];

function account(label: string): string {
  const a = `test-${label}-${randomBytes(4).toString('hex')}`;
  accounts.push(a);
  return a;
}

/** Reads an entry back through libsecret's own CLI, outside keytar, when it is installed. */
function secretToolLookup(acc: string): string | undefined {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', SERVICE_NAME, 'account', acc], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

const hasSecretTool = (() => {
  try {
    execFileSync('secret-tool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== 'ENOENT';
  }
})();

afterAll(async () => {
  if (available) for (const a of accounts) await store.delete(a);
});

describe('vault on the real keychain', () => {
  it('has a keychain when one is required', (ctx) => {
    if (!available && !required) ctx.skip(skipReason);
    expect(store.kind, store.warning).toBe('keychain');
  });

  it('stores, reads back, overwrites and deletes a secret in the OS keychain', async (ctx) => {
    if (!available) {
      if (required) throw new Error(`EINVOICE_REQUIRE_KEYCHAIN=1 but ${skipReason}`);
      ctx.skip(skipReason);
    }
    const acc = account('roundtrip');
    const secret = `s3cr3t-${randomBytes(8).toString('hex')}`;
    await store.set(acc, secret);
    expect(await store.get(acc)).toBe(secret);
    await store.set(acc, `${secret}-2`);
    expect(await store.get(acc)).toBe(`${secret}-2`);
    // A second, independently opened store sees it: it lives in the keychain, not in our memory.
    const other = await openSecretStore();
    expect(await other.get(acc)).toBe(`${secret}-2`);
    expect(await store.delete(acc)).toBe(true);
    expect(await store.get(acc)).toBeUndefined();
    expect(await store.delete(acc)).toBe(false);
  });

  it('files entries under service "e-Invoice Desk" where libsecret tools find them, encrypted at rest', async (ctx) => {
    if (!available) {
      if (required) throw new Error(`EINVOICE_REQUIRE_KEYCHAIN=1 but ${skipReason}`);
      ctx.skip(skipReason);
    }
    const acc = account('lookup');
    const secret = `visible-to-secret-tool-${randomBytes(8).toString('hex')}`;
    await store.set(acc, secret);
    if (hasSecretTool) expect(secretToolLookup(acc)).toBe(secret);
    else if (required) throw new Error('secret-tool (libsecret-tools) is missing: cannot prove the entry is in the keyring');
    // with-keyring.sh keeps the keyring in a private XDG_DATA_HOME: its files never hold the plain secret.
    const keyrings = process.env.XDG_DATA_HOME ? join(process.env.XDG_DATA_HOME, 'keyrings') : undefined;
    if (keyrings && existsSync(keyrings)) {
      for (const f of readdirSync(keyrings)) expect(readFileSync(join(keyrings, f)).includes(Buffer.from(secret)), f).toBe(false);
    }
    await store.delete(acc);
    if (hasSecretTool) expect(secretToolLookup(acc)).toBeUndefined();
  });
});
