/**
 * Full-text search over document number, buyer name, buyer GSTIN and IRN. The FTS5 table is
 * contentless (the text already lives in invoices/registrations; storing it twice would cost
 * bytes on every invoice) with contentless_delete so triggers can replace and delete rows.
 * rowid = invoices.id. The seller GSTIN is not indexed: it is the business filter, and matching
 * every row of a business would only slow searches down.
 */
import type { Migration } from './types';

const ROW_OF_INVOICE = (alias: string) => `
  SELECT ${alias}.id, coalesce(${alias}.doc_no, ''), coalesce(${alias}.buyer_name, ''),
         coalesce(${alias}.buyer_gstin, ''),
         coalesce((SELECT r.irn FROM registrations r WHERE r.invoice_id = ${alias}.id), '')
    FROM invoices ${alias}`;

export const migration004: Migration = {
  version: 4,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE invoice_search USING fts5(
        doc_no, party_name, gstin, irn,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      INSERT INTO invoice_search(rowid, doc_no, party_name, gstin, irn) ${ROW_OF_INVOICE('i')};

      CREATE TRIGGER invoices_search_insert AFTER INSERT ON invoices BEGIN
        INSERT INTO invoice_search(rowid, doc_no, party_name, gstin, irn)
          VALUES (new.id, coalesce(new.doc_no, ''), coalesce(new.buyer_name, ''), coalesce(new.buyer_gstin, ''), '');
      END;
      CREATE TRIGGER invoices_search_update AFTER UPDATE OF doc_no, buyer_name, buyer_gstin ON invoices BEGIN
        INSERT OR REPLACE INTO invoice_search(rowid, doc_no, party_name, gstin, irn) ${ROW_OF_INVOICE('i')} WHERE i.id = new.id;
      END;
      CREATE TRIGGER invoices_search_delete AFTER DELETE ON invoices BEGIN
        DELETE FROM invoice_search WHERE rowid = old.id;
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
