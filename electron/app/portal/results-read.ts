/**
 * Reads a portal results file (untrusted) into rows: JSON (the "JSON for generated records", or
 * the practice portal's results.json), CSV (IRP-6's generated and error downloads) or Excel .xlsx
 * (NIC's results Excel). The format is told by the content, not the name. Bounded: at most
 * RESULTS_MAX_BYTES of file, RESULTS_MAX_ROWS rows, an .xlsx expanding to at most 40 MB; anything
 * else is a ResultsFileError with a sentence that says what to do.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { fieldOf, type Field } from './results-fields';
import { cellsRow, fillFromQr, jsonRow, type ResultRow } from './results-rows';
import { checkZipBounds, ZipBoundsError } from './zip-guard';

export const RESULTS_MAX_BYTES = 5 * 1024 * 1024;
export const RESULTS_MAX_ROWS = 20_000;
const XLSX_MAX_EXPANDED = 40_000_000;

export class ResultsFileError extends Error {
  override name = 'ResultsFileError';
}

export type ResultsFormat = 'json' | 'csv' | 'xlsx';

export interface ResultsFile {
  format: ResultsFormat;
  rows: ResultRow[];
}

function tooMany(n: number): never {
  throw new ResultsFileError(`the file has ${n.toLocaleString('en-IN')} rows; import at most ${RESULTS_MAX_ROWS.toLocaleString('en-IN')} at a time (split the file)`);
}

function jsonRows(text: string): ResultRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ResultsFileError(`it is not valid JSON (${e instanceof Error ? e.message : 'unreadable'})`);
  }
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (value && typeof value === 'object') {
    // a wrapper such as {"Generated":[...],"Errors":[...]} or {"data":[...]}: every list of objects in it
    list = Object.values(value as Record<string, unknown>).filter((v): v is unknown[] => Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')).flat();
    if (list.length === 0) throw new ResultsFileError('the JSON holds no list of results (expected an array of result objects)');
  } else throw new ResultsFileError('the JSON holds no list of results (expected an array of result objects)');
  if (list.length > RESULTS_MAX_ROWS) tooMany(list.length);
  return list.map((item, i) => jsonRow(item, `item ${i + 1}`));
}

interface Column {
  index: number;
  field: Field;
  label: string;
}

/** The header row (within the first 10) naming at least a document number and two more known columns. */
function headerOf(rows: readonly unknown[][]): { at: number; columns: Column[] } | undefined {
  for (let at = 0; at < Math.min(rows.length, 10); at += 1) {
    const columns: Column[] = [];
    const seen = new Set<Field>();
    (rows[at] ?? []).forEach((cell, index) => {
      const label = typeof cell === 'string' ? cell.trim() : '';
      const field = label ? fieldOf(label) : undefined;
      if (field && !seen.has(field)) {
        seen.add(field);
        columns.push({ index, field, label });
      }
    });
    if (seen.has('docNo') && columns.length >= 3) return { at, columns };
  }
  return undefined;
}

function identityKey(r: ResultRow): string {
  return [r.sellerGstin ?? r.filedBy ?? '', r.docType ?? '', (r.docNo ?? '').toUpperCase(), r.docDate ?? ''].join('|');
}

/** Table rows under a header; an error download lists one line per error, merged here per document. */
function tableRows(rows: readonly unknown[][], place: (rowNumber: number) => string): ResultRow[] {
  const header = headerOf(rows);
  if (!header) return [];
  const out: ResultRow[] = [];
  const errorRows = new Map<string, ResultRow>();
  for (let i = header.at + 1; i < rows.length; i += 1) {
    const cells = rows[i] ?? [];
    if (cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
    const row = cellsRow(cells, header.columns, place(i + 1));
    if (!row.irn && row.errors.length > 0 && row.docNo) {
      const key = identityKey(row);
      const first = errorRows.get(key);
      if (first) {
        first.errors.push(...row.errors);
        continue;
      }
      errorRows.set(key, row);
    }
    out.push(row);
  }
  return out;
}

function csvRows(text: string): ResultRow[] {
  // the separator most used in the first lines (a title line above the header may have none)
  const head = text.slice(0, 20_000).split('\n').slice(0, 10).join('\n');
  const delimiter = [',', '\t', ';'].map((d) => ({ d, n: head.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  let records: string[][];
  try {
    const parsed: unknown = parseCsv(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: 2_100_000, to: RESULTS_MAX_ROWS + 11 });
    records = parsed as string[][];
  } catch (e) {
    throw new ResultsFileError(`it is not a readable CSV file (${e instanceof Error ? e.message.split('\n')[0] : 'unreadable'})`);
  }
  if (records.length > RESULTS_MAX_ROWS + 10) tooMany(records.length);
  const rows = tableRows(records, (n) => `row ${n}`);
  if (rows.length === 0 && !headerOf(records)) throw new ResultsFileError('no header row with the portal\'s columns (Doc No, Doc Date, Ack No, IRN, ...) was found in the first 10 lines');
  return rows;
}

/** A cell's value as text, number or Date (rich text, formulas and hyperlinks give their text/result). */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue(v.result);
    if ('text' in v && typeof v.text === 'string') return v.text;
  }
  return undefined;
}

async function xlsxRows(bytes: Buffer): Promise<ResultRow[]> {
  try {
    checkZipBounds(bytes, { maxEntries: 500, maxTotalBytes: XLSX_MAX_EXPANDED });
  } catch (e) {
    if (e instanceof ZipBoundsError) throw new ResultsFileError(e.message);
    throw e;
  }
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new ResultsFileError(`it is not a readable Excel workbook (${e instanceof Error ? e.message.split('\n')[0] : 'unreadable'})`);
  }
  const out: ResultRow[] = [];
  let headerFound = false;
  for (const sheet of book.worksheets) {
    if (sheet.rowCount > RESULTS_MAX_ROWS + 10) tooMany(sheet.rowCount);
    const grid: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const values = Array.isArray(row.values) ? row.values.slice(1, 201) : [];
      grid[n - 1] = values.map((v) => cellValue(v));
    });
    for (let i = 0; i < grid.length; i += 1) grid[i] ??= [];
    if (headerOf(grid)) headerFound = true;
    out.push(...tableRows(grid, (n) => `sheet "${sheet.name}", row ${n}`));
    if (out.length > RESULTS_MAX_ROWS) tooMany(out.length);
  }
  if (!headerFound) throw new ResultsFileError('no sheet has a header row with the portal\'s columns (Doc No, Doc Date, Ack No, IRN, ...)');
  return out;
}

/** Reads the bytes of a results file; ResultsFileError when it cannot be read at all. */
export async function readResultsFile(bytes: Buffer): Promise<ResultsFile> {
  if (bytes.length === 0) throw new ResultsFileError('the file is empty');
  if (bytes.length > RESULTS_MAX_BYTES) throw new ResultsFileError(`the file is ${(bytes.length / 1_048_576).toFixed(1)} MB; results files up to ${RESULTS_MAX_BYTES / 1_048_576} MB are read (split the download)`);
  let format: ResultsFormat;
  let rows: ResultRow[];
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    format = 'xlsx';
    rows = await xlsxRows(bytes);
  } else if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new ResultsFileError('it is an old-style .xls workbook: open it in Excel and save it as .xlsx or CSV, then import that');
  } else {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\u0000')) throw new ResultsFileError('it is neither JSON, CSV nor an Excel .xlsx workbook');
    const first = text.trimStart().charAt(0);
    format = first === '[' || first === '{' ? 'json' : 'csv';
    rows = format === 'json' ? jsonRows(text) : csvRows(text);
  }
  for (const r of rows) fillFromQr(r);
  return { format, rows };
}
