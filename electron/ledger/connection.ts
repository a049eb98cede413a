/**
 * Opens a ledger file with the pragmas of architecture.md §4.6 and brings its schema up to date.
 * Each migration runs in its own transaction together with its `user_version` bump, so a crash
 * mid-migration leaves the file at the previous version, never half-migrated.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { LedgerError, LedgerTooNewError } from './errors';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export interface ConnectionOptions {
  /** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
  /** Migrations to apply (tests pass a prefix of MIGRATIONS to build older files). */
  migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: ConnectionOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw new LedgerError('LEDGER_OPEN_FAILED', `Cannot open the ledger ${file}: ${(e as Error).message}`);
  }
  try {
    applyPragmas(db, options.busyTimeoutMs ?? 5000);
    migrate(db, file, options.migrations ?? MIGRATIONS);
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new LedgerError('LEDGER_NOT_SQLITE', `${file} is not an e-Invoice Desk ledger (not a SQLite database).`);
    }
    throw e;
  }
}

function applyPragmas(db: Db, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
  if (mode !== 'wal') {
    throw new LedgerError('LEDGER_WAL_UNAVAILABLE', `The ledger could not switch to WAL mode (got ${mode}); is the file on a network drive?`);
  }
  // FULL: a registration the IRP confirmed must survive a power cut once we said "registered".
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so nothing removed lingers in free pages.
  db.pragma('secure_delete = ON');
  // 32 MiB of page cache (default 2 MiB): the list indexes and the FTS index of a large ledger
  // stay in memory; sorts of search results stay in memory too.
  db.pragma('cache_size = -32000');
  db.pragma('temp_store = MEMORY');
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, file: string, migrations: readonly Migration[]): void {
  const current = userVersion(db);
  if (current > SCHEMA_VERSION) throw new LedgerTooNewError(file, current, SCHEMA_VERSION);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
