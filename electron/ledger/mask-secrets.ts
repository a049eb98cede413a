/**
 * Redacts secrets from anything about to be stored or logged (journal details, error JSON).
 * A key is secret when its name, lower-cased without `_`/`-`, contains password/passwd/secret/
 * appkey/token or ends in sek (`Sek`, `decryptedSek`); `TokenExpiry`-style timestamps are kept.
 * A string value is secret when it looks like an auth bearer token (`Bearer ...` or any JWT): a
 * header cannot tell an auth JWT from a document JWT reliably (Azure and GSP tokens carry kid/x5t
 * too), so every JWT is masked except under the keys SignedInvoice and SignedQRCode, which are
 * NIC's public documents printed on the invoice.
 */
export const REDACTED = '[redacted]';

const PUBLIC_JWT_KEYS = new Set(['signedinvoice', 'signedqrcode', 'signedqr']);
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const MAX_DEPTH = 32;

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isSecretKey(key: string): boolean {
  const k = normalise(key);
  if (k.endsWith('expiry') || k.endsWith('expires') || k.endsWith('expiresat') || k.endsWith('expiresin')) return false;
  return (
    k.includes('password') ||
    k.includes('passwd') ||
    k.includes('secret') ||
    k.includes('appkey') ||
    k.includes('token') ||
    k === 'authorization' ||
    k.endsWith('sek')
  );
}

/** Masks bearer tokens and auth-looking JWTs inside free text (error messages, URLs, logs). */
export function maskSecretText(text: string): string {
  return text.replace(BEARER, `Bearer ${REDACTED}`).replace(JWT, REDACTED);
}

/** A deep copy of `value` as plain JSON data with every secret replaced by `[redacted]`. */
export function maskSecrets(value: unknown): unknown {
  return mask(value, undefined, 0, new WeakSet());
}

function mask(value: unknown, key: string | undefined, depth: number, seen: WeakSet<object>): unknown {
  if (key !== undefined && isSecretKey(key)) return value === null || value === undefined ? value : REDACTED;
  if (typeof value === 'string') {
    return key !== undefined && PUBLIC_JWT_KEYS.has(normalise(key)) ? value : maskSecretText(value);
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function' || typeof value === 'symbol') return undefined;
    return value;
  }
  if (depth >= MAX_DEPTH || seen.has(value)) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (Array.isArray(value)) return value.map((v) => mask(v, undefined, depth + 1, seen) ?? null);
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return { name: value.name, message: maskSecretText(value.message), ...(code !== undefined ? { code: mask(code, 'code', depth + 1, seen) } : {}) };
    }
    if (value instanceof Map) return mask(Object.fromEntries(value), key, depth, seen);
    if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const m = mask(v, k, depth + 1, seen);
      if (m !== undefined) out[k] = m;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
