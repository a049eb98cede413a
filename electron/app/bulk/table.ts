/**
 * A sheet or CSV as a table: its header row (given, or found under any title rows), the headers made
 * unique, then the data rows streamed on. Nothing here keeps more than the first rows in memory.
 */
import { cellText, type Cell } from '../../../shared/import/cells';
import type { FieldId } from '../../../shared/import/fields';
import { detectHeaderRow, uniqueHeaders, type ImportMapping } from '../../../shared/import/mapping';
import type { SourceRow } from '../../../shared/import/types';
import { ImportFileError, type ImportLimits } from './limits';
import { readRows, type RawRow } from './read-file';

/** Header detection looks at this many rows; title rows above a header are never more. */
const HEAD_ROWS = 30;

export interface TableHead {
  kind: 'xlsx' | 'csv';
  /** Worksheet names (xlsx; known once the file was read through). */
  sheets: string[];
  sheet?: string;
  headerRow: number;
  headers: string[];
}

export interface Table {
  head: TableHead;
  rows: AsyncGenerator<RawRow>;
}

export async function openTable(file: string, kind: 'xlsx' | 'csv', limits: ImportLimits, at: { sheet?: string; headerRow?: number } = {}): Promise<Table> {
  const source = readRows(file, kind, limits, at.sheet);
  const buffered: RawRow[] = [];
  for (;;) {
    if (at.headerRow !== undefined ? buffered.some((r) => r.row >= (at.headerRow ?? 0)) : buffered.length >= HEAD_ROWS) break;
    const next = await source.rows.next();
    if (next.done) break;
    buffered.push(next.value);
  }
  const headerRow = at.headerRow ?? detectHeaderRow(buffered);
  const header = buffered.find((r) => r.row === headerRow);
  if (headerRow === undefined || !header) {
    await source.rows.return(undefined);
    throw new ImportFileError('NO_HEADER', at.headerRow !== undefined ? `Row ${at.headerRow} is empty or beyond the end of the sheet; choose the row with the column headers.` : 'The sheet is empty: no row with column headers was found.');
  }
  const headers = uniqueHeaders(header.cells);
  const rest = buffered.filter((r) => r.row > headerRow);
  async function* rows(): AsyncGenerator<RawRow> {
    yield* rest;
    yield* source.rows;
  }
  return { head: { kind, sheets: source.sheets, ...(at.sheet ? { sheet: at.sheet } : {}), headerRow, headers }, rows: rows() };
}

/** A raw row reduced to the mapped fields (what shared/import works on). */
export function mapper(headers: readonly string[], mapping: ImportMapping): (r: RawRow) => SourceRow {
  const index = new Map(headers.map((h, i) => [h, i]));
  const fields = Object.entries(mapping.columns)
    .map(([field, header]) => [field as FieldId, index.get(header ?? '')] as const)
    .filter((e): e is readonly [FieldId, number] => e[1] !== undefined);
  return (r) => {
    const values: Partial<Record<FieldId, Cell>> = {};
    const percent: FieldId[] = [];
    for (const [field, i] of fields) {
      values[field] = r.cells[i] ?? null;
      if (r.percent?.includes(i)) percent.push(field);
    }
    return { row: r.row, values, ...(percent.length ? { percent } : {}) };
  };
}

/** Up to `n` distinct non-blank values per column from the first rows: the mapping step's samples. */
export class Samples {
  readonly values: string[][];
  constructor(
    width: number,
    private readonly n = 4,
  ) {
    this.values = Array.from({ length: width }, () => []);
  }

  add(r: RawRow): void {
    this.values.forEach((list, i) => {
      if (list.length >= this.n) return;
      const t = cellText(r.cells[i] ?? null);
      if (t !== '' && !list.includes(t)) list.push(t.length > 60 ? `${t.slice(0, 60)}…` : t);
    });
  }
}
