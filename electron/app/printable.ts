/**
 * From the ledger to what the printer needs: the payload exactly as registered, what the IRP
 * returned, the active e-way bill and the seller's print extras (logo, bank, terms). Used by
 * `einvoice print` and, with the UI, by pdf:render.
 */
import type { Invoice as Inv01 } from '../../shared/einvoice/schema';
import type { Invoice, Ledger } from '../ledger';
import { renderInvoice, type PrintableInvoice } from '../pdf';

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

/** The PDF of a ledger invoice (registered, cancelled or draft), its file name and page count. */
export async function renderInvoiceFile(ledger: Ledger, invoice: Invoice): Promise<{ pdf: Buffer; fileName: string; pages: number }> {
  const { pdf, pages } = await renderInvoice(printableFor(ledger, invoice));
  return { pdf, pages, fileName: pdfFileName(invoice.docType, invoice.docNo, invoice.id) };
}
