/**
 * Real signatures for tests: an RSA-2048 key with a self-signed X.509 certificate, and RS256
 * SignedInvoice / SignedQRCode tokens in NIC's shape (irp-protocol.md §7.1-§7.3): header
 * {"alg","kid","x5t","typ"} where kid is the upper-case hex SHA-1 thumbprint of the certificate
 * and x5t the same bytes in base64url; payload {"data":"<json text>","iss":"NIC Sandbox"}.
 * Nothing here is NIC's key; the tokens only verify against the certificate made here.
 */
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { buildPayload, type DraftInvoice, type DraftLine } from '../../shared/einvoice/compute';
import { irnOfInvoice } from '../../shared/einvoice/irn';
import { buildQrPayload, QR_KEYS, type QrPayload } from '../../shared/einvoice/qr';
import { ROOT_ORDER, type Invoice } from '../../shared/einvoice/schema';
import type { PrintableInvoice } from '../../electron/pdf';
import { rsaPair, selfSignedPem } from './certs';
import { BUYER_KA as BUYER } from './invoices';

export interface SigningIdentity {
  privateKey: KeyObject;
  /** The self-signed certificate, PEM. */
  certPem: string;
  /** Upper-case hex SHA-1 of the certificate DER, as NIC puts it in `kid`. */
  kid: string;
  /** The same thumbprint in base64url, as NIC puts it in `x5t`. */
  x5t: string;
}

/** Makes a fresh RSA-2048 key pair and a self-signed certificate for it (CN = the given name). */
export function makeSigningIdentity(commonName = 'Test IRP signing'): SigningIdentity {
  const pair = rsaPair();
  const certPem = selfSignedPem(pair, { commonName, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') });
  const sha1 = createHash('sha1').update(new X509Certificate(certPem).raw).digest();
  return { privateKey: createPrivateKey(pair.privateKey), certPem, kid: sha1.toString('hex').toUpperCase(), x5t: sha1.toString('base64url') };
}

/** Signs `{"data": dataJson, "iss": iss}` the way NIC does (RS256, header key order alg, kid, x5t, typ). */
export async function signNicToken(id: SigningIdentity, dataJson: string, iss = 'NIC Sandbox'): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify({ data: dataJson, iss }));
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'RS256', kid: id.kid, x5t: id.x5t, typ: 'JWT' })
    .sign(id.privateKey);
}

/** The QR payload as NIC serialises it: the ten keys in NIC's order. */
export function qrDataJson(qr: QrPayload): string {
  return JSON.stringify(Object.fromEntries(QR_KEYS.map((k) => [k, qr[k]])));
}

export interface Registration {
  irn: string;
  ackNo: number;
  ackDt: string;
  signedQrCode: string;
  signedInvoice: string;
}

/** Registers `inv` as the IRP would: IRN, Ack No/Date and both signed tokens, with real signatures. */
export async function register(id: SigningIdentity, inv: Invoice, ackDt = '2026-11-14 12:34:56', ackNo = 132610036743849): Promise<Registration> {
  const irn = irnOfInvoice(inv, ackDt.slice(0, 10));
  if (!irn) throw new Error(`cannot compute an IRN for ${inv.DocDtls.No}`);
  const qr = buildQrPayload(inv, irn, ackDt);
  const ordered = Object.fromEntries(ROOT_ORDER.filter((k) => inv[k] !== undefined && inv[k] !== null).map((k) => [k, inv[k]]));
  const signedInvoice = await signNicToken(id, JSON.stringify({ AckNo: ackNo, AckDt: ackDt, Irn: irn, ...ordered }));
  return { irn, ackNo, ackDt, signedQrCode: await signNicToken(id, qrDataJson(qr)), signedInvoice };
}

export const SELLER = {
  Gstin: '29ABCDE1234F1ZW',
  LglNm: 'Sharma Traders Private Limited',
  TrdNm: 'Sharma Traders',
  Addr1: '12 MG Road, Shanthala Nagar',
  Addr2: 'Near Brigade Road Junction',
  Loc: 'Bengaluru',
  Pin: 560001,
  Stcd: '29',
  Ph: '8041234567',
  Em: 'accounts@sharmatraders.example',
};

/** The buyers are the shared test parties of ./invoices (BUYER_MH re-exported for the print tests). */
export { BUYER_KA as BUYER, BUYER_MH } from './invoices';

const PRODUCTS: ReadonlyArray<Omit<DraftLine, 'qtyMilli'>> = [
  { description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 },
  { description: 'Sunflower oil 15 litre tin, refined, for commercial kitchens', hsn: '15121910', isService: false, unit: 'TIN', unitPricePaise: 212_550, gstRate: 5, discountPaise: 5_000 },
  { description: 'Stainless steel tiffin box', hsn: '73239390', isService: false, unit: 'NOS', unitPricePaise: 64_900, gstRate: 12 },
  { description: 'Packing and handling', hsn: '998540', isService: true, unitPricePaise: 150_000, gstRate: 18 },
  { description: 'Aerated drink 300 ml can (carton of 24)', hsn: '22021010', isService: false, unit: 'CTN', unitPricePaise: 96_000, gstRate: 28, cessRate: 12 },
];

/** `count` varied lines (goods and services, four GST rates, one with cess, one with a discount). */
export function lines(count: number): DraftLine[] {
  return Array.from({ length: count }, (_, i) => {
    const p = PRODUCTS[i % PRODUCTS.length] as Omit<DraftLine, 'qtyMilli'>;
    return { ...p, description: count > PRODUCTS.length ? `${p.description} #${i + 1}` : p.description, qtyMilli: 1000 * (1 + (i % 7)) + (i % 3) * 250 };
  });
}

export function sampleDraft(overrides: Partial<DraftInvoice> = {}): DraftInvoice {
  return {
    docType: 'INV',
    docNo: 'ST/26-27/0042',
    docDate: '14/11/2026',
    supplyType: 'B2B',
    seller: SELLER,
    buyer: BUYER,
    lines: lines(5),
    ...overrides,
  };
}

/** A registered, printable invoice with a real signed QR (and the registration, for assertions). */
export async function registeredPrintable(
  id: SigningIdentity,
  overrides: Partial<DraftInvoice> = {},
  extra: Partial<PrintableInvoice> = {},
): Promise<{ printable: PrintableInvoice; registration: Registration }> {
  const payload = buildPayload(sampleDraft(overrides));
  const registration = await register(id, payload);
  return {
    registration,
    printable: {
      payload,
      registration: {
        irn: registration.irn,
        ackNo: registration.ackNo,
        ackDt: registration.ackDt,
        signedQrCode: registration.signedQrCode,
        status: 'ACT',
      },
      ...extra,
    },
  };
}
