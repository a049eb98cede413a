/**
 * Decrypted `Data` objects to result types, tolerating number-or-string members and either key case
 * (§4.1-§4.9). A missing essential member is a protocol error: a half-read answer must never look
 * like a registration.
 */
import type { InfoEntry } from './envelope';
import { member } from './envelope';
import { CLIENT_CODES, IrpError } from './errors';
import type { CancelResult, EwbCancelResult, EwbDetails, EwbResult, GstinDetails } from './types';
import type { EwbPartBResult } from './types';

type Json = Record<string, unknown>;

export function asObject(v: unknown, what: string, ambiguous: boolean): Json {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Json;
  throw new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, ambiguous, message: `The IRP's ${what} answer has no usable data.` });
}

function missing(what: string, name: string, ambiguous: boolean): IrpError {
  return new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, ambiguous, message: `The IRP's ${what} answer lacks ${name}.` });
}

export function str(o: Json, name: string): string | null {
  const v = member(o, name);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

export function num(o: Json, name: string): number | null {
  const v = member(o, name);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

export interface RawIrn {
  irn: string;
  ackNo: number;
  ackDt: string;
  signedInvoice: unknown;
  signedQrCode: unknown;
  status: string;
  ewbNo: number | null;
  ewbDt: string | null;
  ewbValidTill: string | null;
  remarks: string | null;
  info: InfoEntry[];
}

export function readIrn(data: unknown, info: InfoEntry[], what: string, ambiguous: boolean): RawIrn {
  const o = asObject(data, what, ambiguous);
  const irn = str(o, 'Irn');
  if (irn === null || !/^[0-9a-f]{64}$/i.test(irn)) throw missing(what, 'a valid Irn', ambiguous);
  const ackNo = num(o, 'AckNo');
  if (ackNo === null) throw missing(what, 'AckNo', ambiguous);
  const ackDt = str(o, 'AckDt');
  if (ackDt === null) throw missing(what, 'AckDt', ambiguous);
  return {
    irn: irn.toLowerCase(),
    ackNo,
    ackDt,
    signedInvoice: member(o, 'SignedInvoice'),
    signedQrCode: member(o, 'SignedQRCode'),
    status: str(o, 'Status') ?? 'ACT',
    ewbNo: num(o, 'EwbNo'),
    ewbDt: str(o, 'EwbDt'),
    ewbValidTill: str(o, 'EwbValidTill'),
    remarks: str(o, 'Remarks'),
    info,
  };
}

export function readCancel(data: unknown): CancelResult {
  const o = asObject(data, 'cancel', true);
  const irn = str(o, 'Irn');
  const cancelDate = str(o, 'CancelDate');
  if (irn === null) throw missing('cancel', 'Irn', true);
  if (cancelDate === null) throw missing('cancel', 'CancelDate', true);
  return { irn: irn.toLowerCase(), cancelDate };
}

export function readGstin(data: unknown): GstinDetails {
  const o = asObject(data, 'GSTIN details', false);
  const gstin = str(o, 'Gstin');
  if (gstin === null) throw missing('GSTIN details', 'Gstin', false);
  return {
    gstin,
    tradeName: str(o, 'TradeName'),
    legalName: str(o, 'LegalName'),
    addrBnm: str(o, 'AddrBnm'),
    addrBno: str(o, 'AddrBno'),
    addrFlno: str(o, 'AddrFlno'),
    addrSt: str(o, 'AddrSt'),
    addrLoc: str(o, 'AddrLoc'),
    stateCode: num(o, 'StateCode'),
    addrPncd: num(o, 'AddrPncd'),
    txpType: str(o, 'TxpType'),
    status: str(o, 'Status'),
    blkStatus: str(o, 'BlkStatus'),
    dtReg: str(o, 'DtReg'),
    dtDReg: str(o, 'DtDReg'),
  };
}

export function readEwb(data: unknown, info: InfoEntry[]): EwbResult {
  const o = asObject(data, 'e-way bill', true);
  const ewbNo = num(o, 'EwbNo');
  const ewbDt = str(o, 'EwbDt');
  if (ewbNo === null) throw missing('e-way bill', 'EwbNo', true);
  if (ewbDt === null) throw missing('e-way bill', 'EwbDt', true);
  return { ewbNo, ewbDt, ewbValidTill: str(o, 'EwbValidTill'), remarks: str(o, 'Remarks'), info };
}

export function readEwbDetails(data: unknown): EwbDetails {
  const o = asObject(data, 'e-way bill details', false);
  const ewbNo = num(o, 'EwbNo');
  if (ewbNo === null) throw missing('e-way bill details', 'EwbNo', false);
  return { ewbNo, status: str(o, 'Status'), genGstin: str(o, 'GenGstin'), ewbDt: str(o, 'EwbDt'), ewbValidTill: str(o, 'EwbValidTill') };
}

export function readEwbCancel(data: unknown): EwbCancelResult {
  const o = asObject(data, 'e-way bill cancel', true);
  const ewbNo = num(o, 'ewayBillNo');
  const cancelDate = str(o, 'cancelDate');
  if (ewbNo === null) throw missing('e-way bill cancel', 'ewayBillNo', true);
  if (cancelDate === null) throw missing('e-way bill cancel', 'cancelDate', true);
  return { ewbNo, cancelDate };
}

export function readEwbPartB(data: unknown): EwbPartBResult {
  const o = asObject(data, 'e-way bill Part-B update', true);
  const vehUpdDate = str(o, 'vehUpdDate');
  if (vehUpdDate === null) throw missing('e-way bill Part-B update', 'vehUpdDate', true);
  return { vehUpdDate, validUpto: str(o, 'validUpto') };
}

/** Rejected IRNs (§4.6): NIC's sample is a list of IRN strings; objects are read for their Irn. */
export function readRejected(data: unknown): string[] {
  if (!Array.isArray(data)) throw new IrpError({ kind: 'protocol', code: CLIENT_CODES.badResponse, message: 'The IRP\'s rejected-IRN answer is not a list.' });
  const out: string[] = [];
  for (const e of data) {
    if (typeof e === 'string') out.push(e.toLowerCase());
    else if (e !== null && typeof e === 'object') {
      const irn = str(e as Json, 'Irn');
      if (irn !== null) out.push(irn.toLowerCase());
    }
  }
  return out;
}
