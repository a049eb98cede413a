/**
 * Opens a ledger file with the pragmas of architecture.md §4.6 and brings its schema up to date.
 * Each migration runs in its own transaction together with its `user_version` bump, so a crash
 * mid-migration leaves the file at the previous version, never half-migrated.
 *
 * On open (docs/ledger.md, "A damaged ledger"): a ledger that cannot be written (the file, or its
 * folder) is opened read-only, and nothing is written to it at all; a bounded PRAGMA quick_check
 * runs before anything else touches the file, and every SQLite failure is explained (failures.ts).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { explained, LedgerError, LedgerFailureError, LedgerTooNewError } from './errors';
import { explainLedgerFailure, readOnlyCause } from './failures';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export interface ConnectionOptions {
  /** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
  /** Migrations to apply (tests pass a prefix of MIGRATIONS to build older files). */
  migrations?: readonly Migration[];
  /** quick_check runs on open for files up to this size (default 128 MB; 0 turns it off). */
  quickCheckMaxBytes?: number;
}

export interface ReadOnlyLedger {
  cause: 'read-only-file' | 'read-only-folder';
  /** For a read-only folder: the private snapshot actually opened, removed on close. */
  snapshotDir?: string;
}

/**
 * quick_check reads every page once: measured 0.19 s for 20,000 invoices (15 MB) and 1.0 s for
 * 100,000 (77 MB) on the development machine (docs/benchmarks.md), so opening pays at most about
 * 1.7 s; bigger ledgers skip it on open and rely on `ledger check` / Settings → Data.
 */
export const QUICK_CHECK_MAX_BYTES = 128 * 1024 * 1024;

const readOnlyOf = new WeakMap<Db, ReadOnlyLedger>();

/** Whether (and why) a connection was opened read-only. */
export function readOnlyState(db: Db): ReadOnlyLedger | undefined {
  return readOnlyOf.get(db);
}

/**
 * SQLite cannot open a WAL-mode file in a folder where it may not create the -shm index. The
 * ledger and its -wal are copied into a private temporary folder and the copy is opened read-only:
 * the original is never touched.
 */
function snapshot(file: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-readonly-'));
  const copy = join(dir, 'ledger.sqlite');
  copyFileSync(file, copy);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  return { dir, file: copy };
}

function connect(file: string): { db: Db; readOnly?: ReadOnlyLedger } {
  const cause = readOnlyCause(file);
  if (cause === 'read-only-folder' && !existsSync(file)) {
    throw new LedgerFailureError(explainLedgerFailure({ code: 'SQLITE_CANTOPEN', message: 'unable to open database file' }, file)!);
  }
  if (cause === 'read-only-folder') {
    const snap = snapshot(file);
    try {
      return { db: new Database(snap.file, { readonly: true }), readOnly: { cause, snapshotDir: snap.dir } };
    } catch (e) {
      rmSync(snap.dir, { recursive: true, force: true });
      throw e;
    }
  }
  if (cause === 'read-only-file') return { db: new Database(file, { readonly: true, fileMustExist: true }), readOnly: { cause } };
  return { db: new Database(file) };
}

export function openDatabase(file: string, options: ConnectionOptions = {}): Db {
  let db: Db;
  let readOnly: ReadOnlyLedger | undefined;
  try {
    ({ db, readOnly } = connect(file));
  } catch (e) {
    const why = explained(e, file);
    if (why !== e) throw why;
    throw new LedgerError('LEDGER_OPEN_FAILED', `Cannot open the ledger ${file}: ${(e as Error).message}`);
  }
  if (readOnly) readOnlyOf.set(db, readOnly);
  try {
    applyPragmas(db, options.busyTimeoutMs ?? 5000, readOnly !== undefined);
    quickCheck(db, file, options.quickCheckMaxBytes ?? QUICK_CHECK_MAX_BYTES);
    migrate(db, file, options.migrations ?? MIGRATIONS, readOnly);
    return db;
  } catch (e) {
    db.close();
    if (readOnly?.snapshotDir) rmSync(readOnly.snapshotDir, { recursive: true, force: true });
    throw explained(e, file);
  }
}

function applyPragmas(db: Db, busyTimeoutMs: number, readOnly: boolean): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  // Reading the mode first: a corrupt or foreign file fails here, before anything is written.
  const current = db.pragma('journal_mode', { simple: true }) as string;
  if (!readOnly && current !== 'wal') {
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (mode !== 'wal') {
      throw new LedgerError('LEDGER_WAL_UNAVAILABLE', `The ledger could not switch to WAL mode (got ${mode}); is the file on a network drive?`);
    }
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

/** The problems PRAGMA integrity_check (full) or quick_check reports: [] when the file is sound. */
export function integrityProblems(db: Db, full = true): string[] {
  const rows = db.pragma(full ? 'integrity_check(20)' : 'quick_check(1)') as Array<Record<string, unknown>>;
  return rows.map((r) => String(Object.values(r)[0])).filter((v) => v !== 'ok');
}

function quickCheck(db: Db, file: string, maxBytes: number): void {
  if (maxBytes <= 0 || !existsSync(file) || statSync(file).size > maxBytes) return;
  const [problem] = integrityProblems(db, false);
  if (problem !== undefined) throw Object.assign(new Error(`quick_check: ${problem}`), { code: 'SQLITE_CORRUPT' });
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, file: string, migrations: readonly Migration[], readOnly: ReadOnlyLedger | undefined): void {
  const current = userVersion(db);
  if (current > SCHEMA_VERSION) throw new LedgerTooNewError(file, current, SCHEMA_VERSION);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (readOnly) {
    throw new LedgerFailureError({
      ...explainLedgerFailure({ code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' }, file)!,
      message: `The ledger ${file} was written by an older e-Invoice Desk and must be updated before this version can use it, but it is read-only. Make it (and its folder) writable, or copy the data folder somewhere writable and open that.`,
    });
  }
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
