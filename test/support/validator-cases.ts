/**
 * Every invoice the validator's tests use, as whole documents with the facts they are checked
 * with: NIC's accepted sandbox invoices (test/fixtures), the valid invoices of test/support, and
 * the rules tests' cases (each mutation of test/unit/einvoice/rules-*.test.ts and schema.test.ts,
 * applied to the whole invoice). `errors` are the codes the case must raise (so a comparison of two
 * paths can never pass by both finding nothing). Used by test/unit/validator-parity.test.ts.
 */
import { readFileSync } from 'node:fs';
import { parseDocDate } from '../../shared/dates';
import type { CheckSetup } from '../../shared/einvoice/check';
import type { Invoice } from '../../shared/einvoice/schema';
import { withCheckDigit } from '../../shared/gst/gstin';
import { BUYER_KA, BUYER_MH, clone, serviceLine, validInvoice } from './invoices';

export interface ValidatorCase {
  name: string;
  invoice: unknown;
  setup: CheckSetup;
  /** Error codes the case must raise (a subset of what it raises); [] for a valid invoice. */
  errors: string[];
}

const TODAY = '2026-11-21';
const prod = (extra: Partial<CheckSetup> = {}): CheckSetup => ({ profile: 'production', today: TODAY, ...extra });

function mutated(name: string, errors: string[], change: (inv: Invoice) => void, setup: CheckSetup = prod(), base: Invoice = validInvoice()): ValidatorCase {
  const invoice = clone(base);
  change(invoice);
  return { name, invoice, setup, errors };
}

function nicFixtures(): ValidatorCase[] {
  const file = new URL('../fixtures/nic-accepted-invoices.json', import.meta.url);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { invoices: Record<string, { invoice: Invoice }> };
  return Object.entries(data.invoices).flatMap(([key, { invoice }]) => {
    const today = parseDocDate(invoice.DocDtls.Dt) ?? TODAY;
    return [
      { name: `nic ${key} (sandbox)`, invoice, setup: { profile: 'sandbox', today }, errors: [] },
      { name: `nic ${key} (production)`, invoice, setup: { profile: 'production', today }, errors: ['3028'] },
    ] satisfies ValidatorCase[];
  });
}

const ARITHMETIC: ValidatorCase[] = [
  // (2192 itself is a warning while NIC keeps it withdrawn; the AssAmt then no longer foots: 2193)
  mutated('2192 TotAmt ≠ Qty × price', ['2193'], (i) => void (i.ItemList[0]!.TotAmt += 5)),
  mutated('2193 AssAmt ≠ TotAmt − Discount', ['2193'], (i) => void (i.ItemList[1]!.Discount = 500)),
  mutated('AssAmt within the ₹1 tolerance', [], (i) => void (i.ItemList[0]!.AssAmt += 0.99)),
  mutated('AssAmt past the tolerance', ['2193'], (i) => void (i.ItemList[0]!.AssAmt += 1.5)),
  mutated('2234 CGST/SGST not the rate', ['2234'], (i) => {
    i.ItemList[0]!.CgstAmt = 100;
    i.ItemList[0]!.SgstAmt = 100;
  }),
  mutated('2194 item total', ['2194'], (i) => void (i.ItemList[0]!.TotItemVal = i.ItemList[0]!.AssAmt)),
  mutated('2182-2187 document totals', ['2182'], (i) => {
    i.ValDtls.AssVal += 10;
    i.ValDtls.SgstVal = 0;
    i.ValDtls.CgstVal = 0;
    i.ValDtls.IgstVal = 5;
    i.ValDtls.CesVal = 5;
    i.ValDtls.StCesVal = 5;
  }),
  mutated('2189 invoice total with other charges not added', ['2189'], (i) => void (i.ValDtls.OthChrg = 250)),
  mutated('2220 discount ≥ total', ['2220'], (i) => void (i.ValDtls.Discount = i.ValDtls.TotInvVal)),
];

const DOCUMENT: ValidatorCase[] = [
  { name: '2163 future date', invoice: validInvoice({ docDate: '22/11/2026' }), setup: prod(), errors: ['2163'] },
  { name: 'before e-invoicing began', invoice: validInvoice({ docDate: '30/09/2020' }), setup: prod({ aatoCrore: 1 }), errors: ['5002'] },
  { name: '2305 30 days at ₹10 Cr', invoice: validInvoice({ docDate: '22/10/2026' }), setup: prod({ aatoCrore: 10 }), errors: ['2305'] },
  { name: '2305 unknown AATO (warning)', invoice: validInvoice({ docDate: '22/10/2026' }), setup: prod(), errors: [] },
  { name: 'before the seller\'s own start (warning)', invoice: validInvoice({ docDate: '14/10/2026' }), setup: prod({ einvoiceStartDate: '2026-11-01', aatoCrore: 1 }), errors: [] },
  { name: '2191 note without its original (warning)', invoice: validInvoice({ docType: 'DBN' }), setup: prod(), errors: [] },
  { name: 'a note with its original', invoice: validInvoice({ docType: 'CRN', precedingDocs: [{ InvNo: 'ST/25-26/0001', InvDt: '01/11/2026' }] }), setup: prod(), errors: [] },
  { name: '2210 invoice with an original (warning)', invoice: validInvoice({ precedingDocs: [{ InvNo: 'ST/25-26/0001', InvDt: '01/11/2026' }] }), setup: prod(), errors: [] },
  { name: '2252 e-way bill on a note', invoice: validInvoice({ docType: 'CRN', ewb: { Distance: 100, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' } }), setup: prod(), errors: [] },
  { name: '2251 e-way bill for services only', invoice: validInvoice({ lines: [serviceLine()], ewb: { Distance: 100, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' } }), setup: prod(), errors: [] },
  mutated('Irn sent by the client', ['5002'], (i) => void ((i as Invoice & { Irn?: string }).Irn = 'x')),
];

const ITEMS: ValidatorCase[] = [
  mutated('2233 duplicate serial numbers', ['2233'], (i) => void (i.ItemList[1]!.SlNo = '01')),
  mutated('2176 HSN not in the master', ['2176'], (i) => void (i.ItemList[0]!.HsnCd = '10069999')),
  mutated('2199 service flag against the code', ['2199'], (i) => {
    i.ItemList[0]!.IsServc = 'Y';
    i.ItemList[1]!.IsServc = 'N';
  }),
  mutated('2199 4-digit HSN at ₹5 Cr', ['2199'], (i) => void (i.ItemList[0]!.HsnCd = '1006'), prod({ aatoCrore: 5 })),
  mutated('4-digit HSN below ₹5 Cr', [], (i) => void (i.ItemList[0]!.HsnCd = '1006'), prod({ aatoCrore: 4.99 })),
  mutated('4-digit HSN, turnover unknown (warning)', [], (i) => void (i.ItemList[0]!.HsnCd = '1006')),
  mutated('2238/2239 goods without quantity and unit', ['2238', '2239'], (i) => {
    delete i.ItemList[0]!.Qty;
    delete i.ItemList[0]!.Unit;
  }),
  mutated('2177 not a UQC', ['2177'], (i) => void (i.ItemList[0]!.Unit = 'BAGS')),
];

const PARTIES: ValidatorCase[] = [
  mutated('3028 buyer check digit (production)', ['3028'], (i) => void (i.BuyerDtls.Gstin = '29PQRST5678K1ZZ')),
  mutated('3028 buyer check digit (sandbox too)', ['3028'], (i) => void (i.BuyerDtls.Gstin = '29PQRST5678K1ZZ'), { profile: 'sandbox', today: TODAY }),
  mutated('NIC test GSTIN in the sandbox (warning)', [], (i) => void (i.SellerDtls.Gstin = '29AWGPV7107B1Z1'), { profile: 'sandbox', today: TODAY }),
  mutated('NIC test GSTIN in production', ['3028'], (i) => void (i.SellerDtls.Gstin = '29AWGPV7107B1Z1')),
  mutated('2258/2265 GSTIN prefix ≠ state', ['2258', '2265'], (i) => {
    i.SellerDtls.Stcd = '27';
    i.BuyerDtls.Stcd = '27';
  }),
  // a Delhi seller written with a one-digit state code, billing Karnataka: IGST was due, not CGST/SGST
  mutated('one-digit state code', ['2174'], (i) => {
    i.SellerDtls.Gstin = withCheckDigit('07ABCDE1234F1Z');
    i.SellerDtls.Stcd = '7';
    i.SellerDtls.Pin = 110001;
  }),
  mutated('2259/2260/2200 unknown states', ['2259', '2260', '2200'], (i) => {
    i.SellerDtls.Stcd = '96';
    i.BuyerDtls.Stcd = '99';
    i.ShipDtls = { LglNm: 'Warehouse', Addr1: 'Dock 3', Loc: 'Mysuru', Pin: 570001, Stcd: '45' };
  }),
  mutated('3039 PIN outside the state', ['3039'], (i) => void (i.BuyerDtls.Pin = 400001)),
  mutated('2244 buyer PIN missing', ['2244'], (i) => void delete i.BuyerDtls.Pin),
  mutated('2211 buyer is the seller', ['2211'], (i) => void (i.BuyerDtls.Gstin = i.SellerDtls.Gstin)),
  mutated('2242 domestic POS 96', ['2242'], (i) => void (i.BuyerDtls.Pos = '96')),
  mutated('2243 POS not a state', ['2243'], (i) => void (i.BuyerDtls.Pos = '99')),
  mutated('export to a registered buyer', ['2248'], (i) => {
    i.TranDtls.SupTyp = 'EXPWOP';
    i.BuyerDtls = { ...BUYER_MH };
  }),
  mutated('2212 URP on B2B', ['2212'], (i) => void (i.BuyerDtls.Gstin = 'URP')),
  mutated('2171 URP on a deemed export', ['2171'], (i) => {
    i.BuyerDtls.Gstin = 'URP';
    i.TranDtls.SupTyp = 'DEXP';
  }),
  mutated('e-commerce operator is TCS', [], (i) => void (i.TranDtls.EcmGstin = withCheckDigit('29AAACF1234A1C'))),
  mutated('2195 e-commerce operator not TCS', ['2195'], (i) => void (i.TranDtls.EcmGstin = BUYER_KA.Gstin)),
  mutated('2245 ship-to state ≠ POS (warning)', [], (i) => void (i.ShipDtls = { LglNm: 'Warehouse', Addr1: 'Dock 3', Loc: 'Mumbai', Pin: 400001, Stcd: '27' })),
];

const TAX_HEADS: ValidatorCase[] = [
  mutated('2172 IGST on intra-state', ['2172'], (i) => void (i.ItemList[0]!.IgstAmt = 10)),
  mutated('2174 CGST/SGST inter-state', ['2174'], (i) => {
    i.ItemList[0]!.CgstAmt = 5;
    i.ItemList[0]!.SgstAmt = 5;
  }, prod(), validInvoice({ buyer: BUYER_MH })),
  mutated('2227 CGST ≠ SGST', ['2227'], (i) => void (i.ItemList[0]!.SgstAmt = (i.ItemList[0]!.SgstAmt ?? 0) + 0.01)),
  mutated('2240 not a notified rate', ['2240'], (i) => void (i.ItemList[0]!.GstRt = 17)),
];

const SCHEMA: ValidatorCase[] = [
  // (not an object at all is refused by the CLI before validation, and the editor never builds one)
  { name: 'no sections', invoice: { Version: '1.1' }, setup: prod(), errors: ['5002'] },
  mutated('a date in the wrong form', ['2144'], (i) => void (i.DocDtls.Dt = '2026-11-14')),
  mutated('a number of 17 characters', ['5002'], (i) => void (i.DocDtls.No = 'ST/25-26/00420001')),
  mutated('text where a number goes', ['5002'], (i) => void ((i.ItemList[0] as unknown as Record<string, unknown>).Qty = 'ten')),
  mutated('no lines', ['2228'], (i) => void (i.ItemList = [])),
  mutated('a bad document type', ['2161'], (i) => void (i.DocDtls.Typ = 'INVOICE' as Invoice['DocDtls']['Typ'])),
];

const VALID: ValidatorCase[] = [
  { name: 'valid intra-state (production)', invoice: validInvoice(), setup: prod(), errors: [] },
  { name: 'valid intra-state (sandbox, ₹150 Cr)', invoice: validInvoice(), setup: { profile: 'sandbox', today: TODAY, aatoCrore: 150 }, errors: [] },
  { name: 'valid inter-state', invoice: validInvoice({ buyer: BUYER_MH }), setup: prod({ aatoCrore: 8 }), errors: [] },
];

export const VALIDATOR_CASES: readonly ValidatorCase[] = [...nicFixtures(), ...VALID, ...ARITHMETIC, ...DOCUMENT, ...ITEMS, ...PARTIES, ...TAX_HEADS, ...SCHEMA];
