/**
 * Property: whatever a user types within the IRP's ranges, the payload computed from it passes
 * every schema and business rule. ≥ 1000 random invoices, including 1000-line ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatDocDate } from '../../../shared/dates';
import { buildPayload, type DraftInvoice, type DraftLine } from '../../../shared/einvoice/compute';
import type { SupplyType } from '../../../shared/einvoice/schema';
import { validateInvoice } from '../../../shared/einvoice/validate';
import { withCheckDigit } from '../../../shared/gst/gstin';
import { samplePinForState } from '../../../shared/gst/pin';
import { GST_RATES } from '../../../shared/gst/rates';
import { UQC } from '../../../shared/gst/units';
import { loadHsnMaster } from '../../../electron/app/masters';
import { hsnMasterText } from '../../../electron/app/masters';

const TODAY = '2026-11-21';
const hsn = loadHsnMaster();
const codes = hsnMasterText().split('\n').slice(1).map((l) => l.split('\t')[0] ?? '').filter((c) => /^\d+$/.test(c));
const goodsCodes = codes.filter((c) => !c.startsWith('99') && c.length >= 6);
const sacCodes = codes.filter((c) => c.startsWith('99') && c.length >= 6);
const STATES = ['01', '02', '03', '06', '07', '08', '09', '10', '19', '21', '23', '24', '27', '29', '32', '33', '36'];

const letters = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n });
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

const gstinIn = (state: string) =>
  fc.tuple(letters(5), digits(4), letters(1), fc.constantFrom(...'123456789')).map(([a, b, c, d]) => withCheckDigit(`${state}${a}${b}${c}${d}Z`));

const party = (state: string) =>
  fc.record({
    gstin: gstinIn(state),
    name: fc.constantFrom('Sharma Traders', 'Iyer & Sons Pvt Ltd', 'Kaur Textiles LLP', 'Das Steel Works'),
    pinOffset: fc.integer({ min: 0, max: 998 }),
  }).map(({ gstin, name, pinOffset }) => ({
    Gstin: gstin,
    LglNm: name,
    Addr1: '14, Industrial Area Phase 2',
    Loc: 'Main Market',
    Pin: (samplePinForState(state) ?? 100001) - 1 + pinOffset,
    Stcd: state,
  }));

const line = (large: boolean): fc.Arbitrary<DraftLine> =>
  fc.record({
    service: fc.boolean(),
    goods: fc.constantFrom(...goodsCodes),
    sac: fc.constantFrom(...sacCodes),
    qtyMilli: fc.integer({ min: 1, max: large ? 1_000_000 : 10_000_000 }),
    unit: fc.constantFrom(...Object.keys(UQC)),
    unitPricePaise: fc.integer({ min: 0, max: large ? 1_000_000 : 100_000_000 }),
    discountShare: fc.integer({ min: 0, max: 100 }),
    gstRate: fc.constantFrom(...GST_RATES),
    cessRate: fc.constantFrom(0, 0, 0, 1, 3, 12, 15, 65),
    cessPerUnit: fc.constantFrom(0, 0, 0, 40_000, 420_000),
    other: fc.integer({ min: 0, max: 1_000_000 }),
  }).map((l) => {
    const gross = Math.round((l.qtyMilli * l.unitPricePaise) / 1000);
    return {
      description: l.service ? 'Consulting services' : 'Machine parts',
      hsn: l.service ? l.sac : l.goods,
      isService: l.service,
      qtyMilli: l.qtyMilli,
      unit: l.service ? undefined : l.unit,
      unitPricePaise: l.unitPricePaise,
      discountPaise: Math.floor((gross * l.discountShare) / 200),
      gstRate: l.gstRate,
      cessRate: l.cessRate,
      cessNonAdvolPerUnitPaise: l.cessPerUnit,
      otherChargesPaise: l.other,
    };
  });

const SUPPLY: SupplyType[] = ['B2B', 'B2B', 'B2B', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP'];

const invoice = (lineCount: fc.Arbitrary<number>) =>
  fc
    .record({
      sellerState: fc.constantFrom(...STATES),
      buyerState: fc.constantFrom(...STATES),
      sameState: fc.boolean(),
      supplyType: fc.constantFrom(...SUPPLY),
      docType: fc.constantFrom<DraftInvoice['docType'][]>('INV', 'CRN', 'DBN'),
      docNo: fc.tuple(fc.constantFrom('INV', 'SI/25-26', 'A'), fc.integer({ min: 1, max: 99999 })).map(([p, n]) => `${p}/${n}`),
      age: fc.integer({ min: 0, max: 29 }),
      reverseCharge: fc.boolean(),
      rounding: fc.constantFrom('rupee' as const, 'none' as const),
      invoiceDiscountShare: fc.integer({ min: 0, max: 49 }),
      invoiceOther: fc.integer({ min: 0, max: 500_000 }),
      aato: fc.constantFrom(6, 20, 150, 800),
      count: lineCount,
    })
    .chain((r) => {
      const buyerState = r.sameState ? r.sellerState : r.buyerState;
      return fc.record({
        r: fc.constant(r),
        seller: party(r.sellerState),
        buyer: party(buyerState),
        lines: fc.array(line(r.count > 100), { minLength: r.count, maxLength: r.count }),
      });
    })
    .map(({ r, seller, buyer, lines }) => {
      const isExport = r.supplyType === 'EXPWP' || r.supplyType === 'EXPWOP';
      const buyerDtls = isExport
        ? { Gstin: 'URP', LglNm: 'Overseas Buyer Inc', Pos: '96', Addr1: '1 Harbour Road', Loc: 'Singapore', Pin: 999999, Stcd: '96' }
        : { ...buyer, Gstin: buyer.Gstin === seller.Gstin ? withCheckDigit(`${buyer.Stcd}ZZZZZ9999Z1Z`) : buyer.Gstin, Pos: buyer.Stcd };
      const d: DraftInvoice = {
        docType: r.docType,
        docNo: r.docNo,
        docDate: formatDocDate(addDays(TODAY, -r.age)),
        supplyType: r.supplyType,
        reverseCharge: r.reverseCharge && !isExport,
        seller,
        buyer: buyerDtls,
        lines,
        rounding: r.rounding,
        invoiceOtherChargesPaise: r.invoiceOther,
        ...(isExport ? { exportDetails: { CntCode: 'SG', Port: 'INMAA1', ForCur: 'SGD' } } : {}),
      };
      return { d, r };
    });

function checkValid({ d, r }: { d: DraftInvoice; r: { invoiceDiscountShare: number; aato: number } }): void {
  const first = buildPayload(d);
  // an invoice discount below half of what the lines add up to stays below the total (2220)
  const items = Math.round(first.ItemList.reduce((a, i) => a + i.TotItemVal, 0) * 100);
  const withDiscount = items >= 1000 ? { ...d, invoiceDiscountPaise: Math.floor((items * r.invoiceDiscountShare) / 100) } : d;
  const payload = buildPayload(withDiscount);
  const report = validateInvoice(payload, { profile: 'production', today: TODAY, hsn, seller: { aatoCrore: r.aato } });
  expect(report.errors).toEqual([]);
}

describe('computed payloads always pass the IRP rules (fast-check)', () => {
  it('1000 random invoices of 1 to 20 lines, with a few of 1000 lines', () => {
    const count = fc.oneof({ weight: 97, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 3, arbitrary: fc.constant(1000) });
    fc.assert(fc.property(invoice(count), checkValid), { numRuns: 1000 });
  });

  it('1000-line invoices', () => {
    fc.assert(fc.property(invoice(fc.constant(1000)), checkValid), { numRuns: 10 });
  });
});
