/**
 * `einvoice ledger backup` and `einvoice ledger restore FILE` on a data folder with invoices
 * registered at the practice IRP: the backup verifies, a FILE from anywhere is copied into the
 * backups folder and restored, the IRN-loss guard answers exit 1 until --allow-losing-irns, a
 * text file is refused (and not left in the backups folder), bad arguments exit 2.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { openLedger } from '../../electron/ledger';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, type Practice } from '../support/practice';

let practice: Practice;
let data: string;
let env: NodeJS.ProcessEnv;

function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), stdin: new PassThrough(), env, now: () => new Date() };
  return runCli([...args, '--data', data], io).then((code) => ({ code, out, err }));
}

async function registerFile(docNo: string): Promise<void> {
  const file = join(data, `${docNo.replaceAll('/', '-')}.json`);
  writeFileSync(file, JSON.stringify(practiceInvoice(docNo)));
  expect((await cli(['register', file, '--profile', 'practice-ka', '--json'])).code).toBe(0);
}

const irnCount = () => {
  const ledger = openLedger(join(data, 'ledger.sqlite'));
  try {
    return ledger.db.prepare('SELECT count(*) FROM registrations').pluck().get() as number;
  } finally {
    ledger.close();
  }
};

beforeAll(async () => {
  practice = await startPractice();
  const t = await openTestApp(practice);
  data = t.dir;
  await t.app.close();
  const account = practice.account(SELLER_GSTIN);
  env = { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password };
});
afterAll(async () => {
  await practice.close();
});

describe('einvoice ledger backup / restore', () => {
  it('backs up, then restores a copy from elsewhere behind the IRN-loss guard', async () => {
    const tag = `CB/${process.pid % 1000}`;
    await registerFile(`${tag}/1`);
    const backup = await cli(['ledger', 'backup', '--json']);
    expect(backup.code).toBe(0);
    const made = JSON.parse(backup.out[0]!) as { fileName: string; path: string; registrations: number };
    expect(made).toMatchObject({ registrations: 1 });
    expect(existsSync(made.path)).toBe(true);

    // the backup travels: a copy outside the data folder is what the user restores
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'einvoice-usb-')), 'from-office-pc.sqlite');
    copyFileSync(made.path, elsewhere);
    await registerFile(`${tag}/2`);
    expect(irnCount()).toBe(2);

    const refused = await cli(['ledger', 'restore', elsewhere]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain(`${tag}/2`);
    expect(refused.err.join('\n')).toMatch(/RESTORE_WOULD_LOSE_IRNS[\s\S]*--allow-losing-irns/);
    expect(irnCount()).toBe(2);

    const done = await cli(['ledger', 'restore', elsewhere, '--allow-losing-irns', '--json']);
    expect(done.code).toBe(0);
    const r = JSON.parse(done.out[0]!) as { fileName: string; safetyBackup: string; lostIrns: { count: number; docNos: string[] } };
    expect(r.fileName).toBe('from-office-pc.sqlite');
    expect(r.lostIrns).toEqual({ count: 1, docNos: [`${tag}/2`] });
    expect(irnCount()).toBe(1);
    const safety = new Database(r.safetyBackup, { readonly: true });
    expect(safety.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(2);
    safety.close();
    expect(readdirSync(join(data, 'backups')).sort()).toEqual([made.fileName, 'from-office-pc.sqlite', r.safetyBackup.split('/').pop()].sort());
    const ledger = openLedger(join(data, 'ledger.sqlite'));
    expect(ledger.journal.recent(1)[0]).toMatchObject({ kind: 'ledger.restored', details: { fileName: 'from-office-pc.sqlite' } });
    ledger.close();

    // the restored ledger registers again
    await registerFile(`${tag}/3`);
    expect(irnCount()).toBe(2);
  });

  it('refuses a file that is not a ledger (exit 1, nothing left behind) and bad arguments (exit 2)', async () => {
    const text = join(mkdtempSync(join(tmpdir(), 'einvoice-usb-')), 'notes.sqlite');
    writeFileSync(text, 'not a ledger\n'.repeat(40));
    const before = readdirSync(join(data, 'backups')).length;
    const refused = await cli(['ledger', 'restore', text]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/not a SQLite database file.*BACKUP_NOT_SQLITE/);
    expect(readdirSync(join(data, 'backups')).length).toBe(before);
    expect((await cli(['ledger', 'restore', join(data, 'missing.sqlite')])).code).toBe(2);
    expect((await cli(['ledger', 'restore'])).code).toBe(2);
    expect((await cli(['ledger', 'backup', 'somewhere.sqlite'])).code).toBe(2);
  });
});
