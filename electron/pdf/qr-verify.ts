/**
 * Checks a SignedQRCode: is it an IRP e-invoice QR (irp-protocol.md §7.3: ten keys; older QRs of
 * 2020-2021 lack IrnDt and write some fields in other forms), and is its RS256 signature good
 * (§7.4: the signing certificate, not the encryption key, chosen by kid/x5t)?
 *
 * The verdict on the signature is honest about what was checked:
 *   valid        it verifies with a trusted signer (bundled NIC certificate or key, given, profile,
 *                or the practice IRP's); `verifiedBy.environment` says whether that signer is NIC's
 *                production, NIC's sandbox (a test system) or the practice IRP (qr-verdict.ts)
 *   invalid      the signer its kid names is trusted and the signature does not match it:
 *                the token was changed after signing, or signed by someone else
 *   not-checked  no trusted signer has its kid and none verifies it: a genuine QR signed with
 *                a certificate we do not have looks exactly like a forgery, so nothing is claimed
 */
import { X509Certificate } from 'node:crypto';
import { compactVerify } from 'jose';
import { decodeJws, JwsFormatError, QR_KEYS, type QrPayload } from '../../shared/einvoice/qr';
import { mergeSigners, signerName, trusted, type SignerEnvironment, type TrustedSigner } from './nic-certs';
import { CertificateError, parseCertificates, thumbprint } from './qr-certs';

export type SignatureStatus = 'valid' | 'invalid' | 'not-checked';

/** current: the ten keys of §7.3 as NIC writes them since 2022; older: the 2020-2021 payloads. */
export type QrShape = 'current' | 'older' | 'not-irp';

export interface QrCheck {
  fields: Partial<Record<keyof QrPayload, unknown>>;
  kid?: string;
  iss?: string;
  shape: QrShape;
  /** Keys of §7.3 the QR does not carry (an older QR lacks IrnDt). */
  missing: Array<keyof QrPayload>;
  /** Fields written in an older form ("TotInvVal is text"), for an older QR. */
  olderForms: string[];
  /** What makes this not an IRP e-invoice QR (empty when it is one, current or older). */
  problems: string[];
  signature: SignatureStatus;
  /** Why the signature is invalid or not checked, or which certificate verified it. */
  signatureNote: string;
  /** The signer that verified it (signature valid only); validity null for a bare public key. */
  verifiedBy?: VerifiedBy;
}

export interface VerifiedBy {
  label: string;
  source: TrustedSigner['source'];
  kid: string;
  environment: SignerEnvironment;
  /** The certificate's validity period (ISO), or null: a bare public key's is unknown. */
  validity: { from: string; to: string } | null;
}

const isNumeric = (v: unknown) => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim());

/**
 * Each key: its current form, the older forms accepted (2020-2021 QRs), and what it should be.
 * The team kit's irp-protocol.md §7 records the current shape only; the older forms here are the
 * variations an older payload is known to show (no IrnDt; numbers and codes as text; dates with
 * dashes), accepted only as "older" and named in the answer.
 */
const FIELD_CHECKS: ReadonlyArray<[keyof QrPayload, (v: unknown) => boolean, ((v: unknown) => string | undefined) | undefined, string]> = [
  ['SellerGstin', (v) => typeof v === 'string' && /^[0-9]{2}[0-9A-Z]{13}$/.test(v), undefined, 'a 15-character GSTIN'],
  ['BuyerGstin', (v) => typeof v === 'string' && /^([0-9]{2}[0-9A-Z]{13}|URP)$/.test(v), undefined, 'a GSTIN or URP'],
  ['DocNo', (v) => typeof v === 'string' && v.length > 0, (v) => (typeof v === 'number' ? 'DocNo is a number' : undefined), 'text'],
  ['DocTyp', (v) => typeof v === 'string' && /^(INV|CRN|DBN)$/.test(v), (v) => (typeof v === 'string' && /^(INV|CRN|DBN)$/i.test(v) ? 'DocTyp is in lower case' : undefined), 'INV, CRN or DBN'],
  ['DocDt', (v) => typeof v === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(v), (v) => (typeof v === 'string' && /^\d{2}-\d{2}-\d{4}$/.test(v) ? 'DocDt is dd-mm-yyyy' : undefined), 'a date dd/mm/yyyy'],
  ['TotInvVal', (v) => typeof v === 'number' && Number.isFinite(v), (v) => (isNumeric(v) ? 'TotInvVal is text' : undefined), 'a number'],
  ['ItemCnt', (v) => typeof v === 'number' && Number.isInteger(v) && v > 0, (v) => (isNumeric(v) && Number(v) > 0 ? 'ItemCnt is text' : undefined), 'a whole number'],
  ['MainHsnCode', (v) => typeof v === 'string' && /^[0-9]{4,8}$/.test(v), (v) => (typeof v === 'number' && /^[0-9]{4,8}$/.test(String(v)) ? 'MainHsnCode is a number' : undefined), 'an HSN/SAC code'],
  ['Irn', (v) => typeof v === 'string' && /^[0-9a-f]{64}$/i.test(v), undefined, '64 hex digits'],
  ['IrnDt', (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v), (v) => (typeof v === 'string' && /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}(:\d{2})?$/.test(v) ? 'IrnDt is dd/mm/yyyy hh:mm' : undefined), 'a date-time yyyy-MM-dd HH:mm:ss'],
];

/** Without these no QR is an IRP e-invoice QR, of any generation. */
const ESSENTIAL: ReadonlyArray<keyof QrPayload> = ['SellerGstin', 'Irn'];

function asTrusted(c: X509Certificate | TrustedSigner): TrustedSigner {
  return c instanceof X509Certificate ? trusted(c, 'the certificate given', 'given') : c;
}

async function verifies(token: string, s: TrustedSigner): Promise<string | undefined> {
  try {
    await compactVerify(token, s.key, { algorithms: ['RS256'] });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** When the QR says it was signed (IrnDt, IST) and the certificate was not valid then: a note. */
function periodNote(s: TrustedSigner, irnDt: unknown): string {
  if (!s.validFrom || !s.validTo) return '';
  if (typeof irnDt !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(irnDt)) return '';
  const at = new Date(`${irnDt.replace(' ', 'T')}+05:30`);
  if (at >= s.validFrom && at <= s.validTo) return '';
  return `; note: IrnDt ${irnDt} is outside the certificate's validity (${s.validFrom.toISOString().slice(0, 10)} to ${s.validTo.toISOString().slice(0, 10)})`;
}

function verifiedBy(s: TrustedSigner): VerifiedBy {
  const validity = s.validFrom && s.validTo ? { from: s.validFrom.toISOString(), to: s.validTo.toISOString() } : null;
  return { label: s.label, source: s.source, kid: s.kid, environment: s.environment, validity };
}

async function checkSignature(token: string, signers: TrustedSigner[], kid: string | undefined, irnDt: unknown): Promise<Pick<QrCheck, 'signature' | 'signatureNote' | 'verifiedBy'>> {
  const named = signers.filter((s) => s.kid === kid);
  const valid = (s: TrustedSigner, how: string) => ({
    signature: 'valid' as const,
    signatureNote: `verified with ${s.label}, ${signerName(s)} (${how})${periodNote(s, irnDt)}`,
    verifiedBy: verifiedBy(s),
  });
  let lastError = '';
  for (const s of named) {
    const error = await verifies(token, s);
    if (error === undefined) return valid(s, s.cert ? 'its thumbprint matches kid' : 'its declared kid matches');
    lastError = error;
  }
  if (named.length > 0) {
    return { signature: 'invalid', signatureNote: `the signature does not match ${named[0]!.label} ${signerName(named[0]!)}, the certificate its kid names: the QR was changed after signing or was not signed by the IRP (${lastError})` };
  }
  // A re-issued certificate may sign under another kid: every trusted signer still gets a try.
  for (const s of signers) if ((await verifies(token, s)) === undefined) return valid(s, `note: kid ${kid ?? '(none)'} names another certificate`);
  const tried = signers.length === 0 ? 'no certificate is known' : `none of the ${signers.length} known certificate(s) has it or verifies the signature`;
  return { signature: 'not-checked', signatureNote: `signed with certificate ${kid ?? '(no kid)'}: ${tried}, so the signature was NOT checked (pass --cert with that IRP signing certificate)` };
}

/** Decodes and checks a signed QR token; throws JwsFormatError when it is not a signed token at all. */
export async function checkSignedQr(token: string, certs: ReadonlyArray<X509Certificate | TrustedSigner> = []): Promise<QrCheck> {
  const decoded = decodeJws(token);
  const problems: string[] = [];
  const missing: Array<keyof QrPayload> = [];
  const olderForms: string[] = [];
  const data = decoded.data;
  const fields: QrCheck['fields'] = {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push('the token carries no JSON "data" object, so it is not an e-invoice QR');
  } else {
    const d = data as Record<string, unknown>;
    for (const [key, ok, older, what] of FIELD_CHECKS) {
      fields[key] = d[key];
      if (!(key in d)) {
        missing.push(key);
        if (ESSENTIAL.includes(key)) problems.push(`${key} is missing`);
        continue;
      }
      if (ok(d[key])) continue;
      const form = older?.(d[key]);
      if (form !== undefined) olderForms.push(form);
      else problems.push(`${key} is not ${what}`);
    }
    // Ten keys missing or only the essentials gone: no e-invoice QR of any generation.
    if (missing.length > 3) for (const key of missing) if (!ESSENTIAL.includes(key)) problems.push(`${key} is missing`);
  }
  if (decoded.header.alg !== 'RS256') problems.push(`the token is signed with ${String(decoded.header.alg)}, not RS256 as the IRP signs`);
  const kid = typeof decoded.header.kid === 'string' ? decoded.header.kid : undefined;
  const iss = typeof decoded.claims.iss === 'string' ? decoded.claims.iss : undefined;
  const shape: QrShape = problems.length > 0 ? 'not-irp' : missing.length === 0 && olderForms.length === 0 ? 'current' : 'older';
  const sig = await checkSignature(token.trim(), mergeSigners(certs.map(asTrusted)), kid, fields.IrnDt);
  return { fields, kid, iss, shape, missing, olderForms, problems, ...sig };
}

export { CertificateError, JwsFormatError, parseCertificates, QR_KEYS, thumbprint };
