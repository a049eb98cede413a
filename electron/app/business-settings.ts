/**
 * The business details that only matter on paper (logo, bank) checked before they reach the
 * ledger, so a wrong file or a mistyped IFSC gets a sentence that says what to fix instead of a
 * broken print later. Shared by the handler table and anything else that edits businesses.
 */
import type { Business, BusinessInput } from '../ledger';

/** A settings input refused on purpose: `code` is stable for the UI and the tests. */
export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export const LOGO_MAX_BYTES = 1024 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

export type LogoMime = 'image/png' | 'image/jpeg';

/** What the bytes are, by their first bytes (a file name or a browser's MIME type proves nothing). */
export function logoMime(bytes: Uint8Array): LogoMime | undefined {
  const starts = (magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
  if (starts(PNG_MAGIC)) return 'image/png';
  if (starts(JPEG_MAGIC)) return 'image/jpeg';
  return undefined;
}

/** Decodes and checks a logo sent as base64: PNG or JPEG, at most 1 MB. */
export function checkLogo(base64: string): Buffer {
  const text = base64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) throw new SettingsError('LOGO_NOT_IMAGE', 'The logo did not arrive as base64 image data; choose the file again.', 'logo');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0) throw new SettingsError('LOGO_NOT_IMAGE', 'The logo file is empty; choose a PNG or JPEG image.', 'logo');
  if (bytes.length > LOGO_MAX_BYTES) {
    const mb = (bytes.length / (1024 * 1024)).toFixed(1);
    throw new SettingsError('LOGO_TOO_LARGE', `The logo is ${mb} MB; it must be 1 MB or less. Save a smaller PNG or JPEG (a few hundred pixels wide is plenty for print).`, 'logo');
  }
  if (!logoMime(bytes)) throw new SettingsError('LOGO_NOT_IMAGE', 'The logo must be a PNG or JPEG image; this file is neither (checked by its content, not its name).', 'logo');
  return bytes;
}

/** IFSC: 4 bank letters, a zero, then 6 letters or digits for the branch (RBI format). */
export const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;

/** Trims the bank block, upper-cases the IFSC and refuses one that cannot be an IFSC. */
export function checkBank(bank: BusinessInput['bank']): BusinessInput['bank'] {
  if (!bank) return undefined;
  const clean = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const out = { name: clean(bank.name), account: clean(bank.account)?.replace(/\s+/g, ''), ifsc: clean(bank.ifsc)?.toUpperCase(), branch: clean(bank.branch) };
  if (out.ifsc !== undefined && !IFSC.test(out.ifsc)) {
    throw new SettingsError('BANK_IFSC_INVALID', `IFSC "${out.ifsc}" is not an IFSC: it is 11 characters, 4 letters for the bank, then 0, then 6 letters or digits for the branch (for example SBIN0001234).`, 'bank.ifsc');
  }
  if (out.account !== undefined && !/^[0-9A-Z]{6,20}$/i.test(out.account)) {
    throw new SettingsError('BANK_ACCOUNT_INVALID', 'The account number must be 6 to 20 digits or letters (no spaces or dashes).', 'bank.account');
  }
  const given = Object.values(out).some((v) => v !== undefined);
  // the print shows bank details only when name, account and IFSC are all there (printable.ts)
  if (given && (!out.name || !out.account || !out.ifsc)) {
    throw new SettingsError('BANK_INCOMPLETE', 'Bank details need the bank name, the account number and the IFSC together (the branch is optional); fill them in or clear all four.', 'bank');
  }
  return given ? Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) : undefined;
}

/** The business with a new logo (or none); every other field as stored. */
export function withLogo(business: Business, logo: Buffer | undefined): BusinessInput {
  const { id: _id, createdAt: _c, updatedAt: _u, logoPng: _l, ...rest } = business;
  return { ...rest, ...(logo ? { logoPng: logo } : {}) };
}
