/**
 * GSTIN structure and check digit.
 * Facts from ../shared/docs/irp-protocol.md §6.5 (patterns per registration type from
 * india-compliance constants; the mod-36 check-digit algorithm).
 */

/** The loose pattern of the INV-01 schema: two digits then 13 upper-case alphanumerics. */
export const GSTIN_SCHEMA_PATTERN = /^[0-9]{2}[0-9A-Z]{13}$/;

const PATTERNS = {
  normal: /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][Z1-9ABD-J][0-9A-Z]$/,
  government: /^[0-9]{2}[A-Z]{4}[0-9]{5}[A-Z][0-9]Z[0-9]$/,
  tds: /^[0-9]{2}[A-Z]{4}[A-Z0-9][0-9]{4}[A-Z][0-9]D[0-9A-Z]$/,
  tcs: /^[0-9]{2}[A-Z]{4}[A-Z0-9][0-9]{4}[A-Z][0-9]C[0-9A-Z]$/,
  uin: /^[0-9]{4}[A-Z]{3}[0-9]{5}[UO]N[A-Z0-9]$/,
  nonResident: /^[0-9]{4}[A-Z]{3}[0-9]{5}NR[0-9A-Z]$/,
  oidar: /^9999[0-9]{2}[A-Z]{3}[0-9]{5}OS[0-9A-Z]$/,
} as const;

export type GstinKind = keyof typeof PATTERNS;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The check character for the first 14 characters of a GSTIN (mod-36, Luhn-style). */
export function gstinCheckChar(first14: string): string | undefined {
  if (first14.length !== 14) return undefined;
  let total = 0;
  for (let i = 0; i < 14; i += 1) {
    const value = ALPHABET.indexOf(first14.charAt(i));
    if (value < 0) return undefined;
    const product = value * (i % 2 === 0 ? 1 : 2);
    total += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET.charAt((36 - (total % 36)) % 36);
}

export function hasValidCheckDigit(gstin: string): boolean {
  return gstin.length === 15 && gstinCheckChar(gstin.slice(0, 14)) === gstin.charAt(14);
}

const KINDS = Object.entries(PATTERNS) as ReadonlyArray<[GstinKind, RegExp]>;

/** The registration type a GSTIN's structure says, or undefined when it matches none. */
export function gstinKind(gstin: string): GstinKind | undefined {
  for (const [kind, pattern] of KINDS) {
    if (pattern.test(gstin)) return kind;
  }
  return undefined;
}

export function isTcsGstin(gstin: string): boolean {
  return PATTERNS.tcs.test(gstin);
}

/** A GSTIN that is fully valid in production: a known structure and a correct check digit. */
export function isValidGstin(gstin: string): boolean {
  return gstinKind(gstin) !== undefined && hasValidCheckDigit(gstin);
}

/** Completes 14 characters into a GSTIN with a valid check digit (for seeding test identities). */
export function withCheckDigit(first14: string): string {
  const check = gstinCheckChar(first14);
  if (check === undefined) throw new Error(`cannot compute a GSTIN check digit for "${first14}"`);
  return first14 + check;
}

/**
 * The NIC sandbox's published test GSTINs fail the check digit and even the normal structure
 * (irp-protocol.md §6.5, §13). They are recognised by their PAN part, whatever the state prefix.
 */
const NIC_SANDBOX_PANS = new Set(['AWGPV7107B', 'ARZPT4384Q', 'AMBPG7773M', 'AAAPG7885R']);

export function isNicSandboxTestGstin(gstin: string): boolean {
  return GSTIN_SCHEMA_PATTERN.test(gstin) && NIC_SANDBOX_PANS.has(gstin.slice(2, 12));
}
