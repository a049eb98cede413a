/**
 * The practice GSTIN master (irp-protocol.md §4.5, §13.8): NIC's public sandbox test GSTINs (§13;
 * they fail the check digit, as on NIC's sandbox) and generated GSTINs with valid check digits in
 * several states, covering ACT/CNL/INA/SUS, an e-way-bill-blocked taxpayer, an SEZ unit and an
 * e-commerce (TCS) operator. A GSTIN absent from the seed but structurally valid with a correct
 * check digit is treated as an active regular taxpayer, as the real GST master would know it.
 */
import type { TaxpayerInfo } from '../../shared/einvoice/rules/context';
import { isValidGstin, withCheckDigit } from '../../shared/gst/gstin';

export interface TaxpayerRecord {
  gstin: string;
  tradeName: string;
  legalName: string;
  addrBnm: string;
  addrBno: string;
  addrFlno: string;
  addrSt: string;
  addrLoc: string;
  stateCode: number;
  pin: number;
  txpType: 'REG' | 'SEZ' | 'TCS' | 'COM';
  status: TaxpayerInfo['status'];
  blkStatus: 'B' | 'U' | null;
  dtReg: string | null;
  dtDReg: string | null;
  /** What "sync from the GST portal" finds (§4.5: NIC advises sync after 3029, then retry). */
  portalStatus?: TaxpayerInfo['status'];
}

function tp(gstin: string, legalName: string, loc: string, pin: number, more: Partial<TaxpayerRecord> = {}): TaxpayerRecord {
  return {
    gstin,
    tradeName: legalName,
    legalName,
    addrBnm: `${loc} Trade Centre`,
    addrBno: '12',
    addrFlno: '1st floor',
    addrSt: 'Station Road',
    addrLoc: loc,
    stateCode: Number(gstin.slice(0, 2)),
    pin,
    txpType: 'REG',
    status: 'ACT',
    blkStatus: null,
    dtReg: '2017-07-01',
    dtDReg: null,
    ...more,
  };
}

/** Generated GSTINs (valid check digits) used by the practice accounts and scenarios. */
export const GSTINS = {
  maharashtra: withCheckDigit('27AADCP1234M1Z'),
  karnataka: '29ABCDE1234F1ZW',
  delhi: withCheckDigit('07AAHFP5678K1Z'),
  tamilNadu: withCheckDigit('33AAJCP4321Q1Z'),
  gujaratInactive: withCheckDigit('24AAICI5678R1Z'),
  bengalCancelled: withCheckDigit('19AABCC1234D1Z'),
  haryanaSuspended: withCheckDigit('06AABCS4321E1Z'),
  rajasthanBlocked: withCheckDigit('08AABCB9876F1Z'),
  karnatakaSez: withCheckDigit('29AABCZ1111G1Z'),
  delhiEcommerce: withCheckDigit('07AABCE2222H1C'),
  keralaNew: withCheckDigit('32AABCN3333J1Z'),
  mpCancelledNoDate: withCheckDigit('23AABCD7777K1Z'),
} as const;

export const SEED_TAXPAYERS: readonly TaxpayerRecord[] = [
  tp('29AWGPV7107B1Z1', 'VIKAS EXPORTS', 'CHANNAPATNA', 562160, { dtReg: '2017-07-01' }),
  tp('37ARZPT4384Q1MT', 'NIC SANDBOX TEST SELLER', 'VIJAYAWADA', 520001),
  tp('01AMBPG7773M002', 'Resilient Test', 'Srinagar', 193501),
  tp('02AMBPG7773M002', 'Resilient Test', 'Una', 171302),
  tp('36AMBPG7773M002', 'Test Registered Customer', 'Hyderabad', 500055),
  tp('09AAAPG7885R002', 'NIC SANDBOX TEST BUYER UP', 'Noida', 201301),
  tp(GSTINS.maharashtra, 'Practice Manufacturing Private Limited', 'Mumbai', 400001),
  tp(GSTINS.karnataka, 'Practice Traders Bengaluru', 'Bengaluru', 560001),
  tp(GSTINS.delhi, 'Practice Distributors Delhi', 'New Delhi', 110001),
  tp(GSTINS.tamilNadu, 'Practice Textiles Chennai', 'Chennai', 600001),
  tp(GSTINS.gujaratInactive, 'Practice Inactive Industries', 'Ahmedabad', 380015, { status: 'INA' }),
  tp(GSTINS.bengalCancelled, 'Practice Cancelled Company', 'Kolkata', 700001, { status: 'CNL', dtReg: '2018-04-01', dtDReg: '2024-03-31' }),
  tp(GSTINS.haryanaSuspended, 'Practice Suspended Supplies', 'Gurugram', 122001, { status: 'SUS', portalStatus: 'ACT' }),
  tp(GSTINS.rajasthanBlocked, 'Practice Blocked Logistics', 'Jaipur', 302001, { blkStatus: 'B' }),
  tp(GSTINS.karnatakaSez, 'Practice SEZ Unit Electronics', 'Bengaluru', 560100, { txpType: 'SEZ' }),
  tp(GSTINS.delhiEcommerce, 'Practice Marketplace Operator', 'New Delhi', 110020, { txpType: 'TCS' }),
  tp(GSTINS.keralaNew, 'Practice New Registrant', 'Kochi', 682001, { dtReg: '2025-10-01' }),
  tp(GSTINS.mpCancelledNoDate, 'Practice Cancelled Undated', 'Bhopal', 462001, { status: 'CNL', dtDReg: null }),
];

const BY_GSTIN = new Map(SEED_TAXPAYERS.map((t) => [t.gstin, t]));

/** The master record of a GSTIN (seeded, or synthesised for any valid unseeded GSTIN). */
export function findTaxpayer(gstin: string, statusOverride?: string): TaxpayerRecord | undefined {
  const seeded = BY_GSTIN.get(gstin);
  const base = seeded ?? (isValidGstin(gstin) ? tp(gstin, `Registered Taxpayer ${gstin.slice(2, 12)}`, 'Practice City', 0) : undefined);
  if (!base) return undefined;
  return statusOverride ? { ...base, status: statusOverride as TaxpayerRecord['status'] } : base;
}

export function toTaxpayerInfo(t: TaxpayerRecord): TaxpayerInfo {
  return { gstin: t.gstin, status: t.status, txpType: t.txpType, registeredOn: t.dtReg, deregisteredOn: t.dtDReg, blocked: t.blkStatus === 'B' };
}

/** The Get-GSTIN `Data` object, keys in NIC's order (§4.5). */
export function gstinDetails(t: TaxpayerRecord): Record<string, unknown> {
  return {
    Gstin: t.gstin,
    TradeName: t.tradeName,
    LegalName: t.legalName,
    AddrBnm: t.addrBnm,
    AddrBno: t.addrBno,
    AddrFlno: t.addrFlno,
    AddrSt: t.addrSt,
    AddrLoc: t.addrLoc,
    StateCode: t.stateCode,
    AddrPncd: t.pin === 0 ? null : t.pin,
    TxpType: t.txpType,
    Status: t.status,
    BlkStatus: t.blkStatus,
    DtReg: t.dtReg,
    DtDReg: t.dtDReg,
  };
}
