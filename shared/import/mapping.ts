/**
 * The mapping step: which column feeds which field. Columns are matched by header (`headerKey`
 * against each field's synonyms); whatever is left the user maps by hand. A mapping names columns by
 * their header text, so it fits every file of the same layout, and is saved under that layout's key.
 */
import type { DocType, SupplyType } from '../einvoice/schema';
import { cellText, type Cell } from './cells';
import { FIELDS, FIELD_IDS, headerKey, type FieldId } from './fields';

export interface ImportMapping {
  /** Field → the header of the column that feeds it (exact text, as `uniqueHeaders` made it). */
  columns: Partial<Record<FieldId, string>>;
  /** Used for every document when no column gives the value. */
  defaults?: { docType?: DocType; supplyType?: SupplyType };
  /** Sheet of a workbook (default: the first) and 1-based header row (default: detected). */
  sheet?: string;
  headerRow?: number;
}

/**
 * Headers as the file has them, made unique ("Amount", "Amount (2)") and never empty ("Column F"),
 * so that a header names exactly one column.
 */
export function uniqueHeaders(cells: readonly Cell[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const text = cellText(c).replace(/\s+/g, ' ') || `Column ${columnLetter(i)}`;
    const n = (seen.get(text.toLowerCase()) ?? 0) + 1;
    seen.set(text.toLowerCase(), n);
    return n === 1 ? text : `${text} (${n})`;
  });
}

/** 0 → A, 25 → Z, 26 → AA: how spreadsheets name columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Synonym key → [field, rank] candidates, best rank first. */
const CANDIDATES: ReadonlyMap<string, ReadonlyArray<{ field: FieldId; rank: number }>> = (() => {
  const m = new Map<string, Array<{ field: FieldId; rank: number }>>();
  for (const field of FIELD_IDS) {
    FIELDS[field].synonyms.forEach((s, rank) => {
      const k = headerKey(s);
      const list = m.get(k) ?? [];
      list.push({ field, rank });
      m.set(k, list);
    });
  }
  for (const list of m.values()) list.sort((a, b) => a.rank - b.rank);
  return m;
})();

/** How many cells of a row look like headers we know: the header row is the best-scoring row. */
export function headerScore(cells: readonly Cell[]): number {
  let score = 0;
  for (const c of cells) if (typeof c === 'string' && CANDIDATES.has(headerKey(c))) score += 1;
  return score;
}

/**
 * The header row among the first rows of a sheet: the one naming the most known fields (title rows
 * of a Tally export, the summary rows of a template come before it). Ties go to the earlier row;
 * when nothing scores 2, the first non-empty row.
 */
export function detectHeaderRow(rows: ReadonlyArray<{ row: number; cells: readonly Cell[] }>): number | undefined {
  let best: { row: number; score: number } | undefined;
  for (const r of rows) {
    const score = headerScore(r.cells);
    if (score >= 2 && (!best || score > best.score)) best = { row: r.row, score };
  }
  return best?.row ?? rows.find((r) => r.cells.some((c) => cellText(c) !== ''))?.row;
}

/**
 * Matches headers to fields: exact synonym keys, the better-ranked synonym first; a column whose
 * best field is taken falls back to its next candidate ("State" becomes the buyer's state when a
 * "Place of Supply" column exists).
 */
export function autoMap(headers: readonly string[]): ImportMapping {
  const claims: Array<{ header: string; field: FieldId; rank: number; order: number }> = [];
  headers.forEach((header, order) => {
    for (const c of CANDIDATES.get(headerKey(header)) ?? []) claims.push({ header, field: c.field, rank: c.rank, order });
  });
  claims.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const columns: Partial<Record<FieldId, string>> = {};
  const used = new Set<string>();
  for (const c of claims) {
    if (columns[c.field] !== undefined || used.has(c.header)) continue;
    columns[c.field] = c.header;
    used.add(c.header);
  }
  return { columns };
}

/** The key a saved mapping is found by: the file's headers, normalised, in order. */
export function layoutKey(headers: readonly string[]): string {
  return headers.map(headerKey).join('|');
}

/** Required fields the mapping leaves without a column (an amount column is needed too). */
export function missingRequired(mapping: ImportMapping): string[] {
  const missing: string[] = FIELD_IDS.filter((f) => 'required' in FIELDS[f] && mapping.columns[f] === undefined).map((f) => FIELDS[f].label);
  const c = mapping.columns;
  if (c.taxableValue === undefined && c.unitPrice === undefined && c.grossAmount === undefined) missing.push('Taxable value, unit price or gross amount');
  return missing;
}

/** Keeps only fields and headers that exist: a saved or hand-written mapping meets a new file. */
export function fitMapping(mapping: ImportMapping, headers: readonly string[]): { mapping: ImportMapping; unknownHeaders: string[] } {
  const present = new Set(headers);
  const columns: Partial<Record<FieldId, string>> = {};
  const unknownHeaders: string[] = [];
  for (const [field, header] of Object.entries(mapping.columns)) {
    if (!(field in FIELDS) || typeof header !== 'string') continue;
    if (present.has(header)) columns[field as FieldId] = header;
    else unknownHeaders.push(header);
  }
  return { mapping: { ...mapping, columns }, unknownHeaders };
}
