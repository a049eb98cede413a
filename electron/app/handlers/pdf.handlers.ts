/**
 * Invoice PDFs for the UI. pdf:render serves every host (the browser host downloads the bytes);
 * pdf:save and pdf:print need the OS's dialogs, so the desktop shell overrides them
 * (electron/main/desktop-table.ts) and elsewhere they say nothing was done.
 */
import { PrintError, renderInvoiceFile } from '../printable';
import { AppError, type Handler } from './table';

const render: Handler<'pdf:render'> = async ({ id }, { core }) => {
  const invoice = core.ledger.invoices.get(id);
  if (!invoice) throw new AppError('NOT_FOUND', `There is no invoice ${id}.`);
  try {
    const { pdf, fileName, pages } = await renderInvoiceFile(core.ledger, invoice);
    return { fileName, base64: pdf.toString('base64'), pages };
  } catch (e) {
    if (e instanceof PrintError) throw new AppError('NOT_PRINTABLE', e.message);
    throw e;
  }
};

export const pdfHandlers: { 'pdf:render': Handler<'pdf:render'>; 'pdf:save': Handler<'pdf:save'>; 'pdf:print': Handler<'pdf:print'> } = {
  'pdf:render': render,
  'pdf:save': () => ({ saved: false }),
  'pdf:print': () => ({ printed: false }),
};
