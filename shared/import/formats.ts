/**
 * Indian number and date formats read as people write them in sales registers: "1,23,456.78",
 * "₹ 1,23,456", "Rs. 12,500/-", dd/mm/yyyy, dd-mm-yyyy, dd-Mon-yyyy, dd.mm.yy and real Excel dates.
 * Money comes out as integer paise, quantities as integer thousandths (architecture.md §4.4).
 * Anything ambiguous is refused with a sentence saying what to fix, never guessed.
 */
import { isCalendarDate, type IsoDate } from '../dates';
import type { DocType, SupplyType } from '../einvoice/schema';
import { bad, cellText, ok, shown, type Cell, type Parsed } from './cells';

/** Digits with Indian (1,23,45,678) or international (12,345,678) grouping, or none. */
const GROUPED = /^(\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})*,\d{3}|\d+)$/;
const CURRENCY = /^(₹|rs\.?|inr)\s*/i;

interface Decimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

/** A written number: currency marks, grouping commas, "/-", signs and (brackets) understood. */
function readDecimal(text: string): Decimal | string {
  let t = text.trim().replace(/\u00a0/g, ' ');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  t = t.replace(CURRENCY, '').replace(/\/-$/, '').trim();
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  if (t.endsWith('-')) {
    negative = !negative;
    t = t.slice(0, -1).trim();
  }
  const m = /^([\d,]*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return 'is not a number';
  const whole = m[1] === '' ? '0' : (m[1] ?? '0');
  if (!GROUPED.test(whole)) return 'has its digits grouped oddly (write 1,23,456.78 or 123456.78)';
  return { negative, whole: whole.replace(/,/g, ''), fraction: m[2] ?? '' };
}

function scaled(cell: Cell, places: number, what: string): Parsed<number> {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return bad(`${what} ${shown(cell)} is not a number`);
    // Excel stores 0.1 + 0.2 style noise; a cell shown with 2 decimals is rounded to them.
    return ok(Math.round(cell * 10 ** places));
  }
  if (typeof cell !== 'string') return bad(`${what} ${shown(cell)} is not a number`);
  const d = readDecimal(cell);
  if (typeof d === 'string') return bad(`${what} ${shown(cell)} ${d}`);
  if (d.fraction.length > places) return bad(`${what} ${shown(cell)} has more than ${places} decimals`);
  const value = Number(d.whole) * 10 ** places + Number(d.fraction.padEnd(places, '0') || '0');
  if (!Number.isSafeInteger(value)) return bad(`${what} ${shown(cell)} is too large`);
  return ok(d.negative ? -value : value);
}

/** An amount in rupees (written or a number) as integer paise; may be negative. */
export function parseAmount(cell: Cell, what = 'Amount'): Parsed<number> {
  return scaled(cell, 2, what);
}

/** A quantity (up to 3 decimals) as integer thousandths. */
export function parseQuantity(cell: Cell, what = 'Quantity'): Parsed<number> {
  const r = scaled(cell, 3, what);
  if (r.ok && r.value < 0) return bad(`${what} ${shown(cell)} is negative`);
  return r;
}

/**
 * A tax rate in percent: 18, "18%", "18.00 %". A cell Excel formats as a percentage holds 0.18;
 * the reader passes `percentCell` for those, which are scaled by 100.
 */
export function parseRate(cell: Cell, what = 'Rate', percentCell = false): Parsed<number> {
  if (typeof cell === 'number') {
    const v = percentCell ? cell * 100 : cell;
    if (!Number.isFinite(v) || v < 0 || v > 999.999) return bad(`${what} ${shown(cell)} is not a percentage`);
    return ok(Math.round(v * 1000) / 1000);
  }
  const text = cellText(cell).replace(/\s*%$/, '');
  const m = /^(\d{1,3})(?:\.(\d{1,3}))?$/.exec(text);
  if (!m) return bad(`${what} ${shown(cell)} is not a percentage (write 18 or 18%)`);
  return ok(Number(text));
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number, cell: Cell): Parsed<IsoDate> {
  if (m > 12 && d <= 12) return bad(`Date ${shown(cell)} has month ${m}: dates are read day first (dd/mm/yyyy)`);
  if (!isCalendarDate(y, m, d)) return bad(`Date ${shown(cell)} is not a real calendar date`);
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

/** A two-digit year is this century's: invoices are never from the 1900s. */
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** Excel's day count (1900 system, with its phantom 29-Feb-1900) to a calendar date. */
export function excelSerialToIso(serial: number): IsoDate | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return undefined;
  const t = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * dd/mm/yyyy, dd-mm-yyyy, dd.mm.yy, d-Mon-yyyy ("1-Apr-2025", "01 April 25"), yyyy-mm-dd, an
 * Excel date cell (a Date at UTC midnight) or an Excel serial number (a date column Excel did not
 * format). Day always comes first: 04/05/2025 is the 4th of May.
 */
export function parseDate(cell: Cell, what = 'Date'): Parsed<IsoDate> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad(`${what} is not a date`);
    return ok(`${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`);
  }
  if (typeof cell === 'number') {
    const iso = cell >= 20000 && cell <= 80000 ? excelSerialToIso(cell) : undefined;
    return iso ? ok(iso) : bad(`${what} ${shown(cell)} is not a date (write dd/mm/yyyy)`);
  }
  const text = cellText(cell).replace(/\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]m)?$/i, '');
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (m) return isoOf(fullYear(m[3] ?? ''), Number(m[2]), Number(m[1]), cell);
  m = /^(\d{1,2})[\s/.-]*([A-Za-z]{3,9})[\s/.,-]*(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    if (!month) return bad(`${what} ${shown(cell)} has an unknown month name`);
    return isoOf(fullYear(m[3] ?? ''), month, Number(m[1]), cell);
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(T.*)?$/.exec(text);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]), cell);
  if (/^\d{5}$/.test(text)) return parseDate(Number(text), what);
  return bad(`${what} ${shown(cell)} is not a date (write dd/mm/yyyy, dd-mm-yyyy, dd-Mon-yyyy or dd.mm.yy)`);
}

export function parseYesNo(cell: Cell, what = 'Value'): Parsed<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  const t = cellText(cell).toLowerCase();
  if (['y', 'yes', 'true', '1'].includes(t)) return ok(true);
  if (['n', 'no', 'false', '0'].includes(t)) return ok(false);
  return bad(`${what} ${shown(cell)} is not Yes or No`);
}

const words = (cell: Cell) => cellText(cell).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const DOC_TYPES: ReadonlyArray<[DocType, readonly string[]]> = [
  ['INV', ['inv', 'invoice', 'tax invoice', 'sales', 'sale', 'sales invoice', 'bill', 'regular', 'b2b invoice']],
  ['CRN', ['crn', 'credit note', 'credit', 'cr note', 'c', 'cn', 'sales return', 'credit note sales return']],
  ['DBN', ['dbn', 'debit note', 'debit', 'dr note', 'd', 'dn']],
];

export function parseDocType(cell: Cell): Parsed<DocType> {
  const w = words(cell);
  for (const [type, names] of DOC_TYPES) if (names.includes(w)) return ok(type);
  return bad(`Document type ${shown(cell)} is not known (write Tax Invoice, Credit Note or Debit Note, or INV, CRN, DBN)`);
}

const SUPPLY_TYPES: ReadonlyArray<[SupplyType, readonly string[]]> = [
  ['B2B', ['b2b', 'regular', 'regular b2b', 'business to business', 'domestic']],
  ['SEZWP', ['sezwp', 'sez with payment', 'sez supplies with payment', 'sez with payment of tax', 'sezpay']],
  ['SEZWOP', ['sezwop', 'sez without payment', 'sez supplies without payment', 'sez without payment of tax']],
  ['EXPWP', ['expwp', 'export with payment', 'exports with payment', 'export with payment of tax', 'wpay']],
  ['EXPWOP', ['expwop', 'export without payment', 'exports without payment', 'export without payment of tax', 'wopay', 'export under lut', 'lut']],
  ['DEXP', ['dexp', 'deemed export', 'deemed exports', 'deemed exp']],
];

export function parseSupplyType(cell: Cell): Parsed<SupplyType> {
  const w = words(cell);
  for (const [type, names] of SUPPLY_TYPES) if (names.includes(w)) return ok(type);
  return bad(`Supply type ${shown(cell)} is not known (B2B, SEZWP, SEZWOP, EXPWP, EXPWOP or DEXP)`);
}

/**
 * An HSN/SAC code. A code typed into a number cell loses its leading zero (0401 becomes 401), so a
 * 3, 5 or 7 digit number is given it back: chapters 01-09 are the only codes that start with 0.
 */
export function parseHsn(cell: Cell): Parsed<string> {
  let t = cellText(cell).replace(/[\s.]/g, '');
  if (typeof cell === 'number' && [3, 5, 7].includes(t.length)) t = `0${t}`;
  if (!/^[0-9]{4}$|^[0-9]{6}$|^[0-9]{8}$/.test(t)) return bad(`HSN/SAC ${shown(cell)} must be 4, 6 or 8 digits`);
  return ok(t);
}

/** A GSTIN as typed: spaces dropped, capitals; "URP" for an unregistered buyer. */
export function parseGstin(cell: Cell): Parsed<string> {
  const t = cellText(cell).replace(/\s+/g, '').toUpperCase();
  if (t === 'URP' || /^[0-9]{2}[0-9A-Z]{13}$/.test(t)) return ok(t);
  return bad(`GSTIN ${shown(cell)} must be 15 characters: 2 digits then 13 capital letters or digits (or URP)`);
}

export function parsePin(cell: Cell): Parsed<number> {
  const t = cellText(cell).replace(/\s+/g, '');
  if (!/^[1-9][0-9]{5}$/.test(t)) return bad(`PIN code ${shown(cell)} must be 6 digits`);
  return ok(Number(t));
}

/** A document number as text, as typed (the IRP's own pattern check reports what it refuses). */
export function parseDocNo(cell: Cell): Parsed<string> {
  const t = cellText(cell);
  if (t === '') return bad('Document number is empty');
  return ok(t);
}
