/**
 * Dates in IST (Asia/Kolkata, UTC+05:30, no daylight saving). The IRP speaks IST wall-clock:
 * dd/mm/yyyy for documents and yyyy-MM-dd HH:mm:ss for acknowledgements (architecture.md §4.5).
 * Calendar dates are carried as ISO strings "YYYY-MM-DD"; instants as Date or ISO UTC strings.
 * Nothing here reads the clock: callers pass "now".
 */

export type IsoDate = string;

const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;
const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The IST calendar date of an instant. */
export function istDateOf(instant: Date): IsoDate {
  const shifted = new Date(instant.getTime() + IST_OFFSET_MS);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** An instant as IST "yyyy-MM-dd HH:mm:ss" (the IRP's AckDt format). */
export function formatIstDateTime(instant: Date): string {
  const s = new Date(instant.getTime() + IST_OFFSET_MS);
  return (
    `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())} ` +
    `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}`
  );
}

/** IST "yyyy-MM-dd HH:mm:ss" (or without seconds) to the instant; undefined when malformed. */
export function parseIstDateTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'));
  return Number.isNaN(utc) ? undefined : new Date(utc - IST_OFFSET_MS);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when y-m-d is a real calendar date. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (DAYS_IN_MONTH[m - 1] ?? 0) + (leap ? 1 : 0);
}

/** "dd/mm/yyyy" to "yyyy-mm-dd"; undefined when not a real date in that format. */
export function parseDocDate(text: string): IsoDate | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!m) return undefined;
  const [, d, mo, y] = m;
  if (!isCalendarDate(Number(y), Number(mo), Number(d))) return undefined;
  return `${y}-${mo}-${d}`;
}

/** "yyyy-mm-dd" to "dd/mm/yyyy". */
export function formatDocDate(iso: IsoDate): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "yyyy-mm-dd" when it is a real date, else undefined. */
export function parseIsoDate(text: string): IsoDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? text : undefined;
}

function dayNumber(iso: IsoDate): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

/** Whole calendar days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const t = new Date((dayNumber(iso) + days) * DAY_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Indian financial year (April-March) of a date, written "YYYY-YY": 2022-09-16 → "2022-23". */
export function financialYear(iso: IsoDate): string {
  const [y, m] = iso.split('-').map(Number);
  const start = (m ?? 1) >= 4 ? (y ?? 0) : (y ?? 0) - 1;
  return `${start}-${pad((start + 1) % 100)}`;
}

/** An instant shown the Indian way, "dd/mm/yyyy hh:mm AM" in IST. */
export function formatIstForDisplay(instant: Date): string {
  const s = new Date(instant.getTime() + IST_OFFSET_MS);
  const h = s.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${pad(s.getUTCDate())}/${pad(s.getUTCMonth() + 1)}/${s.getUTCFullYear()} ${pad(h12)}:${pad(s.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}
