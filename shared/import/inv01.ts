/**
 * INV-01 JSON documents (a single document, or the JSON array NIC's bulk upload takes and its
 * Bulk Generation Tool writes: gsp-and-portal.md §4.2, medium confidence) → the editor's drafts.
 * The amounts of the JSON are the "file's" amounts and are checked like a spreadsheet's (check.ts).
 * Members the editor's draft cannot carry are named in a warning, never dropped silently.
 */
import { parseDocDate } from '../dates';
import type { DraftInvoice, DraftLine } from '../einvoice/compute';
import type { Invoice, Item } from '../einvoice/schema';
import type { GivenLine, ImportBusiness, ImportDoc, ImportProblem } from './types';

const paise = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : undefined);
const milli = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Members of an INV-01 document the draft has no place for. */
const NOT_KEPT_ROOT = ['AddlDocDtls'] as const;
const NOT_KEPT_ITEM = ['PreTaxVal', 'OrdLineRef', 'OrgCntry', 'PrdSlNo', 'BchDtls', 'AttribDtls', 'StateCesNonAdvlAmt'] as const;

function notKept(inv: Record<string, unknown>): string[] {
  const out: string[] = NOT_KEPT_ROOT.filter((k) => inv[k] !== undefined && inv[k] !== null);
  const ref = inv.RefDtls;
  if (isObj(ref)) for (const k of ['InvRm', 'DocPerdDtls', 'ContrDtls']) if (ref[k] !== undefined && ref[k] !== null) out.push(`RefDtls.${k}`);
  const val = inv.ValDtls;
  if (isObj(val) && val.TotInvValFc !== undefined && val.TotInvValFc !== null) out.push('ValDtls.TotInvValFc');
  const items = Array.isArray(inv.ItemList) ? inv.ItemList : [];
  for (const k of NOT_KEPT_ITEM) if (items.some((it) => isObj(it) && it[k] !== undefined && it[k] !== null)) out.push(`ItemList[].${k}`);
  return out;
}

function line(it: Item): { line: DraftLine; given: GivenLine } {
  const qty = milli(it.Qty) ?? 1000;
  const price = paise(it.UnitPrice) ?? 0;
  const cessPerUnit = it.CesNonAdvlAmt && qty > 0 ? Math.round(((paise(it.CesNonAdvlAmt) ?? 0) * 1000) / qty) : 0;
  const draft: DraftLine = {
    description: str(it.PrdDesc),
    hsn: str(it.HsnCd),
    isService: it.IsServc === 'Y',
    qtyMilli: qty,
    unitPricePaise: price,
    gstRate: typeof it.GstRt === 'number' ? it.GstRt : 0,
    ...(it.Unit ? { unit: str(it.Unit).toUpperCase() } : {}),
    ...(paise(it.Discount) ? { discountPaise: paise(it.Discount) } : {}),
    ...(it.CesRt ? { cessRate: it.CesRt } : {}),
    ...(cessPerUnit ? { cessNonAdvolPerUnitPaise: cessPerUnit } : {}),
    ...(it.StateCesRt ? { stateCessRate: it.StateCesRt } : {}),
    ...(paise(it.OthChrg) ? { otherChargesPaise: paise(it.OthChrg) } : {}),
    ...(milli(it.FreeQty) ? { freeQtyMilli: milli(it.FreeQty) } : {}),
    ...(it.Barcde ? { barcode: str(it.Barcde) } : {}),
  };
  const given: GivenLine = {};
  const put = (k: keyof GivenLine, v: unknown) => {
    const p = paise(v);
    if (p !== undefined) given[k] = p;
  };
  put('gross', it.TotAmt);
  put('discount', it.Discount);
  put('taxable', it.AssAmt);
  put('igst', it.IgstAmt);
  put('cgst', it.CgstAmt);
  put('sgst', it.SgstAmt);
  put('cess', it.CesAmt);
  put('stateCess', it.StateCesAmt);
  put('other', it.OthChrg);
  put('total', it.TotItemVal);
  return { line: draft, given };
}

/**
 * One INV-01 object as an import document. `position` is 1-based (the "row" of a JSON file's
 * problems). Shape errors are left to the validator, which reports them with their INV-01 paths.
 */
export function inv01ToDoc(value: unknown, index: number, businesses: readonly ImportBusiness[], chosen?: ImportBusiness): ImportDoc {
  const position = index + 1;
  const problems: ImportProblem[] = [];
  const inv = (isObj(value) ? value : {}) as Partial<Invoice> & Record<string, unknown>;
  const docNo = str(inv.DocDtls?.No);
  if (!isObj(value)) problems.push({ row: position, column: '', code: '5002', message: 'Not an INV-01 document (a JSON object was expected)', severity: 'error', docNo });
  const sellerGstin = str(inv.SellerDtls?.Gstin).toUpperCase();
  const business = businesses.find((b) => b.gstin === sellerGstin);
  if (!business) {
    problems.push({ row: position, column: 'SellerDtls.Gstin', code: 'SELLER_UNKNOWN', severity: 'error', docNo, message: `Seller GSTIN ${sellerGstin || '(none)'} is not one of your businesses: add it in Settings first` });
  } else if (chosen && chosen.id !== business.id) {
    problems.push({ row: position, column: 'SellerDtls.Gstin', code: 'SELLER_UNKNOWN', severity: 'error', docNo, message: `Seller GSTIN ${sellerGstin} is not the business chosen for this import (${chosen.gstin})` });
  }
  const dropped = isObj(value) ? notKept(value) : [];
  if (dropped.length > 0) problems.push({ row: position, column: '', code: 'NOT_KEPT', severity: 'warning', docNo, message: `The app's invoice model does not keep ${dropped.join(', ')}; they will not be in the registered document` });

  const items: Item[] = Array.isArray(inv.ItemList) ? inv.ItemList.filter((it): it is Item => isObj(it)) : [];
  const lines = items.map(line);
  const t = inv.TranDtls;
  const d = inv.DocDtls;
  const v = inv.ValDtls;
  const draft: DraftInvoice = {
    docType: (str(d?.Typ).toUpperCase() || 'INV') as DraftInvoice['docType'],
    docNo,
    docDate: str(d?.Dt),
    supplyType: (str(t?.SupTyp).toUpperCase() || 'B2B') as DraftInvoice['supplyType'],
    seller: business?.seller ?? (inv.SellerDtls as DraftInvoice['seller']) ?? { Gstin: '', LglNm: '', Addr1: '', Loc: '', Pin: 0, Stcd: '' },
    buyer: (isObj(inv.BuyerDtls) ? { ...inv.BuyerDtls } : {}) as DraftInvoice['buyer'],
    lines: lines.map((l) => l.line),
    ...(t?.RegRev === 'Y' ? { reverseCharge: true } : {}),
    ...(t?.IgstOnIntra === 'Y' ? { igstOnIntra: true } : {}),
    ...(t?.EcmGstin ? { ecmGstin: t.EcmGstin } : {}),
    ...(isObj(inv.DispDtls) ? { dispatch: { ...inv.DispDtls } } : {}),
    ...(isObj(inv.ShipDtls) ? { shipTo: { ...inv.ShipDtls } } : {}),
    ...(isObj(inv.PayDtls) ? { payment: { ...inv.PayDtls } } : {}),
    ...(isObj(inv.ExpDtls) ? { exportDetails: { ...inv.ExpDtls } } : {}),
    ...(isObj(inv.EwbDtls) ? { ewb: { ...inv.EwbDtls } } : {}),
    ...(paise(v?.Discount) ? { invoiceDiscountPaise: paise(v?.Discount) } : {}),
    ...(paise(v?.OthChrg) ? { invoiceOtherChargesPaise: paise(v?.OthChrg) } : {}),
    ...(inv.RefDtls?.PrecDocDtls?.length ? { precedingDocs: inv.RefDtls.PrecDocDtls.map((r) => ({ InvNo: str(r.InvNo), InvDt: str(r.InvDt) })) } : {}),
    // a total with paise and no round-off was not rounded (see documents.ts roundingOf)
    rounding: (paise(v?.RndOffAmt) ?? 0) === 0 && (paise(v?.TotInvVal) ?? 0) % 100 !== 0 ? 'none' : 'rupee',
  };
  const given = { lines: lines.map((l) => l.given), doc: {} as ImportDoc['given']['doc'] };
  for (const [k, m] of [['taxable', 'AssVal'], ['igst', 'IgstVal'], ['cgst', 'CgstVal'], ['sgst', 'SgstVal'], ['roundOff', 'RndOffAmt'], ['total', 'TotInvVal']] as const) {
    const p = paise(v?.[m]);
    if (p !== undefined) given.doc[k] = p;
  }
  const isoDate = parseDocDate(draft.docDate);
  return {
    index,
    ...(business ? { businessId: business.id } : {}),
    draft,
    ...(isoDate ? { isoDate } : {}),
    given,
    firstRow: position,
    lineRows: items.map(() => position),
    problems,
  };
}

/** A JSON file's problems point at the document's position and the INV-01 path. */
export function locateJson(doc: ImportDoc, path: string): { row: number; column: string } {
  return { row: doc.firstRow, column: path };
}
