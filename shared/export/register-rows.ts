/**
 * The invoice register as rows (issue 14): one row per document with what the IRP returned (IRN,
 * Ack No, Ack Date, status, cancel date) and the totals per tax head, and one row per line item.
 * Amounts come from the INV-01 payload the ledger holds (the exact document sent), so the register
 * says what the IRP registered. Pure: the Node side streams these into .xlsx or .csv.
 */
import { formatDocDate, parseIstDateTime, formatIstForDisplay } from '../dates';
import type { Invoice } from '../einvoice/schema';

/** What the ledger holds of one document for the export. */
export interface ExportDoc {
  id: number;
  docType: 'INV' | 'CRN' | 'DBN';
  docNo?: string;
  /** ISO date */
  docDate: string;
  sellerGstin: string;
  buyerGstin?: string;
  buyerName?: string;
  status: string;
  totalPaise: number;
  payload?: Invoice;
  irn?: string;
  ackNo?: string;
  /** As the IRP sent it, IST "yyyy-MM-dd HH:mm:ss". */
  ackDt?: string;
  /** ACT or CNL */
  irnStatus?: string;
  cancelDate?: string;
  cancelReason?: string;
}

export type Value = string | number | null;

export interface Column {
  header: string;
  /** money: rupees with 2 decimals; date: dd/mm/yyyy; text otherwise. */
  kind: 'text' | 'money' | 'number' | 'date';
  width?: number;
}

const c = (header: string, kind: Column['kind'] = 'text', width?: number): Column => ({ header, kind, ...(width ? { width } : {}) });

export const DOC_COLUMNS: readonly Column[] = [
  c('Doc Type', 'text', 9), c('Doc No', 'text', 18), c('Doc Date', 'date', 12), c('Seller GSTIN', 'text', 17), c('Buyer GSTIN', 'text', 17),
  c('Buyer Name', 'text', 34), c('Place of Supply', 'text', 8), c('Supply Type', 'text', 9), c('Reverse Charge', 'text', 8),
  c('Taxable Value', 'money', 15), c('CGST', 'money', 13), c('SGST', 'money', 13), c('IGST', 'money', 13), c('Cess', 'money', 11),
  c('State Cess', 'money', 11), c('Discount', 'money', 11), c('Other Charges', 'money', 11), c('Round Off', 'money', 9),
  c('Total Invoice Value', 'money', 16), c('Lines', 'number', 7), c('Status', 'text', 11), c('IRN', 'text', 66), c('Ack No', 'text', 17),
  c('Ack Date', 'text', 20), c('IRN Status', 'text', 8), c('Cancel Date', 'text', 20), c('Cancel Reason', 'text', 10),
];

export const LINE_COLUMNS: readonly Column[] = [
  c('Doc Type', 'text', 9), c('Doc No', 'text', 18), c('Doc Date', 'date', 12), c('Buyer GSTIN', 'text', 17), c('Sl No', 'number', 6),
  c('Description', 'text', 34), c('HSN/SAC', 'text', 10), c('Service', 'text', 7), c('Qty', 'number', 10), c('Unit', 'text', 6),
  c('Unit Price', 'money', 13), c('Gross Amount', 'money', 14), c('Discount', 'money', 11), c('Taxable Value', 'money', 14),
  c('GST Rate', 'number', 8), c('CGST', 'money', 12), c('SGST', 'money', 12), c('IGST', 'money', 12), c('Cess', 'money', 11),
  c('State Cess', 'money', 11), c('Other Charges', 'money', 11), c('Item Total', 'money', 14), c('Status', 'text', 11), c('IRN', 'text', 66),
];

const CANCEL_REASONS: Readonly<Record<string, string>> = { '1': 'Duplicate', '2': 'Data entry mistake', '3': 'Order cancelled', '4': 'Others' };

/** The IRP's "yyyy-MM-dd HH:mm:ss" (IST) shown the Indian way, "dd/mm/yyyy hh:mm AM". */
export function istText(irpDateTime: string | undefined): string | null {
  if (!irpDateTime) return null;
  const at = parseIstDateTime(irpDateTime);
  return at ? formatIstForDisplay(at) : irpDateTime;
}

const n = (v: number | null | undefined) => (typeof v === 'number' ? v : 0);

export function docRow(d: ExportDoc): Value[] {
  const p = d.payload;
  const v = p?.ValDtls;
  return [
    d.docType, d.docNo ?? null, formatDocDate(d.docDate), d.sellerGstin, d.buyerGstin ?? null, d.buyerName ?? null,
    p ? String(p.BuyerDtls.Pos) : null, p?.TranDtls.SupTyp ?? null, p ? (p.TranDtls.RegRev === 'Y' ? 'Y' : 'N') : null,
    n(v?.AssVal), n(v?.CgstVal), n(v?.SgstVal), n(v?.IgstVal), n(v?.CesVal), n(v?.StCesVal), n(v?.Discount), n(v?.OthChrg), n(v?.RndOffAmt),
    v ? v.TotInvVal : d.totalPaise / 100, p?.ItemList.length ?? 0, d.status, d.irn ?? null, d.ackNo ?? null, istText(d.ackDt), d.irnStatus ?? null,
    istText(d.cancelDate), d.cancelReason ? (CANCEL_REASONS[d.cancelReason] ?? d.cancelReason) : null,
  ];
}

export function lineRows(d: ExportDoc): Value[][] {
  const p = d.payload;
  if (!p) return [];
  const date = formatDocDate(d.docDate);
  return p.ItemList.map((it) => [
    d.docType, d.docNo ?? null, date, d.buyerGstin ?? null, Number(it.SlNo), it.PrdDesc ?? null, it.HsnCd, it.IsServc, n(it.Qty), it.Unit ?? null,
    it.UnitPrice, it.TotAmt, n(it.Discount), it.AssAmt, it.GstRt, n(it.CgstAmt), n(it.SgstAmt), n(it.IgstAmt), n(it.CesAmt) + n(it.CesNonAdvlAmt),
    n(it.StateCesAmt) + n(it.StateCesNonAdvlAmt), n(it.OthChrg), it.TotItemVal, d.status, d.irn ?? null,
  ]);
}
