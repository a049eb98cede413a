/**
 * Tax computation: from the lines a user types to an INV-01 payload that passes the IRP's
 * arithmetic. Everything is integer paise (money) and thousandths (quantities).
 *
 * The one rounding rule: every product (quantity × price, value × rate) is rounded half away
 * from zero to the nearest paisa, once, at the line, separately for each tax head (CGST and SGST
 * are each half the rate on the taxable value, so they are always equal). Document totals are
 * sums of the rounded line amounts. With `rounding: 'rupee'` (the default) the invoice total is
 * rounded half up to the whole rupee and RndOffAmt carries the difference (at most ±₹0.50).
 */
import { normaliseStateCode } from '../gst/states';
import { fromMilli, fromPaise, mulDivRound } from '../money';
import type {
  BuyerDtls, DispDtls, DocType, EwbDtls, ExpDtls, Invoice, Item, PayDtls, SellerDtls, ShipDtls, SupplyType,
} from './schema';

export interface DraftLine {
  description: string;
  /** HSN (goods) or SAC (services) code. */
  hsn: string;
  isService: boolean;
  /** Quantity in thousandths (1.5 units = 1500). */
  qtyMilli: number;
  /** UQC unit code (required for goods). */
  unit?: string;
  unitPricePaise: number;
  discountPaise?: number;
  /** GST rate in percent (IGST rate, or CGST + SGST together). */
  gstRate: number;
  /** Ad-valorem compensation cess, percent. */
  cessRate?: number;
  /** Specific (non-ad-valorem) cess per unit, in paise. */
  cessNonAdvolPerUnitPaise?: number;
  stateCessRate?: number;
  otherChargesPaise?: number;
  freeQtyMilli?: number;
  barcode?: string;
}

export interface DraftInvoice {
  docType: DocType;
  docNo: string;
  /** dd/mm/yyyy */
  docDate: string;
  supplyType: SupplyType;
  reverseCharge?: boolean;
  igstOnIntra?: boolean;
  ecmGstin?: string;
  seller: SellerDtls;
  buyer: BuyerDtls;
  dispatch?: DispDtls;
  shipTo?: ShipDtls;
  lines: DraftLine[];
  invoiceDiscountPaise?: number;
  invoiceOtherChargesPaise?: number;
  /** 'rupee' (default) rounds the total to whole rupees; 'none' keeps paise. */
  rounding?: 'rupee' | 'none';
  precedingDocs?: Array<{ InvNo: string; InvDt: string }>;
  payment?: PayDtls;
  exportDetails?: ExpDtls;
  ewb?: EwbDtls;
}

export interface LineTotals {
  grossPaise: number;
  discountPaise: number;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  cessPaise: number;
  cessNonAdvolPaise: number;
  stateCessPaise: number;
  otherChargesPaise: number;
  totalPaise: number;
}

export interface InvoiceTotals {
  /** 'intra': CGST + SGST; 'inter': IGST. */
  heads: 'intra' | 'inter';
  lines: LineTotals[];
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  /** Ad-valorem plus specific cess (ValDtls.CesVal). */
  cessPaise: number;
  stateCessPaise: number;
  itemsTotalPaise: number;
  invoiceDiscountPaise: number;
  invoiceOtherChargesPaise: number;
  roundOffPaise: number;
  totalPaise: number;
}

const rateMilli = (percent: number | undefined) => Math.round((percent ?? 0) * 1000);

/** Whether CGST + SGST apply (else IGST): the IRP's rule of seller state vs place of supply. */
export function taxHeads(d: Pick<DraftInvoice, 'supplyType' | 'igstOnIntra' | 'seller' | 'buyer'>): 'intra' | 'inter' {
  const domestic = d.supplyType === 'B2B' || d.supplyType === 'DEXP';
  const same = normaliseStateCode(d.seller.Stcd) !== undefined && normaliseStateCode(d.seller.Stcd) === normaliseStateCode(d.buyer.Pos);
  return domestic && same && !d.igstOnIntra ? 'intra' : 'inter';
}

export function computeLine(line: DraftLine, heads: 'intra' | 'inter', igstWaived: boolean): LineTotals {
  const gross = mulDivRound(line.qtyMilli, line.unitPricePaise, 1000);
  const discount = line.discountPaise ?? 0;
  const taxable = gross - discount;
  const rate = rateMilli(line.gstRate);
  const half = heads === 'intra' ? mulDivRound(taxable, rate, 200_000) : 0;
  const igst = heads === 'inter' && !igstWaived ? mulDivRound(taxable, rate, 100_000) : 0;
  const cess = mulDivRound(taxable, rateMilli(line.cessRate), 100_000);
  const cessNonAdvol = mulDivRound(line.qtyMilli, line.cessNonAdvolPerUnitPaise ?? 0, 1000);
  const stateCess = mulDivRound(taxable, rateMilli(line.stateCessRate), 100_000);
  const other = line.otherChargesPaise ?? 0;
  return {
    grossPaise: gross,
    discountPaise: discount,
    taxablePaise: taxable,
    cgstPaise: half,
    sgstPaise: half,
    igstPaise: igst,
    cessPaise: cess,
    cessNonAdvolPaise: cessNonAdvol,
    stateCessPaise: stateCess,
    otherChargesPaise: other,
    totalPaise: taxable + half + half + igst + cess + cessNonAdvol + stateCess + other,
  };
}

/** Live totals for the editor and the payload builder alike. */
export function computeTotals(d: DraftInvoice): InvoiceTotals {
  const heads = taxHeads(d);
  const igstWaived = d.supplyType === 'EXPWOP' || d.supplyType === 'SEZWOP';
  const lines = d.lines.map((l) => computeLine(l, heads, igstWaived));
  const sum = (pick: (l: LineTotals) => number) => lines.reduce((acc, l) => acc + pick(l), 0);
  const itemsTotal = sum((l) => l.totalPaise);
  const discount = d.invoiceDiscountPaise ?? 0;
  const other = d.invoiceOtherChargesPaise ?? 0;
  const beforeRounding = itemsTotal - discount + other;
  const total = (d.rounding ?? 'rupee') === 'rupee' ? mulDivRound(beforeRounding, 1, 100) * 100 : beforeRounding;
  return {
    heads,
    lines,
    taxablePaise: sum((l) => l.taxablePaise),
    cgstPaise: sum((l) => l.cgstPaise),
    sgstPaise: sum((l) => l.sgstPaise),
    igstPaise: sum((l) => l.igstPaise),
    cessPaise: sum((l) => l.cessPaise + l.cessNonAdvolPaise),
    stateCessPaise: sum((l) => l.stateCessPaise),
    itemsTotalPaise: itemsTotal,
    invoiceDiscountPaise: discount,
    invoiceOtherChargesPaise: other,
    roundOffPaise: total - beforeRounding,
    totalPaise: total,
  };
}

function toItem(line: DraftLine, t: LineTotals, index: number): Item {
  const item: Item = {
    SlNo: String(index + 1),
    PrdDesc: line.description,
    IsServc: line.isService ? 'Y' : 'N',
    HsnCd: line.hsn,
    Qty: fromMilli(line.qtyMilli),
    UnitPrice: fromPaise(line.unitPricePaise),
    TotAmt: fromPaise(t.grossPaise),
    Discount: fromPaise(t.discountPaise),
    AssAmt: fromPaise(t.taxablePaise),
    GstRt: line.gstRate,
    IgstAmt: fromPaise(t.igstPaise),
    CgstAmt: fromPaise(t.cgstPaise),
    SgstAmt: fromPaise(t.sgstPaise),
    CesRt: line.cessRate ?? 0,
    CesAmt: fromPaise(t.cessPaise),
    CesNonAdvlAmt: fromPaise(t.cessNonAdvolPaise),
    TotItemVal: fromPaise(t.totalPaise),
  };
  if (line.unit) item.Unit = line.unit.toUpperCase();
  if (line.freeQtyMilli) item.FreeQty = fromMilli(line.freeQtyMilli);
  if (line.barcode) item.Barcde = line.barcode;
  if (line.stateCessRate) {
    item.StateCesRt = line.stateCessRate;
    item.StateCesAmt = fromPaise(t.stateCessPaise);
  }
  if (t.otherChargesPaise) item.OthChrg = fromPaise(t.otherChargesPaise);
  return item;
}

/** The INV-01 payload for a draft: the exact JSON the IRP will be sent. Shares no object with the draft. */
export function buildPayload(d: DraftInvoice): Invoice {
  const t = computeTotals(d);
  const inv: Invoice = {
    Version: '1.1',
    TranDtls: {
      TaxSch: 'GST',
      SupTyp: d.supplyType,
      RegRev: d.reverseCharge ? 'Y' : 'N',
      ...(d.ecmGstin ? { EcmGstin: d.ecmGstin } : {}),
      ...(d.igstOnIntra ? { IgstOnIntra: 'Y' as const } : {}),
    },
    DocDtls: { Typ: d.docType, No: d.docNo, Dt: d.docDate },
    SellerDtls: { ...d.seller },
    BuyerDtls: { ...d.buyer },
    ItemList: d.lines.map((l, i) => toItem(l, t.lines[i] as LineTotals, i)),
    ValDtls: {
      AssVal: fromPaise(t.taxablePaise),
      CgstVal: fromPaise(t.cgstPaise),
      SgstVal: fromPaise(t.sgstPaise),
      IgstVal: fromPaise(t.igstPaise),
      CesVal: fromPaise(t.cessPaise),
      StCesVal: fromPaise(t.stateCessPaise),
      Discount: fromPaise(t.invoiceDiscountPaise),
      OthChrg: fromPaise(t.invoiceOtherChargesPaise),
      RndOffAmt: fromPaise(t.roundOffPaise),
      TotInvVal: fromPaise(t.totalPaise),
    },
  };
  if (d.dispatch) inv.DispDtls = { ...d.dispatch };
  if (d.shipTo) inv.ShipDtls = { ...d.shipTo };
  if (d.payment) inv.PayDtls = { ...d.payment };
  if (d.precedingDocs?.length) inv.RefDtls = { PrecDocDtls: d.precedingDocs.map((r) => ({ ...r })) };
  if (d.exportDetails) inv.ExpDtls = { ...d.exportDetails };
  if (d.ewb) inv.EwbDtls = { ...d.ewb };
  return inv;
}
