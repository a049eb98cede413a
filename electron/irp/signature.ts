/**
 * Verification of SignedInvoice and SignedQRCode on receipt (irp-protocol.md §7): RS256 compact JWS
 * whose payload is {"data":"<json text>","iss":...}, checked against the endpoint's signing
 * certificate (never the encryption key). A token that does not verify, or whose data names another
 * IRN, is an IrpError of kind 'signature': it is never passed on as if it were NIC's.
 */
import type { KeyObject } from 'node:crypto';
import { compactVerify, importX509 } from 'jose';
import { CLIENT_CODES, IrpError } from './errors';

/** An imported certificate, or a bare public key (NIC's bundled sandbox keys, electron/pdf/nic-certs.ts). */
export type VerifyKey = Awaited<ReturnType<typeof importX509>> | KeyObject;

export interface VerifiedToken {
  header: Record<string, unknown>;
  /** The parsed `data` member. */
  data: Record<string, unknown>;
  iss: unknown;
}

/** Imports an X.509 signing certificate for RS256; a clear IrpError (kind 'protocol') when unusable. */
export async function importSigningCertificate(pem: string): Promise<VerifyKey> {
  try {
    return await importX509(pem, 'RS256');
  } catch (e) {
    throw new IrpError({
      kind: 'protocol', code: CLIENT_CODES.config, cause: e,
      message: 'The signing certificate of this endpoint cannot be used to verify RS256 signatures.',
      hint: 'Import the IRP\'s signing certificate (a PEM "CERTIFICATE" with an RSA key) for this endpoint.',
    });
  }
}

function signatureError(what: string, message: string, ambiguous: boolean, cause?: unknown): IrpError {
  return new IrpError({
    kind: 'signature',
    code: CLIENT_CODES.badSignature,
    message: `The ${what} returned by the IRP ${message}`,
    hint: 'Check that the signing certificate of this profile belongs to the endpoint you are connected to; do not use this result.',
    ambiguous,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/**
 * Verifies one token and returns its decoded data. `ambiguous` is set on failures of a request that
 * may have changed state on the IRP (the generate succeeded there even if its answer cannot be trusted).
 */
export async function verifyIrpToken(
  token: unknown,
  key: VerifyKey,
  what: 'SignedInvoice' | 'SignedQRCode',
  ambiguous = false,
): Promise<VerifiedToken> {
  if (typeof token !== 'string' || token === '') throw signatureError(what, 'is missing.', ambiguous);
  let payload: Uint8Array;
  let header: Record<string, unknown>;
  try {
    const r = await compactVerify(token, key, { algorithms: ['RS256'] });
    payload = r.payload;
    header = r.protectedHeader;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason = code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
      ? 'does not carry a valid signature for this endpoint\'s signing certificate.'
      : 'is not a valid RS256 signed token.';
    throw signatureError(what, reason, ambiguous, e);
  }
  let claims: unknown;
  let data: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload).toString('utf8'));
    const text = (claims as { data?: unknown }).data;
    data = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw signatureError(what, 'is signed but does not hold e-invoice data.', ambiguous);
  }
  return { header, data: data as Record<string, unknown>, iss: (claims as { iss?: unknown }).iss };
}

/** Both tokens of a generate/get answer, checked to be about `irn`. */
export async function verifyIrnTokens(
  signedInvoice: unknown,
  signedQrCode: unknown,
  irn: string,
  key: VerifyKey,
  ambiguous = false,
): Promise<{ invoice: VerifiedToken; qr: VerifiedToken }> {
  const [invoice, qr] = await Promise.all([
    verifyIrpToken(signedInvoice, key, 'SignedInvoice', ambiguous),
    verifyIrpToken(signedQrCode, key, 'SignedQRCode', ambiguous),
  ]);
  for (const [what, t] of [['SignedInvoice', invoice], ['SignedQRCode', qr]] as const) {
    const inner = t.data.Irn;
    if (typeof inner !== 'string' || inner.toLowerCase() !== irn.toLowerCase()) {
      throw new IrpError({
        kind: 'signature', code: CLIENT_CODES.signatureMismatch, ambiguous,
        message: `The ${what} returned by the IRP is about a different IRN than the one in its answer.`,
        hint: 'Do not use this result; look the document up again.',
      });
    }
  }
  return { invoice, qr };
}
