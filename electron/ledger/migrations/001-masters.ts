/**
 * Masters: endpoint profiles, businesses (seller GSTINs), parties (buyers, with cached GSTIN
 * lookups) and products. Profiles hold only public connection facts: the client secret and the
 * password live in the vault (architecture.md §4.7), so there is deliberately no column for them.
 */
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'masters',
  up(db) {
    db.exec(`
      CREATE TABLE profiles (
        id                 INTEGER PRIMARY KEY,
        name               TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
        kind               TEXT NOT NULL CHECK (kind IN ('practice','nic-sandbox','nic-production','gsp')),
        base_url           TEXT NOT NULL,
        gstin              TEXT NOT NULL,
        client_id          TEXT NOT NULL,
        user_name          TEXT NOT NULL,
        encryption_key_pem TEXT,
        signing_cert_pem   TEXT,
        extra_headers_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra_headers_json)),
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
      ) STRICT;

      CREATE TABLE businesses (
        id                  INTEGER PRIMARY KEY,
        gstin               TEXT NOT NULL UNIQUE CHECK (length(gstin) = 15),
        legal_name          TEXT NOT NULL,
        trade_name          TEXT,
        address1            TEXT NOT NULL,
        address2            TEXT,
        location            TEXT NOT NULL,
        pin                 INTEGER NOT NULL CHECK (pin BETWEEN 100000 AND 999999),
        state_code          TEXT NOT NULL,
        phone               TEXT,
        email               TEXT,
        aato_crore          REAL CHECK (aato_crore IS NULL OR aato_crore >= 0),
        einvoice_start_date TEXT,
        bank_name           TEXT,
        bank_account        TEXT,
        bank_ifsc           TEXT,
        bank_branch         TEXT,
        logo_png            BLOB,
        terms               TEXT,
        profile_name        TEXT REFERENCES profiles(name) ON UPDATE CASCADE ON DELETE SET NULL,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;

      -- One row per GSTIN (NULL for unregistered parties typed by hand). looked_up_at is set only
      -- by a master lookup, so callers can age cached facts (status, blocked) and refresh them.
      CREATE TABLE parties (
        id               INTEGER PRIMARY KEY,
        gstin            TEXT UNIQUE,
        legal_name       TEXT NOT NULL,
        trade_name       TEXT,
        address1         TEXT,
        address2         TEXT,
        location         TEXT,
        pin              INTEGER,
        state_code       TEXT,
        status           TEXT,
        taxpayer_type    TEXT,
        registered_on    TEXT,
        deregistered_on  TEXT,
        blocked          INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0,1)),
        source           TEXT NOT NULL CHECK (source IN ('lookup','manual')),
        looked_up_at     TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX parties_legal_name ON parties(legal_name COLLATE NOCASE);

      CREATE TABLE products (
        id               INTEGER PRIMARY KEY,
        business_id      INTEGER NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        name             TEXT NOT NULL,
        hsn              TEXT NOT NULL,
        is_service       INTEGER NOT NULL CHECK (is_service IN (0,1)),
        unit             TEXT NOT NULL,
        unit_price_paise INTEGER NOT NULL CHECK (unit_price_paise >= 0),
        gst_rate         REAL NOT NULL CHECK (gst_rate >= 0 AND gst_rate <= 100),
        cess_rate        REAL NOT NULL DEFAULT 0 CHECK (cess_rate >= 0 AND cess_rate <= 100),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        UNIQUE (business_id, name)
      ) STRICT;
    `);
  },
};
