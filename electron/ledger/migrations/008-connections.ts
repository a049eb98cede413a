/**
 * Connections (issue 12): a profile may now be a "portal" profile (no API: the business uploads
 * files on the e-invoice portal), and carries its road's non-secret settings as JSON (a GSP's
 * preset, environment, non-secret fields, a custom GSP description). Secrets never come here: they
 * live in the keychain, bound to the endpoint they were entered for (electron/app/credential-binding.ts).
 *
 * SQLite cannot change a CHECK constraint in place, so the table is rebuilt. Dropping the old table
 * with foreign keys on would set every business's profile_name to NULL (ON DELETE SET NULL), so the
 * links are saved first and restored after the rename.
 */
import type { Migration } from './types';

export const migration008: Migration = {
  version: 8,
  name: 'connections',
  up(db) {
    db.exec(`
      CREATE TEMP TABLE profile_links AS SELECT id, profile_name FROM businesses WHERE profile_name IS NOT NULL;

      CREATE TABLE profiles_next (
        id                 INTEGER PRIMARY KEY,
        name               TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
        kind               TEXT NOT NULL CHECK (kind IN ('practice','nic-sandbox','nic-production','gsp','portal')),
        base_url           TEXT NOT NULL,
        gstin              TEXT NOT NULL,
        client_id          TEXT NOT NULL,
        user_name          TEXT NOT NULL,
        encryption_key_pem TEXT,
        signing_cert_pem   TEXT,
        extra_headers_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra_headers_json)),
        connection_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(connection_json)),
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
      ) STRICT;

      INSERT INTO profiles_next (id, name, kind, base_url, gstin, client_id, user_name, encryption_key_pem, signing_cert_pem, extra_headers_json, created_at, updated_at)
        SELECT id, name, kind, base_url, gstin, client_id, user_name, encryption_key_pem, signing_cert_pem, extra_headers_json, created_at, updated_at FROM profiles;

      DROP TABLE profiles;
      ALTER TABLE profiles_next RENAME TO profiles;

      UPDATE businesses SET profile_name = (SELECT l.profile_name FROM profile_links l WHERE l.id = businesses.id)
        WHERE id IN (SELECT id FROM profile_links);
      DROP TABLE profile_links;
    `);
  },
};
