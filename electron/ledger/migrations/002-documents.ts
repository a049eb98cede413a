/**
 * Documents: invoices (drafts and everything after; their draft and payload JSON in
 * invoice_bodies), the IRP's registrations and e-way bills.
 * The unique index on (seller GSTIN, FY, type, UPPER(doc no)) is the IRN identity (irp-protocol.md
 * §6.4; the IRP upper-cases the number since 1-Jun-2025), so the ledger itself refuses a second
 * document that would collide at the IRP. Drafts may lack a number; NULLs never collide.
 */
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE invoices (
        id              INTEGER PRIMARY KEY,
        business_id     INTEGER NOT NULL REFERENCES businesses(id),
        seller_gstin    TEXT NOT NULL,
        doc_type        TEXT NOT NULL CHECK (doc_type IN ('INV','CRN','DBN')),
        doc_no          TEXT CHECK (doc_no IS NULL OR length(doc_no) BETWEEN 1 AND 16),
        doc_date        TEXT NOT NULL,
        fy              TEXT NOT NULL,
        buyer_gstin     TEXT,
        buyer_name      TEXT,
        total_paise     INTEGER NOT NULL DEFAULT 0,
        status          TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft','queued','in_flight','registered','cancelled','rejected')),
        payload_sha256  TEXT CHECK (payload_sha256 IS NULL OR length(payload_sha256) = 64),
        last_error_json TEXT CHECK (last_error_json IS NULL OR json_valid(last_error_json)),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        CHECK (status = 'draft' OR doc_no IS NOT NULL)
      ) STRICT;
      -- The large JSON texts live beside the row, so list pages, sorts and index walks read
      -- compact invoice rows (about 150 bytes instead of 1.4 KB).
      CREATE TABLE invoice_bodies (
        invoice_id   INTEGER PRIMARY KEY REFERENCES invoices(id) ON DELETE CASCADE,
        draft_json   TEXT CHECK (draft_json IS NULL OR json_valid(draft_json)),
        payload_json TEXT CHECK (payload_json IS NULL OR json_valid(payload_json))
      ) STRICT;
      CREATE UNIQUE INDEX invoices_irn_identity ON invoices(seller_gstin, fy, doc_type, upper(doc_no));
      -- The list screen's orders, each with id as the tie-breaker for keyset paging (drafts without
      -- a number sort as '' so a keyset cursor never compares with NULL).
      CREATE INDEX invoices_status_date   ON invoices(status, doc_date, id);
      CREATE INDEX invoices_status_number ON invoices(status, coalesce(doc_no, ''), id);
      CREATE INDEX invoices_status_total  ON invoices(status, total_paise, id);
      CREATE INDEX invoices_date          ON invoices(doc_date, id);
      CREATE INDEX invoices_number        ON invoices(coalesce(doc_no, ''), id);
      CREATE INDEX invoices_total         ON invoices(total_paise, id);
      CREATE INDEX invoices_business_date ON invoices(business_id, status, doc_date, id);

      -- One registration per invoice: a cancelled document number can never be registered again.
      CREATE TABLE registrations (
        id                 INTEGER PRIMARY KEY,
        invoice_id         INTEGER NOT NULL UNIQUE REFERENCES invoices(id),
        irn                TEXT NOT NULL UNIQUE CHECK (length(irn) = 64),
        ack_no             TEXT NOT NULL CHECK (ack_no <> '' AND ack_no NOT GLOB '*[^0-9]*'),
        ack_dt             TEXT NOT NULL,
        ack_at             TEXT NOT NULL,
        signed_invoice     TEXT NOT NULL,
        signed_qr          TEXT NOT NULL,
        status             TEXT NOT NULL DEFAULT 'ACT' CHECK (status IN ('ACT','CNL')),
        cancel_date        TEXT,
        cancel_reason      TEXT CHECK (cancel_reason IS NULL OR cancel_reason IN ('1','2','3','4')),
        cancel_remark      TEXT,
        adopted            INTEGER NOT NULL DEFAULT 0 CHECK (adopted IN (0,1)),
        signature_verified INTEGER NOT NULL DEFAULT 0 CHECK (signature_verified IN (0,1)),
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ewaybills (
        id           INTEGER PRIMARY KEY,
        invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
        ewb_no       TEXT NOT NULL UNIQUE CHECK (ewb_no <> '' AND ewb_no NOT GLOB '*[^0-9]*'),
        ewb_date     TEXT NOT NULL,
        valid_till   TEXT,
        status       TEXT NOT NULL DEFAULT 'ACT' CHECK (status IN ('ACT','CNL')),
        cancel_date  TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ewaybills_invoice ON ewaybills(invoice_id);
    `);
  },
};
