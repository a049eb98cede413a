/**
 * The outbox (one row per pending IRP operation) and the append-only, hash-chained journal.
 * Two partial unique indexes make the engine's invariants the database's: at most one operation
 * in flight per invoice, and at most one pending (queued or in flight) operation of a kind per
 * invoice, so a double click or a restarted engine can never queue a second registration.
 */
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'outbox-journal',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
        op              TEXT NOT NULL CHECK (op IN ('register','cancel','ewb','cancel_ewb')),
        state           TEXT NOT NULL CHECK (state IN ('queued','in_flight','done','failed')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        claimed_at      TEXT,
        last_error_json TEXT CHECK (last_error_json IS NULL OR json_valid(last_error_json)),
        payload_json    TEXT NOT NULL CHECK (json_valid(payload_json)),
        payload_sha256  TEXT NOT NULL CHECK (length(payload_sha256) = 64),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX outbox_one_in_flight ON outbox(invoice_id) WHERE state = 'in_flight';
      CREATE UNIQUE INDEX outbox_one_pending_op ON outbox(invoice_id, op) WHERE state IN ('queued','in_flight');
      CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE state = 'queued';
      CREATE INDEX outbox_invoice ON outbox(invoice_id);

      -- hash = SHA-256(prev_hash || canonical JSON of the row); the first row's prev_hash is 64 zeros.
      CREATE TABLE journal (
        seq          INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,
        kind         TEXT NOT NULL,
        invoice_id   INTEGER,
        outcome      TEXT NOT NULL CHECK (outcome IN ('ok','error','info')),
        details_json TEXT NOT NULL CHECK (json_valid(details_json)),
        prev_hash    TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash         TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX journal_invoice ON journal(invoice_id, seq) WHERE invoice_id IS NOT NULL;
      CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'journal is append-only: rows cannot be changed'); END;
      CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'journal is append-only: rows cannot be deleted'); END;
    `);
  },
};
