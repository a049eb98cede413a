/** Text a person typed → integer paise / thousandths, without floating-point arithmetic; IST display. */
import { formatDocDate, formatIstDateTime } from '../../shared/dates';

/** "1,234.5" with scale 2 → 123450; undefined when not a plain non-negative decimal or too precise. */
export function parseScaled(text: string, scale: number): number | undefined {
  const t = text.replace(/[,\s₹]/g, '');
  if (t === '') return 0;
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > scale) return undefined;
  const value = Number((m[1] || '0') + frac.padEnd(scale, '0'));
  return Number.isSafeInteger(value) ? value : undefined;
}

export const parsePaise = (text: string) => parseScaled(text, 2);
export const parseMilli = (text: string) => parseScaled(text, 3);

/** A rate in percent, e.g. "18" or "0.25"; undefined when not a number. */
export function parseRate(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return 0;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

export function scaledToText(value: number, scale: number): string {
  const s = String(Math.abs(value)).padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** An ISO instant as "dd/mm/yyyy hh:mm" in IST (shown as is when it is not one). */
export function istDisplay(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : irpDateTime(formatIstDateTime(new Date(t))).slice(0, 16);
}

/** A time of day in IST, "hh:mm:ss" (when a retry is due: absolute, so it never goes stale). */
export function istTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : formatIstDateTime(new Date(t)).slice(11);
}

/**
 * A date-time as the IRP writes it ("2026-11-21 17:29:34", IST; e-way bills may add " PM" or use
 * dd/mm/yyyy already) shown the Indian way, "21/11/2026 17:29:34". Anything else is shown as is.
 */
export function irpDateTime(text: string | undefined): string {
  if (!text) return '';
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](.*))?$/.exec(text.trim());
  return m?.[1] ? `${formatDocDate(m[1])}${m[2] ? ` ${m[2]}` : ''}` : text;
}

/** Milliseconds as "23 h 05 min" (or "closed"). */
export function countdown(ms: number): string {
  if (ms <= 0) return 'closed';
  const totalMin = Math.floor(ms / 60_000);
  const h = Math.floor(totalMin / 60);
  const min = totalMin % 60;
  return h > 0 ? `${h} h ${String(min).padStart(2, '0')} min` : `${min} min`;
}
