/**
 * Saved column mappings of the import (issue 14): one per name, found again by the layout key of a
 * file (its normalised headers in order), so the next month's register from the same accounting
 * package imports without the mapping step.
 */
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'import-mappings',
  up(db) {
    db.exec(`
      CREATE TABLE import_mappings (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        layout_key   TEXT NOT NULL CHECK (length(layout_key) <= 20000),
        mapping_json TEXT NOT NULL CHECK (json_valid(mapping_json)),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        used_at      TEXT
      ) STRICT;
      CREATE INDEX import_mappings_layout ON import_mappings(layout_key, used_at);
    `);
  },
};
