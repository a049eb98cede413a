import { describe, expect, it } from 'vitest';
import { buildPayload, computeLine, computeTotals } from '../../../shared/einvoice/compute';
import { validateInvoice } from '../../../shared/einvoice/validate';
import { BUYER_MH, draft, goodsLine, serviceLine } from '../../support/invoices';
import { options } from '../../support/rules';

describe('tax computation in integer paise', () => {
  it('computes the §5.15 example: 10 kg rice at ₹100, 5 % intra-state → ₹1,050', () => {
    const t = computeTotals(draft({ lines: [goodsLine({ qtyMilli: 10_000, unit: 'KGS', unitPricePaise: 10_000, hsn: '100630' })] }));
    expect(t.heads).toBe('intra');
    expect([t.taxablePaise, t.cgstPaise, t.sgstPaise, t.igstPaise, t.totalPaise, t.roundOffPaise]).toEqual([100_000, 2_500, 2_500, 0, 105_000, 0]);
  });

  it('rounds each tax head half away from zero at the line, so CGST = SGST always', () => {
    const l = computeLine(goodsLine({ qtyMilli: 1000, unitPricePaise: 1_001, gstRate: 5 }), 'intra', false);
    // 2.5 % of ₹10.01 = 25.025 paise → 25 each
    expect([l.cgstPaise, l.sgstPaise, l.totalPaise]).toEqual([25, 25, 1_051]);
    const up = computeLine(goodsLine({ qtyMilli: 1000, unitPricePaise: 1_002, gstRate: 5 }), 'intra', false);
    expect([up.cgstPaise, up.sgstPaise]).toEqual([25, 25]);
    const half = computeLine(goodsLine({ qtyMilli: 1000, unitPricePaise: 20, gstRate: 5 }), 'intra', false);
    expect(half.cgstPaise).toBe(1); // 0.5 paise rounds up
  });

  it('multiplies fractional quantities exactly: 2.345 kg × ₹199.99', () => {
    const l = computeLine(goodsLine({ qtyMilli: 2_345, unitPricePaise: 19_999, gstRate: 0 }), 'intra', false);
    expect(l.grossPaise).toBe(46_898); // 468.97655 rupees → 468.98
  });

  it('charges IGST across states, none on exports without payment', () => {
    const inter = computeTotals(draft({ buyer: BUYER_MH }));
    expect(inter.heads).toBe('inter');
    expect(inter.cgstPaise).toBe(0);
    expect(inter.igstPaise).toBe(92_500 + 900_000);
    const wop = computeTotals(draft({ supplyType: 'EXPWOP', buyer: { ...BUYER_MH, Gstin: 'URP', Pos: '96', Stcd: '96', Pin: 999999 } }));
    expect(wop.igstPaise).toBe(0);
  });

  it('rounds the invoice total to the rupee and carries the difference in RndOffAmt', () => {
    const d = draft({ lines: [goodsLine({ qtyMilli: 1000, unitPricePaise: 10_049, gstRate: 0 })] });
    expect(computeTotals(d)).toMatchObject({ totalPaise: 10_000, roundOffPaise: -49 });
    expect(computeTotals({ ...d, rounding: 'none' })).toMatchObject({ totalPaise: 10_049, roundOffPaise: 0 });
    const p = buildPayload(d);
    expect(p.ValDtls).toMatchObject({ TotInvVal: 100, RndOffAmt: -0.49 });
  });

  it('includes cess (ad valorem and per unit), other charges, discounts', () => {
    const line = goodsLine({ qtyMilli: 2_000, unitPricePaise: 100_000, discountPaise: 10_000, gstRate: 28, cessRate: 12, cessNonAdvolPerUnitPaise: 40_000, otherChargesPaise: 5_000 });
    const l = computeLine(line, 'inter', false);
    expect(l).toMatchObject({ grossPaise: 200_000, taxablePaise: 190_000, igstPaise: 53_200, cessPaise: 22_800, cessNonAdvolPaise: 80_000 });
    expect(l.totalPaise).toBe(190_000 + 53_200 + 22_800 + 80_000 + 5_000);
  });

  it('shares no object with the draft (editing the payload never edits the draft)', () => {
    const d = draft();
    const inv = buildPayload(d);
    inv.BuyerDtls.Pin = 110001;
    expect(d.buyer.Pin).toBe(560095);
  });

  it('builds a payload that validates, with NIC field names and serial numbers', () => {
    const inv = buildPayload(draft({ lines: [goodsLine(), serviceLine(), goodsLine({ unit: 'kgs' })], invoiceDiscountPaise: 1000, invoiceOtherChargesPaise: 2500 }));
    expect(inv.ItemList.map((i) => i.SlNo)).toEqual(['1', '2', '3']);
    expect(inv.ItemList[2]!.Unit).toBe('KGS');
    expect(validateInvoice(inv, options())).toEqual({ valid: true, errors: [], warnings: [] });
  });
});
