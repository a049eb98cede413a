/** The invoice printer: PrintableInvoice in, PDF bytes out (no Electron, no ledger). */
export type { PrintableInvoice, PrintCopy, RenderOptions } from './types';
export { renderInvoicePdf, renderInvoice, renderInvoices, defaultCreationDate, COPY_LABELS, type RenderResult } from './render';
export { renderEwayBill, type PrintableEwayBill } from './ewb';
export { buildInvoiceView, type InvoiceView } from './view-model';
