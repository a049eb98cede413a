import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBackup, openLedger, restoreLedgerFile, SCHEMA_VERSION, type Ledger } from '../../electron/ledger';

let dir: string;
let file: string;
let ledger: Ledger;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
  file = join(dir, 'ledger.sqlite');
  ledger = openLedger(file);
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function addInvoices(prefix: string, n: number): void {
  const b = ledger.businesses.getByGstin('29AAGCB1286Q000') ?? ledger.businesses.create({ gstin: '29AAGCB1286Q000', legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' });
  ledger.transaction(() => {
    for (let i = 0; i < n; i += 1) ledger.invoices.saveDraft({ businessId: b.id, docType: 'INV', docNo: `${prefix}-${i + 1}`, docDate: '2026-03-09', totalPaise: 100, draft: {} });
  });
}

describe('backup and restore', () => {
  it('backs up online (with un-checkpointed WAL content), checks the copy, and restores it over a later state', async () => {
    addInvoices('A', 25);
    ledger.journal.append({ kind: 'backup.before' });
    const backup = join(dir, 'backup.sqlite');
    const check = await ledger.backupTo(backup);
    expect(check).toEqual({ file: backup, schemaVersion: SCHEMA_VERSION, invoices: 25 });
    addInvoices('B', 5);
    ledger.close();

    const restored = restoreLedgerFile(backup, file);
    expect(restored.invoices).toBe(25);
    expect(existsSync(`${file}.before-restore`)).toBe(true);
    ledger = openLedger(file);
    expect(ledger.invoiceList.totals()).toEqual({ count: 25, totalPaise: 2500 });
    expect(ledger.journal.verifyChain()).toEqual({ ok: true, count: 1 });
    // The replaced ledger is kept, whole, next to it.
    const before = openLedger(`${file}.before-restore`);
    expect(before.invoiceList.totals().count).toBe(30);
    before.close();
  });

  it('refuses to restore from a missing, foreign, damaged or newer file and leaves the ledger alone', async () => {
    addInvoices('C', 3);
    ledger.close();
    expect(() => restoreLedgerFile(join(dir, 'nope.sqlite'), file)).toThrow(expect.objectContaining({ code: 'BACKUP_INVALID' }) as Error);
    const text = join(dir, 'text.sqlite');
    writeFileSync(text, 'not a database '.repeat(100));
    expect(() => restoreLedgerFile(text, file)).toThrow(expect.objectContaining({ code: 'BACKUP_INVALID' }) as Error);
    const other = join(dir, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    expect(() => checkBackup(other)).toThrow(/not an e-Invoice Desk ledger backup/);
    const newer = join(dir, 'newer.sqlite');
    const damaged = join(dir, 'damaged.sqlite');
    ledger = openLedger(file);
    await ledger.backupTo(newer);
    await ledger.backupTo(damaged);
    ledger.close();
    // Scribble over the header of every page after the schema page: the b-trees no longer parse.
    const bytes = readFileSync(damaged);
    for (let page = 1; page * 4096 < bytes.length; page += 1) bytes.fill(0xa5, page * 4096, page * 4096 + 16);
    writeFileSync(damaged, bytes);
    expect(() => restoreLedgerFile(damaged, file)).toThrow(expect.objectContaining({ code: 'BACKUP_INVALID' }) as Error);
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => restoreLedgerFile(newer, file)).toThrow(/newer e-Invoice Desk/);
    ledger = openLedger(file);
    expect(ledger.invoiceList.totals().count).toBe(3);
  });
});
