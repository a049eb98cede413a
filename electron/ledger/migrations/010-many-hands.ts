/**
 * Two changes for many hands on one large ledger.
 *
 * 1. Owned outbox rows. Several processes share one ledger (the desktop app, a second window,
 *    `einvoice register` from an ERP, `einvoice reconcile`): every outbox claim records its owner
 *    (host, process id and a random instance id, so a reused pid is never mistaken for the old
 *    owner) and a lease the owner renews while it works. Another process takes a row over only
 *    when the lease has run out or the owner is provably gone (outbox.repo.ts). Rows already in
 *    flight when this runs have no owner: leftovers of an older version (which can no longer open
 *    the file), resolved first, by lookup.
 *
 * 2. Settings every host on the ledger shares (settings.repo.ts): the registration concurrency.
 *
 * 3. Search in list order. The full-text index's rowid becomes the list's date order:
 *    days since 1970 of doc_date × 2^32 + invoice id (ids stay below 2^32). FTS5 walks a term's
 *    postings in rowid order, so "the newest 100 invoices matching a common word" stops after
 *    about 100 postings instead of collecting 50,000 matches and sorting them (24-37 ms → about
 *    2 ms on a million invoices, docs/benchmarks.md). The invoice id is `rowid & 0xFFFFFFFF`.
 */
import type { Migration } from './types';

/** The search rowid of invoice row `a` (SQL). */
export const SEARCH_KEY = (a: string) => `((coalesce(unixepoch(${a}.doc_date), 0) / 86400) * 4294967296 + ${a}.id)`;

const ROW_OF_INVOICE = (alias: string) => `
  SELECT ${SEARCH_KEY(alias)}, coalesce(${alias}.doc_no, ''), coalesce(${alias}.buyer_name, ''),
         coalesce(${alias}.buyer_gstin, ''),
         coalesce((SELECT r.irn FROM registrations r WHERE r.invoice_id = ${alias}.id), '')
    FROM invoices ${alias}`;

export const migration010: Migration = {
  version: 10,
  name: 'many-hands',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN owner_host TEXT;
      ALTER TABLE outbox ADD COLUMN owner_pid INTEGER;
      ALTER TABLE outbox ADD COLUMN owner_instance TEXT;
      ALTER TABLE outbox ADD COLUMN lease_until TEXT;
      CREATE INDEX outbox_owned ON outbox(owner_instance) WHERE state = 'in_flight';

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL CHECK (json_valid(value_json)),
        updated_at TEXT NOT NULL
      ) STRICT;

      DROP TRIGGER invoices_search_insert;
      DROP TRIGGER invoices_search_update;
      DROP TRIGGER invoices_search_delete;
      DROP TRIGGER registrations_search_insert;
      DROP TRIGGER registrations_search_update;
      DROP TABLE invoice_search;
      CREATE VIRTUAL TABLE invoice_search USING fts5(
        doc_no, party_name, gstin, irn,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      INSERT INTO invoice_search(rowid, doc_no, party_name, gstin, irn) ${ROW_OF_INVOICE('i')};

      CREATE TRIGGER invoices_search_insert AFTER INSERT ON invoices BEGIN
        INSERT INTO invoice_search(rowid, doc_no, party_name, gstin, irn)
          VALUES (${SEARCH_KEY('new')}, coalesce(new.doc_no, ''), coalesce(new.buyer_name, ''), coalesce(new.buyer_gstin, ''), '');
      END;
      CREATE TRIGGER invoices_search_update AFTER UPDATE OF doc_no, doc_date, buyer_name, buyer_gstin ON invoices BEGIN
        DELETE FROM invoice_search WHERE rowid = ${SEARCH_KEY('old')};
        INSERT OR REPLACE INTO invoice_search(rowid, doc_no, party_name, gstin, irn) ${ROW_OF_INVOICE('i')} WHERE i.id = new.id;
      END;
      CREATE TRIGGER invoices_search_delete AFTER DELETE ON invoices BEGIN
        DELETE FROM invoice_search WHERE rowid = ${SEARCH_KEY('old')};
      END;
      CREATE TRIGGER registrations_search_insert AFTER INSERT ON registrations BEGIN
        INSERT OR REPLACE INTO invoice_search(rowid, doc_no, party_name, gstin, irn) ${ROW_OF_INVOICE('i')} WHERE i.id = new.invoice_id;
      END;
      CREATE TRIGGER registrations_search_update AFTER UPDATE OF irn ON registrations BEGIN
        INSERT OR REPLACE INTO invoice_search(rowid, doc_no, party_name, gstin, irn) ${ROW_OF_INVOICE('i')} WHERE i.id = new.invoice_id;
      END;
    `);
  },
};
