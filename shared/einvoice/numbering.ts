/**
 * Document numbering series: a prefix, a zero-padded running number and a suffix, per business and
 * document type, counted per Indian financial year (the IRP's duplicate check is per seller GSTIN,
 * FY, type and number, irp-protocol.md §6.4, so a number may come back each April: the count
 * restarts on 1 April). `{FY}` in the prefix or suffix is the year as 26-27, `{FYYY}` as 2026-27.
 * The IRP takes at most 16 characters: letters, digits, "/" and "-", not starting with 0, / or -
 * (INV-01 DocDtls.No); a series that cannot produce such numbers is refused before it is saved.
 */
import { financialYear, type IsoDate } from '../dates';

export interface NumberSeries {
  prefix: string;
  /** Width of the running number, zero-padded (1-10). */
  digits: number;
  suffix: string;
}

/** INV-01 DocDtls.No. */
export const DOC_NO_PATTERN = /^[a-zA-Z1-9][a-zA-Z0-9/-]{0,15}$/;
export const DOC_NO_MAX = 16;

/** "2026-27" → "26-27". */
function shortFy(fy: string): string {
  return `${fy.slice(2, 4)}-${fy.slice(5, 7)}`;
}

/** The prefix or suffix with its year placeholders filled for the FY of `docDate`. */
export function expandAffix(text: string, docDate: IsoDate): string {
  const fy = financialYear(docDate);
  return text.replaceAll('{FYYY}', fy).replaceAll('{FY}', shortFy(fy));
}

export function formatSeriesNumber(series: NumberSeries, n: number, docDate: IsoDate): string {
  return `${expandAffix(series.prefix, docDate)}${String(n).padStart(series.digits, '0')}${expandAffix(series.suffix, docDate)}`;
}

/** The running number of `docNo` when it belongs to the series in the FY of `docDate` (case-insensitive, as the IRP compares). */
export function seriesCounterOf(series: NumberSeries, docNo: string, docDate: IsoDate): number | undefined {
  const prefix = expandAffix(series.prefix, docDate).toUpperCase();
  const suffix = expandAffix(series.suffix, docDate).toUpperCase();
  const no = docNo.toUpperCase();
  if (!no.startsWith(prefix) || !no.endsWith(suffix) || no.length <= prefix.length + suffix.length) return undefined;
  const middle = no.slice(prefix.length, no.length - suffix.length);
  if (!/^\d+$/.test(middle)) return undefined;
  return Number(middle);
}

/** Why a number would be refused by the IRP (length, characters, first character), or undefined. */
export function docNoProblem(docNo: string): string | undefined {
  if (docNo === '') return 'The document number is required';
  if (docNo.length > DOC_NO_MAX) return `${docNo} has ${docNo.length} characters: the IRP takes at most ${DOC_NO_MAX}`;
  const bad = [...new Set(docNo.replace(/[a-zA-Z0-9/-]/g, ''))];
  if (bad.length) return `${docNo} contains ${bad.map((c) => (c === ' ' ? 'a space' : `"${c}"`)).join(', ')}: the IRP takes only letters, digits, / and -`;
  if (!DOC_NO_PATTERN.test(docNo)) return `${docNo} starts with "${docNo.charAt(0)}": the IRP wants a letter or a digit 1-9 first`;
  return undefined;
}

/**
 * What is wrong with a series, checked on the widest number it will make this FY and the next
 * (a {FYYY} year grows the text): undefined when every number fits the IRP's rules.
 */
export function seriesProblem(series: NumberSeries, today: IsoDate): string | undefined {
  if (!Number.isInteger(series.digits) || series.digits < 1 || series.digits > 10) return 'The running number needs 1 to 10 digits';
  const unknown = /\{(?!FY\}|FYYY\})[^}]*\}/.exec(series.prefix + series.suffix);
  if (unknown) return `${unknown[0]} is not a placeholder: use {FY} (26-27) or {FYYY} (2026-27)`;
  const widest = formatSeriesNumber(series, 10 ** series.digits - 1, today);
  const first = formatSeriesNumber(series, 1, today);
  return docNoProblem(first) ?? docNoProblem(widest);
}

/**
 * The next number when no series is set: the last number used this FY with its trailing digits
 * counted on, keeping their width ("ST/26-27/0041" → "ST/26-27/0042"); undefined when it has none.
 */
export function followOn(lastDocNo: string): string | undefined {
  const m = /^(.*?)(\d+)([^0-9]*)$/.exec(lastDocNo);
  if (!m) return undefined;
  const [, head = '', digits = '', tail = ''] = m;
  const next = String(Number(digits) + 1).padStart(digits.length, '0');
  const docNo = `${head}${next}${tail}`;
  return docNoProblem(docNo) ? undefined : docNo;
}
