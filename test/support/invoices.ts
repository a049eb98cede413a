/**
 * Valid test invoices built through the real tax computation. GSTINs carry valid check digits
 * (29ABCDE1234F1ZW and 29PQRST5678K1ZY are the synthetic examples of irp-protocol.md §6.5).
 */
import { buildPayload, type DraftInvoice, type DraftLine } from '../../shared/einvoice/compute';
import type { Invoice } from '../../shared/einvoice/schema';

export const SELLER_KA = {
  Gstin: '29ABCDE1234F1ZW',
  LglNm: 'Sharma Traders Private Limited',
  TrdNm: 'Sharma Traders',
  Addr1: '12 MG Road',
  Loc: 'Bengaluru',
  Pin: 560001,
  Stcd: '29',
};

export const BUYER_KA = {
  Gstin: '29PQRST5678K1ZY',
  LglNm: 'Buyer Retail Limited',
  Pos: '29',
  Addr1: '7th Block, Koramangala',
  Loc: 'Bengaluru',
  Pin: 560095,
  Stcd: '29',
};

/** A Maharashtra buyer (inter-state from Karnataka). */
export const BUYER_MH = {
  Gstin: '27AAPFU0939F1ZV',
  LglNm: 'Mumbai Distributors LLP',
  Pos: '27',
  Addr1: 'Plot 4, Andheri East',
  Loc: 'Mumbai',
  Pin: 400069,
  Stcd: '27',
};

export function goodsLine(overrides: Partial<DraftLine> = {}): DraftLine {
  return {
    description: 'Basmati rice 25 kg bag',
    hsn: '10063020',
    isService: false,
    qtyMilli: 10_000,
    unit: 'BAG',
    unitPricePaise: 185_000,
    gstRate: 5,
    ...overrides,
  };
}

export function serviceLine(overrides: Partial<DraftLine> = {}): DraftLine {
  return {
    description: 'Management consulting',
    hsn: '998311',
    isService: true,
    qtyMilli: 1000,
    unitPricePaise: 5_000_000,
    gstRate: 18,
    ...overrides,
  };
}

export function draft(overrides: Partial<DraftInvoice> = {}): DraftInvoice {
  return {
    docType: 'INV',
    docNo: 'ST/25-26/0042',
    docDate: '14/11/2026',
    supplyType: 'B2B',
    seller: SELLER_KA,
    buyer: BUYER_KA,
    lines: [goodsLine(), serviceLine()],
    ...overrides,
  };
}

/** A valid intra-state invoice dated 14/11/2026 (validate with today 2026-11-21). */
export function validInvoice(overrides: Partial<DraftInvoice> = {}): Invoice {
  return buildPayload(draft(overrides));
}

/** Deep copy for mutation in tests. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
