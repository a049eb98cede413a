/**
 * Migration 011 (desk-editor): found by name in MIGRATIONS (the lead renumbers at merge). On a
 * ledger from before it: the buyers of existing invoices become parties (a GST-master record is
 * left alone), existing items and parties are word-searchable at once, and the new tables take
 * working copies and series; then the triggers follow edits and deletes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/ledger/connection';
import { openLedger } from '../../electron/ledger';
import { MIGRATIONS } from '../../electron/ledger/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = MIGRATIONS.findIndex((m) => m.name === 'desk-editor');

describe('migration 011 desk-editor', () => {
  it('is registered once, after the documents and search migrations', () => {
    expect(at).toBeGreaterThan(MIGRATIONS.findIndex((m) => m.name === 'search'));
    expect(MIGRATIONS.filter((m) => m.name === 'desk-editor')).toHaveLength(1);
    expect(MIGRATIONS[at]!.version).toBe(at + 1);
  });

  it('learns parties from existing invoices and indexes existing items, then follows them', () => {
    const file = join(dir, 'old.sqlite');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, at) }).close();
    const raw = new Database(file);
    const now = '2026-01-01T00:00:00.000Z';
    raw.prepare("INSERT INTO businesses (id, gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','B','a','l',560001,'29',?,?)").run(now, now);
    const inv = raw.prepare("INSERT INTO invoices (id, business_id, seller_gstin, doc_type, doc_no, doc_date, fy, buyer_gstin, buyer_name, created_at, updated_at) VALUES (?,1,'29AAGCB1286Q000','INV',?,'2025-07-01','2025-26',?,?,?,?)");
    const body = raw.prepare('INSERT INTO invoice_bodies (invoice_id, draft_json) VALUES (?, ?)');
    const buyer = (Gstin: string, LglNm: string, Pin: number | string) => JSON.stringify({ buyer: { Gstin, LglNm, Addr1: '1 Road', Loc: 'Mumbai', Pin, Stcd: '27' } });
    inv.run(1, 'A1', '27AAPFU0939F1ZV', 'Old Name LLP', now, now);
    body.run(1, buyer('27AAPFU0939F1ZV', 'Old Name LLP', 400069));
    inv.run(2, 'A2', '27AAPFU0939F1ZV', 'Mumbai Distributors LLP', now, now);
    body.run(2, buyer('27AAPFU0939F1ZV', 'Mumbai Distributors LLP', 400069));
    inv.run(3, 'A3', '29PQRST5678K1ZY', 'Buyer Retail', now, now);
    body.run(3, buyer('29PQRST5678K1ZY', 'Buyer Retail', 'not a pin'));
    inv.run(4, 'A4', 'URP', 'Walk-in', now, now);
    body.run(4, buyer('URP', 'Walk-in', 560001));
    // already known from the GST master: stays as it is
    raw.prepare("INSERT INTO parties (gstin, legal_name, source, status, created_at, updated_at) VALUES ('29PQRST5678K1ZY', 'BUYER RETAIL LIMITED', 'lookup', 'ACT', ?, ?)").run(now, now);
    raw.prepare("INSERT INTO products (business_id, name, hsn, is_service, unit, unit_price_paise, gst_rate, created_at, updated_at) VALUES (1, 'Basmati rice 25 kg bag', '10063020', 0, 'BAG', 185000, 5, ?, ?)").run(now, now);
    raw.close();

    const ledger = openLedger(file);
    const parties = ledger.db.prepare('SELECT gstin, legal_name, pin, source FROM parties ORDER BY gstin').all();
    expect(parties).toEqual([
      { gstin: '27AAPFU0939F1ZV', legal_name: 'Mumbai Distributors LLP', pin: 400069, source: 'manual' },
      { gstin: '29PQRST5678K1ZY', legal_name: 'BUYER RETAIL LIMITED', pin: null, source: 'lookup' },
    ]);
    expect(ledger.products.search(1, 'rice').map((p) => p.name)).toEqual(['Basmati rice 25 kg bag']);
    expect(ledger.parties.search('distributors').map((p) => p.gstin)).toEqual(['27AAPFU0939F1ZV']);
    // the triggers follow: a rename, a delete
    const id = ledger.products.search(1, 'rice')[0]!.id;
    ledger.products.update(id, { businessId: 1, name: 'Sona masoori 25 kg', hsn: '10063020', isService: false, unit: 'BAG', unitPricePaise: 150_000, gstRate: 5 });
    expect(ledger.products.search(1, 'basmati')).toEqual([]);
    expect(ledger.products.search(1, 'sona').map((p) => p.id)).toEqual([id]);
    ledger.products.delete(id);
    expect(ledger.products.search(1, 'sona')).toEqual([]);
    const p = ledger.parties.getByGstin('27AAPFU0939F1ZV')!;
    ledger.parties.delete(p.id);
    expect(ledger.parties.search('distributors')).toEqual([]);

    // the new tables: a working copy (its FK to the invoice) and a series per type
    ledger.workingCopies.save({ slot: 's-1', owner: 'o', invoiceId: 1, lines: 0, totalPaise: 0, formJson: '{}' });
    expect(ledger.workingCopies.othersThan('x')).toHaveLength(1);
    ledger.series.save(1, 'INV', { prefix: 'A/{FY}/', digits: 3, suffix: '' });
    expect(() => ledger.db.prepare("INSERT INTO number_series (business_id, doc_type, prefix, digits, suffix, created_at, updated_at) VALUES (1, 'INV', 'B', 3, '', 'n', 'n')").run()).toThrow(/UNIQUE/);
    expect(() => ledger.db.prepare("INSERT INTO number_series (business_id, doc_type, prefix, digits, suffix, created_at, updated_at) VALUES (1, 'XYZ', 'B', 3, '', 'n', 'n')").run()).toThrow(/CHECK/);
    ledger.close();
  });
});
