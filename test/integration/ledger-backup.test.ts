/**
 * Backups and restores. The first block tests the ledger's own file helpers (electron/ledger/backup.ts);
 * the second the app's backup/restore of the RUNNING core (electron/app/backup.ts) with invoices
 * registered at the practice IRP: verified copies, specific refusals, the IRN-loss guard, the
 * safety backup, the swap under the running core, and the in-flight refusal.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { following } from '../../electron/app/app-core';
import { backupLedger, backupsDir, listBackups, restoreLedger, type BackupInfo } from '../../electron/app/backup';
import { checkBackup, openLedger, restoreLedgerFile, SCHEMA_VERSION, type Ledger } from '../../electron/ledger';
import { openTestApp, practiceInvoice, startPractice, type Practice, type TestApp } from '../support/practice';

let dir: string;
let file: string;
let ledger: Ledger;

function addInvoices(prefix: string, n: number): void {
  const b = ledger.businesses.getByGstin('29AAGCB1286Q000') ?? ledger.businesses.create({ gstin: '29AAGCB1286Q000', legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' });
  ledger.transaction(() => {
    for (let i = 0; i < n; i += 1) ledger.invoices.saveDraft({ businessId: b.id, docType: 'INV', docNo: `${prefix}-${i + 1}`, docDate: '2026-03-09', totalPaise: 100, draft: {} });
  });
}

describe('backup and restore', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
    file = join(dir, 'ledger.sqlite');
    ledger = openLedger(file);
  });
  afterEach(() => {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
    expect(ledger.invoiceList.totals()).toMatchObject({ count: 25, totalPaise: 2500 });
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

describe('backup and restore of the running ledger', () => {
  let practice: Practice;
  let t: TestApp;
  let first: BackupInfo;
  let seq = 0;
  const docNo = (p: string) => `${p}/${process.pid % 1000}/${(seq += 1)}`;
  const registerNew = async (p: string, engine = t.app.engine) => {
    const inv = practiceInvoice(docNo(p));
    const out = await engine.register(t.app.engine.ingest(inv, t.businessId).id);
    expect(out.status).toBe('registered');
    return { docNo: inv.DocDtls.No, irn: out.irn! };
  };
  const codeOf = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code);
  const invoiceCount = () => t.app.ledger.invoiceList.totals({}).count;

  beforeAll(async () => {
    practice = await startPractice();
    t = await openTestApp(practice);
    await registerNew('BK');
    await registerNew('BK');
    first = await backupLedger(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await practice.close();
  });

  it('makes a verified, self-contained copy named by the IST time, and lists it', () => {
    expect(first).toMatchObject({ invoices: 2, registrations: 2 });
    expect(first.fileName).toMatch(/^ledger-\d{8}-\d{6}\.sqlite$/);
    const ist = new Date(Date.parse(first.createdAt) + 330 * 60_000).toISOString();
    expect(first.fileName.slice(7, 15)).toBe(ist.slice(0, 10).replaceAll('-', ''));
    expect(first.path).toBe(join(t.dir, 'backups', first.fileName));
    expect(readdirSync(backupsDir(t.app))).toEqual([first.fileName]); // no -wal, -shm or .partial left
    const db = new Database(first.path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(2);
    db.close();
    expect(listBackups(t.app)).toEqual([expect.objectContaining({ fileName: first.fileName, invoices: 2, registrations: 2, safety: false, bytes: first.bytes })]);
    expect(t.app.ledger.journal.recent(1)[0]).toMatchObject({ kind: 'ledger.backup', details: { fileName: first.fileName } });
  });

  it('refuses damaged and foreign candidates with their specific codes and leaves the ledger alone', async () => {
    const dir = backupsDir(t.app);
    const bytes = readFileSync(first.path);
    writeFileSync(join(dir, 'truncated.sqlite'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    writeFileSync(join(dir, 'notes.sqlite'), 'GSTIN 29ABCDE1234F1ZW, invoices for March\n'.repeat(50));
    for (const name of ['tampered', 'newer', 'foreign']) copyFileSync(first.path, join(dir, `${name}.sqlite`));
    const tampered = new Database(join(dir, 'tampered.sqlite'));
    tampered.exec('DROP TRIGGER journal_no_update');
    tampered.prepare("UPDATE journal SET details_json = '{\"edited\":true}' WHERE seq = 2").run();
    tampered.close();
    const newer = new Database(join(dir, 'newer.sqlite'));
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    const foreign = new Database(join(dir, 'foreign.sqlite'));
    foreign.exec('DROP TABLE journal');
    foreign.close();
    const before = readdirSync(dir).length;

    expect(await codeOf(restoreLedger(t.app, 'truncated.sqlite'))).toBe('BACKUP_TRUNCATED');
    expect(await codeOf(restoreLedger(t.app, 'notes.sqlite'))).toBe('BACKUP_NOT_SQLITE');
    expect(await codeOf(restoreLedger(t.app, 'tampered.sqlite'))).toBe('BACKUP_JOURNAL_BROKEN');
    expect(await codeOf(restoreLedger(t.app, 'newer.sqlite'))).toBe('BACKUP_TOO_NEW');
    expect(await codeOf(restoreLedger(t.app, 'foreign.sqlite'))).toBe('BACKUP_WRONG_APP');
    await expect(restoreLedger(t.app, 'tampered.sqlite')).rejects.toThrow(/does not verify at entry 2 \(hash does not match/);
    // the list shows what is wrong without a full scan; refusals took no safety backup
    const listed = new Map(listBackups(t.app).map((b) => [b.fileName, b.problem?.code]));
    expect([listed.get('truncated.sqlite'), listed.get('notes.sqlite'), listed.get('newer.sqlite'), listed.get('foreign.sqlite')]).toEqual(['BACKUP_TRUNCATED', 'BACKUP_NOT_SQLITE', 'BACKUP_TOO_NEW', 'BACKUP_WRONG_APP']);
    expect(readdirSync(dir).length).toBe(before);
    expect(t.app.ledger.registrations.forInvoice(1)).toBeDefined();
    expect(invoiceCount()).toBe(2);
    for (const name of ['truncated', 'notes', 'tampered', 'newer', 'foreign']) rmSync(join(dir, `${name}.sqlite`));
  });

  it('takes only plain file names from the backups folder', async () => {
    for (const name of ['../ledger.sqlite', '..', 'sub/x.sqlite', '..\\ledger.sqlite', join(t.dir, 'ledger.sqlite'), 'backup.db', '.hidden.sqlite']) {
      expect(await codeOf(restoreLedger(t.app, name)), name).toBe('BACKUP_BAD_NAME');
    }
    expect(await codeOf(restoreLedger(t.app, 'ledger-20260101-000000.sqlite'))).toBe('BACKUP_NOT_FOUND');
  });

  it('refuses while a registration is in flight or running', async () => {
    const inv = t.app.engine.ingest(practiceInvoice(docNo('FL')), t.businessId);
    const row = t.app.ledger.outbox.startInFlight({ invoiceId: inv.id, op: 'register', payload: inv.payloadJson });
    await expect(restoreLedger(t.app, first.fileName, { allowLosingIrns: true })).rejects.toMatchObject({ code: 'RESTORE_BUSY', message: expect.stringContaining(inv.docNo!) as string });
    // a crash leftover is resolved the engine's way (irnbydocdetails first), then restore may go on
    t.app.ledger.outbox.reschedule(row.id, { delayMs: 0 });
    const running = t.app.engine.register(inv.id);
    expect(t.app.activeCalls()).toBeGreaterThan(0);
    expect(await codeOf(restoreLedger(t.app, first.fileName, { allowLosingIrns: true }))).toBe('RESTORE_BUSY');
    expect((await running).status).toBe('registered');
    expect(t.app.activeCalls()).toBe(0);
    expect(readdirSync(backupsDir(t.app))).toEqual([first.fileName]);
  });

  it('refuses to forget IRNs unless told, keeps them in the safety backup, and the running core registers after the swap', async () => {
    const newer = await registerNew('NEW');
    const refused = await restoreLedger(t.app, first.fileName).then(
      () => undefined,
      (e: unknown) => e as { code: string; details: { count: number; docNos: string[] } },
    );
    expect(refused).toMatchObject({ code: 'RESTORE_WOULD_LOSE_IRNS', details: { count: 2 } });
    expect(refused?.details.docNos).toContain(newer.docNo);
    expect(readdirSync(backupsDir(t.app))).toEqual([first.fileName]);

    const heldEngine = following(t.app, 'engine');
    const heldLedger = following(t.app, 'ledger');
    const result = await restoreLedger(t.app, first.fileName, { allowLosingIrns: true });
    expect(result.lostIrns.count).toBe(2);
    expect(result.safetyBackup.fileName).toMatch(/^ledger-before-restore-\d{8}-\d{6}\.sqlite$/);
    // the running core now holds the backup's ledger
    expect(t.app.ledger.registrations.get(newer.irn)).toBeUndefined();
    expect(invoiceCount()).toBe(2);
    expect(heldLedger.invoiceList.totals({}).count).toBe(2);
    const restored = t.app.ledger.journal.recent(1)[0]!;
    expect(restored).toMatchObject({ kind: 'ledger.restored', details: { fileName: first.fileName, safetyBackup: result.safetyBackup.fileName, irnsNotInBackup: 2 } });
    expect(t.app.ledger.journal.verifyChain().ok).toBe(true);
    // the safety backup holds what the restore dropped
    const safety = new Database(result.safetyBackup.path, { readonly: true });
    expect(safety.prepare('SELECT count(*) FROM registrations WHERE irn = ?').pluck().get(newer.irn)).toBe(1);
    safety.close();
    expect(listBackups(t.app).find((b) => b.safety)).toMatchObject({ fileName: result.safetyBackup.fileName, registrations: 4 });

    // registration works on the swapped ledger, through the core and through a holder from before
    const after = await registerNew('AFT');
    expect(t.app.ledger.registrations.get(after.irn)).toMatchObject({ status: 'ACT' });
    const viaHeld = await registerNew('AFT', heldEngine);
    expect(t.app.ledger.registrations.get(viaHeld.irn)).toBeDefined();
    expect(t.app.ledger.journal.verifyChain().ok).toBe(true);
  });

  it('refuses while another connection (another app or CLI) has the ledger open, without leaving a safety copy', async () => {
    const latest = await backupLedger(t.app);
    const other = new Database(t.app.paths.ledger);
    other.prepare('SELECT count(*) FROM invoices').get();
    const files = readdirSync(backupsDir(t.app)).length;
    try {
      expect(await codeOf(restoreLedger(t.app, latest.fileName))).toBe('LEDGER_IN_USE');
    } finally {
      other.close();
    }
    expect(readdirSync(backupsDir(t.app)).length).toBe(files);
    expect((await restoreLedger(t.app, latest.fileName)).lostIrns.count).toBe(0);
  });
});
