/**
 * The bookkeeping of a check-encryption run: the steps taken so far and one verdict at the end.
 * Also the text-shape tests every check needs (strict Base64 as NIC's .NET decoder reads it, hex,
 * base64url, JSON objects), each with a reason a person can act on.
 */
import type { CheckResult, CheckStep, CheckVerdict } from '../../../shared/ipc/playground.schema';

export class CheckLog {
  readonly steps: CheckStep[] = [];

  ok(step: string, detail: string): void {
    this.steps.push({ step, ok: true, detail });
  }

  fail(step: string, detail: string): void {
    this.steps.push({ step, ok: false, detail });
  }

  /** The final answer; `ok` follows the verdict (OK and a valid legacy body pass). */
  verdict(verdict: CheckVerdict, message: string, extra: Pick<CheckResult, 'plaintext' | 'problems'> = {}): CheckResult {
    return { ok: verdict === 'OK' || verdict === 'LEGACY_V103', verdict, message, steps: this.steps, ...extra };
  }
}

const STRICT_B64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type Base64Read = { ok: true; bytes: Buffer } | { ok: false; why: string };

/**
 * Standard Base64 as NIC's .NET Convert.FromBase64String reads it (line breaks tolerated, since
 * tools wrap Base64 at 64 or 76 characters); the reason names the likely mix-up when it is not.
 */
export function readBase64(text: string): Base64Read {
  const compact = text.replace(/[\r\n\t ]+/g, '');
  if (compact === '') return { ok: false, why: 'it is empty' };
  if (/^[0-9a-fA-F]+$/.test(compact) && compact.length % 2 === 0 && /[a-fA-F]/.test(compact) && compact.length >= 32) {
    return { ok: false, why: 'it looks like hexadecimal, not Base64 (encode the bytes with Base64, not hex)' };
  }
  if (/[-_]/.test(compact) && /^[A-Za-z0-9_-]+=*$/.test(compact)) {
    return { ok: false, why: 'it is base64url (with - and _); NIC expects standard Base64 with + and / and = padding' };
  }
  if (compact.startsWith('{') || compact.startsWith('[')) return { ok: false, why: 'it is JSON text, not encrypted data' };
  const bad = /[^A-Za-z0-9+/=]/.exec(compact);
  if (bad) return { ok: false, why: `the character "${bad[0]}" at position ${bad.index + 1} is not a Base64 character` };
  if (!STRICT_B64.test(compact)) return { ok: false, why: '"=" padding may only appear at the end' };
  if (compact.length % 4 !== 0) return { ok: false, why: `its length (${compact.length}) is not a multiple of 4 (padding "=" missing or characters lost)` };
  return { ok: true, bytes: Buffer.from(compact, 'base64') };
}

/** The bytes, when they are themselves the ASCII text of strict Base64 (a second encoding layer). */
export function base64Inside(bytes: Buffer): Buffer | undefined {
  if (bytes.length < 4 || bytes.some((b) => b > 0x7e || b < 0x20)) return undefined;
  const text = bytes.toString('ascii');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}

/** A JSON object parsed from UTF-8 bytes or text, else undefined. */
export function jsonObject(input: Buffer | string): Record<string, unknown> | undefined {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function describeBytes(n: number): string {
  return `${n} byte${n === 1 ? '' : 's'}`;
}
