/**
 * The GSTR-1 view of what was registered (issue 14), in the column layout of the GST offline tool's
 * Excel template: b2b (4A, 4B, 6B, 6C), cdnr (9B registered), cdnur (9B unregistered: export notes),
 * exp (6A) and the HSN summary. Only documents with an active IRN go in: a cancelled IRN is not a
 * supply (it stays visible in the register). One row per document and GST rate, as the template
 * has it. Headers and value formats follow the template as public exports of it show them
 * (dd-Mon-yyyy dates, "29-Karnataka" places of supply, NOS-NUMBERS units): inferred, not from
 * GSTN's own documentation, which could not be reached here.
 */
import { stateName } from '../gst/states';
import { UQC } from '../gst/units';
import type { Invoice } from '../einvoice/schema';
import type { ExportDoc, Value } from './register-rows';

export type Gstr1Table = 'b2b' | 'cdnr' | 'cdnur' | 'exp' | 'hsn';

export const GSTR1_HEADERS: Readonly<Record<Gstr1Table, readonly string[]>> = {
  b2b: ['GSTIN/UIN of Recipient', 'Receiver Name', 'Invoice Number', 'Invoice date', 'Invoice Value', 'Place Of Supply', 'Reverse Charge', 'Applicable % of Tax Rate', 'Invoice Type', 'E-Commerce GSTIN', 'Rate', 'Taxable Value', 'Cess Amount'],
  cdnr: ['GSTIN/UIN of Recipient', 'Receiver Name', 'Note Number', 'Note Date', 'Note Type', 'Place Of Supply', 'Reverse Charge', 'Note Supply Type', 'Note Value', 'Applicable % of Tax Rate', 'Rate', 'Taxable Value', 'Cess Amount'],
  cdnur: ['UR Type', 'Note Number', 'Note Date', 'Note Type', 'Place Of Supply', 'Note Value', 'Applicable % of Tax Rate', 'Rate', 'Taxable Value', 'Cess Amount'],
  exp: ['Export Type', 'Invoice Number', 'Invoice date', 'Invoice Value', 'Port Code', 'Shipping Bill Number', 'Shipping Bill Date', 'Rate', 'Taxable Value', 'Cess Amount'],
  hsn: ['HSN', 'Description', 'UQC', 'Total Quantity', 'Total Value', 'Rate', 'Taxable Value', 'Integrated Tax Amount', 'Central Tax Amount', 'State/UT Tax Amount', 'Cess Amount'],
};

/** The template's sheet names (its HSN table for B2B supplies is "hsn(b2b)"). */
export const GSTR1_SHEETS: Readonly<Record<Gstr1Table, string>> = { b2b: 'b2b', cdnr: 'cdnr', cdnur: 'cdnur', exp: 'exp', hsn: 'hsn(b2b)' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-05" or "05/11/2026" → "05-Nov-2026", the template's date format. */
export function gstr1Date(date: string | null | undefined): string | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) ?? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  if (!m) return date;
  const [y, mo, d] = date.includes('/') ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  return `${d}-${MONTHS[Number(mo) - 1] ?? mo}-${y}`;
}

export function placeOfSupply(code: string | number | undefined): string | null {
  if (code === undefined) return null;
  const c = String(code).padStart(2, '0');
  return `${c}-${stateName(c) ?? ''}`;
}

const SUPPLY_LABEL: Readonly<Record<string, string>> = {
  B2B: 'Regular B2B', SEZWP: 'SEZ supplies with payment', SEZWOP: 'SEZ supplies without payment', DEXP: 'Deemed Exp',
};

function invoiceType(p: Invoice): string {
  if (p.TranDtls.SupTyp === 'B2B' && p.TranDtls.IgstOnIntra === 'Y') return 'Intra-State supplies attracting IGST';
  return SUPPLY_LABEL[p.TranDtls.SupTyp] ?? 'Regular B2B';
}

const paise = (v: number | null | undefined) => Math.round((v ?? 0) * 100);
const rupees = (p: number) => p / 100;

/** Taxable value and cess of a document per GST rate, in the order the rates first appear. */
function byRate(p: Invoice): Array<{ rate: number; taxable: number; cess: number }> {
  const out = new Map<number, { rate: number; taxable: number; cess: number }>();
  for (const it of p.ItemList) {
    const r = out.get(it.GstRt) ?? { rate: it.GstRt, taxable: 0, cess: 0 };
    r.taxable += paise(it.AssAmt);
    r.cess += paise(it.CesAmt) + paise(it.CesNonAdvlAmt);
    out.set(it.GstRt, r);
  }
  return [...out.values()];
}

export type Gstr1Rows = Record<Gstr1Table, Value[][]>;

/** Adds one registered document to the tables (HSN totals accumulate in `hsn`). */
export function addToGstr1(rows: Gstr1Rows, hsn: HsnSummary, d: ExportDoc): void {
  const p = d.payload;
  if (!p || d.irnStatus === 'CNL' || d.status !== 'registered') return;
  const value = p.ValDtls.TotInvVal;
  const pos = placeOfSupply(p.BuyerDtls.Pos);
  const rc = p.TranDtls.RegRev === 'Y' ? 'Y' : 'N';
  const exportSupply = p.TranDtls.SupTyp === 'EXPWP' || p.TranDtls.SupTyp === 'EXPWOP';
  const exportType = p.TranDtls.SupTyp === 'EXPWP' ? 'WPAY' : 'WOPAY';
  for (const r of byRate(p)) {
    const tail = [r.rate, rupees(r.taxable), rupees(r.cess)];
    if (p.DocDtls.Typ === 'INV') {
      if (exportSupply) rows.exp.push([exportType, p.DocDtls.No, gstr1Date(p.DocDtls.Dt), value, p.ExpDtls?.Port ?? null, p.ExpDtls?.ShipBNo ?? null, gstr1Date(p.ExpDtls?.ShipBDt), ...tail]);
      else rows.b2b.push([p.BuyerDtls.Gstin, p.BuyerDtls.LglNm, p.DocDtls.No, gstr1Date(p.DocDtls.Dt), value, pos, rc, null, invoiceType(p), p.TranDtls.EcmGstin ?? null, ...tail]);
    } else {
      const type = p.DocDtls.Typ === 'CRN' ? 'C' : 'D';
      if (exportSupply || p.BuyerDtls.Gstin === 'URP') rows.cdnur.push([exportSupply ? (exportType === 'WPAY' ? 'EXPWP' : 'EXPWOP') : 'B2CL', p.DocDtls.No, gstr1Date(p.DocDtls.Dt), type, pos, value, null, ...tail]);
      else rows.cdnr.push([p.BuyerDtls.Gstin, p.BuyerDtls.LglNm, p.DocDtls.No, gstr1Date(p.DocDtls.Dt), type, pos, rc, invoiceType(p), value, null, ...tail]);
    }
  }
  hsn.add(p);
}

/**
 * The HSN summary: by HSN, unit and rate. Credit notes reduce the figures and debit notes add, as
 * the return nets them.
 */
export class HsnSummary {
  private readonly rows = new Map<string, { hsn: string; desc: string; uqc: string; rate: number; qty: number; value: number; taxable: number; igst: number; cgst: number; sgst: number; cess: number }>();

  add(p: Invoice): void {
    const sign = p.DocDtls.Typ === 'CRN' ? -1 : 1;
    for (const it of p.ItemList) {
      const uqc = it.IsServc === 'Y' ? 'NA' : `${(it.Unit ?? 'OTH').toUpperCase()}-${(UQC[(it.Unit ?? 'OTH').toUpperCase()] ?? 'OTHERS').toUpperCase()}`;
      const key = `${it.HsnCd}|${uqc}|${it.GstRt}`;
      const r = this.rows.get(key) ?? { hsn: it.HsnCd, desc: it.PrdDesc ?? '', uqc, rate: it.GstRt, qty: 0, value: 0, taxable: 0, igst: 0, cgst: 0, sgst: 0, cess: 0 };
      r.qty += sign * Math.round((it.Qty ?? 0) * 1000);
      r.value += sign * paise(it.TotItemVal);
      r.taxable += sign * paise(it.AssAmt);
      r.igst += sign * paise(it.IgstAmt);
      r.cgst += sign * paise(it.CgstAmt);
      r.sgst += sign * paise(it.SgstAmt);
      r.cess += sign * (paise(it.CesAmt) + paise(it.CesNonAdvlAmt));
      this.rows.set(key, r);
    }
  }

  rowsOut(): Value[][] {
    return [...this.rows.values()]
      .sort((a, b) => a.hsn.localeCompare(b.hsn) || a.rate - b.rate)
      .map((r) => [r.hsn, r.desc, r.uqc, r.qty / 1000, rupees(r.value), r.rate, rupees(r.taxable), rupees(r.igst), rupees(r.cgst), rupees(r.sgst), rupees(r.cess)]);
  }
}

export function emptyGstr1(): Gstr1Rows {
  return { b2b: [], cdnr: [], cdnur: [], exp: [], hsn: [] };
}
