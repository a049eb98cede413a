import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, openLedger, sha256Hex, canonicalJson, type Ledger } from '../../electron/ledger';

let dir: string;
let file: string;
let ledger: Ledger;
let now: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-journal-'));
  file = join(dir, 'ledger.sqlite');
  now = Date.parse('2026-03-10T05:00:00.000Z');
  ledger = openLedger(file, { clock: () => new Date(now) });
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function appendSome(n: number): void {
  for (let i = 1; i <= n; i += 1) {
    ledger.journal.append({ kind: 'register.sent', invoiceId: i, details: { attempt: i, codes: ['2150'] } });
    now += 1000;
  }
}

/** A copy of the ledger with the append-only triggers dropped, edited by `edit`. */
function tamperedCopy(edit: (db: Database.Database) => void): string {
  ledger.db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = join(dir, 'copy.sqlite');
  copyFileSync(file, copy);
  const raw = new Database(copy);
  raw.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
  edit(raw);
  raw.close();
  return copy;
}

describe('journal', () => {
  it('chains each row to the previous one: hash = SHA-256(prev_hash || canonical JSON of the row)', () => {
    const first = ledger.journal.append({ kind: 'invoice.saved', invoiceId: 7, outcome: 'ok', details: { docNo: 'A-1' } });
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    const body = canonicalJson({ seq: 1, at: '2026-03-10T05:00:00.000Z', kind: 'invoice.saved', invoiceId: 7, outcome: 'ok', details: { docNo: 'A-1' } });
    expect(first.hash).toBe(sha256Hex(GENESIS_HASH + body));
    const second = ledger.journal.append({ kind: 'register.sent' });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, invoiceId: null, outcome: 'info', details: {} });
    expect(ledger.journal.verifyChain()).toEqual({ ok: true, count: 2 });
    expect(ledger.journal.recent(1).map((e) => e.seq)).toEqual([2]);
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    appendSome(2);
    expect(() => ledger.db.prepare("UPDATE journal SET details_json = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => ledger.db.prepare('DELETE FROM journal WHERE seq = 2').run()).toThrow(/append-only/);
    expect(ledger.journal.verifyChain()).toEqual({ ok: true, count: 2 });
  });

  it('detects a row edited behind the triggers and reports its seq', () => {
    appendSome(5);
    const copy = tamperedCopy((db) => db.prepare(`UPDATE journal SET details_json = '{"attempt":3,"codes":[]}' WHERE seq = 3`).run());
    const l = openLedger(copy);
    expect(l.journal.verifyChain()).toEqual({ ok: false, seq: 3, reason: 'hash does not match the row content' });
    l.close();
  });

  it('detects a rewritten row whose hash was recomputed (the next link breaks) and a deleted row', () => {
    appendSome(5);
    const rewritten = tamperedCopy((db) => {
      const row = db.prepare('SELECT * FROM journal WHERE seq = 2').get() as { at: string; prev_hash: string };
      const details = { attempt: 99, codes: [] };
      const hash = sha256Hex(row.prev_hash + canonicalJson({ seq: 2, at: row.at, kind: 'register.sent', invoiceId: 2, outcome: 'info', details }));
      db.prepare('UPDATE journal SET details_json = ?, hash = ? WHERE seq = 2').run(JSON.stringify(details), hash);
    });
    const a = openLedger(rewritten);
    expect(a.journal.verifyChain()).toEqual({ ok: false, seq: 3, reason: 'prev_hash does not match the previous row' });
    a.close();
    rmSync(rewritten);
    const deleted = tamperedCopy((db) => db.prepare('DELETE FROM journal WHERE seq = 4').run());
    const b = openLedger(deleted);
    expect(b.journal.verifyChain()).toEqual({ ok: false, seq: 5, reason: 'expected seq 4: rows are missing' });
    b.close();
  });

  it('masks secrets before hashing and storing, and refuses odd kinds', () => {
    const e = ledger.journal.append({ kind: 'auth.ok', details: { user: 'bharat_api', password: 'hunter2', sek: 'c2Vr' } });
    expect(e.details).toEqual({ user: 'bharat_api', password: '[redacted]', sek: '[redacted]' });
    expect(ledger.journal.verifyChain().ok).toBe(true);
    expect(() => ledger.journal.append({ kind: 'Not A Kind!' })).toThrow(expect.objectContaining({ path: 'kind' }) as Error);
  });

  it('appends inside an outer transaction and rolls back with it', () => {
    appendSome(1);
    expect(() =>
      ledger.transaction(() => {
        ledger.journal.append({ kind: 'x.y' });
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(ledger.journal.verifyChain()).toEqual({ ok: true, count: 1 });
    ledger.transaction(() => ledger.journal.append({ kind: 'x.z' }));
    expect(ledger.journal.verifyChain()).toEqual({ ok: true, count: 2 });
  });
});
