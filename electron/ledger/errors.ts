import { explainLedgerFailure, type LedgerFailure } from './failures';

/**
 * Typed ledger errors: each carries a stable `code` the hosts map to a plain-language message.
 * Messages name the file or row, never a secret (masking happens before anything is stored).
 */
export type LedgerErrorCode =
  | 'LEDGER_TOO_NEW'
  | 'LEDGER_NOT_SQLITE'
  | 'LEDGER_OPEN_FAILED'
  | 'LEDGER_WAL_UNAVAILABLE'
  | 'LEDGER_BAD_INPUT'
  | 'LEDGER_NOT_FOUND'
  | 'LEDGER_DUPLICATE'
  | 'LEDGER_SECRET_REFUSED'
  | 'INVOICE_LOCKED'
  | 'OUTBOX_BUSY'
  | 'OUTBOX_BAD_STATE'
  | 'BACKUP_INVALID'
  | 'LEDGER_CORRUPT'
  | 'LEDGER_READ_ONLY'
  | 'LEDGER_DISK_FULL'
  | 'LEDGER_IO'
  | 'LEDGER_BUSY'
  | 'LEDGER_CANNOT_OPEN';

export class LedgerError extends Error {
  override readonly name: string = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    /** The field the error is about, for inputs (`docNo`, `logoPng`, ...). */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** The file was written by a newer e-Invoice Desk: opening it could corrupt data it relies on. */
export class LedgerTooNewError extends LedgerError {
  override readonly name = 'LedgerTooNewError';
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      'LEDGER_TOO_NEW',
      `The ledger ${file} was written by a newer version of e-Invoice Desk (schema ${fileVersion}; this version knows up to ${knownVersion}). Update the app before opening it.`,
    );
  }
}

export function badInput(path: string, message: string): LedgerError {
  return new LedgerError('LEDGER_BAD_INPUT', `${path}: ${message}`, path);
}

/** SQLite constraint errors turned into something a user can act on. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** A ledger failure explained (failures.ts): the code, the cause and the plain message. */
export class LedgerFailureError extends LedgerError {
  override readonly name = 'LedgerFailureError';
  constructor(readonly failure: LedgerFailure) {
    super(failure.code as LedgerErrorCode, failure.message);
  }
}

/** `e` as a LedgerFailureError when it is a SQLite or file failure on `file`, else `e` itself. */
export function explained(e: unknown, file: string): unknown {
  if (e instanceof LedgerError) return e;
  const failure = explainLedgerFailure(e, file);
  return failure ? new LedgerFailureError(failure) : e;
}
