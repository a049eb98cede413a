/**
 * From the ledger to what the printer needs: the payload exactly as registered, what the IRP
 * returned, the active e-way bill and the seller's print extras (logo, bank, terms). Used by
 * `einvoice print` and, with the UI, by pdf:render.
 */
import type { Invoice as Inv01 } from '../../shared/einvoice/schema';
import type { Invoice, Ledger } from '../ledger';
import { renderEwayBill, renderInvoice, renderInvoices, type PrintableEwayBill, type PrintableInvoice, type PrintCopy } from '../pdf';

export class PrintError extends Error {
  override name = 'PrintError';
}

export function printableFor(ledger: Ledger, invoice: Invoice): PrintableInvoice {
  if (!invoice.payloadJson) throw new PrintError(`${invoice.docType} ${invoice.docNo ?? invoice.id} has no INV-01 payload yet: save it from the editor first.`);
  const payload = JSON.parse(invoice.payloadJson) as Inv01;
  const reg = ledger.registrations.forInvoice(invoice.id);
  const ewb = ledger.ewaybills.forInvoice(invoice.id).find((e) => e.status === 'ACT');
  const business = ledger.businesses.getByGstin(invoice.sellerGstin);
  const bank = business?.bank;
  const seller: NonNullable<PrintableInvoice['seller']> = {
    ...(business?.logoPng ? { logoPng: Buffer.from(business.logoPng) } : {}),
    ...(business?.phone ? { phone: business.phone } : {}),
    ...(business?.email ? { email: business.email } : {}),
    ...(bank?.name && bank.account && bank.ifsc ? { bank: { name: bank.name, account: bank.account, ifsc: bank.ifsc, ...(bank.branch ? { branch: bank.branch } : {}) } } : {}),
    ...(business?.terms ? { terms: business.terms.split('\n').map((t) => t.trim()).filter(Boolean) } : {}),
  };
  return {
    payload,
    ...(reg
      ? { registration: { irn: reg.irn, ackNo: reg.ackNo, ackDt: reg.ackDt, signedQrCode: reg.signedQrCode, status: reg.status, ...(reg.cancelDate ? { cancelDate: reg.cancelDate } : {}) } }
      : {}),
    ...(ewb ? { ewb: { ewbNo: ewb.ewbNo, ewbDt: ewb.ewbDate, validTill: ewb.validTill ?? null } } : {}),
    seller,
  };
}

/** The invoice an IRN or a document number names; a document number shared by several documents is refused with the list. */
export function findForPrint(ledger: Ledger, irnOrDocNo: string): Invoice {
  const reg = /^[0-9a-f]{64}$/i.test(irnOrDocNo) ? ledger.registrations.get(irnOrDocNo.toLowerCase()) : undefined;
  if (reg) return ledger.invoices.get(reg.invoiceId) as Invoice;
  const wanted = irnOrDocNo.toUpperCase();
  const matches = ledger.invoiceList
    .page({ search: irnOrDocNo, limit: 1000 })
    .rows.filter((r) => (r.docNo ?? '').toUpperCase() === wanted || r.irn === irnOrDocNo.toLowerCase());
  if (matches.length === 0) throw new PrintError(`No document ${irnOrDocNo} (IRN or document number) in the ledger.`);
  if (matches.length > 1) {
    throw new PrintError(`${matches.length} documents are numbered ${irnOrDocNo}: ${matches.map((m) => `${m.docType} ${m.docNo ?? ''} of ${m.docDate} (${m.sellerGstin})`).join('; ')}. Print by IRN.`);
  }
  return ledger.invoices.get(matches[0]!.id) as Invoice;
}

/** A file name for an invoice PDF, safe on Windows, macOS and Linux: "INV-KA-26-27-0001.pdf". */
export function pdfFileName(docType: string, docNo: string | undefined, id: number): string {
  const raw = `${docType}-${docNo ?? id}`;
  let safe = '';
  for (const ch of raw) safe += ch.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(ch) ? '-' : ch;
  const stem = safe.replace(/^[.\s]+|[.\s]+$/g, '');
  return `${stem.slice(0, 80) || `invoice-${id}`}.pdf`;
}

/** The PDF of a ledger invoice (registered, cancelled or draft), its file name and page count; `copies` labels and repeats it (Rule 48). */
export async function renderInvoiceFile(ledger: Ledger, invoice: Invoice, copies?: readonly PrintCopy[]): Promise<{ pdf: Buffer; fileName: string; pages: number }> {
  const { pdf, pages } = await renderInvoice(printableFor(ledger, invoice), copies ? { copies } : {});
  return { pdf, pages, fileName: pdfFileName(invoice.docType, invoice.docNo, invoice.id) };
}

/**
 * Several ledger invoices in one PDF, in the order given; a document with nothing to print (no
 * INV-01 payload yet) is skipped and named, not fatal to the batch.
 */
export async function renderBatchFile(ledger: Ledger, ids: readonly number[], copies?: readonly PrintCopy[]): Promise<{ pdf?: Buffer; fileName: string; pages: number; printed: number; skipped: Array<{ id: number; docNo: string; reason: string }> }> {
  const printable: PrintableInvoice[] = [];
  const skipped: Array<{ id: number; docNo: string; reason: string }> = [];
  for (const id of ids) {
    const invoice = ledger.invoices.get(id);
    if (!invoice) {
      skipped.push({ id, docNo: String(id), reason: 'not in the ledger' });
      continue;
    }
    try {
      printable.push(printableFor(ledger, invoice));
    } catch (e) {
      skipped.push({ id, docNo: `${invoice.docType} ${invoice.docNo ?? id}`, reason: e instanceof PrintError ? e.message : 'could not be prepared' });
    }
  }
  const fileName = `invoices-${printable.length}.pdf`;
  if (printable.length === 0) return { fileName, pages: 0, printed: 0, skipped };
  const { pdf, pages } = await renderInvoices(printable, copies ? { copies } : {});
  return { pdf, fileName, pages, printed: printable.length, skipped };
}

/** An e-way bill's own PDF, from the ledger's bill and the registered payload it was raised on. */
export async function renderEwayBillFile(ledger: Ledger, ewbNo: string): Promise<{ pdf: Buffer; fileName: string; pages: number }> {
  const bill = ledger.ewaybills.get(ewbNo);
  if (!bill) throw new PrintError(`No e-way bill ${ewbNo} in the ledger.`);
  const invoice = ledger.invoices.get(bill.invoiceId);
  if (!invoice?.payloadJson) throw new PrintError(`The invoice of e-way bill ${ewbNo} has no INV-01 payload.`);
  const reg = ledger.registrations.forInvoice(invoice.id);
  const e: PrintableEwayBill = {
    ewbNo: bill.ewbNo, ewbDate: bill.ewbDate, status: bill.status,
    ...(bill.validTill ? { validTill: bill.validTill } : {}),
    ...(bill.cancelDate ? { cancelDate: bill.cancelDate } : {}),
    ...(bill.distanceKm !== undefined ? { distanceKm: bill.distanceKm } : {}),
    ...(reg ? { irn: reg.irn } : {}),
    payload: JSON.parse(invoice.payloadJson) as Inv01,
    transport: {
      ...(bill.transMode ? { transMode: bill.transMode } : {}), ...(bill.vehicleNo ? { vehicleNo: bill.vehicleNo } : {}),
      ...(bill.transDocNo ? { transDocNo: bill.transDocNo } : {}), ...(bill.transDocDt ? { transDocDt: bill.transDocDt } : {}),
      ...(bill.transporterId ? { transporterId: bill.transporterId } : {}), ...(bill.transporterName ? { transporterName: bill.transporterName } : {}),
    },
    partB: ledger.ewaybills.updates(ewbNo),
  };
  const { pdf, pages } = await renderEwayBill(e);
  return { pdf, pages, fileName: `EWB-${bill.ewbNo}.pdf` };
}
