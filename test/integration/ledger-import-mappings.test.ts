/** Migration 010 (import mappings, issue 14): found by name, so the test holds whatever its number becomes at merge. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, SCHEMA_VERSION } from '../../electron/ledger';
import { openDatabase, userVersion } from '../../electron/ledger/connection';
import { ImportMappingsRepo } from '../../electron/ledger/import-mappings.repo';
import { MIGRATIONS } from '../../electron/ledger/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-mappings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const position = MIGRATIONS.findIndex((m) => m.name === 'import-mappings');

describe('migration import-mappings', () => {
  it('is listed with the version of its position and upgrades a file of the version before, keeping its data', () => {
    expect(position).toBeGreaterThan(0);
    expect(MIGRATIONS[position]?.version).toBe(position + 1);
    const file = join(dir, 'old.sqlite');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, position) });
    expect(userVersion(old)).toBe(position);
    old.prepare("INSERT INTO businesses (gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES ('29ABCDE1234F1ZW','Sharma Traders','12 MG Road','Bengaluru',560001,'29','2026-01-01','2026-01-01')").run();
    expect(old.prepare("SELECT name FROM sqlite_schema WHERE name = 'import_mappings'").get()).toBeUndefined();
    old.close();

    const ledger = openLedger(file);
    try {
      expect(userVersion(ledger.db)).toBe(SCHEMA_VERSION);
      expect(ledger.businesses.getByGstin('29ABCDE1234F1ZW')?.legalName).toBe('Sharma Traders');
      expect(ledger.db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'import_mappings'").get()).toEqual({ strict: 1 });
    } finally {
      ledger.close();
    }
  });

  it('saves mappings by name, finds the last used one for a layout, refuses bad names and bad JSON', () => {
    let now = new Date('2026-11-01T10:00:00Z');
    const ledger = openLedger(join(dir, 'm.sqlite'));
    try {
      const repo = new ImportMappingsRepo(ledger.db, () => now);
      const tally = { columns: { docNo: 'Voucher No.', docDate: 'Date' } };
      const a = repo.save('Tally sales', 'date|voucherno', tally);
      now = new Date('2026-11-02T10:00:00Z');
      repo.save('Tally sales (old)', 'date|voucherno', { columns: { docNo: 'Voucher No.' } });
      expect(repo.forLayout('date|voucherno')?.name).toBe('Tally sales (old)');
      now = new Date('2026-11-03T10:00:00Z');
      repo.markUsed(a.id);
      expect(repo.forLayout('date|voucherno')).toMatchObject({ name: 'Tally sales', mapping: tally, usedAt: '2026-11-03T10:00:00.000Z' });
      expect(repo.forLayout('other')).toBeUndefined();
      expect(repo.save('  Tally sales ', 'date|voucherno|gstin', { columns: {} })).toMatchObject({ id: a.id, layoutKey: 'date|voucherno|gstin', createdAt: '2026-11-01T10:00:00.000Z' });
      expect(repo.list().map((m) => m.name)).toEqual(['Tally sales', 'Tally sales (old)']);
      expect(() => repo.save(' ', 'k', {})).toThrow(/name: must be 1 to 100 characters/);
      expect(() => ledger.db.prepare("INSERT INTO import_mappings (name, layout_key, mapping_json, created_at, updated_at) VALUES ('x', 'k', '{not json', 'n', 'n')").run()).toThrow(/CHECK constraint failed/);
    } finally {
      ledger.close();
    }
  });
});
