/**
 * Checks a SignedQRCode: is it an IRP e-invoice QR (irp-protocol.md §7.3: ten keys), and, given
 * the IRP's signing certificate, is its RS256 signature good (§7.4: the signing certificate, not
 * the encryption key, chosen by kid/x5t). Without a certificate nothing is claimed about the
 * signature: anyone can make a token with the right fields.
 */
import { X509Certificate } from 'node:crypto';
import { compactVerify, importX509 } from 'jose';
import { decodeJws, JwsFormatError, QR_KEYS, type QrPayload } from '../../shared/einvoice/qr';

export type SignatureStatus = 'valid' | 'invalid' | 'not-checked';

export interface QrCheck {
  fields: Partial<Record<keyof QrPayload, unknown>>;
  kid?: string;
  iss?: string;
  /** What makes this not an IRP e-invoice QR (empty when it is one). */
  problems: string[];
  signature: SignatureStatus;
  /** Why the signature is invalid or not checked, or which certificate verified it. */
  signatureNote: string;
}

export class CertificateError extends Error {
  override name = 'CertificateError';
}

/** Certificates from a PEM bundle (one or more) or a single DER .cer file, as NIC publishes them. */
export function parseCertificates(bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  try {
    if (blocks) return blocks.map((b) => new X509Certificate(b));
    if (text.includes('-----BEGIN')) throw new CertificateError('the file holds no "BEGIN CERTIFICATE" block (a public key alone is not accepted)');
    return [new X509Certificate(bytes)];
  } catch (e) {
    if (e instanceof CertificateError) throw e;
    throw new CertificateError(`not an X.509 certificate (PEM or DER): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** NIC's kid: the upper-case hex SHA-1 thumbprint of the signing certificate. */
export function thumbprint(cert: X509Certificate): string {
  return cert.fingerprint.replaceAll(':', '').toUpperCase();
}

const FIELD_CHECKS: ReadonlyArray<[keyof QrPayload, (v: unknown) => boolean, string]> = [
  ['SellerGstin', (v) => typeof v === 'string' && /^[0-9]{2}[0-9A-Z]{13}$/.test(v), 'a 15-character GSTIN'],
  ['BuyerGstin', (v) => typeof v === 'string' && /^([0-9]{2}[0-9A-Z]{13}|URP)$/.test(v), 'a GSTIN or URP'],
  ['DocNo', (v) => typeof v === 'string' && v.length > 0, 'text'],
  ['DocTyp', (v) => typeof v === 'string' && /^(INV|CRN|DBN)$/i.test(v), 'INV, CRN or DBN'],
  ['DocDt', (v) => typeof v === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(v), 'a date dd/mm/yyyy'],
  ['TotInvVal', (v) => typeof v === 'number' && Number.isFinite(v), 'a number'],
  ['ItemCnt', (v) => typeof v === 'number' && Number.isInteger(v) && v > 0, 'a whole number'],
  ['MainHsnCode', (v) => typeof v === 'string' && /^[0-9]{4,8}$/.test(v), 'an HSN/SAC code'],
  ['Irn', (v) => typeof v === 'string' && /^[0-9a-f]{64}$/i.test(v), '64 hex digits'],
  ['IrnDt', (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v), 'a date-time yyyy-MM-dd HH:mm:ss'],
];

async function verifyWith(token: string, certs: X509Certificate[], kid: string | undefined): Promise<{ status: SignatureStatus; note: string }> {
  // Try the certificate NIC names (kid) first; the others still get a chance, so a renamed or
  // re-issued certificate bundle does not turn a good signature into a false alarm.
  const ordered = [...certs].sort((a, b) => Number(thumbprint(b) === kid) - Number(thumbprint(a) === kid));
  let lastError = '';
  for (const cert of ordered) {
    try {
      const key = await importX509(cert.toString(), 'RS256');
      await compactVerify(token, key, { algorithms: ['RS256'] });
      const match = thumbprint(cert) === kid ? 'its thumbprint matches kid' : `note: kid ${kid ?? '(none)'} names another certificate`;
      return { status: 'valid', note: `verified with certificate "${cert.subject.replaceAll('\n', ', ')}" (${match})` };
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
  }
  const which = certs.length === 1 ? 'the given certificate' : `any of the ${certs.length} given certificates`;
  return { status: 'invalid', note: `the signature does not verify with ${which} (${lastError})` };
}

/** Decodes and checks a signed QR token; throws JwsFormatError when it is not a signed token at all. */
export async function checkSignedQr(token: string, certs?: X509Certificate[]): Promise<QrCheck> {
  const decoded = decodeJws(token);
  const problems: string[] = [];
  const data = decoded.data;
  const fields: QrCheck['fields'] = {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push('the token carries no JSON "data" object, so it is not an e-invoice QR');
  } else {
    const d = data as Record<string, unknown>;
    for (const [key, ok, what] of FIELD_CHECKS) {
      fields[key] = d[key];
      if (!(key in d)) problems.push(`${key} is missing`);
      else if (!ok(d[key])) problems.push(`${key} is not ${what}`);
    }
  }
  if (decoded.header.alg !== 'RS256') problems.push(`the token is signed with ${String(decoded.header.alg)}, not RS256 as the IRP signs`);
  const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : undefined;
  const iss = typeof decoded.claims.iss === 'string' ? decoded.claims.iss : undefined;
  const sig = certs?.length
    ? await verifyWith(token.trim(), certs, kid)
    : { status: 'not-checked' as const, note: 'no certificate given (--cert): the signature was NOT checked' };
  return { fields, kid, iss, problems, signature: sig.status, signatureNote: sig.note };
}

export { JwsFormatError, QR_KEYS };
