/**
 * Running count and sum of invoices per (business, status), kept by triggers, so the list's
 * totals for a status tab are one row read instead of a scan of up to a million index entries.
 * Filters the table cannot answer (dates, search) still count the filtered rows.
 */
import type { Migration } from './types';

const ADD = (row: string) => `
  INSERT INTO invoice_totals (business_id, status, count, total_paise) VALUES (${row}.business_id, ${row}.status, 1, ${row}.total_paise)
    ON CONFLICT (business_id, status) DO UPDATE SET count = count + 1, total_paise = total_paise + excluded.total_paise;`;
const REMOVE = (row: string) => `
  UPDATE invoice_totals SET count = count - 1, total_paise = total_paise - ${row}.total_paise
    WHERE business_id = ${row}.business_id AND status = ${row}.status;`;

export const migration005: Migration = {
  version: 5,
  name: 'totals',
  up(db) {
    db.exec(`
      CREATE TABLE invoice_totals (
        business_id INTEGER NOT NULL,
        status      TEXT NOT NULL,
        count       INTEGER NOT NULL,
        total_paise INTEGER NOT NULL,
        PRIMARY KEY (business_id, status)
      ) STRICT, WITHOUT ROWID;

      INSERT INTO invoice_totals (business_id, status, count, total_paise)
        SELECT business_id, status, count(*), sum(total_paise) FROM invoices GROUP BY business_id, status;

      CREATE TRIGGER invoices_totals_insert AFTER INSERT ON invoices BEGIN ${ADD('new')} END;
      CREATE TRIGGER invoices_totals_delete AFTER DELETE ON invoices BEGIN ${REMOVE('old')} END;
      CREATE TRIGGER invoices_totals_update AFTER UPDATE OF business_id, status, total_paise ON invoices BEGIN
        ${REMOVE('old')}
        ${ADD('new')}
      END;
    `);
  },
};
