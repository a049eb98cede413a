import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, userVersion } from '../../electron/ledger/connection';
import { LedgerError, LedgerTooNewError, openLedger, SCHEMA_VERSION } from '../../electron/ledger';
import { MIGRATIONS } from '../../electron/ledger/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-mig-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'invoice_search_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

/** A file migrated up to (and including) `version`. */
function fileAt(version: number): string {
  const file = join(dir, `v${version}.sqlite`);
  openDatabase(file, { migrations: MIGRATIONS.slice(0, version) }).close();
  return file;
}

describe('ledger connection and migrations', () => {
  it('creates a fresh file at the current schema with WAL, synchronous=FULL, foreign keys and STRICT tables', () => {
    const ledger = openLedger(join(dir, 'fresh.sqlite'));
    const db = ledger.db;
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // every table of every migration (later ones add theirs), and every one but the FTS index STRICT
    expect(tables(db)).toEqual(expect.arrayContaining(['businesses', 'ewaybills', 'import_mappings', 'invoice_bodies', 'invoice_search', 'invoice_totals', 'invoices', 'journal', 'outbox', 'parties', 'products', 'profiles', 'registrations', 'settings']));
    const strict = (db.prepare("SELECT name FROM pragma_table_list WHERE strict = 1 AND schema = 'main' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(strict).toEqual(tables(db).filter((t) => !/_search($|_)/.test(t)));
    // STRICT really refuses a wrong type instead of storing it.
    expect(() =>
      db.prepare("INSERT INTO businesses (gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES ('29AAGCB1286Q000','B','a','l','five six','29','n','n')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    ledger.close();
  });

  it('re-opens an up-to-date file without running anything again and keeps its data', () => {
    const file = join(dir, 'again.sqlite');
    const a = openLedger(file);
    a.profiles.save({ name: 'practice', kind: 'practice', baseUrl: 'http://127.0.0.1:1', gstin: '29AAGCB1286Q000', clientId: 'c', userName: 'u' });
    a.close();
    const b = openLedger(file);
    expect(userVersion(b.db)).toBe(SCHEMA_VERSION);
    expect(b.profiles.list().map((p) => p.name)).toEqual(['practice']);
    b.close();
  });

  it('refuses a file written by a newer version with a typed error and leaves it untouched', () => {
    const file = fileAt(SCHEMA_VERSION);
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    let error: unknown;
    try {
      openLedger(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerTooNewError);
    expect((error as LedgerTooNewError).code).toBe('LEDGER_TOO_NEW');
    expect((error as LedgerTooNewError).fileVersion).toBe(SCHEMA_VERSION + 3);
    expect((error as LedgerTooNewError).knownVersion).toBe(SCHEMA_VERSION);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 3);
    check.close();
  });

  it('refuses a file that is not SQLite with LEDGER_NOT_SQLITE', () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'this is not a database, just a text file that is long enough to have a header'.repeat(20));
    expect(() => openLedger(file)).toThrow(expect.objectContaining({ code: 'LEDGER_NOT_SQLITE' }) as Error);
    expect(() => openLedger(join(dir, 'missing-dir', 'x.sqlite'))).toThrow(LedgerError);
  });

  it('rolls a failing migration back completely, leaving the previous version', () => {
    const file = fileAt(1);
    const broken = { version: 2, name: 'broken', up: (db: Database.Database) => db.exec('CREATE TABLE half (x INTEGER) STRICT; SELECT no_such_function();') };
    expect(() => openDatabase(file, { migrations: [MIGRATIONS[0]!, broken] })).toThrow(/no_such_function/);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(raw)).not.toContain('half');
    raw.close();
  });

  it('001 masters: profiles, businesses, parties, products with their keys and checks', () => {
    const db = new Database(fileAt(1));
    expect(tables(db)).toEqual(['businesses', 'parties', 'products', 'profiles']);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO profiles (name, kind, base_url, gstin, client_id, user_name, created_at, updated_at) VALUES ('p','gsp','https://x','29AAGCB1286Q000','c','u',?,?)").run(now, now);
    expect(() => db.prepare("INSERT INTO profiles (name, kind, base_url, gstin, client_id, user_name, created_at, updated_at) VALUES ('q','ftp','x','g','c','u',?,?)").run(now, now)).toThrow(/CHECK constraint/);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('profiles')").all() as { name: string }[]).map((c) => c.name);
    expect(columns.some((c) => /secret|password/.test(c))).toBe(false);
    db.close();
  });

  it('002 documents: the IRN identity is unique per seller, FY, type and upper-cased number', () => {
    const db = new Database(fileAt(2));
    db.pragma('foreign_keys = ON');
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO businesses (id, gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','B','a','l',560001,'29',?,?)").run(now, now);
    const ins = db.prepare("INSERT INTO invoices (business_id, seller_gstin, doc_type, doc_no, doc_date, fy, status, created_at, updated_at) VALUES (1,'29AAGCB1286Q000',?,?,?,?,'queued',?,?)");
    ins.run('INV', 'abc-1', '2025-07-01', '2025-26', now, now);
    expect(() => ins.run('INV', 'ABC-1', '2025-08-01', '2025-26', now, now)).toThrow(/UNIQUE/);
    ins.run('CRN', 'ABC-1', '2025-08-01', '2025-26', now, now);
    ins.run('INV', 'ABC-1', '2026-04-01', '2026-27', now, now);
    expect(() => ins.run('INV', null, '2026-04-01', '2026-27', now, now)).toThrow(/CHECK/);
    expect(tables(db)).toEqual(['businesses', 'ewaybills', 'invoice_bodies', 'invoices', 'parties', 'products', 'profiles', 'registrations']);
    db.close();
  });

  it('003 outbox-journal: one in-flight row per invoice, and the journal refuses UPDATE and DELETE', () => {
    const db = new Database(fileAt(3));
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO businesses (id, gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','B','a','l',560001,'29',?,?)").run(now, now);
    db.prepare("INSERT INTO invoices (id, business_id, seller_gstin, doc_type, doc_no, doc_date, fy, created_at, updated_at) VALUES (1,1,'29AAGCB1286Q000','INV','1','2025-07-01','2025-26',?,?)").run(now, now);
    const ob = db.prepare("INSERT INTO outbox (invoice_id, op, state, next_attempt_at, payload_json, payload_sha256, created_at, updated_at) VALUES (1,?,?,?,'{}',?,?,?)");
    ob.run('register', 'in_flight', now, 'a'.repeat(64), now, now);
    expect(() => ob.run('cancel', 'in_flight', now, 'a'.repeat(64), now, now)).toThrow(/UNIQUE/);
    expect(() => ob.run('register', 'queued', now, 'a'.repeat(64), now, now)).toThrow(/UNIQUE/);
    ob.run('register', 'done', now, 'a'.repeat(64), now, now);
    db.prepare("INSERT INTO journal (seq, at, kind, outcome, details_json, prev_hash, hash) VALUES (1, ?, 'x', 'info', '{}', ?, ?)").run(now, '0'.repeat(64), 'b'.repeat(64));
    expect(() => db.prepare("UPDATE journal SET kind = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
    db.close();
  });

  it('004 search: indexes invoices that existed before the migration, then follows them by trigger', () => {
    const file = fileAt(3);
    const raw = new Database(file);
    const now = '2026-01-01T00:00:00.000Z';
    raw.prepare("INSERT INTO businesses (id, gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','B','a','l',560001,'29',?,?)").run(now, now);
    raw.prepare("INSERT INTO invoices (id, business_id, seller_gstin, doc_type, doc_no, doc_date, fy, buyer_name, created_at, updated_at) VALUES (7,1,'29AAGCB1286Q000','INV','OLD-7','2025-07-01','2025-26','Kaveri Traders',?,?)").run(now, now);
    raw.close();
    const ledger = openLedger(file);
    // the search rowid carries the invoice id in its low 32 bits (migration 010)
    const hit = (q: string) => (ledger.db.prepare('SELECT rowid & 4294967295 AS id FROM invoice_search WHERE invoice_search MATCH ?').all(q) as { id: number }[]).map((r) => r.id);
    expect(hit('kaveri')).toEqual([7]);
    expect(hit('"old 7"')).toEqual([7]);
    ledger.db.prepare("UPDATE invoices SET buyer_name = 'Godavari Mills' WHERE id = 7").run();
    expect(hit('kaveri')).toEqual([]);
    expect(hit('godavari')).toEqual([7]);
    ledger.close();
  });

  it('005 totals: backfills per-status counts and sums, then follows inserts, edits and deletes', () => {
    const file = fileAt(4);
    const raw = new Database(file);
    const now = '2026-01-01T00:00:00.000Z';
    raw.prepare("INSERT INTO businesses (id, gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','B','a','l',560001,'29',?,?)").run(now, now);
    const ins = raw.prepare("INSERT INTO invoices (business_id, seller_gstin, doc_type, doc_no, doc_date, fy, total_paise, status, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','INV',?,'2025-07-01','2025-26',?,?,?,?)");
    ins.run('A1', 100, 'draft', now, now);
    ins.run('A2', 250, 'registered', now, now);
    ins.run('A3', 50, 'registered', now, now);
    raw.close();
    const ledger = openLedger(file);
    const db = ledger.db;
    const totals = () => db.prepare('SELECT business_id, status, count, total_paise FROM invoice_totals WHERE count > 0 ORDER BY status').all();
    const recount = () => db.prepare('SELECT business_id, status, count(*) AS count, sum(total_paise) AS total_paise FROM invoices GROUP BY business_id, status ORDER BY status').all();
    expect(totals()).toEqual([
      { business_id: 1, status: 'draft', count: 1, total_paise: 100 },
      { business_id: 1, status: 'registered', count: 2, total_paise: 300 },
    ]);
    db.prepare("UPDATE invoices SET status = 'queued' WHERE doc_no = 'A1'").run();
    db.prepare("UPDATE invoices SET total_paise = 75 WHERE doc_no = 'A3'").run();
    db.prepare("INSERT INTO invoices (business_id, seller_gstin, doc_type, doc_no, doc_date, fy, total_paise, status, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','CRN','C1','2025-07-01','2025-26',40,'draft',?,?)").run(now, now);
    db.prepare("DELETE FROM invoices WHERE doc_no = 'C1'").run();
    expect(totals()).toEqual(recount());
    expect(ledger.invoiceList.totals({ status: 'registered' })).toMatchObject({ count: 2, totalPaise: 325 });
    ledger.close();
  });
});
