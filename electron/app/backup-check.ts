/**
 * What makes a file a ledger this app may restore, checked the same way for a fresh backup and for
 * a restore candidate, each failure with its own code and a sentence that says what to do:
 *
 *   BACKUP_NOT_SQLITE      not a SQLite database at all (a text file, a PDF, an empty file)
 *   BACKUP_TRUNCATED       shorter than its own header says: the copy was cut off
 *   BACKUP_WRONG_APP       a SQLite file of some other program (no e-Invoice Desk tables)
 *   BACKUP_TOO_NEW         written by a newer e-Invoice Desk (schema above SCHEMA_VERSION)
 *   BACKUP_DAMAGED         PRAGMA integrity_check is not "ok" (or SQLite reports corruption)
 *   BACKUP_JOURNAL_BROKEN  the hash chain of the journal does not verify (a row was edited)
 *
 * Every function opens the file read-only and closes it again. The SQL is here rather than in a
 * repository because it reads files that are not the open ledger.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../ledger';
import { JournalRepo } from '../ledger/journal.repo';
import { AppError } from './handlers/table';

/** What a long check is doing: the phase, and rows done of a total (0 of 0 when it cannot say). */
export type CheckProgress = (phase: 'copy' | 'integrity' | 'journal' | 'compare', done: number, total: number) => void;

export interface LedgerFacts {
  schemaVersion: number;
  invoices: number;
  registrations: number;
}

export interface VerifiedLedger extends LedgerFacts {
  journalEntries: number;
}

const MAGIC = 'SQLite format 3\0';
const REQUIRED_TABLES = ['invoices', 'registrations', 'journal'] as const;

function fail(code: string, message: string, details?: unknown): never {
  throw new AppError(code, message, details);
}

/** The 100-byte SQLite header: refuses what is not SQLite, and files cut short while copying. */
function checkHeader(file: string, name: string): void {
  const size = statSync(file).size;
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) {
    fail('BACKUP_NOT_SQLITE', `${name} is not an e-Invoice Desk ledger backup: it is not a SQLite database file. Choose a file made by "Back up now" (ledger-….sqlite).`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  // The page count in the header is only current when "version-valid-for" equals the change counter.
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (pageSize < 512 || size % pageSize !== 0 || (countValid && size < pageCount * pageSize)) {
    fail('BACKUP_TRUNCATED', `${name} is incomplete (${size} bytes, its header expects ${countValid ? pageCount * pageSize : `a multiple of ${pageSize}`}): the copy was cut off. Copy the file again from where it came from.`);
  }
}

function openReadOnly(file: string, name: string): Database.Database {
  try {
    return new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return fail('BACKUP_NOT_SQLITE', `${name} cannot be opened as a ledger: ${(e as Error).message}`);
  }
}

function corruptionToError(e: unknown, name: string): never {
  if (e instanceof AppError) throw e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') fail('BACKUP_NOT_SQLITE', `${name} is not an e-Invoice Desk ledger backup: it is not a SQLite database file.`);
  if (code.startsWith('SQLITE_CORRUPT')) fail('BACKUP_DAMAGED', `${name} is damaged (SQLite: ${(e as Error).message}). Use another backup.`);
  throw e;
}

/** Schema version and counts; refuses foreign and newer files. Cheap: no full scans beyond counts. */
function factsOf(db: Database.Database, name: string): LedgerFacts {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]));
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  if (schemaVersion < 1 || REQUIRED_TABLES.some((t) => !tables.has(t))) {
    fail('BACKUP_WRONG_APP', `${name} is a SQLite database of another program, not an e-Invoice Desk ledger (no invoices, registrations and journal tables).`);
  }
  if (schemaVersion > SCHEMA_VERSION) {
    fail('BACKUP_TOO_NEW', `${name} was written by a newer e-Invoice Desk (ledger schema ${schemaVersion}; this version knows up to ${SCHEMA_VERSION}). Update e-Invoice Desk, then restore it.`);
  }
  const invoices = db.prepare('SELECT count(*) FROM invoices').pluck().get() as number;
  const registrations = db.prepare('SELECT count(*) FROM registrations').pluck().get() as number;
  return { schemaVersion, invoices, registrations };
}

/** Counts of an open ledger connection (the running one). */
export function liveFacts(db: Database.Database): LedgerFacts {
  return factsOf(db, 'The ledger');
}

/** The cheap facts for a list of backups: header, schema and counts, no integrity scan. */
export function readLedgerFacts(file: string, name: string): LedgerFacts {
  checkHeader(file, name);
  const db = openReadOnly(file, name);
  try {
    return factsOf(db, name);
  } catch (e) {
    return corruptionToError(e, name);
  } finally {
    db.close();
  }
}

/**
 * The full check: everything readLedgerFacts checks, then integrity_check and the journal's hash
 * chain. `expectSchema` (a fresh backup) demands exactly the running ledger's schema version.
 */
export function verifyLedgerFile(file: string, name: string, expectSchema?: number, onProgress?: CheckProgress): VerifiedLedger {
  checkHeader(file, name);
  const db = openReadOnly(file, name);
  try {
    const facts = factsOf(db, name);
    if (expectSchema !== undefined && facts.schemaVersion !== expectSchema) {
      fail('BACKUP_DAMAGED', `${name} has ledger schema ${facts.schemaVersion}, the ledger it was copied from has ${expectSchema}.`);
    }
    onProgress?.('integrity', 0, 0);
    const problems = db.pragma('integrity_check(5)', { simple: false }) as Array<{ integrity_check: string }>;
    const text = problems.map((p) => p.integrity_check).join('; ');
    if (text !== 'ok') fail('BACKUP_DAMAGED', `${name} is damaged (SQLite integrity check: ${text.slice(0, 300)}). Use another backup.`);
    const entries = db.prepare('SELECT count(*) FROM journal').pluck().get() as number;
    onProgress?.('journal', 0, entries);
    const chain = new JournalRepo(db, () => new Date()).verifyChain((n) => onProgress?.('journal', n, entries));
    if (!chain.ok) {
      fail('BACKUP_JOURNAL_BROKEN', `${name} has a journal that does not verify at entry ${chain.seq} (${chain.reason}): the file was changed outside e-Invoice Desk. Use another backup.`, { seq: chain.seq });
    }
    return { ...facts, journalEntries: chain.count };
  } catch (e) {
    return corruptionToError(e, name);
  } finally {
    db.close();
  }
}

export interface LostIrns {
  count: number;
  /** Up to 10 document numbers, newest acknowledgement first. */
  docNos: string[];
}

/**
 * The IRNs the running ledger holds that `candidate` lacks: restoring it would forget documents
 * the IRP has registered (their IRN, signed invoice and QR). The candidate is attached read-only
 * to a read-only connection, so one query compares them whatever their size.
 */
export function irnsMissingFrom(candidate: string, liveLedgerFile: string): LostIrns {
  const db = new Database(candidate, { readonly: true, fileMustExist: true });
  try {
    // A read-only connection attaches read-only too: the running ledger is only read.
    db.prepare('ATTACH DATABASE ? AS live').run(liveLedgerFile);
    const missing = `FROM live.registrations r JOIN live.invoices i ON i.id = r.invoice_id
                     WHERE NOT EXISTS (SELECT 1 FROM main.registrations c WHERE c.irn = r.irn)`;
    const count = db.prepare(`SELECT count(*) ${missing}`).pluck().get() as number;
    const docNos = count === 0 ? [] : (db.prepare(`SELECT coalesce(i.doc_no, '') ${missing} ORDER BY r.ack_at DESC LIMIT 10`).pluck().all() as string[]);
    return { count, docNos };
  } finally {
    db.close();
  }
}
