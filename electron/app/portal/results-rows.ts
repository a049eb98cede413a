/**
 * One results row, from JSON members or spreadsheet cells, normalised (results-fields.ts). A value
 * that cannot be read is not guessed: it is left out and named in `problems`, and the importer
 * reports the row instead of matching it.
 */
import { decodeSignedQr } from '../../../shared/einvoice/qr';
import { ackDtOf, ackNoOf, docDateOf, docTypeOf, fieldOf, gstinOf, irnOf, squash, type Field } from './results-fields';

export interface PortalError {
  code: string;
  message: string;
}

export interface ResultRow {
  /** Where in the file: "item 3", "row 7", "sheet IRN Generated, row 4". */
  where: string;
  sellerGstin?: string;
  /** "Filed By" when it is a GSTIN (IRP-6 lists who uploaded). */
  filedBy?: string;
  buyerGstin?: string;
  docType?: 'INV' | 'CRN' | 'DBN';
  docNo?: string;
  /** dd/mm/yyyy */
  docDate?: string;
  irn?: string;
  ackNo?: string;
  /** IST "yyyy-MM-dd HH:mm:ss" */
  ackDt?: string;
  signedInvoice?: string;
  signedQrCode?: string;
  /** The portal's errors for a document it did not register. */
  errors: PortalError[];
  /** The IRN a duplicate (2150) names, from InfoDtls DUPIRN. */
  dupIrn?: string;
  /** Values that could not be read. */
  problems: string[];
}

const MAX_TOKEN = 2_000_000;

export function emptyRow(where: string): ResultRow {
  return { where, errors: [], problems: [] };
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function shown(v: unknown): string {
  const t = v instanceof Date ? v.toISOString() : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v) ?? '';
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** Sets one field from a raw value; an unreadable value becomes a problem, an empty one is skipped. */
export function setField(row: ResultRow, field: Field, raw: unknown, label: string, pendingError?: { code?: string; message?: string }): void {
  if (raw === null || raw === undefined || raw === '') return;
  const bad = (what: string) => row.problems.push(`${label} "${shown(raw)}" is not ${what}`);
  const text = asText(raw);
  const dateLike = raw instanceof Date || typeof raw === 'number' ? raw : text;
  switch (field) {
    case 'sellerGstin':
    case 'buyerGstin': {
      const g = text === undefined ? undefined : gstinOf(text);
      if (field === 'buyerGstin' && text?.toUpperCase() === 'URP') row.buyerGstin = 'URP';
      else if (g) row[field] = g;
      else bad('a GSTIN');
      return;
    }
    case 'filedBy': {
      const g = text === undefined ? undefined : gstinOf(text);
      if (g) row.filedBy = g;
      return;
    }
    case 'docType': {
      const t = text === undefined ? undefined : docTypeOf(text);
      if (t) row.docType = t;
      else bad('a document type (INV, CRN, DBN)');
      return;
    }
    case 'docNo':
      if (text && text.length <= 16) row.docNo = text;
      else bad('a document number (1 to 16 characters)');
      return;
    case 'docDate': {
      const d = dateLike === undefined ? undefined : docDateOf(dateLike);
      if (d) row.docDate = d;
      else bad('a date dd/mm/yyyy');
      return;
    }
    case 'irn': {
      const i = text === undefined ? undefined : irnOf(text);
      if (i) row.irn = i;
      else bad('an IRN (64 hexadecimal characters)');
      return;
    }
    case 'ackNo': {
      const a = typeof raw === 'number' ? ackNoOf(raw) : text === undefined ? undefined : ackNoOf(text);
      if (a) row.ackNo = a;
      else bad('an acknowledgement number (digits only; a spreadsheet may have shortened it to "1.3E+14")');
      return;
    }
    case 'ackDt': {
      const a = dateLike === undefined ? undefined : ackDtOf(dateLike);
      if (a) row.ackDt = a;
      else bad('an acknowledgement date and time');
      return;
    }
    case 'signedInvoice':
    case 'signedQrCode':
      if (typeof raw === 'string' && raw.length <= MAX_TOKEN) row[field] = raw.trim();
      else bad('a signed token');
      return;
    case 'errorCode':
      if (pendingError && text) pendingError.code = text.slice(0, 20);
      return;
    case 'errorMessage':
      if (pendingError && text) pendingError.message = text.slice(0, 1000);
      return;
    default:
      return;
  }
}

/** A JSON error list: [{ErrorCode, ErrorMessage}] (any case). */
function jsonErrors(list: unknown[]): PortalError[] {
  return list.flatMap((e) => {
    if (!e || typeof e !== 'object') return [];
    const pending: { code?: string; message?: string } = {};
    for (const [k, v] of Object.entries(e as Record<string, unknown>)) {
      const f = fieldOf(k);
      if (f === 'errorCode' || f === 'errorMessage') setField(emptyRow(''), f, v, k, pending);
    }
    return pending.code || pending.message ? [{ code: pending.code ?? '', message: pending.message ?? '' }] : [];
  });
}

/** InfoDtls [{InfCd:"DUPIRN", Desc:{Irn}}]: the IRN the portal says it already holds. */
function dupIrnOf(list: unknown[]): string | undefined {
  for (const i of list) {
    const info = i as { InfCd?: unknown; Desc?: { Irn?: unknown } } | null;
    if (info && typeof info === 'object' && info.InfCd === 'DUPIRN' && typeof info.Desc?.Irn === 'string') return irnOf(info.Desc.Irn);
  }
  return undefined;
}

/** One JSON results object: flat members, DocDtls/SellerDtls/BuyerDtls/Data sub-objects, ErrorDetails, InfoDtls. */
export function jsonRow(item: unknown, where: string): ResultRow {
  const row = emptyRow(where);
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    row.problems.push('it is not a JSON object');
    return row;
  }
  const visit = (obj: Record<string, unknown>, depth: number, gstinField: 'sellerGstin' | 'buyerGstin' = 'sellerGstin') => {
    const pending: { code?: string; message?: string } = {};
    for (const [k, v] of Object.entries(obj)) {
      const key = squash(k);
      if (depth < 2 && v && typeof v === 'object' && !Array.isArray(v)) {
        if (key === 'docdtls' || key === 'data') visit(v as Record<string, unknown>, depth + 1);
        else if (key === 'sellerdtls') visit(v as Record<string, unknown>, depth + 1, 'sellerGstin');
        else if (key === 'buyerdtls') visit(v as Record<string, unknown>, depth + 1, 'buyerGstin');
        continue;
      }
      if (Array.isArray(v)) {
        if (key === 'errordetails') row.errors.push(...jsonErrors(v));
        else if (key === 'infodtls') row.dupIrn ??= dupIrnOf(v);
        continue;
      }
      let f = fieldOf(k);
      if (f === 'sellerGstin' && key === 'gstin') f = gstinField;
      if (f && f !== 'status') setField(row, f, v, k, pending);
    }
    if (pending.code || pending.message) row.errors.push({ code: pending.code ?? '', message: pending.message ?? '' });
  };
  visit(item as Record<string, unknown>, 0);
  return row;
}

/** Spreadsheet cells under their headers (columns mapped by results-fields) into a row. */
export function cellsRow(cells: readonly unknown[], columns: ReadonlyArray<{ index: number; field: Field; label: string }>, where: string): ResultRow {
  const row = emptyRow(where);
  const pending: { code?: string; message?: string } = {};
  for (const c of columns) setField(row, c.field, cells[c.index], c.label, pending);
  if (pending.code || pending.message) row.errors.push({ code: pending.code ?? '', message: pending.message ?? '' });
  return row;
}

/** Fills the document's identity from the signed QR (not yet verified: the importer verifies it before anything is recorded). */
export function fillFromQr(row: ResultRow): void {
  if (!row.signedQrCode) return;
  let qr: ReturnType<typeof decodeSignedQr>;
  try {
    qr = decodeSignedQr(row.signedQrCode);
  } catch {
    return;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  if (!row.sellerGstin && str(qr.SellerGstin)) setField(row, 'sellerGstin', qr.SellerGstin, 'SignedQRCode SellerGstin');
  if (!row.buyerGstin && str(qr.BuyerGstin)) setField(row, 'buyerGstin', qr.BuyerGstin, 'SignedQRCode BuyerGstin');
  if (!row.docType && str(qr.DocTyp)) setField(row, 'docType', qr.DocTyp, 'SignedQRCode DocTyp');
  if (!row.docNo && str(qr.DocNo)) setField(row, 'docNo', qr.DocNo, 'SignedQRCode DocNo');
  if (!row.docDate && str(qr.DocDt)) setField(row, 'docDate', qr.DocDt, 'SignedQRCode DocDt');
  if (!row.irn && str(qr.Irn)) setField(row, 'irn', qr.Irn, 'SignedQRCode Irn');
}
