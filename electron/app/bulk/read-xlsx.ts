/**
 * .xlsx files, streamed: exceljs's WorkbookReader hands out one row at a time, so a 10,000-line
 * register never exists as a workbook of objects in memory. An .xlsx is a zip, so before exceljs
 * sees it the zip guard inflates every part once (the same sequential reading exceljs does),
 * counting real bytes: a zip bomb is refused on what it actually expands to, not on the sizes it
 * declares.
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { Parse } from 'unzipper';
import { formatBytes } from '../../../shared/bytes';
import type { Cell } from '../../../shared/import/cells';
import { deadline, ImportFileError, refuse, type ImportLimits } from './limits';
import type { RawRow } from './read-file';

/** Inflates every part of the zip and counts the bytes; throws ZIP_BOMB past the limits. */
export async function guardZip(file: string, limits: ImportLimits): Promise<void> {
  const input = createReadStream(file);
  const zip = Parse({ forceStream: true });
  const check = deadline(limits);
  let total = 0;
  let entries = 0;
  input.pipe(zip);
  try {
    for await (const entry of zip) {
      entries += 1;
      if (entries > limits.maxZipEntries) throw refuse.tooManyParts(limits);
      let size = 0;
      const entryLimit = /sharedStrings\.xml$/i.test(entry.path) ? limits.maxSharedStringsBytes : limits.maxUnzippedEntryBytes;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (size > entryLimit) throw refuse.zipBomb(limits, `${formatBytes(size)} in one part`);
        if (total > limits.maxUnzippedBytes) throw refuse.zipBomb(limits, formatBytes(total));
        check();
      }
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError('NOT_XLSX', `The file is not a readable .xlsx workbook (${e instanceof Error ? e.message : String(e)}). Save it from Excel as "Excel Workbook (*.xlsx)".`);
  } finally {
    input.destroy();
    zip.destroy();
  }
}

type ExcelValue = ExcelJS.CellValue;

/** exceljs's value kinds → the import's plain cell: text, number, boolean, date or empty. */
function plain(value: ExcelValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plain((value as { result?: ExcelValue }).result ?? null);
  if ('hyperlink' in value) return plain(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

export interface XlsxSheetRows {
  /** Every worksheet name seen while reading (in file order). */
  sheets: string[];
  rows: AsyncGenerator<RawRow>;
}

/**
 * Rows of one sheet (by name, else the first), after the zip guard. Rows come with their Excel row
 * number; empty rows are not emitted. Bounds: rows, columns, cell length, time.
 */
export function readXlsxRows(file: string, limits: ImportLimits, sheet?: string): XlsxSheetRows {
  const sheets: string[] = [];
  async function* rows(): AsyncGenerator<RawRow> {
    await guardZip(file, limits);
    const input = createReadStream(file);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    const check = deadline(limits);
    let count = 0;
    let done = false;
    try {
      for await (const ws of reader) {
        const name = (ws as unknown as { name: string }).name;
        sheets.push(name);
        if (done || (sheet !== undefined && name !== sheet)) {
          // the rest of this sheet must still be consumed for the zip stream to move on
          for await (const _row of ws) check();
          continue;
        }
        for await (const row of ws) {
          check();
          count += 1;
          if (count > limits.maxRows + 50) throw refuse.tooManyRows(limits);
          const cells: Cell[] = [];
          const percent: number[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            if (col > limits.maxColumns) throw refuse.tooManyColumns(limits, row.number);
            const v = plain(cell.value);
            if (typeof v === 'string' && v.length > limits.maxCellChars) throw refuse.cellTooLong(limits, row.number);
            cells[col - 1] = v;
            if (typeof v === 'number' && cell.numFmt?.includes('%')) percent.push(col - 1);
          });
          for (let i = 0; i < cells.length; i += 1) cells[i] ??= null;
          yield { row: row.number, cells, ...(percent.length ? { percent } : {}) };
        }
        done = true;
      }
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError('NOT_XLSX', `The workbook could not be read (${e instanceof Error ? e.message : String(e)}). Save it from Excel as "Excel Workbook (*.xlsx)".`);
    } finally {
      input.destroy();
    }
    if (sheet !== undefined && !sheets.includes(sheet)) throw new ImportFileError('NO_SUCH_SHEET', `The workbook has no sheet named "${sheet}" (it has ${sheets.join(', ')}).`);
  }
  return { sheets, rows: rows() };
}
