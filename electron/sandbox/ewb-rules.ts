/**
 * E-way bill rules for EwbDtls on Generate IRN and for Generate EWB by IRN (irp-protocol.md §4.7,
 * §8.3, §9): Part-A/Part-B, transport modes, vehicle formats, dates, export ship-to, distance
 * (0 → PIN-to-PIN), and validity (200 km per day, ODC 20 km per day, ending 23:59 IST).
 */
import { addDays, istDateOf, parseDocDate } from '../../shared/dates';
import type { Invoice } from '../../shared/einvoice/schema';
import { FOREIGN_PIN } from '../../shared/gst/pin';
import { normaliseStateCode } from '../../shared/gst/states';
import { MAX_DISTANCE_KM, pinToPinDistance } from './distance';
import { err, type IrpError } from './envelope';
import type { TaxpayerRecord } from './taxpayers';

export interface EwbAddress {
  Pin?: unknown;
  Stcd?: unknown;
}

export interface EwbRequest {
  Distance?: unknown;
  TransMode?: unknown;
  TransId?: unknown;
  TransName?: unknown;
  TransDocNo?: unknown;
  TransDocDt?: unknown;
  VehNo?: unknown;
  VehType?: unknown;
  /** By-IRN only: export ship-to / dispatch-from overriding the invoice's. */
  ExpShipDtls?: EwbAddress | null;
  DispDtls?: EwbAddress | null;
}

export interface EwbPlan {
  distance: number;
  /** Distance was 0 and the system computed it (EWBPPD). */
  computed: boolean;
  /** IST "yyyy-MM-dd 23:59:00", or null for a Part-A-only bill. */
  validTill: string | null;
}

export type EwbOutcome = { ok: true; plan: EwbPlan } | { ok: false; errors: IrpError[] };

/** §12.6: AB12AB1234 and friends, temporary (TM), defence (DF), Bhutan (BP) and Nepal (NP) numbers. */
const VEHICLE_FORMATS = [
  /^[A-Z]{2}[0-9]{2}[0-9]{4}$/, /^[A-Z]{2}[0-9]{2}[A-Z][0-9]{4}$/, /^[A-Z]{2}[0-9]{2}[A-Z]{2}[0-9]{4}$/,
  /^[A-Z]{3}[0-9]{4}$/, /^[A-Z]{2}[0-9]{3}[A-Z][0-9]{4}$/, /^[A-Z]{2}[0-9]{2}[A-Z]{3}[0-9]{4}$/,
  /^DF[A-Z0-9]{6,18}$/, /^TM[A-Z0-9]{5,18}$/, /^BP[A-Z0-9]{2,18}$/, /^NP[A-Z0-9]{2,18}$/,
];

export function isVehicleNumber(v: string): boolean {
  const t = v.toUpperCase();
  return VEHICLE_FORMATS.some((re) => re.test(t));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const pinOf = (a: EwbAddress | null | undefined): number | undefined => (typeof a?.Pin === 'number' ? a.Pin : undefined);

function transportErrors(r: EwbRequest, docDate: string | undefined, today: string, out: IrpError[]): 'partA' | 'partB' | undefined {
  const mode = str(r.TransMode);
  const vehNo = str(r.VehNo);
  const vehType = str(r.VehType);
  const docNo = str(r.TransDocNo);
  const docDt = str(r.TransDocDt);
  const transId = str(r.TransId);
  if (transId && !/^[0-9]{2}[0-9A-Z]{13}$/.test(transId)) out.push(err('4018', 'Invalid Transporter ID'));
  if (!mode) {
    if (vehNo || docNo) out.push(err('4028', 'Transport mode is mandatory as Vehicle Number/Transport Document Number is given'));
    else if (!transId) out.push(err('4019', 'Provide Transporter ID in order to generate Part A of e-Way Bill'));
    return 'partA';
  }
  if (!['1', '2', '3', '4'].includes(mode)) {
    out.push(err('4006', `Requesting parameter cannot be empty: TransMode must be 1 (road), 2 (rail), 3 (air) or 4 (ship), got ${mode}`));
    return undefined;
  }
  if (vehType && vehType !== 'R' && vehType !== 'O') out.push(err('4020', 'Invalid vehicle type .'));
  if (mode === '1') {
    if (!vehNo) out.push(err('4011', 'Vehicle number should be passed in case of transportation mode is Road.'));
    if (!vehType) out.push(err('4022', 'vehicle type should be passed in case of transportation mode is Road.'));
  } else if (mode === '2' || mode === '3') {
    if (!docNo) out.push(err('4012', 'The transport document number should be passed for transportation modes air and rail'));
    if (!docDt) out.push(err('4023', 'The transport document date should be passed for of transportation modes air and rail.'));
    if (vehType === 'O') out.push(err('4024', 'Vehicle type should not be ODC when transmode is other than road and ship'));
  } else {
    if (!vehNo && !docNo) out.push(err('4040', 'For Ship Transport, either vehicle number or transport document number is required'));
    if (vehType === 'R') out.push(err('4039', 'Vehicle type can not be regular when transport mode is ship'));
  }
  if (vehNo && !isVehicleNumber(vehNo)) out.push(err('4014', 'Invalid Vehicle Number'));
  if (docDt) {
    const iso = parseDocDate(docDt);
    if (!iso) out.push(err('4017', 'Incorrect date format'));
    else {
      if (iso > today) out.push(err('4016', 'Transport document date cannot be a future date'));
      if (docDate && iso < docDate) out.push(err('4021', 'Transporter document date cannot be earlier than the invoice date.'));
    }
  }
  return 'partB';
}

function distanceOf(r: EwbRequest, from: number | undefined, to: number | undefined, out: IrpError[]): { km: number; computed: boolean } | undefined {
  const d = r.Distance;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > MAX_DISTANCE_KM) {
    out.push(err('4013', `The distance between the pincodes given is too high or low. (Distance must be a whole number 0-${MAX_DISTANCE_KM})`));
    return undefined;
  }
  if (from === undefined || to === undefined) {
    if (d > 0) return { km: d, computed: false };
    out.push(err('4030', `The distance between the pincodes ${from ?? '-'} and ${to ?? '-'} is not available in the system, you need to pass the actual distance.`));
    return undefined;
  }
  if (d === 0 && (from === FOREIGN_PIN || to === FOREIGN_PIN)) {
    out.push(err('4034', 'Since the you passed Supplier/Recepient/Dispatch from/Ship to Pincode as 999999, distance cannot be 0'));
    return undefined;
  }
  if (from === to) {
    if (d === 0) out.push(err('4029', 'Valid distance to be sent in case of same pin codes, you cannot send 0 as distance in this case.'));
    else if (d > 100) out.push(err('4013', 'The distance between the pincodes given is too high or low. (same PIN: at most 100 km)'));
    return d === 0 || d > 100 ? undefined : { km: d, computed: false };
  }
  const table = pinToPinDistance(from, to);
  if (d === 0) {
    if (!table) {
      out.push(err('4030', `The distance between the pincodes ${from} and ${to} is not available in the system, you need to pass the actual distance.`));
      return undefined;
    }
    return { km: table.km, computed: true };
  }
  if (table?.known && d > table.km * 1.1) {
    out.push(err('4038', `The distance between the pincodes given is too high (more than 10% above ${table.km} km)`));
    return undefined;
  }
  return { km: d, computed: false };
}

/** Checks an e-way bill request against its invoice; on success, the distance and validity. */
export function planEwayBill(
  inv: Invoice,
  r: EwbRequest,
  now: Date,
  taxpayer: (gstin: string) => TaxpayerRecord | undefined,
): EwbOutcome {
  const out: IrpError[] = [];
  const today = istDateOf(now);
  const docType = String(inv.DocDtls.Typ).toUpperCase();
  if (docType === 'CRN' || docType === 'DBN') out.push(err('4010', 'E-way Bill cannot generated for Debit Note, Credit Note and Services.'));
  else if (inv.ItemList.every((it) => it.IsServc === 'Y')) out.push(err('4009', 'E Way Bill can be generated provided at least HSN of one item belongs to goods.'));
  for (const g of [inv.SellerDtls.Gstin, inv.BuyerDtls.Gstin]) {
    if (g !== 'URP' && taxpayer(g)?.blkStatus === 'B') out.push(err('4015', `EWayBill will not be generated for blocked User -${g}`));
  }
  const part = transportErrors(r, parseDocDate(inv.DocDtls.Dt), today, out);
  const supTyp = String(inv.TranDtls.SupTyp).toUpperCase();
  const ship = r.ExpShipDtls ?? inv.ShipDtls ?? undefined;
  const disp = r.DispDtls ?? inv.DispDtls ?? undefined;
  if (supTyp === 'EXPWP' || supTyp === 'EXPWOP') {
    if (!ship) out.push(err('4031', 'Ship to details are mandatory for export transactions to generate e-Way Bill.'));
    else {
      if (normaliseStateCode(ship.Stcd as string) === '96') out.push(err('4032', 'Ship to state code cannot be other country code(96) for e-Way Bill generation'));
      if (pinOf(ship) === FOREIGN_PIN) out.push(err('4033', 'Ship to PIN code cannot be 999999 for e-Way Bill generation'));
    }
  }
  if (disp) {
    if (normaliseStateCode(disp.Stcd as string) === '96') out.push(err('4035', 'Dispatch state code cannot be other country code(96) for e-Way Bill generation'));
    if (pinOf(disp) === FOREIGN_PIN) out.push(err('4036', 'Dispatch PIN code cannot be 999999 for e-Way Bill generation'));
  }
  const from = pinOf(disp) ?? pinOf(inv.SellerDtls);
  const to = pinOf(ship) ?? pinOf(inv.BuyerDtls);
  const dist = out.length === 0 ? distanceOf(r, from, to, out) : undefined;
  if (out.length > 0 || !dist || !part) return { ok: false, errors: out };
  const perDay = str(r.VehType) === 'O' ? 20 : 200;
  const validTill = part === 'partA' ? null : `${addDays(today, Math.ceil(dist.km / perDay))} 23:59:00`;
  return { ok: true, plan: { distance: dist.km, computed: dist.computed, validTill } };
}
