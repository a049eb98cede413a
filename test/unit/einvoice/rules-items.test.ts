import { describe, expect, it } from 'vitest';
import * as r from '../../../shared/einvoice/rules/items';
import { clone, goodsLine, serviceLine, validInvoice } from '../../support/invoices';
import { codes, paths, runRule } from '../../support/rules';

const base = () => clone(validInvoice());

describe('item rules (irp-protocol §6.7)', () => {
  it('2233 serial numbers are unique', () => {
    expect(runRule(r.serialNumbersUnique, base()).errors).toEqual([]);
    const inv = base();
    inv.ItemList[1]!.SlNo = '01';
    expect(codes(runRule(r.serialNumbersUnique, inv).errors)).toEqual(['2233']);
  });

  it('2176 HSN must exist in the master', () => {
    expect(runRule(r.hsnInMaster, base()).errors).toEqual([]);
    const inv = base();
    inv.ItemList[0]!.HsnCd = '10069999';
    const { errors } = runRule(r.hsnInMaster, inv);
    expect(codes(errors)).toEqual(['2176']);
    expect(errors[0]!.message).toContain('10069999');
  });

  it('warns (2176) that HSN codes were not checked when no master is loaded', () => {
    expect(codes(runRule(r.hsnInMaster, base(), { hsn: undefined }).warnings)).toEqual(['2176']);
  });

  it('2199 HSN/SAC must match the goods/service flag', () => {
    expect(runRule(r.hsnMatchesServiceFlag, base()).errors).toEqual([]);
    const inv = base();
    inv.ItemList[0]!.IsServc = 'Y';
    inv.ItemList[1]!.IsServc = 'N';
    expect(paths(runRule(r.hsnMatchesServiceFlag, inv).errors)).toEqual(['ItemList[0].HsnCd', 'ItemList[1].IsServc']);
  });

  it('6-digit HSN is mandatory when AATO ≥ ₹5 Cr (from 15-Dec-2023)', () => {
    const inv = clone(validInvoice({ lines: [goodsLine({ hsn: '1006' })] }));
    expect(runRule(r.sixDigitHsnForLargeSellers, inv, { seller: { aatoCrore: 4.99 } }).errors).toEqual([]);
    expect(codes(runRule(r.sixDigitHsnForLargeSellers, inv, { seller: { aatoCrore: 5 } }).errors)).toEqual(['2199']);
    expect(runRule(r.sixDigitHsnForLargeSellers, inv, { seller: { aatoCrore: 50 }, today: '2023-12-14' }).errors).toEqual([]);
  });

  it('2238 / 2239 goods need quantity and unit; 2177 units must be UQC', () => {
    expect(runRule(r.goodsHaveQuantityAndUnit, base()).errors).toEqual([]);
    const inv = base();
    delete inv.ItemList[0]!.Qty;
    delete inv.ItemList[0]!.Unit;
    expect(codes(runRule(r.goodsHaveQuantityAndUnit, inv).errors)).toEqual(['2238', '2239']);
    const bad = base();
    bad.ItemList[0]!.Unit = 'KILO';
    expect(codes(runRule(r.goodsHaveQuantityAndUnit, bad).errors)).toEqual(['2177']);
  });

  it('services need neither quantity nor unit', () => {
    const inv = clone(validInvoice({ lines: [serviceLine()] }));
    delete inv.ItemList[0]!.Qty;
    expect(runRule(r.goodsHaveQuantityAndUnit, inv).errors).toEqual([]);
  });
});
