import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../shared/einvoice/schema-check';
import { decimalPlaces } from '../../../shared/einvoice/schema';
import { validateInvoice } from '../../../shared/einvoice/validate';
import { clone, goodsLine, validInvoice } from '../../support/invoices';
import { options } from '../../support/rules';

const base = () => clone(validInvoice());
/** Writes a value the types forbid, to build the invalid documents the schema must catch. */
const force = <T extends object>(obj: T, key: string, value: unknown) => Reflect.set(obj, key, value);
const unset = <T extends object>(obj: T, key: string) => Reflect.deleteProperty(obj, key);

describe('INV-01 v1.1 schema check (irp-protocol §5)', () => {
  it('accepts a valid payload', () => {
    expect(checkSchema(validInvoice())).toEqual([]);
  });

  it('reports every violation at once with paths like ItemList[1].HsnCd', () => {
    const inv = base();
    inv.SellerDtls.LglNm = 'AB';
    inv.BuyerDtls.Loc = 'x'.repeat(101);
    inv.ItemList[1]!.HsnCd = '99831';
    inv.ItemList[0]!.Unit = 'K1';
    inv.ValDtls.RndOffAmt = 100;
    inv.DocDtls.Dt = '2026-11-14';
    unset(inv.ValDtls, 'AssVal');
    const v = checkSchema(inv);
    expect(v.map((x) => [x.code, x.path])).toEqual(
      expect.arrayContaining([
        ['5002', 'SellerDtls.LglNm'],
        ['5002', 'BuyerDtls.Loc'],
        ['2176', 'ItemList[1].HsnCd'],
        ['2177', 'ItemList[0].Unit'],
        ['5002', 'ValDtls.RndOffAmt'],
        ['2144', 'DocDtls.Dt'],
        ['5002', 'ValDtls.AssVal'],
      ]),
    );
    expect(v).toHaveLength(7);
    expect(v.find((x) => x.path === 'SellerDtls.LglNm')!.message).toBe('Seller legal name must be 3 to 100 characters long');
    expect(v.find((x) => x.path === 'ValDtls.AssVal')!.message).toBe('Total taxable value is required');
  });

  it('enforces decimal precision: amounts 2, quantities and rates 3', () => {
    const inv = base();
    inv.ItemList[0]!.AssAmt = 1.005;
    inv.ItemList[0]!.Qty = 1.0005;
    inv.ItemList[0]!.GstRt = 5.0001;
    const v = checkSchema(inv);
    expect(v.map((x) => x.path).sort()).toEqual(['ItemList[0].AssAmt', 'ItemList[0].GstRt', 'ItemList[0].Qty']);
    expect(v[0]!.message).toMatch(/decimal places/);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(0.1 + 0.2)).toBe(17);
    expect(decimalPlaces(118000)).toBe(0);
  });

  it('checks the document number pattern: ≤ 16 chars, not starting with 0, / or -', () => {
    for (const bad of ['0INV1', '/INV1', '-INV1', 'INV#1', 'A'.repeat(17)]) {
      const inv = base();
      inv.DocDtls.No = bad;
      expect(checkSchema(inv).map((x) => x.path), bad).toEqual(['DocDtls.No']);
    }
    const ok = base();
    ok.DocDtls.No = 'inv/25-26/0001';
    expect(checkSchema(ok)).toEqual([]);
  });

  it('rejects impossible dates and years outside 2010-2029 (2144)', () => {
    for (const bad of ['31/02/2026', '14/11/2031', '1/11/2026']) {
      const inv = base();
      inv.DocDtls.Dt = bad;
      expect(checkSchema(inv).map((x) => x.code), bad).toEqual(['2144']);
    }
  });

  it('enums: supply type case-insensitive like NIC, document type 2161, reverse charge 2159', () => {
    const inv = base();
    inv.TranDtls.SupTyp = 'b2b';
    expect(checkSchema(inv)).toEqual([]);
    inv.TranDtls.SupTyp = 'B2C';
    inv.DocDtls.Typ = 'BIL';
    force(inv.TranDtls, 'RegRev', 'X');
    expect(checkSchema(inv).map((x) => x.code).sort()).toEqual(['2159', '2161', '5002']);
  });

  it('item count: 2228 when empty, 2173 beyond 1000', () => {
    const empty = base();
    empty.ItemList = [];
    expect(checkSchema(empty).map((x) => x.code)).toEqual(['2228']);
    const huge = clone(validInvoice({ lines: Array.from({ length: 1001 }, () => goodsLine()) }));
    expect(checkSchema(huge).map((x) => x.code)).toEqual(['2173']);
  });

  it('refuses double quotes and backslashes in text fields', () => {
    const inv = base();
    inv.ItemList[0]!.PrdDesc = 'Rice "premium"';
    inv.BuyerDtls.Addr1 = 'C:\\path';
    expect(checkSchema(inv).map((x) => x.path).sort()).toEqual(['BuyerDtls.Addr1', 'ItemList[0].PrdDesc']);
  });

  it('never throws on garbage, and reports it', () => {
    for (const junk of [null, 42, 'text', [], {}, { Version: '1.1', ItemList: 'x' }]) {
      const report = validateInvoice(junk, options());
      expect(report.valid).toBe(false);
      expect(report.errors.length).toBeGreaterThan(0);
    }
  });

  it('skips business rules over sections the schema found broken (no noise from bad data)', () => {
    const inv = base();
    force(inv.ItemList[0]!, 'AssAmt', 'a lot');
    const report = validateInvoice(inv, options());
    expect(report.errors.map((e) => e.code)).toEqual(['5002']);
  });
});
