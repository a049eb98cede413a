/**
 * One function that turns what SQLite (or the file system under it) says about the ledger into a
 * message a shopkeeper can act on: which file, what is wrong, what to do. The CLI, the browser host
 * and the desktop app all use it (through toIpcError / the CLI's error printer), so "database disk
 * image is malformed" never reaches a person bare, and nobody is told "your data is safe" when
 * that is not known.
 */
import { accessSync, constants, readdirSync, statfsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type LedgerFailureCause = 'corrupt' | 'not-a-ledger' | 'read-only-file' | 'read-only-folder' | 'disk-full' | 'io' | 'busy' | 'cannot-open';

export const FAILURE_CODES: Readonly<Record<LedgerFailureCause, string>> = {
  corrupt: 'LEDGER_CORRUPT',
  'not-a-ledger': 'LEDGER_NOT_SQLITE',
  'read-only-file': 'LEDGER_READ_ONLY',
  'read-only-folder': 'LEDGER_READ_ONLY',
  'disk-full': 'LEDGER_DISK_FULL',
  io: 'LEDGER_IO',
  busy: 'LEDGER_BUSY',
  'cannot-open': 'LEDGER_CANNOT_OPEN',
};

export interface LedgerFailure {
  code: string;
  cause: LedgerFailureCause;
  file: string;
  /** The whole message: what happened to which file, and what to do. */
  message: string;
  /** The newest backup in <data>/backups, when there is one (for "restore"). */
  latestBackup?: string;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why writing the ledger is impossible, if it is: the file itself, or its folder. */
export function readOnlyCause(file: string): 'read-only-file' | 'read-only-folder' | undefined {
  if (!writable(dirname(file))) return 'read-only-folder';
  try {
    statSync(file);
  } catch {
    return undefined;
  }
  return writable(file) ? undefined : 'read-only-file';
}

/** The newest backup file of the data folder the ledger is in. */
export function latestBackup(file: string): string | undefined {
  const dir = join(dirname(file), 'backups');
  try {
    const names = readdirSync(dir).filter((n) => n.endsWith('.sqlite'));
    let best: { path: string; at: number } | undefined;
    for (const n of names) {
      const at = statSync(join(dir, n)).mtimeMs;
      if (!best || at > best.at) best = { path: join(dir, n), at };
    }
    return best?.path;
  } catch {
    return undefined;
  }
}

function freeBytes(file: string): number | undefined {
  try {
    const s = statfsSync(dirname(file));
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

export function restoreAdvice(file: string, backup: string | undefined): string {
  if (!backup) {
    return `There is no backup in ${join(dirname(file), 'backups')}: keep this file as it is (do not delete it) and get help recovering it (the sqlite3 tool's ".recover" can often save the rows).`;
  }
  return `Restore the latest backup, ${basename(backup)}: in the app, Settings → Data → Restore; on the command line, einvoice ledger restore "${backup}". The damaged file is kept beside it, not deleted.`;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** The SQLite result code of an error (better-sqlite3's SqliteError) or a Node file error's code. */
function codeOf(e: unknown): string {
  return typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : '';
}

/** The cause of a SQLite or file-system failure on the ledger, or undefined when it is not one. */
export function failureCause(e: unknown, file: string): LedgerFailureCause | undefined {
  const code = codeOf(e);
  if (code === 'SQLITE_NOTADB') return 'not-a-ledger';
  if (code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return readOnlyCause(file) ?? 'read-only-file';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_CANTOPEN')) return readOnlyCause(file) ?? 'cannot-open';
  if (code.startsWith('SQLITE_IOERR')) {
    // A write failing for lack of space shows up as an I/O error on some paths (WAL, shm).
    const free = freeBytes(file);
    return free !== undefined && free < 64 * 1024 ? 'disk-full' : 'io';
  }
  return undefined;
}

/**
 * The plain explanation of a ledger failure (undefined when `e` is something else). `sqliteText`
 * is kept at the end in brackets, for whoever helps the user.
 */
export function explainLedgerFailure(e: unknown, file: string): LedgerFailure | undefined {
  const cause = failureCause(e, file);
  if (!cause) return undefined;
  const said = e instanceof Error ? e.message.split('\n')[0] : String(e);
  const backup = latestBackup(file);
  const dir = dirname(file);
  let text: string;
  switch (cause) {
    case 'corrupt':
      text = `The ledger ${file} is damaged: part of it cannot be read. Nothing more was written to it. ${restoreAdvice(file, backup)}`;
      break;
    case 'not-a-ledger':
      text = `${file} is not an e-Invoice Desk ledger (not a SQLite database, or its first page is destroyed). It was not changed. ${restoreAdvice(file, backup)}`;
      break;
    case 'read-only-file':
      text = `The ledger ${file} is read-only, so this change cannot be saved. Lists, invoices, printing, QR checks and backups still work. To save again, make the file writable (its permissions or properties), or copy the data folder somewhere writable and open that.`;
      break;
    case 'read-only-folder':
      text = `The folder ${dir} cannot be written (a read-only disk, or no permission), so this change cannot be saved there. Lists, invoices, printing and QR checks still work. To save again, make the folder writable, or copy it somewhere writable and open that copy.`;
      break;
    case 'disk-full': {
      const free = freeBytes(file);
      text = `The disk holding ${file} is full${free === undefined ? '' : ` (${mb(free)} free)`}, so this change was not saved; what was saved before is intact. Free some disk space, then try again.`;
      break;
    }
    case 'io':
      text = `The ledger ${file} could not be read or written (the disk reported an error). Check that the disk is connected and healthy, then try again. If it repeats: ${restoreAdvice(file, backup)}`;
      break;
    case 'busy':
      text = `The ledger ${file} is locked by another program (another e-Invoice Desk window, an einvoice command, or a backup tool). Wait for it to finish or close it, then try again.`;
      break;
    case 'cannot-open':
      text = `The ledger ${file} cannot be opened: the folder ${dir} does not exist or cannot be read. Check the data folder (--data or EINVOICE_HOME) and its permissions.`;
      break;
  }
  return { code: FAILURE_CODES[cause], cause, file, message: `${text} (SQLite: ${said})`, ...(backup ? { latestBackup: backup } : {}) };
}
