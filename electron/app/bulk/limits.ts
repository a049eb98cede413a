import { formatBytes } from '../../../shared/bytes';

/**
 * Bounds for files that come from outside (brief: every file is untrusted). Each bound has its own
 * error code and a sentence saying what to do, so a refusal is never a mystery. The figures leave a
 * year of one busy desk's sales in one file (10,000 lines read in about a second) well inside.
 */
export interface ImportLimits {
  /** Bytes of the file itself. */
  maxFileBytes: number;
  /** Data rows of a sheet or CSV (lines of invoices), documents of a JSON file. */
  maxRows: number;
  maxColumns: number;
  /** Characters of one cell. */
  maxCellChars: number;
  /** What an .xlsx may inflate to, in total and per part, and how many parts it may have. */
  maxUnzippedBytes: number;
  maxUnzippedEntryBytes: number;
  /** The shared-strings part is held in memory whole by any reader; it gets its own, lower bound. */
  maxSharedStringsBytes: number;
  maxZipEntries: number;
  /** Wall-clock time for reading a file once. */
  maxMillis: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 256,
  maxCellChars: 2_000,
  maxUnzippedBytes: 256 * 1024 * 1024,
  maxUnzippedEntryBytes: 192 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxZipEntries: 2_000,
  maxMillis: 120_000,
};

/** A file that cannot be read as an import: `code` says which bound or format, `message` what to do. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}


export const refuse = {
  fileTooLarge: (l: ImportLimits, size: number) => new ImportFileError('FILE_TOO_LARGE', `The file is ${formatBytes(size)}; files up to ${formatBytes(l.maxFileBytes)} can be imported. Split it by month.`),
  tooManyRows: (l: ImportLimits) => new ImportFileError('TOO_MANY_ROWS', `The file has more than ${l.maxRows.toLocaleString('en-IN')} rows; split it into smaller files.`),
  tooManyColumns: (l: ImportLimits, row: number) => new ImportFileError('TOO_MANY_COLUMNS', `Row ${row} has more than ${l.maxColumns} columns; keep only the columns of the register.`),
  cellTooLong: (l: ImportLimits, row: number) => new ImportFileError('CELL_TOO_LONG', `A cell on row ${row} is longer than ${l.maxCellChars.toLocaleString('en-IN')} characters; no invoice field is that long.`),
  zipBomb: (l: ImportLimits, what: string) => new ImportFileError('ZIP_BOMB', `The .xlsx expands to more than ${what} when unpacked (limit ${formatBytes(l.maxUnzippedBytes)}); it is not an ordinary spreadsheet and was not read.`),
  tooManyParts: (l: ImportLimits) => new ImportFileError('ZIP_BOMB', `The .xlsx has more than ${l.maxZipEntries} parts; it is not an ordinary spreadsheet and was not read.`),
  tooSlow: (l: ImportLimits) => new ImportFileError('TOO_SLOW', `Reading the file took longer than ${Math.round(l.maxMillis / 1000)} s and was stopped; split it into smaller files.`),
};

/** A clock check for loops over untrusted data. */
export function deadline(limits: ImportLimits): () => void {
  const end = Date.now() + limits.maxMillis;
  return () => {
    if (Date.now() > end) throw refuse.tooSlow(limits);
  };
}
