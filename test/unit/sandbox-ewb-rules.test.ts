/** E-way bill validity and distance (irp-protocol.md §9.2-§9.3) with the worked examples from real NIC responses. */
import { describe, expect, it } from 'vitest';
import { pinToPinDistance } from '../../electron/sandbox/distance';
import { isVehicleNumber, planEwayBill } from '../../electron/sandbox/ewb-rules';
import type { Invoice } from '../../shared/einvoice/schema';

const IST = (s: string) => new Date(`${s}+05:30`);

function invoice(sellerPin: number, buyerPin: number, more: Partial<Invoice> = {}): Invoice {
  return {
    Version: '1.1',
    TranDtls: { TaxSch: 'GST', SupTyp: 'B2B' },
    DocDtls: { Typ: 'INV', No: 'A1', Dt: '16/09/2022' },
    SellerDtls: { Gstin: '01AMBPG7773M002', LglNm: 'Seller', Addr1: 'a', Loc: 'City', Pin: sellerPin, Stcd: '01' },
    BuyerDtls: { Gstin: '36AMBPG7773M002', LglNm: 'Buyer', Pos: '36', Addr1: 'b', Loc: 'City', Pin: buyerPin, Stcd: '36' },
    ItemList: [{ SlNo: '1', IsServc: 'N', HsnCd: '61149090', UnitPrice: 1, TotAmt: 1, AssAmt: 1, GstRt: 0, TotItemVal: 1 }],
    ValDtls: { AssVal: 1, TotInvVal: 1 },
    ...more,
  };
}

const road = { TransMode: '1', VehNo: 'GJ07DL9009', VehType: 'R' };
const none = () => undefined;

describe('planEwayBill validity', () => {
  it('2467 km generated 2022-09-16 19:29 is valid till 2022-09-29 23:59 (real NIC response)', () => {
    const r = planEwayBill(invoice(193501, 500055), { ...road, Distance: 0 }, IST('2022-09-16T19:29:00'), none);
    expect(r).toEqual({ ok: true, plan: { distance: 2467, computed: true, validTill: '2022-09-29 23:59:00' } });
  });

  it('200 km per day or part, counted from the IST date; ODC 20 km per day', () => {
    const at = IST('2026-01-10T23:30:00');
    const till = (d: number, type = 'R') => {
      const r = planEwayBill(invoice(400001, 560001), { TransMode: '1', VehNo: 'MH12AB1234', VehType: type, Distance: d }, at, none);
      return r.ok ? r.plan.validTill : r.errors.map((e) => e.code).join();
    };
    expect(till(1)).toBe('2026-01-11 23:59:00');
    expect(till(200)).toBe('2026-01-11 23:59:00');
    expect(till(201)).toBe('2026-01-12 23:59:00');
    expect(till(20, 'O')).toBe('2026-01-11 23:59:00');
    expect(till(21, 'O')).toBe('2026-01-12 23:59:00');
    // 18:30 UTC is already the next IST day.
    const r = planEwayBill(invoice(400001, 560001), { ...road, Distance: 10 }, new Date('2026-01-10T18:30:00Z'), none);
    expect(r.ok && r.plan.validTill).toBe('2026-01-12 23:59:00');
  });

  it('uses dispatch and ship-to PINs when present; 999999 with distance 0 → 4034', () => {
    const r = planEwayBill(invoice(400001, 560001), { Distance: 0, TransId: '29ABCDE1234F1ZW', ExpShipDtls: { Pin: 999999, Stcd: '29' } }, IST('2026-01-10T10:00:00'), none);
    expect(r.ok ? 'ok' : r.errors.map((e) => e.code)).toEqual(['4034']);
  });
});

describe('pinToPinDistance', () => {
  it('is symmetric, deterministic, within 1-4000 km, and knows the NIC pair', () => {
    expect(pinToPinDistance(500055, 193501)).toEqual({ km: 2467, known: true });
    const a = pinToPinDistance(400001, 560001);
    expect(a).toEqual(pinToPinDistance(560001, 400001));
    expect(a?.known).toBe(false);
    expect(a?.km).toBeGreaterThan(800);
    expect(a?.km).toBeLessThan(1300);
    expect(pinToPinDistance(110001, 110020)?.km).toBeLessThan(60);
    expect(pinToPinDistance(990001, 110001)).toBeUndefined();
  });
});

describe('isVehicleNumber', () => {
  it('accepts the §12.6 formats and refuses others', () => {
    for (const ok of ['GJ07DL9009', 'MH12A1234', 'KA011234', 'ABC1234', 'AB123A1234', 'DL01ABC1234', 'TM12345AB', 'DF123456']) expect(isVehicleNumber(ok), ok).toBe(true);
    for (const bad of ['12345', 'GJ07DL99', 'G', 'GJ-07-DL-9009']) expect(isVehicleNumber(bad), bad).toBe(false);
  });
});
