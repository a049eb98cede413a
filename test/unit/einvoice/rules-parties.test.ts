import { describe, expect, it } from 'vitest';
import * as r from '../../../shared/einvoice/rules/parties';
import type { TaxpayerInfo } from '../../../shared/einvoice/rules/context';
import { withCheckDigit } from '../../../shared/gst/gstin';
import { BUYER_KA, BUYER_MH, SELLER_KA, clone, validInvoice } from '../../support/invoices';
import { codes, paths, runRule } from '../../support/rules';

const base = () => clone(validInvoice());
const FOREIGN_BUYER = { Gstin: 'URP', LglNm: 'Acme Imports Inc', Pos: '96', Addr1: '1 Market St', Loc: 'San Francisco', Pin: 999999, Stcd: '96' };
const exportInvoice = () =>
  clone(validInvoice({ supplyType: 'EXPWOP', buyer: FOREIGN_BUYER, exportDetails: { CntCode: 'US', Port: 'INBLR4', ForCur: 'USD' } }));

describe('GSTIN rules (irp-protocol §6.5)', () => {
  it('3028 production rejects a wrong check digit; sandbox accepts NIC test GSTINs with a warning', () => {
    expect(runRule(r.gstinsAreValid, base())).toEqual({ errors: [], warnings: [] });
    const inv = base();
    inv.BuyerDtls.Gstin = '29PQRST5678K1ZZ';
    expect(paths(runRule(r.gstinsAreValid, inv).errors)).toEqual(['BuyerDtls.Gstin']);
    const nic = base();
    nic.SellerDtls.Gstin = '29AWGPV7107B1Z1';
    expect(codes(runRule(r.gstinsAreValid, nic).errors)).toEqual(['3028']);
    const sandbox = runRule(r.gstinsAreValid, nic, { profile: 'sandbox' });
    expect(sandbox.errors).toEqual([]);
    expect(sandbox.warnings[0]!.message).toContain('NIC sandbox test GSTIN');
  });

  it('2258 / 2265 GSTIN prefix = state code', () => {
    expect(runRule(r.gstinStateMatchesStateCode, base()).errors).toEqual([]);
    const inv = base();
    inv.SellerDtls.Stcd = '27';
    inv.BuyerDtls.Stcd = '27';
    expect(codes(runRule(r.gstinStateMatchesStateCode, inv).errors)).toEqual(['2258', '2265']);
    const oneDigit = base();
    oneDigit.SellerDtls.Gstin = withCheckDigit('07ABCDE1234F1Z');
    oneDigit.SellerDtls.Stcd = '7';
    expect(codes(runRule(r.gstinStateMatchesStateCode, oneDigit).errors)).toEqual([]);
  });

  it('2259 / 2260 / 2200 state codes from the master', () => {
    expect(runRule(r.stateCodesKnown, base()).errors).toEqual([]);
    const inv = base();
    inv.SellerDtls.Stcd = '96';
    inv.BuyerDtls.Stcd = '99';
    inv.ShipDtls = { LglNm: 'Warehouse', Addr1: 'Dock 3', Loc: 'Mysuru', Pin: 570001, Stcd: '45' };
    expect(codes(runRule(r.stateCodesKnown, inv).errors)).toEqual(['2259', '2260', '2200']);
  });

  it('3039 PIN of another state, 3038 PIN of no state, each naming the party as NIC does (never 2178)', () => {
    expect(runRule(r.pinsBelongToStates, base()).errors).toEqual([]);
    const inv = base();
    inv.BuyerDtls.Pin = 400001;
    const { errors } = runRule(r.pinsBelongToStates, inv);
    expect(codes(errors)).toEqual(['3039']);
    expect(errors[0]!.message).toBe('Buyer Details:Pincode-400001 does not belong to the state-29: 400001 is not a PIN of Karnataka; check the PIN and the state');
    // NIC's two recorded production answers, for the seller (irp-protocol.md §6.5)
    const unknown = base();
    unknown.SellerDtls.Pin = 101301;
    expect(runRule(r.pinsBelongToStates, unknown).errors).toEqual([
      { code: '3038', path: 'SellerDtls.Pin', message: 'Seller details Details:Pincode-101301 does not exists: 101301 is not a PIN code of any state; check the seller address' },
    ]);
    const jk = base();
    jk.SellerDtls.Stcd = '01';
    jk.SellerDtls.Pin = 560009;
    expect(runRule(r.pinsBelongToStates, jk).errors[0]!.message).toMatch(/^Seller Details:Pincode-560009 does not belong to the state-1: /);
    // dispatch and ship-to are named too
    const both = base();
    both.DispDtls = { Nm: 'Godown', Addr1: 'Plot 4', Loc: 'Mysuru', Pin: 999001, Stcd: '29' };
    both.ShipDtls = { LglNm: 'Warehouse', Addr1: 'Dock 3', Loc: 'Mumbai', Pin: 560001, Stcd: '27' };
    const found = runRule(r.pinsBelongToStates, both).errors;
    expect(found.map((e) => [e.code, e.path])).toEqual([['3039', 'DispDtls.Pin'], ['3039', 'ShipDtls.Pin']]);
    expect(found.map((e) => e.message.split(':')[0])).toEqual(['Dispatch Details', 'Ship Details']);
    // a buyer abroad (state 96) takes 999999
    const exp = exportInvoice();
    expect(runRule(r.pinsBelongToStates, exp).errors).toEqual([]);
    exp.BuyerDtls.Pin = 560001;
    expect(runRule(r.pinsBelongToStates, exp).errors.map((e) => [e.code, e.message])).toEqual([
      ['3039', 'Buyer Details:Pincode-560001 does not belong to the state-96: an address outside India (state 96) takes PIN 999999'],
    ]);
  });

  it('2244 buyer PIN mandatory except for exports', () => {
    expect(runRule(r.buyerPinRequired, base()).errors).toEqual([]);
    const inv = base();
    delete inv.BuyerDtls.Pin;
    expect(codes(runRule(r.buyerPinRequired, inv).errors)).toEqual(['2244']);
    const exp = exportInvoice();
    delete exp.BuyerDtls.Pin;
    expect(runRule(r.buyerPinRequired, exp).errors).toEqual([]);
  });

  it('2211 seller ≠ buyer', () => {
    expect(runRule(r.sellerIsNotBuyer, base()).errors).toEqual([]);
    const inv = base();
    inv.BuyerDtls.Gstin = inv.SellerDtls.Gstin;
    expect(codes(runRule(r.sellerIsNotBuyer, inv).errors)).toEqual(['2211']);
  });

  it('2242 / 2243 a domestic supply needs an Indian place of supply', () => {
    expect(runRule(r.placeOfSupplyInIndia, base()).errors).toEqual([]);
    const inv = base();
    inv.BuyerDtls.Pos = '96';
    expect(codes(runRule(r.placeOfSupplyInIndia, inv).errors)).toEqual(['2242']);
    inv.BuyerDtls.Pos = '99';
    expect(codes(runRule(r.placeOfSupplyInIndia, inv).errors)).toEqual(['2243']);
  });

  it('exports: 2248 URP, 2232 POS 96, 2261 state 96, 2208 export details, 2202 country', () => {
    expect(runRule(r.exportParties, exportInvoice()).errors).toEqual([]);
    const inv = exportInvoice();
    inv.BuyerDtls = { ...BUYER_MH };
    delete inv.ExpDtls;
    expect(codes(runRule(r.exportParties, inv).errors)).toEqual(['2248', '2232', '2261', '2208']);
    const noCountry = exportInvoice();
    delete noCountry.ExpDtls!.CntCode;
    expect(codes(runRule(r.exportParties, noCountry).errors)).toEqual(['2202']);
  });

  it('2212 / 2171 URP only for exports', () => {
    expect(runRule(r.urpOnlyForExports, exportInvoice()).errors).toEqual([]);
    const inv = base();
    inv.BuyerDtls.Gstin = 'URP';
    expect(codes(runRule(r.urpOnlyForExports, inv).errors)).toEqual(['2212']);
    inv.TranDtls.SupTyp = 'DEXP';
    expect(codes(runRule(r.urpOnlyForExports, inv).errors)).toEqual(['2171']);
  });

  it('2195 the e-commerce operator GSTIN must be a TCS registration', () => {
    const inv = base();
    inv.TranDtls.EcmGstin = withCheckDigit('29AAACF1234A1C');
    expect(runRule(r.ecommerceOperatorIsTcs, inv).errors).toEqual([]);
    inv.TranDtls.EcmGstin = BUYER_KA.Gstin;
    expect(codes(runRule(r.ecommerceOperatorIsTcs, inv).errors)).toEqual(['2195']);
  });

  it('2162 no reverse charge on exports', () => {
    const inv = exportInvoice();
    expect(runRule(r.reverseChargeNotOnExports, inv).errors).toEqual([]);
    inv.TranDtls.RegRev = 'Y';
    expect(codes(runRule(r.reverseChargeNotOnExports, inv).errors)).toEqual(['2162']);
  });

  it('2245 (warning) B2B ship-to state differs from POS; 2236 (warning) export EWB without Indian ship-to', () => {
    const inv = base();
    inv.ShipDtls = { LglNm: 'Warehouse', Addr1: 'Dock 3', Loc: 'Mumbai', Pin: 400001, Stcd: '27' };
    expect(codes(runRule(r.shipToStateIsPos, inv).warnings)).toEqual(['2245']);
    inv.ShipDtls.Stcd = '29';
    expect(runRule(r.shipToStateIsPos, inv).warnings).toEqual([]);
    const exp = exportInvoice();
    exp.EwbDtls = { Distance: 0, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' };
    expect(codes(runRule(r.exportEwbNeedsIndianShipTo, exp).warnings)).toEqual(['2236']);
    exp.ShipDtls = { LglNm: 'Port of Chennai', Addr1: 'Harbour', Loc: 'Chennai', Pin: 600001, Stcd: '33' };
    expect(runRule(r.exportEwbNeedsIndianShipTo, exp).warnings).toEqual([]);
  });
});

describe('GSTIN master status (3028/3029/3074-3079) and SEZ typing (2231/2246/2247)', () => {
  const master = (entries: TaxpayerInfo[]) => (g: string) => entries.find((e) => e.gstin === g);
  const act = (gstin: string, extra: Partial<TaxpayerInfo> = {}): TaxpayerInfo => ({ gstin, status: 'ACT', txpType: 'REG', registeredOn: '2019-04-01', ...extra });
  const seller = act(SELLER_KA.Gstin);

  it('passes registered active parties; 3028 for a GSTIN unknown to the master', () => {
    const inv = base();
    expect(runRule(r.partiesInTaxpayerMaster, inv, { taxpayers: master([seller, act(BUYER_KA.Gstin)]) }).errors).toEqual([]);
    const { errors } = runRule(r.partiesInTaxpayerMaster, inv, { taxpayers: master([seller]) });
    expect(codes(errors)).toEqual(['3028']);
    expect(paths(errors)).toEqual(['BuyerDtls.Gstin']);
  });

  it.each([
    [{ status: 'INA' as const }, '3076'],
    [{ status: 'SUS' as const }, '3029'],
    [{ status: 'CNL' as const, deregisteredOn: null }, '3075'],
    [{ status: 'CNL' as const, registeredOn: null, deregisteredOn: '2026-01-01' }, '3078'],
    [{ status: 'CNL' as const, deregisteredOn: '2026-11-01' }, '3074'],
    [{ status: 'CNL' as const, registeredOn: '2026-11-20', deregisteredOn: '2026-12-01' }, '3077'],
    [{ registeredOn: '2026-11-20' }, '3079'],
  ])('buyer %o → %s', (extra, code) => {
    const { errors } = runRule(r.partiesInTaxpayerMaster, base(), { taxpayers: master([seller, act(BUYER_KA.Gstin, extra)]) });
    expect(codes(errors)).toEqual([code]);
  });

  it('a cancelled GSTIN is fine for documents inside its registration period', () => {
    const buyer = act(BUYER_KA.Gstin, { status: 'CNL', deregisteredOn: '2026-12-31' });
    expect(runRule(r.partiesInTaxpayerMaster, base(), { taxpayers: master([seller, buyer]) }).errors).toEqual([]);
  });

  it('2231 supplier is SEZ; 2247 SEZ supply to a non-SEZ; 2246 B2B to an SEZ', () => {
    const sezSeller = runRule(r.partiesInTaxpayerMaster, base(), { taxpayers: master([{ ...seller, txpType: 'SEZ' }, act(BUYER_KA.Gstin)]) });
    expect(codes(sezSeller.errors)).toEqual(['2231']);
    const sez = clone(validInvoice({ supplyType: 'SEZWP' }));
    expect(codes(runRule(r.partiesInTaxpayerMaster, sez, { taxpayers: master([seller, act(BUYER_KA.Gstin)]) }).errors)).toEqual(['2247']);
    expect(runRule(r.partiesInTaxpayerMaster, sez, { taxpayers: master([seller, act(BUYER_KA.Gstin, { txpType: 'SEZ' })]) }).errors).toEqual([]);
    expect(codes(runRule(r.partiesInTaxpayerMaster, base(), { taxpayers: master([seller, act(BUYER_KA.Gstin, { txpType: 'SEZ' })]) }).errors)).toEqual(['2246']);
  });
});
