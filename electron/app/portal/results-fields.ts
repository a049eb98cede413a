/**
 * The fields of a portal results row, whatever file they came in. Column and member names vary
 * (IRP-6's tables say "Doc No", "Ack Date", "Counterparty"; the API's JSON says DocNo, AckDt,
 * Irn; NIC's Excel headers are not published, gsp-and-portal.md §5.3), so names are compared
 * without case, spaces or punctuation against the aliases below, and values are normalised to the
 * API's spellings: doc type INV/CRN/DBN, doc date dd/mm/yyyy, ack date "yyyy-MM-dd HH:mm:ss".
 */
import { isCalendarDate } from '../../../shared/dates';

export type Field =
  | 'slNo' | 'sellerGstin' | 'filedBy' | 'buyerGstin' | 'docType' | 'docNo' | 'docDate' | 'irn' | 'ackNo' | 'ackDt'
  | 'signedInvoice' | 'signedQrCode' | 'errorCode' | 'errorMessage' | 'status';

const ALIASES: Record<Field, readonly string[]> = {
  slNo: ['slno', 'srno', 'sno', 'serialno', 'sl'],
  sellerGstin: ['sellergstin', 'suppliergstin', 'supgstin', 'gstin', 'sellergstn'],
  filedBy: ['filedby', 'uploadedby', 'user'],
  buyerGstin: ['buyergstin', 'counterparty', 'counterpartygstin', 'recipientgstin', 'ctin', 'buyergstn'],
  docType: ['doctyp', 'doctype', 'documenttype', 'typ'],
  docNo: ['docno', 'documentno', 'documentnumber', 'docnum', 'docnumber', 'invoiceno', 'invoicenumber', 'no'],
  docDate: ['docdt', 'docdate', 'documentdate', 'invoicedate', 'dt'],
  irn: ['irn', 'irnno', 'invoicereferencenumber'],
  ackNo: ['ackno', 'acknumber', 'acknowledgementno', 'acknowledgementnumber', 'acknowledgmentno', 'acknowledgmentnumber'],
  ackDt: ['ackdt', 'ackdate', 'acknowledgementdate', 'acknowledgmentdate', 'ackdatetime'],
  signedInvoice: ['signedinvoice'],
  signedQrCode: ['signedqrcode', 'signedqr'],
  errorCode: ['errorcode', 'errorcd', 'errcode', 'errcd'],
  errorMessage: ['errormessage', 'errormsg', 'error', 'errordescription', 'errordesc', 'errors'],
  status: ['status', 'irnstatus'],
};

const BY_KEY = new Map<string, Field>(Object.entries(ALIASES).flatMap(([f, keys]) => keys.map((k) => [k, f as Field] as const)));

export function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The field a column header or JSON member names, if any. */
export function fieldOf(name: string): Field | undefined {
  return BY_KEY.get(squash(name));
}

export const GSTIN_RE = /^[0-9]{2}[0-9A-Z]{13}$/;

export function gstinOf(v: string): string | undefined {
  const t = v.trim().toUpperCase();
  return GSTIN_RE.test(t) ? t : undefined;
}

export function docTypeOf(v: string): 'INV' | 'CRN' | 'DBN' | undefined {
  const t = squash(v);
  if (t === 'inv' || t === 'invoice' || t === 'taxinvoice') return 'INV';
  if (t === 'crn' || t === 'creditnote') return 'CRN';
  if (t === 'dbn' || t === 'debitnote') return 'DBN';
  return undefined;
}

const pad = (n: number | string) => String(n).padStart(2, '0');

/** A spreadsheet date cell: a Date (exceljs gives the wall clock as UTC fields) or an Excel serial day number. */
function fromSpreadsheet(v: Date | number): { y: number; m: number; d: number; hh: number; mi: number; ss: number } | undefined {
  const date = typeof v === 'number' ? new Date(Math.round((v - 25569) * 86_400_000)) : v;
  if (Number.isNaN(date.getTime())) return undefined;
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), hh: date.getUTCHours(), mi: date.getUTCMinutes(), ss: date.getUTCSeconds() };
}

/** dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd, a spreadsheet date) → "dd/mm/yyyy". */
export function docDateOf(v: string | Date | number): string | undefined {
  if (typeof v !== 'string') {
    const p = fromSpreadsheet(v);
    return p && isCalendarDate(p.y, p.m, p.d) ? `${pad(p.d)}/${pad(p.m)}/${p.y}` : undefined;
  }
  const t = v.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isCalendarDate(Number(m[3]), Number(m[2]), Number(m[1])) ? `${pad(m[1]!)}/${pad(m[2]!)}/${m[3]}` : undefined;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[3]}/${m[2]}/${m[1]}` : undefined;
  return undefined;
}

/** An acknowledgement date-time → IST "yyyy-MM-dd HH:mm:ss" (the API's AckDt spelling). */
export function ackDtOf(v: string | Date | number): string | undefined {
  let y: number, mo: number, d: number, h: number, mi: number, s: number;
  if (typeof v !== 'string') {
    const p = fromSpreadsheet(v);
    if (!p) return undefined;
    ({ y, m: mo, d, hh: h, mi, ss: s } = p);
  } else {
    const t = v.trim();
    const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
    const ind = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?$/.exec(t);
    if (iso) [y, mo, d, h, mi, s] = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
    else if (ind) {
      [d, mo, y, h, mi, s] = [ind[1], ind[2], ind[3], ind[4], ind[5], ind[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
      const half = ind[7]?.toUpperCase();
      if (half && (h < 1 || h > 12)) return undefined;
      if (half === 'PM' && h < 12) h += 12;
      if (half === 'AM' && h === 12) h = 0;
    } else return undefined;
  }
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** The acknowledgement number's digits; undefined for anything else (an Excel "1.32E+14" lost digits). */
export function ackNoOf(v: string | number): string | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : undefined;
  const t = v.trim();
  return /^[0-9]{1,20}$/.test(t) ? t : undefined;
}

export function irnOf(v: string): string | undefined {
  const t = v.trim().toLowerCase();
  return /^[0-9a-f]{64}$/.test(t) ? t : undefined;
}
