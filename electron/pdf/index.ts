/** The invoice printer: PrintableInvoice in, PDF bytes out (no Electron, no ledger). */
export type { PrintableInvoice, RenderOptions } from './types';
export { renderInvoicePdf, renderInvoice, defaultCreationDate, type RenderResult } from './render';
export { buildInvoiceView, type InvoiceView } from './view-model';
