/**
 * Matching a results row to the ledger's document and checking it before anything is recorded:
 * the document's identity (seller GSTIN + type + number + date, the IRN identity), the IRN it
 * must have (SHA-256 of SellerGstin+FY+DocTyp+DocNo, irp-protocol.md §6.4), the signatures of
 * SignedInvoice and SignedQRCode, and that what the IRP signed is what the draft holds (seller,
 * buyer, document, total, item count: the same test as adopting a 2150 duplicate).
 */
import { parseDocDate } from '../../../shared/dates';
import { computeIrn } from '../../../shared/einvoice/irn';
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import { isIrpError, verifyIrnTokens, type VerifiedToken } from '../../irp';
import type { Invoice, Ledger } from '../../ledger';
import type { TrustedSigner } from '../../pdf/nic-certs';
import { payloadMismatches } from '../engine/matching';
import type { ResultRow } from './results-rows';

export type Found = { ok: true; invoice: Invoice } | { ok: false; outcome: 'unknown' | 'flagged'; code: string; reason: string; invoice?: Invoice };

function label(row: ResultRow): string {
  return `${row.docType ?? '?'} ${row.docNo ?? '?'} of ${row.docDate ?? '?'}`;
}

/** The IRNs a document may have: the number upper-cased (since 1-Jun-2025) or as sent (before). */
export function irnsOf(seller: string, docType: string, docNo: string, docDate: string): string[] {
  const parts = { sellerGstin: seller, docType, docNo, docDate };
  return [computeIrn(parts), computeIrn(parts, { preserveCase: true })].filter((x): x is string => x !== undefined);
}

/** The ledger document a row is about, by seller + type + number + date. */
export function findDocument(ledger: Ledger, row: ResultRow): Found {
  const missing = (['docType', 'docNo', 'docDate'] as const).filter((k) => !row[k]);
  if (missing.length > 0) {
    const why = row.problems.length > 0 ? row.problems.join('; ') : `it has no ${missing.map((k) => ({ docType: 'document type', docNo: 'document number', docDate: 'document date' })[k]).join(', ')}`;
    return { ok: false, outcome: 'unknown', code: 'PORTAL_ROW_UNREADABLE', reason: `The row does not say which document it is about: ${why}.` };
  }
  const { docType, docNo, docDate } = row as Required<Pick<ResultRow, 'docType' | 'docNo' | 'docDate'>>;
  const iso = parseDocDate(docDate) ?? '';
  let sellers: string[];
  const named = row.sellerGstin ?? row.filedBy;
  if (named) sellers = [named];
  else {
    const all = ledger.businesses.list().map((b) => b.gstin);
    const byIrn = row.irn ? all.filter((g) => irnsOf(g, docType, docNo, docDate).includes(row.irn!)) : [];
    sellers = byIrn.length > 0 ? byIrn : all;
  }
  const hits = sellers.map((s) => ledger.invoices.findByIdentity(s, docType, docNo, iso)).filter((i): i is Invoice => i !== undefined);
  if (hits.length === 0) {
    const whose = named ? ` of seller ${named}` : '';
    return { ok: false, outcome: 'unknown', code: 'PORTAL_UNKNOWN_DOCUMENT', reason: `The ledger holds no ${label(row)}${whose}: nothing was recorded for it.` };
  }
  if (hits.length > 1) {
    return { ok: false, outcome: 'unknown', code: 'PORTAL_AMBIGUOUS', reason: `${label(row)} exists for ${hits.length} businesses (${hits.map((h) => h.sellerGstin).join(', ')}) and the row does not name the seller.` };
  }
  const invoice = hits[0]!;
  if (invoice.docDate !== iso) {
    return { ok: false, outcome: 'flagged', code: 'PORTAL_MISMATCH', invoice, reason: `The ledger's ${invoice.docType} ${invoice.docNo ?? ''} is dated ${docDateText(invoice.docDate)}; the portal's row says ${docDate}. Not recorded.` };
  }
  return { ok: true, invoice };
}

function docDateText(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Checks a generated row's IRN and buyer against the document; the reasons it must not be adopted. */
export function rowMismatches(invoice: Invoice, row: ResultRow): string[] {
  const out: string[] = [];
  const expected = irnsOf(invoice.sellerGstin, invoice.docType, invoice.docNo ?? '', docDateText(invoice.docDate));
  if (row.irn && !expected.includes(row.irn)) {
    out.push(`its IRN ${row.irn} is not this document's IRN (${expected[0] ?? '?'}, the SHA-256 of seller GSTIN, financial year, type and number): the row belongs to another document`);
  }
  if (row.buyerGstin && invoice.buyerGstin && row.buyerGstin !== invoice.buyerGstin.toUpperCase()) {
    out.push(`its buyer GSTIN is ${row.buyerGstin}, the draft's is ${invoice.buyerGstin}`);
  }
  return out;
}

export type Verified = { ok: true; invoice: VerifiedToken; qr: VerifiedToken; signer: TrustedSigner } | { ok: false; reason: string };

/** Verifies both tokens against each candidate signer in turn; the first that holds wins. */
export async function verifyTokens(row: ResultRow, signers: readonly TrustedSigner[]): Promise<Verified> {
  let last = '';
  for (const signer of signers) {
    try {
      const r = await verifyIrnTokens(row.signedInvoice, row.signedQrCode, row.irn ?? '', signer.key);
      return { ok: true, ...r, signer };
    } catch (e) {
      last = isIrpError(e) ? e.message : e instanceof Error ? e.message : String(e);
    }
  }
  return { ok: false, reason: last };
}

const upper = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '').toUpperCase();

/** What the IRP signed against the draft's payload and the row's own columns. */
export function signedMismatches(payload: Inv01, row: ResultRow, v: { invoice: VerifiedToken; qr: VerifiedToken }): string[] {
  const out = payloadMismatches(payload, v.invoice.data).map((d) => `signed invoice ${d}`);
  const qr = v.qr.data;
  const check = (what: string, ours: unknown, theirs: unknown) => {
    if (ours !== theirs) out.push(`signed QR ${what}: draft ${JSON.stringify(ours)}, QR ${JSON.stringify(theirs) ?? 'none'}`);
  };
  check('seller GSTIN', upper(payload.SellerDtls.Gstin), upper(qr.SellerGstin));
  check('buyer GSTIN', upper(payload.BuyerDtls.Gstin), upper(qr.BuyerGstin));
  check('document', `${upper(payload.DocDtls.Typ)} ${upper(payload.DocDtls.No)} ${payload.DocDtls.Dt}`, `${upper(qr.DocTyp)} ${upper(qr.DocNo)} ${String(qr.DocDt)}`);
  check('invoice total (paise)', Math.round(payload.ValDtls.TotInvVal * 100), Math.round(Number(qr.TotInvVal) * 100));
  check('item count', payload.ItemList.length, qr.ItemCnt);
  const signedAckNo = v.invoice.data.AckNo;
  const signedAckDt = v.invoice.data.AckDt;
  if (row.ackNo && String(signedAckNo) !== row.ackNo) out.push(`the row's Ack No ${row.ackNo} is not the signed invoice's ${String(signedAckNo)}`);
  if (row.ackDt && typeof signedAckDt === 'string' && signedAckDt !== row.ackDt) out.push(`the row's Ack Date ${row.ackDt} is not the signed invoice's ${signedAckDt}`);
  return out;
}
