import type { Database } from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction together with `PRAGMA user_version = version`. */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}
