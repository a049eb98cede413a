/**
 * Checks an imported document with the IRP's rules: the same validator as the editor and the CLI
 * (shared/einvoice/validate.ts), run on the document *as the file wrote it*. Amounts the file gave
 * are put into the payload in place of the computed ones (and whatever depends on them is computed
 * from them), so a written IGST that does not match 18 % of the written taxable value fails with
 * the IRP's own 2235 at that row's IGST column. Nothing is silently replaced: an amount that is
 * within the IRP's tolerance but not equal to the computation is reported as a warning saying what
 * the invoice will carry.
 */
import { buildPayload, taxHeads } from '../einvoice/compute';
import { cessAmountsMatchRate, percentOf, taxAmountsMatchRate } from '../einvoice/rules/arithmetic';
import { buildContext, rupees, type ValidationOptions } from '../einvoice/rules/context';
import type { Invoice, Item } from '../einvoice/schema';
import { validateInvoice } from '../einvoice/validate';
import { Findings, type Violation } from '../einvoice/violations';
import { fromPaise } from '../money';
import type { FieldId } from './fields';
import type { GivenLine, ImportDoc, ImportProblem } from './types';

const P = (rupeesValue: number | null | undefined) => Math.round((rupeesValue ?? 0) * 100);

/** The payload with the file's amounts where it wrote them; dependent amounts follow from those. */
export function asWritten(doc: ImportDoc, computed: Invoice = buildPayload(doc.draft)): Invoice {
  const inv = structuredClone(computed);
  const intra = taxHeads(doc.draft) === 'intra';
  const waived = doc.draft.supplyType === 'EXPWOP' || doc.draft.supplyType === 'SEZWOP';
  inv.ItemList.forEach((it, i) => writeLine(it, doc.given.lines[i] ?? {}, intra, waived));
  const v = inv.ValDtls;
  const sum = (pick: (it: Item) => number | null | undefined) => inv.ItemList.reduce((acc, it) => acc + P(pick(it)), 0);
  const g = doc.given.doc;
  v.AssVal = fromPaise(g.taxable ?? sum((it) => it.AssAmt));
  v.IgstVal = fromPaise(g.igst ?? sum((it) => it.IgstAmt));
  v.CgstVal = fromPaise(g.cgst ?? sum((it) => it.CgstAmt));
  v.SgstVal = fromPaise(g.sgst ?? sum((it) => it.SgstAmt));
  v.CesVal = fromPaise(sum((it) => it.CesAmt) + sum((it) => it.CesNonAdvlAmt));
  v.StCesVal = fromPaise(sum((it) => it.StateCesAmt));
  const beforeRounding = sum((it) => it.TotItemVal) - P(v.Discount) + P(v.OthChrg);
  const rounded = (doc.draft.rounding ?? 'rupee') === 'rupee' ? Math.round(beforeRounding / 100) * 100 : beforeRounding;
  if (g.roundOff !== undefined) v.RndOffAmt = fromPaise(g.roundOff);
  else if (g.total !== undefined) v.RndOffAmt = fromPaise(Math.max(-99_99, Math.min(99_99, rounded - beforeRounding)));
  else v.RndOffAmt = fromPaise(rounded - beforeRounding);
  v.TotInvVal = fromPaise(g.total ?? beforeRounding + P(v.RndOffAmt));
  return inv;
}

function writeLine(it: Item, g: GivenLine, intra: boolean, waived: boolean): void {
  if (g.gross !== undefined) it.TotAmt = fromPaise(g.gross);
  if (g.discount !== undefined) it.Discount = fromPaise(g.discount);
  const ass = g.taxable ?? P(it.TotAmt) - P(it.Discount);
  it.AssAmt = fromPaise(ass);
  if (intra) {
    const half = percentOf(ass, it.GstRt, true);
    it.CgstAmt = fromPaise(g.cgst ?? half);
    it.SgstAmt = fromPaise(g.sgst ?? half);
    if (g.igst !== undefined) it.IgstAmt = fromPaise(g.igst);
  } else {
    // a supply without payment (EXPWOP/SEZWOP) carries no IGST unless the file wrote one
    it.IgstAmt = fromPaise(g.igst ?? (waived ? 0 : percentOf(ass, it.GstRt)));
    if (g.cgst !== undefined) it.CgstAmt = fromPaise(g.cgst);
    if (g.sgst !== undefined) it.SgstAmt = fromPaise(g.sgst);
  }
  it.CesAmt = fromPaise(g.cess ?? percentOf(ass, it.CesRt ?? 0));
  if (g.stateCess !== undefined || it.StateCesRt) it.StateCesAmt = fromPaise(g.stateCess ?? percentOf(ass, it.StateCesRt ?? 0));
  if (g.other !== undefined) it.OthChrg = fromPaise(g.other);
  const taxes = P(it.IgstAmt) + P(it.CgstAmt) + P(it.SgstAmt) + P(it.CesAmt) + P(it.CesNonAdvlAmt) + P(it.StateCesAmt) + P(it.StateCesNonAdvlAmt);
  it.TotItemVal = fromPaise(g.total ?? ass + taxes + P(it.OthChrg));
}

export interface DocumentCheck {
  errors: Violation[];
  warnings: Violation[];
  /** The payload that will be stored and registered (computed from the draft). */
  payload: Invoice;
}

/**
 * The validator's verdict on the document as written. Credit and debit notes: the IRP does not
 * recompute their tax (irp-protocol.md §6.1), but an import still checks the file's tax amounts
 * against the rate with the same arithmetic rules, because the stored note is computed.
 */
export function checkDocument(doc: ImportDoc, options: ValidationOptions): DocumentCheck {
  const payload = buildPayload(doc.draft);
  const written = asWritten(doc, payload);
  const report = validateInvoice(written, options);
  const errors = [...report.errors];
  const warnings = [...report.warnings];
  if (doc.draft.docType !== 'INV' && errors.every((e) => e.code !== '5002')) {
    const extra = new Findings();
    const ctx = { ...buildContext(written, options), isNote: false };
    taxAmountsMatchRate(ctx, extra);
    cessAmountsMatchRate(ctx, extra);
    for (const e of extra.errors) if (!errors.some((x) => x.code === e.code && x.path === e.path)) errors.push(e);
  }
  // differences matter only for a document that will be imported, and only where the file wrote an amount
  if (errors.length === 0) warnings.push(...adjustments(doc, written, payload));
  return { errors, warnings, payload };
}

const AMOUNTS: ReadonlyArray<[keyof GivenLine, keyof Item, string]> = [
  ['gross', 'TotAmt', 'gross amount'], ['taxable', 'AssAmt', 'taxable value'], ['igst', 'IgstAmt', 'IGST'], ['cgst', 'CgstAmt', 'CGST'],
  ['sgst', 'SgstAmt', 'SGST'], ['cess', 'CesAmt', 'cess'], ['stateCess', 'StateCesAmt', 'state cess'], ['total', 'TotItemVal', 'line total'],
];

/** Amounts the file wrote that differ (within tolerance, else they are errors) from what will be stored. */
function adjustments(doc: ImportDoc, written: Invoice, stored: Invoice): Violation[] {
  const out: Violation[] = [];
  written.ItemList.forEach((it, i) => {
    const s = stored.ItemList[i];
    const given = doc.given.lines[i] ?? {};
    if (!s) return;
    for (const [g, key, what] of AMOUNTS) {
      if (given[g] === undefined) continue;
      const a = P(it[key] as number | undefined);
      const b = P(s[key] as number | undefined);
      if (a !== b) out.push({ code: 'ADJUSTED', path: `ItemList[${i}].${key}`, message: `The file's ${what} ${rupees(a)} differs from the computed ${rupees(b)}; the invoice will carry ${rupees(b)} (within the IRP's ₹1 tolerance)` });
    }
  });
  const a = P(written.ValDtls.TotInvVal);
  const b = P(stored.ValDtls.TotInvVal);
  if (doc.given.doc.total !== undefined && a !== b) out.push({ code: 'ADJUSTED', path: 'ValDtls.TotInvVal', message: `The file's invoice total ${rupees(a)} differs from the computed ${rupees(b)}; the invoice will carry ${rupees(b)} (within the IRP's ₹1 tolerance)` });
  return out;
}

const ITEM_FIELDS: Readonly<Record<string, FieldId>> = {
  PrdDesc: 'description', HsnCd: 'hsn', IsServc: 'isService', Barcde: 'barcode', Qty: 'qty', FreeQty: 'freeQty', Unit: 'unit',
  UnitPrice: 'unitPrice', TotAmt: 'grossAmount', Discount: 'discount', AssAmt: 'taxableValue', GstRt: 'gstRate', IgstAmt: 'igstAmount',
  CgstAmt: 'cgstAmount', SgstAmt: 'sgstAmount', CesRt: 'cessRate', CesAmt: 'cessAmount', StateCesRt: 'stateCessRate',
  StateCesAmt: 'stateCessAmount', OthChrg: 'otherCharges', TotItemVal: 'lineTotal', SlNo: 'hsn',
};

const DOC_PATHS: Readonly<Record<string, FieldId>> = {
  'DocDtls.Typ': 'docType', 'DocDtls.No': 'docNo', 'DocDtls.Dt': 'docDate', 'TranDtls.SupTyp': 'supplyType', 'TranDtls.RegRev': 'reverseCharge',
  'TranDtls.IgstOnIntra': 'igstOnIntra', 'TranDtls.EcmGstin': 'ecmGstin', 'BuyerDtls.Gstin': 'buyerGstin', 'BuyerDtls.LglNm': 'buyerName',
  'BuyerDtls.TrdNm': 'buyerTradeName', 'BuyerDtls.Pos': 'placeOfSupply', 'BuyerDtls.Addr1': 'buyerAddress1', 'BuyerDtls.Addr2': 'buyerAddress2',
  'BuyerDtls.Loc': 'buyerCity', 'BuyerDtls.Pin': 'buyerPin', 'BuyerDtls.Stcd': 'buyerState', 'BuyerDtls.Ph': 'buyerPhone', 'BuyerDtls.Em': 'buyerEmail',
  'ValDtls.AssVal': 'totalTaxableValue', 'ValDtls.IgstVal': 'totalIgst', 'ValDtls.CgstVal': 'totalCgst', 'ValDtls.SgstVal': 'totalSgst',
  'ValDtls.TotInvVal': 'totalInvoiceValue', 'ValDtls.RndOffAmt': 'roundOff', 'ValDtls.Discount': 'invoiceDiscount', 'ValDtls.OthChrg': 'invoiceOtherCharges',
  'ExpDtls.Port': 'portCode', 'ExpDtls.ShipBNo': 'shippingBillNo', 'ExpDtls.ShipBDt': 'shippingBillDate', 'ExpDtls.ForCur': 'foreignCurrency',
  'ExpDtls.CntCode': 'countryCode', 'SellerDtls.Gstin': 'sellerGstin',
};

/** Fallbacks when the field a path names has no column: the column the value was derived from. */
const FALLBACK: Partial<Record<FieldId, FieldId[]>> = {
  buyerState: ['buyerGstin', 'placeOfSupply'], placeOfSupply: ['buyerState', 'buyerGstin'], grossAmount: ['taxableValue', 'unitPrice'],
  unitPrice: ['taxableValue', 'grossAmount'], qty: ['taxableValue'], igstAmount: ['gstRate'], cgstAmount: ['gstRate'], sgstAmount: ['gstRate'],
  lineTotal: ['taxableValue'], totalInvoiceValue: ['taxableValue'], totalTaxableValue: ['taxableValue'],
};

/** Where a validator path points in a row-based file: the line's row and the field's column. */
export function locate(doc: ImportDoc, path: string, columns: Partial<Record<FieldId, string>>): { row: number; column: string } {
  const item = /^ItemList\[(\d+)\]\.(\w+)/.exec(path);
  const field = item ? ITEM_FIELDS[item[2] ?? ''] : DOC_PATHS[path.replace(/\[\d+\]/g, '')] ?? (path.startsWith('RefDtls') ? (path.endsWith('InvDt') ? 'originalInvoiceDate' : 'originalInvoiceNo') : undefined);
  const row = item ? (doc.lineRows[Number(item[1])] ?? doc.firstRow) : doc.firstRow;
  if (!field) return { row, column: '' };
  const column = columns[field] ?? (FALLBACK[field] ?? []).map((f) => columns[f]).find((c) => c !== undefined) ?? '';
  return { row, column };
}

/**
 * A document's problems for the preview: what reading found, then the validator's findings. A
 * spreadsheet's problem names its column (a JSON file's, its INV-01 path); when no column is at
 * fault the path is added to the message, so the user still learns which field it is.
 */
export function problemsOf(doc: ImportDoc, check: DocumentCheck, where: (path: string) => { row: number; column: string }): ImportProblem[] {
  const docNo = doc.draft.docNo;
  const out = [...doc.problems];
  for (const [list, severity] of [[check.errors, 'error'], [check.warnings, 'warning']] as const) {
    for (const v of list) {
      const at = where(v.path);
      out.push({ ...at, code: v.code, message: !at.column && v.path ? `${v.message} (${v.path})` : v.message, severity, docNo });
    }
  }
  return out;
}
