/**
 * An import file, whatever it is: its kind is told from its first bytes (a zip is an .xlsx, a '{'
 * or '[' is INV-01 JSON, anything else is read as CSV), never from its name alone. Size is bounded
 * before anything is read.
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { Cell } from '../../../shared/import/cells';
import { ImportFileError, refuse, type ImportLimits } from './limits';
import { decodeText, readCsvRows } from './read-csv';
import { readXlsxRows } from './read-xlsx';

/** One row of a sheet: the file's row number and its cells (column 0 = A). */
export interface RawRow {
  row: number;
  cells: Cell[];
  /** Columns whose cells Excel formats as percentages. */
  percent?: number[];
}

export type FileKind = 'xlsx' | 'csv' | 'json';

export async function sniffKind(file: string, limits: ImportLimits): Promise<FileKind> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ImportFileError('NOT_FOUND', `There is no file ${file}.`);
  if (info.size > limits.maxFileBytes) throw refuse.fileTooLarge(limits, info.size);
  if (info.size === 0) throw new ImportFileError('EMPTY_FILE', 'The file is empty.');
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
      throw new ImportFileError('OLD_EXCEL', 'This is an old Excel .xls file; open it in Excel and save it as "Excel Workbook (*.xlsx)" or CSV.');
    }
    const text = decodeText(bytes).trimStart();
    if (text.startsWith('{') || text.startsWith('[')) return 'json';
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** Rows of a sheet or CSV file (JSON files have documents, not rows: see readJsonDocuments). */
export function readRows(file: string, kind: 'xlsx' | 'csv', limits: ImportLimits, sheet?: string): { sheets: string[]; rows: AsyncGenerator<RawRow> } {
  if (kind === 'xlsx') return readXlsxRows(file, limits, sheet);
  return { sheets: [], rows: readCsvRows(file, limits) };
}

/** An INV-01 document or an array of them (NIC's bulk upload JSON). */
export async function readJsonDocuments(file: string, limits: ImportLimits): Promise<unknown[]> {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(await readFile(file)));
  } catch (e) {
    throw new ImportFileError('BAD_JSON', `The file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const docs: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  if (docs.length > limits.maxRows) throw refuse.tooManyRows(limits);
  if (docs.length === 0) throw new ImportFileError('EMPTY_FILE', 'The JSON array has no documents.');
  return docs;
}
