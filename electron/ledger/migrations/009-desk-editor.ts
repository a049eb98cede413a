/**
 * The billing desk (issue 17):
 * - editor_drafts: the editor's working copy of a document, saved a moment after each change, so
 *   what was typed survives a tab switch, a closed window and a crash (the text as typed, even
 *   what is not yet a valid draft). `owner` is the editor session that writes it; a copy whose
 *   owner is gone is offered back on the next start.
 * - number_series: prefix, running-number width and suffix per business and document type.
 * - word search (FTS5, external content kept by triggers) over items (name, HSN) and parties
 *   (names, GSTIN, city), replacing "the whole name starts with" by "every word starts a word".
 * - parties learnt from the buyers of invoices already in the ledger (saving an invoice does the
 *   same from now on), so past buyers can be picked and managed.
 */
import type { Migration } from './types';

const FTS = (table: string, source: string, cols: string[]) => {
  const list = cols.join(', ');
  const newVals = cols.map((c) => `new.${c}`).join(', ');
  const oldVals = cols.map((c) => `old.${c}`).join(', ');
  return `
    CREATE VIRTUAL TABLE ${table} USING fts5(${list}, content = '${source}', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER ${table}_insert AFTER INSERT ON ${source} BEGIN
      INSERT INTO ${table}(rowid, ${list}) VALUES (new.id, ${newVals});
    END;
    CREATE TRIGGER ${table}_delete AFTER DELETE ON ${source} BEGIN
      INSERT INTO ${table}(${table}, rowid, ${list}) VALUES ('delete', old.id, ${oldVals});
    END;
    CREATE TRIGGER ${table}_update AFTER UPDATE OF ${list} ON ${source} BEGIN
      INSERT INTO ${table}(${table}, rowid, ${list}) VALUES ('delete', old.id, ${oldVals});
      INSERT INTO ${table}(rowid, ${list}) VALUES (new.id, ${newVals});
    END;
    INSERT INTO ${table}(${table}) VALUES ('rebuild');`;
};

export const migration009: Migration = {
  version: 9,
  name: 'desk-editor',
  up(db) {
    db.exec(`
      CREATE TABLE editor_drafts (
        id          INTEGER PRIMARY KEY,
        slot        TEXT NOT NULL UNIQUE CHECK (length(slot) BETWEEN 1 AND 80),
        owner       TEXT NOT NULL CHECK (length(owner) BETWEEN 1 AND 80),
        invoice_id  INTEGER REFERENCES invoices(id) ON DELETE CASCADE,
        business_id INTEGER REFERENCES businesses(id) ON DELETE CASCADE,
        doc_type    TEXT,
        doc_no      TEXT,
        buyer_name  TEXT,
        lines       INTEGER NOT NULL DEFAULT 0,
        total_paise INTEGER NOT NULL DEFAULT 0,
        form_json   TEXT NOT NULL CHECK (json_valid(form_json)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX editor_drafts_owner ON editor_drafts(owner, updated_at);

      CREATE TABLE number_series (
        id          INTEGER PRIMARY KEY,
        business_id INTEGER NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        doc_type    TEXT NOT NULL CHECK (doc_type IN ('INV','CRN','DBN')),
        prefix      TEXT NOT NULL CHECK (length(prefix) <= 30),
        digits      INTEGER NOT NULL CHECK (digits BETWEEN 1 AND 10),
        suffix      TEXT NOT NULL DEFAULT '' CHECK (length(suffix) <= 30),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (business_id, doc_type)
      ) STRICT;

      ${FTS('products_search', 'products', ['name', 'hsn'])}
      ${FTS('parties_search', 'parties', ['legal_name', 'trade_name', 'gstin', 'location'])}

      INSERT INTO parties (gstin, legal_name, address1, location, pin, state_code, source, created_at, updated_at)
        SELECT i.buyer_gstin,
               coalesce(nullif(trim(json_extract(b.draft_json, '$.buyer.LglNm')), ''), i.buyer_name),
               nullif(trim(json_extract(b.draft_json, '$.buyer.Addr1')), ''),
               nullif(trim(json_extract(b.draft_json, '$.buyer.Loc')), ''),
               CASE WHEN json_type(b.draft_json, '$.buyer.Pin') = 'integer' AND json_extract(b.draft_json, '$.buyer.Pin') BETWEEN 100000 AND 999999
                    THEN json_extract(b.draft_json, '$.buyer.Pin') END,
               nullif(json_extract(b.draft_json, '$.buyer.Stcd'), ''),
               'manual', i.updated_at, i.updated_at
          FROM invoices i JOIN invoice_bodies b ON b.invoice_id = i.id
         WHERE i.id IN (SELECT max(id) FROM invoices
                         WHERE length(buyer_gstin) = 15 AND buyer_gstin GLOB '[0-9][0-9][0-9A-Z]*'
                         GROUP BY buyer_gstin)
           AND coalesce(nullif(trim(json_extract(b.draft_json, '$.buyer.LglNm')), ''), i.buyer_name) IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM parties p WHERE p.gstin = i.buyer_gstin);
    `);
  },
};
