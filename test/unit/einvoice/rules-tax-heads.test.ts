import { describe, expect, it } from 'vitest';
import * as r from '../../../shared/einvoice/rules/tax-heads';
import { GST_RATES_WITH_40 } from '../../../shared/gst/rates';
import { BUYER_MH, clone, goodsLine, serviceLine, validInvoice } from '../../support/invoices';
import { codes, runRule } from '../../support/rules';

const intra = () => clone(validInvoice());
const inter = () => clone(validInvoice({ buyer: BUYER_MH }));

describe('tax heads by supply type and seller state vs place of supply (irp-protocol §6.2)', () => {
  it('2172 no IGST on an intra-state supply', () => {
    expect(runRule(r.noIgstOnIntraState, intra()).errors).toEqual([]);
    const inv = intra();
    inv.ItemList[0]!.IgstAmt = 10;
    expect(codes(runRule(r.noIgstOnIntraState, inv).errors)).toEqual(['2172']);
  });

  it('2241 a taxed intra-state line needs CGST and SGST', () => {
    expect(runRule(r.cgstSgstRequiredIntraState, intra()).errors).toEqual([]);
    const inv = intra();
    inv.ItemList[0]!.CgstAmt = 0;
    inv.ItemList[0]!.SgstAmt = 0;
    expect(codes(runRule(r.cgstSgstRequiredIntraState, inv).errors)).toEqual(['2241']);
  });

  it('2174 no CGST/SGST across states', () => {
    expect(runRule(r.noCgstSgstOutsideIntraState, inter()).errors).toEqual([]);
    const inv = inter();
    inv.ItemList[1]!.CgstAmt = 9;
    inv.ItemList[1]!.SgstAmt = 9;
    expect(codes(runRule(r.noCgstSgstOutsideIntraState, inv).errors)).toEqual(['2174']);
  });

  it('2180 exports and 2237 SEZ supplies never carry CGST/SGST, even with the seller state as POS', () => {
    const exp = intra();
    exp.TranDtls.SupTyp = 'EXPWP';
    expect(codes(runRule(r.noCgstSgstOutsideIntraState, exp).errors)).toEqual(['2180', '2180']);
    const sez = intra();
    sez.TranDtls.SupTyp = 'SEZWP';
    expect(codes(runRule(r.noCgstSgstOutsideIntraState, sez).errors)).toEqual(['2237', '2237']);
    const ok = clone(validInvoice({ supplyType: 'SEZWP' }));
    expect(runRule(r.noCgstSgstOutsideIntraState, ok).errors).toEqual([]);
  });

  it('IgstOnIntra=Y makes an intra-state supply an IGST one (2174 for CGST)', () => {
    const inv = clone(validInvoice({ igstOnIntra: true }));
    expect(inv.ItemList[0]!.IgstAmt).toBeGreaterThan(0);
    expect(runRule(r.noCgstSgstOutsideIntraState, inv).errors).toEqual([]);
    inv.ItemList[0]!.CgstAmt = 5;
    inv.ItemList[0]!.SgstAmt = 5;
    expect(codes(runRule(r.noCgstSgstOutsideIntraState, inv).errors)).toEqual(['2174']);
  });

  it('2227 CGST equals SGST', () => {
    expect(runRule(r.cgstEqualsSgst, intra()).errors).toEqual([]);
    const inv = intra();
    inv.ItemList[0]!.SgstAmt = (inv.ItemList[0]!.SgstAmt ?? 0) + 0.01;
    expect(codes(runRule(r.cgstEqualsSgst, inv).errors)).toEqual(['2227']);
  });

  it('2262 IGST on intra-state needs seller state = POS', () => {
    expect(runRule(r.igstOnIntraNeedsSameState, clone(validInvoice({ igstOnIntra: true }))).errors).toEqual([]);
    const inv = clone(validInvoice({ igstOnIntra: true, buyer: BUYER_MH }));
    expect(codes(runRule(r.igstOnIntraNeedsSameState, inv).errors)).toEqual(['2262']);
  });

  it('2249 no goods/services mix when IGST is charged with POS = seller state', () => {
    const goodsOnly = clone(validInvoice({ igstOnIntra: true, lines: [goodsLine()] }));
    expect(runRule(r.noGoodsServicesMixOnIgstOnIntra, goodsOnly).errors).toEqual([]);
    const mixed = clone(validInvoice({ igstOnIntra: true, lines: [goodsLine(), serviceLine()] }));
    expect(codes(runRule(r.noGoodsServicesMixOnIgstOnIntra, mixed).errors)).toEqual(['2249']);
  });

  it('2240 GstRt must be a notified rate; 40 % only when the rate list says so', () => {
    expect(runRule(r.gstRateAllowed, intra()).errors).toEqual([]);
    const inv = intra();
    inv.ItemList[0]!.GstRt = 40;
    expect(codes(runRule(r.gstRateAllowed, inv).errors)).toEqual(['2240']);
    expect(runRule(r.gstRateAllowed, inv, { gstRates: GST_RATES_WITH_40 }).errors).toEqual([]);
    inv.ItemList[0]!.GstRt = 17;
    expect(codes(runRule(r.gstRateAllowed, inv).errors)).toEqual(['2240']);
  });
});
