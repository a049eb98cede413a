/**
 * AATO (aggregate annual turnover) as bands instead of a free number: people know their band, and
 * the rules only compare against thresholds (shared/einvoice/rules: 6-digit HSN at ≥ ₹5 Cr from
 * 15/12/2023; the 30-day reporting limit at ≥ ₹100 Cr from 01/11/2023 and ≥ ₹10 Cr from
 * 01/04/2025; irp-protocol.md §6.3, §6.7, §6.8, §11). A band is stored as its lower bound, which
 * sits on the same side of every threshold as any turnover inside the band.
 */
import { formatDocDate } from '../../../shared/dates';
import { SIX_DIGIT_HSN_FROM } from '../../../shared/einvoice/rules/items';
import { THIRTY_DAY_LIMITS } from '../../../shared/einvoice/rules/document';

export interface AatoBand {
  /** The select's value. */
  id: string;
  label: string;
  /** What is stored as aatoCrore. */
  crore: number;
  /** Upper bound (exclusive), Infinity for the top band. */
  below: number;
}

export const AATO_BANDS: readonly AatoBand[] = [
  { id: 'lt5', label: 'below ₹5 crore', crore: 0, below: 5 },
  { id: '5-10', label: '₹5–10 crore', crore: 5, below: 10 },
  { id: '10-20', label: '₹10–20 crore', crore: 10, below: 20 },
  { id: '20-50', label: '₹20–50 crore', crore: 20, below: 50 },
  { id: '50-100', label: '₹50–100 crore', crore: 50, below: 100 },
  { id: '100-500', label: '₹100–500 crore', crore: 100, below: 500 },
  { id: 'ge500', label: '₹500 crore or more', crore: 500, below: Number.POSITIVE_INFINITY },
];

/** The band a stored turnover falls in ('' when none was given). */
export function bandOf(aatoCrore: number | undefined): string {
  if (aatoCrore === undefined) return '';
  return AATO_BANDS.find((b) => aatoCrore < b.below)?.id ?? 'ge500';
}

/**
 * The number to store for a band: the stored turnover itself when it already lies in that band
 * (a figure typed elsewhere, e.g. through the CLI, is not rounded away by an unrelated edit).
 */
export function croreFor(bandId: string, stored: number | undefined): number | undefined {
  const band = AATO_BANDS.find((b) => b.id === bandId);
  if (!band) return undefined;
  return stored !== undefined && bandOf(stored) === band.id ? stored : band.crore;
}

/** One sentence: what the rules do for a seller in this band, as of `today` (YYYY-MM-DD). */
export function bandImplication(bandId: string, today: string): string {
  const band = AATO_BANDS.find((b) => b.id === bandId);
  if (!band) return 'Not stated: the editor holds back 4-digit HSN codes and invoices older than 30 days until you choose a band (the IRP decides both by it).';
  const parts: string[] = [];
  if (band.crore < 5) {
    parts.push('E-invoicing is not mandatory below ₹5 crore (you may still register voluntarily); 4-digit HSN codes are accepted');
  } else {
    parts.push(today >= SIX_DIGIT_HSN_FROM ? '6-digit HSN codes are required' : `6-digit HSN codes are required from ${formatDocDate(SIX_DIGIT_HSN_FROM)}`);
    const limit = THIRTY_DAY_LIMITS.filter((l) => band.crore >= l.minAatoCrore).sort((a, b) => a.fromDate.localeCompare(b.fromDate))[0];
    if (!limit) parts.push('no 30-day reporting limit');
    else if (today >= limit.fromDate) parts.push(`invoices must be registered within 30 days of their date (since ${formatDocDate(limit.fromDate)})`);
    else parts.push(`invoices must be registered within 30 days of their date from ${formatDocDate(limit.fromDate)}`);
    if (band.crore >= 500) parts.push('B2C invoices also need a dynamic (UPI) payment QR, which is not part of the IRN');
  }
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
