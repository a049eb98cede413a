/**
 * Long ledger jobs, run in a worker thread (run.ts) so the window keeps answering: each opens
 * its own SQLite connection to the file(s) it works on. Progress goes to `progress`.
 *
 * - copy: VACUUM INTO from a read-only connection. It reads one consistent snapshot (WAL mode:
 *   the app and other processes go on writing meanwhile; unlike the backup API it never restarts
 *   because another connection wrote), and writes a compact, self-contained copy (rollback
 *   journal). The caller follows its progress by the size of the file being written.
 * - verify: backup-check.ts's full check (integrity, schema, journal chain) of a copy or candidate.
 * - facts: the cheap facts of several backup files (the list of backups).
 * - missing: the IRNs a running ledger holds that a restore candidate lacks.
 */
import Database from 'better-sqlite3';
import { irnsMissingFrom, readLedgerFacts, verifyLedgerFile, type CheckProgress, type LedgerFacts } from '../backup-check';
import { AppError } from '../handlers/table';

export interface CopyArgs {
  source: string;
  target: string;
}

function copy(args: CopyArgs): { bytes: number } {
  const db = new Database(args.source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(args.target);
  } finally {
    db.close();
  }
  // One file: rollback-journal mode, so no -wal/-shm ever needs to travel with a backup.
  const out = new Database(args.target);
  try {
    out.pragma('journal_mode = DELETE');
    return { bytes: (out.pragma('page_count', { simple: true }) as number) * (out.pragma('page_size', { simple: true }) as number) };
  } finally {
    out.close();
  }
}

function verify(args: { file: string; name: string; expectSchema?: number }, progress: CheckProgress) {
  return verifyLedgerFile(args.file, args.name, args.expectSchema, progress);
}

type FactsOrProblem = LedgerFacts | { problem: { code: string; message: string } };

function facts(args: { files: Array<{ file: string; name: string }> }): FactsOrProblem[] {
  return args.files.map(({ file, name }) => {
    try {
      return readLedgerFacts(file, name);
    } catch (e) {
      return { problem: e instanceof AppError ? { code: e.code, message: e.message } : { code: 'BACKUP_UNREADABLE', message: `${name} cannot be read: ${(e as Error).message}` } };
    }
  });
}

function missing(args: { candidate: string; live: string }, progress: CheckProgress) {
  progress('compare', 0, 0);
  return irnsMissingFrom(args.candidate, args.live);
}

export const JOBS = { copy, verify, facts, missing } as const;

export type JobName = keyof typeof JOBS;
export type JobArgs<K extends JobName> = Parameters<(typeof JOBS)[K]>[0];
export type JobResult<K extends JobName> = ReturnType<(typeof JOBS)[K]>;
