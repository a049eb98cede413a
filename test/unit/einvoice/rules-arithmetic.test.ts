import { describe, expect, it } from 'vitest';
import * as r from '../../../shared/einvoice/rules/arithmetic';
import { BUYER_MH, clone, goodsLine, validInvoice } from '../../support/invoices';
import { codes, paths, runRule } from '../../support/rules';

const base = () => clone(validInvoice());
const inter = () => clone(validInvoice({ buyer: BUYER_MH }));

describe('arithmetic rules (irp-protocol §6.1), ₹1 tolerance', () => {
  it('2192 TotAmt = Qty × UnitPrice: passes, warns by default, errors when enforced', () => {
    expect(runRule(r.totAmtEqualsQtyTimesPrice, base())).toEqual({ errors: [], warnings: [] });
    const inv = base();
    inv.ItemList[0]!.TotAmt += 5;
    expect(codes(runRule(r.totAmtEqualsQtyTimesPrice, inv).warnings)).toEqual(['2192']);
    expect(codes(runRule(r.totAmtEqualsQtyTimesPrice, inv, { enforceTotAmt: true }).errors)).toEqual(['2192']);
  });

  it('2193 AssAmt = TotAmt − Discount', () => {
    expect(runRule(r.assAmtEqualsTotalLessDiscount, base()).errors).toEqual([]);
    const inv = base();
    inv.ItemList[1]!.Discount = 500;
    const { errors } = runRule(r.assAmtEqualsTotalLessDiscount, inv);
    expect(codes(errors)).toEqual(['2193']);
    expect(paths(errors)).toEqual(['ItemList[1].AssAmt']);
  });

  it('applies the tolerance: a rupee either side of the calculated value passes, two do not', () => {
    const inv = base();
    inv.ItemList[0]!.AssAmt += 0.99;
    expect(runRule(r.assAmtEqualsTotalLessDiscount, inv).errors).toEqual([]);
    inv.ItemList[0]!.AssAmt += 1.5;
    expect(codes(runRule(r.assAmtEqualsTotalLessDiscount, inv).errors)).toEqual(['2193']);
  });

  it('2234 CGST/SGST = AssAmt × rate / 2 on intra-state lines', () => {
    expect(runRule(r.taxAmountsMatchRate, base()).errors).toEqual([]);
    const inv = base();
    inv.ItemList[0]!.CgstAmt = 100;
    inv.ItemList[0]!.SgstAmt = 100;
    expect(codes(runRule(r.taxAmountsMatchRate, inv).errors)).toEqual(['2234']);
  });

  it('2235 IGST = AssAmt × rate on inter-state lines', () => {
    expect(runRule(r.taxAmountsMatchRate, inter()).errors).toEqual([]);
    const inv = inter();
    inv.ItemList[1]!.IgstAmt = 1;
    expect(paths(runRule(r.taxAmountsMatchRate, inv).errors)).toEqual(['ItemList[1].IgstAmt']);
    expect(codes(runRule(r.taxAmountsMatchRate, inv).errors)).toEqual(['2235']);
  });

  it('does not re-check tax amounts on credit/debit notes, nor IGST 0 on EXPWOP', () => {
    const note = clone(validInvoice({ docType: 'CRN' }));
    note.ItemList[0]!.CgstAmt = 1;
    note.ItemList[0]!.SgstAmt = 1;
    expect(runRule(r.taxAmountsMatchRate, note).errors).toEqual([]);
    const exp = inter();
    exp.TranDtls.SupTyp = 'EXPWOP';
    exp.ItemList.forEach((it) => (it.IgstAmt = 0));
    expect(runRule(r.taxAmountsMatchRate, exp).errors).toEqual([]);
  });

  it('2266 cess = AssAmt × CesRt; 2267 state cess likewise', () => {
    const ok = clone(validInvoice({ lines: [goodsLine({ cessRate: 12, hsn: '24022010', description: 'Cigarettes', unit: 'NOS', gstRate: 28 })] }));
    expect(runRule(r.cessAmountsMatchRate, ok).errors).toEqual([]);
    ok.ItemList[0]!.CesAmt = 0;
    ok.ItemList[0]!.StateCesRt = 5;
    expect(codes(runRule(r.cessAmountsMatchRate, ok).errors)).toEqual(['2266', '2267']);
  });

  it('2194 TotItemVal = AssAmt + taxes + cess + other charges (tax optional under reverse charge)', () => {
    expect(runRule(r.itemTotalFoots, base()).errors).toEqual([]);
    const inv = base();
    inv.ItemList[0]!.TotItemVal = inv.ItemList[0]!.AssAmt;
    expect(codes(runRule(r.itemTotalFoots, inv).errors)).toEqual(['2194']);
    inv.TranDtls.RegRev = 'Y';
    expect(runRule(r.itemTotalFoots, inv).errors).toEqual([]);
  });

  it('2182-2187 document totals equal the sums of the lines', () => {
    expect(runRule(r.documentTotalsMatchItems, base()).errors).toEqual([]);
    const inv = base();
    inv.ValDtls.AssVal += 10;
    inv.ValDtls.SgstVal = 0;
    inv.ValDtls.CgstVal = 0;
    inv.ValDtls.IgstVal = 5;
    inv.ValDtls.CesVal = 5;
    inv.ValDtls.StCesVal = 5;
    expect(codes(runRule(r.documentTotalsMatchItems, inv).errors)).toEqual(['2182', '2183', '2184', '2185', '2186', '2187']);
  });

  it('2189 TotInvVal = Σ TotItemVal − Discount + OthChrg + RndOffAmt', () => {
    expect(runRule(r.invoiceTotalFoots, base()).errors).toEqual([]);
    const inv = base();
    inv.ValDtls.OthChrg = 250;
    const { errors } = runRule(r.invoiceTotalFoots, inv);
    expect(codes(errors)).toEqual(['2189']);
    expect(errors[0]!.path).toBe('ValDtls.TotInvVal');
    inv.ValDtls.TotInvVal += 250;
    expect(runRule(r.invoiceTotalFoots, inv).errors).toEqual([]);
  });

  it('2220 the invoice discount must be below the invoice total', () => {
    expect(runRule(r.discountBelowTotal, base()).errors).toEqual([]);
    const inv = base();
    inv.ValDtls.Discount = inv.ValDtls.TotInvVal;
    expect(codes(runRule(r.discountBelowTotal, inv).errors)).toEqual(['2220']);
  });
});
