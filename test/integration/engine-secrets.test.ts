/**
 * Secret test (issue 4): after a full flow (credentials through the vault, register, e-way bill,
 * cancel, fetch, CLI listing, backup), none of the password, client secret, AppKey, SEK or token
 * appears in the ledger files (including -wal), the journal, the CLI's output or the backup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type * as CryptoModule from '../../electron/irp/crypto';
import { sessionKey } from '../../electron/irp';
import { writeBound } from '../../electron/app/credential-binding';
import { MemorySecretStore, openSecretStore, type SecretStore } from '../../electron/vault';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, type Practice, type TestApp } from '../support/practice';

const captured = vi.hoisted(() => ({ appKeys: [] as Buffer[] }));
vi.mock('../../electron/irp/crypto', async (importOriginal) => {
  const orig = await importOriginal<typeof CryptoModule>();
  return {
    ...orig,
    generateAppKey: () => {
      const key = orig.generateAppKey();
      captured.appKeys.push(key);
      return key;
    },
  };
});

let practice: Practice;
let t: TestApp;
let vault: SecretStore;

beforeAll(async () => {
  practice = await startPractice();
  // the real keychain when there is one (CI runs this under scripts/with-keyring.sh)
  vault = process.env.EINVOICE_REQUIRE_KEYCHAIN === '1' ? await openSecretStore() : new MemorySecretStore();
  t = await openTestApp(practice, { vault, secretsInEnv: false });
});

afterAll(async () => {
  await t.app.close();
  await practice.close();
});

describe('no secret leaves the vault or memory', () => {
  it('finds none of them in ledger files, journal, CLI output or backups', async () => {
    if (process.env.EINVOICE_REQUIRE_KEYCHAIN === '1') expect(vault.kind).toBe('keychain');
    const account = practice.account(SELLER_GSTIN);
    const profile = t.app.ledger.profiles.get('practice-ka')!;
    await writeBound(vault, profile, 'client-secret', account.clientSecret);
    await writeBound(vault, profile, 'password', account.password);

    const ids = [1, 2, 3].map((i) => t.app.engine.ingest(practiceInvoice(`SEC/${process.pid % 1000}/${i}`), t.businessId).id);
    const outcomes = await t.app.engine.registerMany(ids);
    expect(outcomes.map((o) => o.status)).toEqual(['registered', 'registered', 'registered']);
    await t.app.operations.ewayBill(outcomes[0]!.irn!, { Distance: 0, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' });
    await t.app.operations.cancel(outcomes[1]!.irn!, '2', 'Data entry mistake');
    await t.app.operations.fetch(outcomes[2]!.irn!);
    // the CLI below then authenticates afresh (another AppKey, SEK and token to look for)
    await practice.admin('POST', '/sandbox/tokens/expire');

    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), stdin: new PassThrough(), env: { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password }, now: () => new Date() };
    expect(await runCli(['ledger', 'list', '--json', '--data', t.dir], io)).toBe(0);
    expect(await runCli(['get', outcomes[2]!.irn!, '--json', '--data', t.dir], io)).toBe(0);
    const backup = join(t.dir, 'backup.sqlite');
    await t.app.ledger.backupTo(backup);

    const session = t.app.endpoints.sessions.peek(sessionKey(practice.irp.url, SELLER_GSTIN, account.userName));
    expect(session).toBeDefined();
    expect(captured.appKeys.length).toBeGreaterThan(0);
    const secrets: Array<[string, string]> = [
      ['password', account.password],
      ['client secret', account.clientSecret],
      ['token', session!.authToken],
      ['SEK (base64)', session!.sek.toString('base64')],
      ['SEK (hex)', session!.sek.toString('hex')],
      ...captured.appKeys.flatMap((k): Array<[string, string]> => [['AppKey (base64)', k.toString('base64')], ['AppKey (hex)', k.toString('hex')]]),
    ];

    const ledgerFile = join(t.dir, 'ledger.sqlite');
    const places: Array<[string, Buffer]> = [ledgerFile, `${ledgerFile}-wal`, `${ledgerFile}-shm`, backup]
      .filter((f) => existsSync(f))
      .map((f): [string, Buffer] => [f, readFileSync(f)]);
    expect(places.map(([f]) => f)).toEqual(expect.arrayContaining([ledgerFile, `${ledgerFile}-wal`, backup]));
    places.push(['journal', Buffer.from(JSON.stringify(t.app.ledger.journal.recent(10_000)))]);
    places.push(['CLI output', Buffer.from(out.join('\n'))]);
    expect(out.join('\n')).toContain(outcomes[2]!.irn!);

    const leaks: string[] = [];
    for (const [where, bytes] of places) {
      for (const [what, value] of secrets) if (bytes.includes(Buffer.from(value))) leaks.push(`${what} in ${where}`);
    }
    expect(leaks).toEqual([]);
  });
});
