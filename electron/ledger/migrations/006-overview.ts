/**
 * Issue 17: totals that are right, a dashboard that reads indexes, and the e-way bill lifecycle.
 *
 * - invoice_totals is keyed by document type too, so a total can subtract credit notes and add
 *   debit notes without scanning (migration 005 summed every type together).
 * - A covering index (status, doc_date, doc_type, total_paise, business_id) answers "registered
 *   this month, credit notes netted" and "drafts waiting, oldest first" from the index alone.
 * - registrations(status, ack_at): IRNs whose 24-hour cancel window is still open.
 * - ewaybills gets what the bill says (distance, transport, Part-B) and why it was cancelled, an
 *   index for bills about to expire, and ewaybill_updates keeps every Part-B update the IRP took.
 */
import type { Migration } from './types';

const ADD = (row: string) => `
  INSERT INTO invoice_totals (business_id, status, doc_type, count, total_paise)
    VALUES (${row}.business_id, ${row}.status, ${row}.doc_type, 1, ${row}.total_paise)
    ON CONFLICT (business_id, status, doc_type) DO UPDATE SET count = count + 1, total_paise = total_paise + excluded.total_paise;`;
const REMOVE = (row: string) => `
  UPDATE invoice_totals SET count = count - 1, total_paise = total_paise - ${row}.total_paise
    WHERE business_id = ${row}.business_id AND status = ${row}.status AND doc_type = ${row}.doc_type;`;

export const migration006: Migration = {
  version: 6,
  name: 'overview',
  up(db) {
    db.exec(`
      DROP TRIGGER invoices_totals_insert;
      DROP TRIGGER invoices_totals_delete;
      DROP TRIGGER invoices_totals_update;
      DROP TABLE invoice_totals;
      CREATE TABLE invoice_totals (
        business_id INTEGER NOT NULL,
        status      TEXT NOT NULL,
        doc_type    TEXT NOT NULL,
        count       INTEGER NOT NULL,
        total_paise INTEGER NOT NULL,
        PRIMARY KEY (business_id, status, doc_type)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO invoice_totals (business_id, status, doc_type, count, total_paise)
        SELECT business_id, status, doc_type, count(*), sum(total_paise) FROM invoices GROUP BY business_id, status, doc_type;
      CREATE TRIGGER invoices_totals_insert AFTER INSERT ON invoices BEGIN ${ADD('new')} END;
      CREATE TRIGGER invoices_totals_delete AFTER DELETE ON invoices BEGIN ${REMOVE('old')} END;
      CREATE TRIGGER invoices_totals_update AFTER UPDATE OF business_id, status, total_paise, doc_type ON invoices BEGIN
        ${REMOVE('old')}
        ${ADD('new')}
      END;

      CREATE INDEX invoices_status_date_value ON invoices(status, doc_date, doc_type, total_paise, business_id);
      CREATE INDEX registrations_status_ack ON registrations(status, ack_at);

      ALTER TABLE ewaybills ADD COLUMN distance_km INTEGER;
      ALTER TABLE ewaybills ADD COLUMN trans_mode TEXT;
      ALTER TABLE ewaybills ADD COLUMN vehicle_no TEXT;
      ALTER TABLE ewaybills ADD COLUMN vehicle_type TEXT;
      ALTER TABLE ewaybills ADD COLUMN trans_doc_no TEXT;
      ALTER TABLE ewaybills ADD COLUMN trans_doc_dt TEXT;
      ALTER TABLE ewaybills ADD COLUMN transporter_id TEXT;
      ALTER TABLE ewaybills ADD COLUMN transporter_name TEXT;
      ALTER TABLE ewaybills ADD COLUMN cancel_reason TEXT;
      ALTER TABLE ewaybills ADD COLUMN cancel_remark TEXT;
      CREATE INDEX ewaybills_status_valid ON ewaybills(status, valid_till);

      -- Every Part-B (vehicle / transport document) update the IRP accepted, newest last.
      CREATE TABLE ewaybill_updates (
        id           INTEGER PRIMARY KEY,
        ewaybill_id  INTEGER NOT NULL REFERENCES ewaybills(id),
        updated_at   TEXT NOT NULL,
        trans_mode   TEXT NOT NULL,
        vehicle_no   TEXT,
        trans_doc_no TEXT,
        trans_doc_dt TEXT,
        from_place   TEXT NOT NULL,
        from_state   TEXT NOT NULL,
        reason_code  TEXT NOT NULL,
        remark       TEXT,
        valid_till   TEXT,
        created_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ewaybill_updates_bill ON ewaybill_updates(ewaybill_id, id);
    `);
  },
};
