/**
 * What a spreadsheet or CSV cell holds once read (electron/app/bulk reads files; this is pure), and
 * the result type of every reader of a cell: a value, or a sentence saying what to fix.
 */
export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** A cell as text for messages and text fields: numbers without float noise, dates dd/mm/yyyy. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(15)));
  if (typeof cell === 'boolean') return cell ? 'Yes' : 'No';
  const d = String(cell.getUTCDate()).padStart(2, '0');
  const m = String(cell.getUTCMonth() + 1).padStart(2, '0');
  return `${d}/${m}/${cell.getUTCFullYear()}`;
}

export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** Quoted for messages, cut short so a long cell does not flood the preview. */
export function shown(cell: Cell): string {
  const t = cellText(cell);
  return `"${t.length > 40 ? `${t.slice(0, 40)}…` : t}"`;
}
