/**
 * Money is integer paise everywhere; quantities are integer thousandths (architecture.md §4.4).
 * This module converts at the edges and formats the Indian way (lakh/crore grouping, words).
 */

/** Rupees as a JSON number (at most 2 decimals) to integer paise. */
export function toPaise(rupees: number): number {
  return Math.round(rupees * 100);
}

/** Integer paise to rupees as a JSON number. Exact for any |paise| < 2^53. */
export function fromPaise(paise: number): number {
  return paise / 100;
}

/** A decimal quantity (at most 3 decimals) to integer thousandths. */
export function toMilli(quantity: number): number {
  return Math.round(quantity * 1000);
}

export function fromMilli(milli: number): number {
  return milli / 1000;
}

/**
 * numerator / denominator rounded half away from zero, in exact integer arithmetic.
 * Uses BigInt only when the numerator is beyond double precision.
 */
export function divRound(numerator: number | bigint, denominator: number): number {
  if (typeof numerator === 'number' && Math.abs(numerator) <= Number.MAX_SAFE_INTEGER) {
    const q = Math.trunc(numerator / denominator);
    const r = numerator - q * denominator;
    if (Math.abs(r) * 2 >= Math.abs(denominator)) return q + (Math.sign(numerator) * Math.sign(denominator) || 1);
    return q;
  }
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return Number(negative ? -q : q);
}

/** a × b / d rounded half away from zero, exact even when a × b is beyond double precision. */
export function mulDivRound(a: number, b: number, d: number): number {
  const product = a * b;
  if (Math.abs(product) <= Number.MAX_SAFE_INTEGER) return divRound(product, d);
  return divRound(BigInt(a) * BigInt(b), d);
}

/** Groups the digits of a non-negative integer string the Indian way: 1,23,45,678. */
export function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  const rest = digits.slice(0, -3);
  return `${rest.replace(/\B(?=(\d{2})+(?!\d))/g, ',')},${last3}`;
}

export interface FormatOptions {
  /** Prefix with the rupee sign (default true). */
  symbol?: boolean;
  /** Always show two decimals (default true). */
  decimals?: boolean;
}

/** Integer paise as "₹1,18,000.50" (negative amounts as "-₹12.00"). */
export function formatInr(paise: number, options: FormatOptions = {}): string {
  const { symbol = true, decimals = true } = options;
  const negative = paise < 0;
  const abs = Math.abs(Math.round(paise));
  const rupees = Math.floor(abs / 100);
  const rest = abs % 100;
  const body = groupIndian(String(rupees)) + (decimals || rest !== 0 ? `.${String(rest).padStart(2, '0')}` : '');
  return `${negative ? '-' : ''}${symbol ? '₹' : ''}${body}`;
}

/** A quantity in thousandths as "1,000.5" (trailing zeros dropped, Indian grouping). */
export function formatQuantity(milli: number): string {
  const negative = milli < 0;
  const abs = Math.abs(Math.round(milli));
  const whole = Math.floor(abs / 1000);
  const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${groupIndian(String(whole))}${frac ? `.${frac}` : ''}`;
}

const ONES = [
  '', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve',
  'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen',
];
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

function belowHundred(n: number): string {
  if (n < 20) return ONES[n] ?? '';
  const tens = TENS[Math.floor(n / 10)] ?? '';
  const ones = n % 10;
  return ones === 0 ? tens : `${tens} ${ONES[ones] ?? ''}`;
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds] ?? ''} Hundred`);
  if (rest > 0) parts.push(belowHundred(rest));
  return parts.join(' ');
}

/** A whole number in words, Indian system: 1,18,000 → "One Lakh Eighteen Thousand". */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`numberInWords needs a non-negative integer, got ${n}`);
  if (n === 0) return 'Zero';
  const parts: string[] = [];
  const crore = Math.floor(n / 10_000_000);
  let rest = n % 10_000_000;
  if (crore > 0) parts.push(`${numberInWords(crore)} Crore`);
  const lakh = Math.floor(rest / 100_000);
  rest %= 100_000;
  if (lakh > 0) parts.push(`${belowHundred(lakh)} Lakh`);
  const thousand = Math.floor(rest / 1000);
  rest %= 1000;
  if (thousand > 0) parts.push(`${belowHundred(thousand)} Thousand`);
  if (rest > 0) parts.push(belowThousand(rest));
  return parts.join(' ');
}

/**
 * Amount in words as printed on Indian invoices:
 * 11800050 paise → "Rupees One Lakh Eighteen Thousand and Fifty Paise Only".
 */
export function amountInWords(paise: number): string {
  const negative = paise < 0;
  const abs = Math.abs(Math.round(paise));
  const rupees = Math.floor(abs / 100);
  const p = abs % 100;
  const text =
    p === 0
      ? `Rupees ${numberInWords(rupees)} Only`
      : `Rupees ${numberInWords(rupees)} and ${belowHundred(p)} Paise Only`;
  return negative ? `Minus ${text}` : text;
}
