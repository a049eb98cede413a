/**
 * A large ledger made in seconds: DOCS invoices whose bodies carry PAD random bytes each (as hex,
 * so about 2 × DOCS × PAD bytes in all), generated inside SQLite (a recursive CTE and randomblob),
 * plus a journal of `journal` real, hash-chained entries. For tests and benchmarks of long ledger
 * jobs (backup, restore), not for list queries (see test/bench/ledger.bench.ts for those).
 */
import type { Ledger } from '../../electron/ledger';

export function fillLedger(ledger: Ledger, o: { docs: number; pad: number; journal: number }): void {
  const seller = '29AAGCB1286Q000';
  const businessId = ledger.businesses.create({ gstin: seller, legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }).id;
  const db = ledger.db;
  db.pragma('synchronous = OFF'); // setup only
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${o.docs})
    INSERT INTO invoices (business_id, seller_gstin, doc_type, doc_no, doc_date, fy, buyer_gstin, buyer_name, total_paise, status, created_at, updated_at)
      SELECT ${businessId}, '${seller}', 'INV', 'BIG/' || i, '2026-03-01', '2025-26', '27AAACR5055K1Z7', 'Buyer ' || (i % 97), i * 100, 'draft', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z' FROM n;
    INSERT INTO invoice_bodies (invoice_id, draft_json) SELECT id, json_object('pad', hex(randomblob(${o.pad}))) FROM invoices;
  `);
  ledger.transaction(() => {
    for (let i = 0; i < o.journal; i += 1) ledger.journal.append({ kind: 'invoice.saved', invoiceId: 1 + (i % o.docs), outcome: 'info', details: { n: i } });
  });
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
