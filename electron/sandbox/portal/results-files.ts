/**
 * The practice portal's results downloads, in the shapes gsp-and-portal.md §4.3 describes:
 *
 * - results.json: one object per uploaded invoice, in upload order. A generated one carries what
 *   generate-IRN's Data carries (AckNo, AckDt, Irn, SignedInvoice, SignedQRCode, Status "ACT",
 *   EwbNo...); a refused one carries ErrorDetails (and InfoDtls, e.g. DUPIRN) as the API's
 *   envelope does. [inferred] IRP-6 offers "JSON for generated records" but its layout is not
 *   published; this layout is the API's, which is what a portal built on the API most likely emits.
 * - generated.csv: IRP-6's "IRN Generated" columns (H): File Name, Date, Filed By, Counterparty,
 *   Doc Type, Doc No, Doc Date, Ack No, Ack Date, IRN. No signed QR: IRP-6 lists none, and whether
 *   NIC's download has it is an open question (§5.3).
 * - errors.csv: IRP-6's "error response file" (its columns are not published [inferred]): the
 *   document columns, then Error Code and Error Message, one line per error.
 * - results.xlsx: NIC IRP-1's "Excel download" (headers not published [inferred]): both tables
 *   above as the sheets "IRN Generated" and "IRN not Generated".
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { PortalRow, PortalUpload } from './bulk-upload';

export const GENERATED_COLUMNS = ['File Name', 'Date', 'Filed By', 'Counterparty', 'Doc Type', 'Doc No', 'Doc Date', 'Ack No', 'Ack Date', 'IRN'] as const;
export const ERROR_COLUMNS = ['File Name', 'Date', 'Filed By', 'Counterparty', 'Doc Type', 'Doc No', 'Doc Date', 'Error Code', 'Error Message'] as const;

/** "2026-11-14 10:05:00" → "14/11/2026 10:05:00", the way the portal's tables show date-times [inferred]. */
function portalDateTime(ist: string): string {
  const [date = '', time = ''] = ist.split(' ');
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${time}`;
}

export function resultsJson(upload: PortalUpload): string {
  const rows = upload.rows.map((r) => {
    const head = { SlNo: r.slNo, SellerGstin: r.sellerGstin ?? null, DocTyp: r.docType ?? null, DocNo: r.docNo ?? null, DocDt: r.docDate ?? null, BuyerGstin: r.buyerGstin ?? null };
    const info = r.info.length > 0 ? r.info : null;
    if (!r.generated) return { ...head, Status: 'ERROR', ErrorDetails: r.errors.map((e) => ({ ErrorCode: e.code, ErrorMessage: e.message })), InfoDtls: info };
    const { reg, ewb } = r.generated;
    return {
      ...head, Status: reg.status, AckNo: reg.ackNo, AckDt: reg.ackDt, Irn: reg.irn, SignedInvoice: reg.signedInvoice, SignedQRCode: reg.signedQrCode,
      EwbNo: ewb?.ewbNo ?? null, EwbDt: ewb?.ewbDt ?? null, EwbValidTill: ewb?.validTill ?? null, ErrorDetails: null, InfoDtls: info,
    };
  });
  return JSON.stringify(rows, null, 1);
}

function documentCells(upload: PortalUpload, r: PortalRow): string[] {
  return [upload.fileName, portalDateTime(upload.uploadedAt), upload.gstin, r.buyerGstin ?? '', r.docType ?? '', r.docNo ?? '', r.docDate ?? ''];
}

export function generatedTable(upload: PortalUpload): string[][] {
  return upload.rows.flatMap((r) => (r.generated
    ? [[...documentCells(upload, r), String(r.generated.reg.ackNo), portalDateTime(r.generated.reg.ackDt), r.generated.reg.irn]]
    : []));
}

export function errorTable(upload: PortalUpload): string[][] {
  return upload.rows.flatMap((r) => (r.generated ? [] : r.errors.map((e) => [...documentCells(upload, r), e.code, e.message])));
}

export function generatedCsv(upload: PortalUpload): string {
  return stringify([[...GENERATED_COLUMNS], ...generatedTable(upload)]);
}

export function errorsCsv(upload: PortalUpload): string {
  return stringify([[...ERROR_COLUMNS], ...errorTable(upload)]);
}

export async function resultsXlsx(upload: PortalUpload): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const add = (name: string, columns: readonly string[], rows: string[][]) => {
    const sheet = book.addWorksheet(name);
    sheet.addRow([...columns]);
    for (const row of rows) sheet.addRow(row);
  };
  add('IRN Generated', GENERATED_COLUMNS, generatedTable(upload));
  add('IRN not Generated', ERROR_COLUMNS, errorTable(upload));
  return Buffer.from(await book.xlsx.writeBuffer());
}
