/** What the client's methods take and return. IRP member names are mapped to camelCase here. */
import type { InfoEntry } from './envelope';

export interface Credentials {
  clientId: string;
  clientSecret: string;
  userName: string;
  password: string;
}

/** Called for every request; the client never stores what it returns. */
export type CredentialsProvider = () => Promise<Credentials>;

/** 'ACT' active, 'CNL' cancelled, 'REJ' rejected by de-duplication (§4.1); kept open for new values. */
export type IrnStatus = string;

/** Generate IRN / get by IRN / get by document details (§4.1-4.3), after both JWS verified. */
export interface IrnResult {
  irn: string;
  ackNo: number;
  ackDt: string;
  signedInvoice: string;
  signedQrCode: string;
  status: IrnStatus;
  ewbNo: number | null;
  ewbDt: string | null;
  ewbValidTill: string | null;
  remarks: string | null;
  info: InfoEntry[];
  /** The decoded `data` of SignedInvoice (AckNo, AckDt, Irn, then the invoice as NIC holds it). */
  signedInvoiceData: Record<string, unknown>;
  /** The decoded `data` of SignedQRCode (§7.3). */
  signedQrData: Record<string, unknown>;
}

export interface CancelResult {
  irn: string;
  cancelDate: string;
}

export type CancelReason = '1' | '2' | '3' | '4';

export interface DocDetailsQuery {
  docType: 'INV' | 'CRN' | 'DBN';
  docNo: string;
  /** dd/mm/yyyy */
  docDate: string;
}

/** Optional headers of the get/cancel/EWB calls (§1.3). */
export interface CallOptions {
  /** Supplier GSTIN when an e-commerce operator acts for a supplier. */
  supGstin?: string;
  /** Criss-cross: the IRP that generated the IRN when it is not this endpoint's. */
  irp?: 'NIC1' | 'NIC2';
}

export interface GstinDetails {
  gstin: string;
  tradeName: string | null;
  legalName: string | null;
  addrBnm: string | null;
  addrBno: string | null;
  addrFlno: string | null;
  addrSt: string | null;
  addrLoc: string | null;
  stateCode: number | null;
  addrPncd: number | null;
  txpType: string | null;
  status: string | null;
  blkStatus: string | null;
  dtReg: string | null;
  dtDReg: string | null;
}

/** Generate e-way bill by IRN (§4.7); INV-01-style member names as NIC spells them. */
export interface EwbByIrnRequest {
  Irn: string;
  Distance: number;
  TransMode?: '1' | '2' | '3' | '4';
  TransId?: string;
  TransName?: string;
  TransDocNo?: string;
  TransDocDt?: string;
  VehNo?: string;
  VehType?: 'R' | 'O';
  ExpShipDtls?: Record<string, unknown>;
  DispDtls?: Record<string, unknown>;
}

export interface EwbResult {
  ewbNo: number;
  ewbDt: string;
  ewbValidTill: string | null;
  remarks: string | null;
  info: InfoEntry[];
}

export interface EwbDetails {
  ewbNo: number;
  status: string | null;
  genGstin: string | null;
  ewbDt: string | null;
  ewbValidTill: string | null;
}

export interface EwbCancelRequest {
  ewbNo: number;
  /** E-way-bill reason codes: 1 duplicate, 2 order cancelled, 3 data entry mistake, 4 others. */
  reasonCode: 1 | 2 | 3 | 4;
  remark: string;
}

export interface EwbCancelResult {
  ewbNo: number;
  /** As the EWB system writes it, e.g. "20/09/2022 12:10:00 PM". */
  cancelDate: string;
}

/**
 * Update Part-B (vehicle / transport document) of an e-way bill: the EWB system's VEHEWB action,
 * reached like cancel (irp-protocol.md §4.9) on /ewaybillapi/v1.03/ewayapi. Member names and the
 * reason codes (1 break down, 2 transhipment, 3 others, 4 first time) as the EWB API spells them;
 * the team kit's fixture nic-ewaybill-exchanges.json "update_vehicle_info" is one real exchange.
 */
export interface EwbPartBRequest {
  ewbNo: number;
  transMode: '1' | '2' | '3' | '4';
  vehicleNo?: string;
  vehicleType?: 'R' | 'O';
  transDocNo?: string;
  /** dd/mm/yyyy */
  transDocDate?: string;
  fromPlace: string;
  /** The state the goods are in now (2-digit code as a number). */
  fromState: number;
  reasonCode: 1 | 2 | 3 | 4;
  reasonRem: string;
}

export interface EwbPartBResult {
  /** As the EWB system writes it, e.g. "05/10/2022 12:44:00 PM" (IST). */
  vehUpdDate: string;
  /** The bill's validity after the update, same format; null when the system gives none. */
  validUpto: string | null;
}

export interface HealthResult {
  up: true;
  text: string;
  ms: number;
}

/** What the client reports to the app's journal; never a secret. */
export type IrpEvent =
  | { type: 'auth'; reason: 'absent' | 'near-expiry' | 'invalid-token'; gstin: string; endpoint: string; ok: boolean; code?: string }
  | { type: 'retry-after-1005'; gstin: string; endpoint: string; operation: string };
