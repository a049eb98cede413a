/**
 * Dates as people type them: d/m/yyyy, dd-mm-yyyy, dd.mm.yy, ddmmyyyy, and ISO yyyy-mm-dd. The
 * day always comes first (the Indian order). An impossible date (31/02) is refused with a message
 * saying why, never moved to a nearby real date. Pure: no clock is read (two-digit years are 20yy).
 */
import { isCalendarDate, type IsoDate } from './dates';

export type DateReading = { ok: true; iso: IsoDate } | { ok: false; empty: boolean; message: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EXAMPLE = 'type the date as dd/mm/yyyy, e.g. 05/04/2026 (4/12/2026, 04-12-2026 and 04.12.26 work too)';

function daysIn(month: number, year: number): number {
  for (let d = 31; d >= 28; d -= 1) if (isCalendarDate(year, month, d)) return d;
  return 0;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Reads a typed date; `ok: false, empty: true` for blank text. */
export function readDate(text: string): DateReading {
  const t = text.trim();
  if (t === '') return { ok: false, empty: true, message: 'No date given' };
  let d: number, m: number, y: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})$/.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[3]?.length === 2) y += 2000;
  } else if ((match = /^(\d{2})(\d{2})(\d{4}|\d{2})$/.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[3]?.length === 2) y += 2000;
  } else {
    return { ok: false, empty: false, message: `"${t.slice(0, 20)}" is not a date: ${EXAMPLE}` };
  }
  if (m < 1 || m > 12) return { ok: false, empty: false, message: `There is no month ${m}: ${EXAMPLE}` };
  if (y < 1900 || y > 2999) return { ok: false, empty: false, message: `The year ${y} is out of range: ${EXAMPLE}` };
  if (!isCalendarDate(y, m, d)) {
    const month = MONTHS[m - 1] ?? '';
    return { ok: false, empty: false, message: d < 1 ? `There is no day ${d}` : `There is no ${d} ${month} ${y}: ${month} ${y} has ${daysIn(m, y)} days` };
  }
  return { ok: true, iso: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** The text a field shows after it is left: the date as dd/mm/yyyy, or the text unchanged when it is not a date. */
export function normaliseDateText(text: string): string {
  const r = readDate(text);
  return r.ok ? `${r.iso.slice(8, 10)}/${r.iso.slice(5, 7)}/${r.iso.slice(0, 4)}` : text;
}
