/**
 * A valid practice invoice for the Playground (generate trace, scenarios): built through the app's
 * own tax computation, seller = the given practice identity, buyer = a taxpayer of the practice
 * GSTIN master in another state (inter-state: IGST), one goods and one service line.
 */
import { formatDocDate } from '../../shared/dates';
import { buildPayload } from '../../shared/einvoice/compute';
import type { Invoice } from '../../shared/einvoice/schema';
import { findTaxpayer, GSTINS } from '../sandbox/taxpayers';

export interface SampleSeller {
  gstin: string;
  legalName: string;
}

/** A buyer from the master in a state other than the seller's. */
function buyerFor(sellerGstin: string) {
  const gstin = sellerGstin.startsWith('27') ? GSTINS.karnataka : GSTINS.maharashtra;
  const t = findTaxpayer(gstin);
  const state = gstin.slice(0, 2);
  return { Gstin: gstin, LglNm: t?.legalName ?? 'Practice Buyer', Pos: state, Addr1: `${t?.addrBno ?? '1'} ${t?.addrSt ?? 'Main Road'}`, Loc: t?.addrLoc ?? 'Mumbai', Pin: t?.pin ?? 400001, Stcd: state };
}

/** `docDate` is an ISO date (the IRP's "today" in IST). */
export function sampleInvoice(seller: SampleSeller, docNo: string, isoDate: string): Invoice {
  const t = findTaxpayer(seller.gstin);
  return buildPayload({
    docType: 'INV',
    docNo,
    docDate: formatDocDate(isoDate),
    supplyType: 'B2B',
    seller: { Gstin: seller.gstin, LglNm: seller.legalName, Addr1: `${t?.addrBno ?? '12'} ${t?.addrSt ?? 'MG Road'}`, Loc: t?.addrLoc ?? 'Bengaluru', Pin: t?.pin || 560001, Stcd: seller.gstin.slice(0, 2) },
    buyer: buyerFor(seller.gstin),
    lines: [
      { description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, qtyMilli: 10_000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 },
      { description: 'Management consulting', hsn: '998311', isService: true, qtyMilli: 1000, unitPricePaise: 5_000_000, gstRate: 18 },
    ],
  });
}

/** A document number nobody has used: PG/ + base-36 time + a random tail (at most 16 characters, §5.3). */
export function uniqueDocNo(prefix = 'PG'): string {
  const tail = Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, '0');
  return `${prefix}/${Date.now().toString(36)}${tail}`.toUpperCase().slice(0, 16);
}
