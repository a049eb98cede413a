/**
 * Backups and restores. backupTo() uses SQLite's online backup (better-sqlite3 `db.backup`), so
 * it is consistent while the app keeps writing. restoreLedgerFile() checks the backup (a SQLite
 * file, integrity ok, a schema this code knows) before it replaces the target; the target must
 * be closed, and its -wal/-shm are removed so stale pages cannot be replayed over the backup.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { privateCopy } from '../support/private-files';
import Database from 'better-sqlite3';
import { LedgerError } from './errors';
import { SCHEMA_VERSION } from './migrations';

export interface BackupCheck {
  file: string;
  schemaVersion: number;
  invoices: number;
}

/** Opens a backup read-only and checks it can be restored; throws BACKUP_INVALID if not. */
export function checkBackup(file: string): BackupCheck {
  if (!existsSync(file)) throw new LedgerError('BACKUP_INVALID', `The backup ${file} does not exist.`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') throw new LedgerError('BACKUP_INVALID', `The backup ${file} is damaged (${integrity}).`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < 1) throw new LedgerError('BACKUP_INVALID', `${file} is not an e-Invoice Desk ledger backup.`);
    if (schemaVersion > SCHEMA_VERSION) {
      throw new LedgerError('BACKUP_INVALID', `The backup ${file} comes from a newer e-Invoice Desk (schema ${schemaVersion}; this version knows up to ${SCHEMA_VERSION}).`);
    }
    const { n } = db.prepare('SELECT count(*) AS n FROM invoices').get() as { n: number };
    return { file, schemaVersion, invoices: n };
  } catch (e) {
    if (e instanceof LedgerError) throw e;
    throw new LedgerError('BACKUP_INVALID', `${file} is not a readable e-Invoice Desk ledger backup: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the (closed) ledger at `target` with `backupFile`. The copy goes to a temporary file
 * first and is renamed into place, so a crash mid-restore leaves the old ledger or the new one.
 * The replaced ledger is kept next to it as `<target>.before-restore`.
 */
export function restoreLedgerFile(backupFile: string, target: string): BackupCheck {
  const check = checkBackup(backupFile);
  const temp = `${target}.restore-tmp`;
  privateCopy(backupFile, temp);
  if (existsSync(target)) {
    // Fold the target's WAL into a safety copy is not possible without opening it; keep the
    // whole trio instead so nothing the user had is lost.
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, `${target}.before-restore${suffix}`);
    }
  }
  renameSync(temp, target);
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  return check;
}
