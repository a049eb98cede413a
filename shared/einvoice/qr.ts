/**
 * The signed QR code's payload (irp-protocol.md §7.3): ten keys in NIC's order, and helpers to
 * read SignedInvoice / SignedQRCode tokens without verifying them (verification needs the IRP's
 * certificate and lives on the Node side).
 */
import { base64url, decodeProtectedHeader } from 'jose';
import type { Invoice } from './schema';

export interface QrPayload {
  SellerGstin: string;
  BuyerGstin: string;
  DocNo: string;
  DocTyp: string;
  DocDt: string;
  TotInvVal: number;
  ItemCnt: number;
  MainHsnCode: string;
  Irn: string;
  IrnDt: string;
}

export const QR_KEYS: ReadonlyArray<keyof QrPayload> = [
  'SellerGstin', 'BuyerGstin', 'DocNo', 'DocTyp', 'DocDt', 'TotInvVal', 'ItemCnt', 'MainHsnCode', 'Irn', 'IrnDt',
];

/** The HSN of the line with the largest taxable value (the first such line on a tie). */
export function mainHsnCode(items: ReadonlyArray<{ HsnCd: string; AssAmt: number }>): string {
  let best = items[0];
  for (const it of items) if (best === undefined || it.AssAmt > best.AssAmt) best = it;
  return best?.HsnCd ?? '';
}

/** Builds the QR payload for a registered document; `ackDt` is the IRP's AckDt ("yyyy-MM-dd HH:mm:ss"). */
export function buildQrPayload(inv: Invoice, irn: string, ackDt: string): QrPayload {
  return {
    SellerGstin: inv.SellerDtls.Gstin,
    BuyerGstin: inv.BuyerDtls.Gstin,
    DocNo: inv.DocDtls.No,
    DocTyp: inv.DocDtls.Typ,
    DocDt: inv.DocDtls.Dt,
    TotInvVal: inv.ValDtls.TotInvVal,
    ItemCnt: inv.ItemList.length,
    MainHsnCode: mainHsnCode(inv.ItemList),
    Irn: irn,
    IrnDt: ackDt,
  };
}

export interface DecodedJws {
  header: Record<string, unknown>;
  /** The JWT claims: {"data": "<json text>", "iss": "NIC"}. */
  claims: { data?: unknown; iss?: unknown } & Record<string, unknown>;
  /** `claims.data` parsed from its JSON text (undefined when absent or not JSON). */
  data: unknown;
}

export class JwsFormatError extends Error {
  override name = 'JwsFormatError';
}

/** Splits and decodes a compact JWS; throws JwsFormatError with a plain message when it is not one. */
export function decodeJws(token: string): DecodedJws {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((p) => p === '' || !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw new JwsFormatError('not a signed token: expected three base64url parts separated by dots');
  }
  let header: Record<string, unknown>;
  let claims: DecodedJws['claims'];
  try {
    header = decodeProtectedHeader(token);
    claims = JSON.parse(new TextDecoder().decode(base64url.decode(parts[1] ?? ''))) as DecodedJws['claims'];
  } catch {
    throw new JwsFormatError('not a signed token: its header or payload is not base64url JSON');
  }
  if (claims === null || typeof claims !== 'object') throw new JwsFormatError('the token payload is not a JSON object');
  let data: unknown;
  if (typeof claims.data === 'string') {
    try {
      data = JSON.parse(claims.data);
    } catch {
      data = undefined;
    }
  }
  return { header, claims, data };
}

/** The QR payload inside a SignedQRCode token (undefined fields when the token is not an IRP QR). */
export function decodeSignedQr(token: string): Partial<QrPayload> & { header: Record<string, unknown>; iss: unknown } {
  const decoded = decodeJws(token);
  const data = (decoded.data ?? {}) as Partial<QrPayload>;
  return { ...data, header: decoded.header, iss: decoded.claims.iss };
}
