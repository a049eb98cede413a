/**
 * What every business rule sees: the invoice, the caller's inputs (profile, "today", seller facts,
 * masters) and a few facts derived once (supply type, intra/inter-state, document date).
 */
import { parseDocDate, type IsoDate } from '../../dates';
import { normaliseStateCode } from '../../gst/states';
import type { HsnMaster } from '../../gst/hsn';
import { toPaise } from '../../money';
import type { DocType, Invoice, Item, SupplyType } from '../schema';

export type ValidationProfile = 'production' | 'sandbox';

/** What the GSTIN master says about a taxpayer (the practice IRP's master, or a cached lookup). */
export interface TaxpayerInfo {
  gstin: string;
  /** ACT active, CNL cancelled, INA inactive, PRO provisional, SUS suspended. */
  status: 'ACT' | 'CNL' | 'INA' | 'PRO' | 'SUS';
  /** REG, SEZ (unit or developer), TCS (e-commerce operator), UIN, ... */
  txpType: string;
  registeredOn?: IsoDate | null;
  deregisteredOn?: IsoDate | null;
  blocked?: boolean;
}

export interface SellerFacts {
  /** Aggregate annual turnover in crore rupees (drives the 30-day limit and 6-digit HSN). */
  aatoCrore?: number;
  /** The date from which the seller must e-invoice. */
  einvoiceStartDate?: IsoDate;
}

export interface ValidationOptions {
  /** production: GSTIN check digits enforced; sandbox: NIC's test GSTINs pass with a warning. */
  profile: ValidationProfile;
  /** Today's date in IST ("YYYY-MM-DD"); never read from the clock here. */
  today: IsoDate;
  seller?: SellerFacts;
  /** The GST HSN/SAC master; without it HSN existence is not checked (and a warning says so). */
  hsn?: HsnMaster;
  /** A GSTIN master lookup; undefined means "not known to the master". Omit to skip status rules. */
  taxpayers?: (gstin: string) => TaxpayerInfo | undefined;
  /** The GstRt master (default GST_RATES). */
  gstRates?: readonly number[];
  /** Enforce TotAmt = Qty × UnitPrice (2192), which NIC has "temporarily withdrawn" (default: warn). */
  enforceTotAmt?: boolean;
}

/** An item's money in paise, computed once for all arithmetic rules. */
export interface ItemPaise {
  tot: number;
  discount: number;
  ass: number;
  igst: number;
  cgst: number;
  sgst: number;
  cess: number;
  cessNonAdvl: number;
  stateCess: number;
  stateCessNonAdvl: number;
  other: number;
  total: number;
}

export interface RuleContext {
  inv: Invoice;
  opts: ValidationOptions;
  supTyp: SupplyType;
  docTyp: DocType;
  /** The document date as ISO, when it parses. */
  docDate: IsoDate | undefined;
  sellerState: string | undefined;
  pos: string | undefined;
  /** CGST+SGST apply: B2B/DEXP with seller state = place of supply and no IgstOnIntra. */
  intra: boolean;
  isExport: boolean;
  isSez: boolean;
  /** Credit and debit notes: the IRP does not re-compute their tax amounts (§6.1). */
  isNote: boolean;
  reverseCharge: boolean;
  igstOnIntra: boolean;
  items: Item[];
  itemPaise: ItemPaise[];
}

const p = (v: number | null | undefined): number => (typeof v === 'number' ? toPaise(v) : 0);

export function itemPaise(item: Item): ItemPaise {
  return {
    tot: p(item.TotAmt),
    discount: p(item.Discount),
    ass: p(item.AssAmt),
    igst: p(item.IgstAmt),
    cgst: p(item.CgstAmt),
    sgst: p(item.SgstAmt),
    cess: p(item.CesAmt),
    cessNonAdvl: p(item.CesNonAdvlAmt),
    stateCess: p(item.StateCesAmt),
    stateCessNonAdvl: p(item.StateCesNonAdvlAmt),
    other: p(item.OthChrg),
    total: p(item.TotItemVal),
  };
}

export function buildContext(inv: Invoice, opts: ValidationOptions): RuleContext {
  const supTyp = String(inv.TranDtls?.SupTyp ?? '').toUpperCase() as SupplyType;
  const docTyp = String(inv.DocDtls?.Typ ?? '').toUpperCase() as DocType;
  const sellerState = normaliseStateCode(inv.SellerDtls?.Stcd);
  const pos = normaliseStateCode(inv.BuyerDtls?.Pos);
  const isExport = supTyp === 'EXPWP' || supTyp === 'EXPWOP';
  const isSez = supTyp === 'SEZWP' || supTyp === 'SEZWOP';
  const igstOnIntra = inv.TranDtls?.IgstOnIntra === 'Y';
  const intra = !isExport && !isSez && !igstOnIntra && sellerState !== undefined && sellerState === pos;
  const items = Array.isArray(inv.ItemList) ? inv.ItemList : [];
  return {
    inv,
    opts,
    supTyp,
    docTyp,
    docDate: typeof inv.DocDtls?.Dt === 'string' ? parseDocDate(inv.DocDtls.Dt) : undefined,
    sellerState,
    pos,
    intra,
    isExport,
    isSez,
    isNote: docTyp === 'CRN' || docTyp === 'DBN',
    reverseCharge: inv.TranDtls?.RegRev === 'Y',
    igstOnIntra,
    items,
    itemPaise: items.map(itemPaise),
  };
}

/**
 * The IRP's ₹1 tolerance: for a calculated value c, a passed value in [floor(c) − 1, ceil(c) + 1]
 * rupees is accepted (§6.1). Both arguments in paise.
 */
export function withinTolerance(passed: number, calculated: number): boolean {
  const lo = Math.floor(calculated / 100) * 100 - 100;
  const hi = Math.ceil(calculated / 100) * 100 + 100;
  return passed >= lo && passed <= hi;
}

/** Rupees from paise for messages: 1234567 → "12345.67". */
export function rupees(paise: number): string {
  return (paise / 100).toFixed(2);
}
