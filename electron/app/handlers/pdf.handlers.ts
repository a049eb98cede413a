/**
 * Invoice PDFs for the UI. pdf:render serves every host (the browser host downloads the bytes);
 * pdf:save and pdf:print need the OS's dialogs, so the desktop shell overrides them
 * (electron/main/desktop-table.ts) and elsewhere they say nothing was done.
 */
import { PrintError, renderBatchFile, renderInvoiceFile } from '../printable';
import { AppError, type Handler } from './table';

const render: Handler<'pdf:render'> = async ({ id, copies }, { core }) => {
  const invoice = core.ledger.invoices.get(id);
  if (!invoice) throw new AppError('NOT_FOUND', `There is no invoice ${id}.`);
  try {
    const { pdf, fileName, pages } = await renderInvoiceFile(core.ledger, invoice, copies);
    return { fileName, base64: pdf.toString('base64'), pages };
  } catch (e) {
    if (e instanceof PrintError) throw new AppError('NOT_PRINTABLE', e.message);
    throw e;
  }
};

/** The list's "Print selected": one PDF, documents that cannot print are named in `skipped`. */
const batch: Handler<'pdf:batch'> = async ({ ids, copies }, { core }) => {
  const r = await renderBatchFile(core.ledger, ids, copies);
  if (!r.pdf) throw new AppError('NOT_PRINTABLE', `None of the ${ids.length} selected documents can be printed yet: ${r.skipped.map((s) => s.docNo).join(', ')} (save them from the editor first).`);
  return { fileName: r.fileName, base64: r.pdf.toString('base64'), pages: r.pages, printed: r.printed, skipped: r.skipped };
};

export const pdfHandlers: { 'pdf:render': Handler<'pdf:render'>; 'pdf:batch': Handler<'pdf:batch'>; 'pdf:save': Handler<'pdf:save'>; 'pdf:print': Handler<'pdf:print'> } = {
  'pdf:render': render,
  'pdf:batch': batch,
  'pdf:save': () => ({ saved: false }),
  'pdf:print': () => ({ printed: false }),
};
