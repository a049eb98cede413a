/**
 * Native save and print for invoice PDFs: the app core renders (electron/pdf via printableFor), main
 * owns the OS dialogs. Save asks where with the native save dialog (a suggested name built from the
 * document number, made safe for every file system). Print opens the PDF in a sandboxed viewer
 * window and calls the native print dialog on it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import type { AppCore } from '../app/app-core';
import { AppError } from '../app/handlers';
import { renderInvoiceFile } from '../app/printable';
import { openPrintViewer } from './print-viewer';

/** Windows refuses <>:"/\|?* and control characters; keep names short and plain everywhere. */
export { pdfFileName } from '../app/printable';

export async function renderPdfFor(core: Pick<AppCore, 'ledger'>, invoiceId: number): Promise<{ pdf: Buffer; fileName: string }> {
  const invoice = core.ledger.invoices.get(invoiceId);
  if (!invoice) throw new AppError('NOT_FOUND', `There is no invoice ${invoiceId}.`);
  try {
    const { pdf, fileName } = await renderInvoiceFile(core.ledger, invoice);
    return { pdf, fileName };
  } catch (e) {
    if (e instanceof Error && e.name === 'PrintError') throw new AppError('NOT_PRINTABLE', e.message);
    throw e;
  }
}

export interface SaveDeps {
  showSaveDialog: (options: Electron.SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>;
  write: (file: string, data: Buffer) => Promise<void>;
  defaultDir: string;
}

/** Returns the path written, or undefined when the user cancelled. */
export async function saveInvoicePdf(core: Pick<AppCore, 'ledger'>, invoiceId: number, deps: SaveDeps): Promise<string | undefined> {
  const { pdf, fileName } = await renderPdfFor(core, invoiceId);
  const choice = await deps.showSaveDialog({
    title: 'Save invoice as PDF',
    defaultPath: join(deps.defaultDir, fileName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || !choice.filePath) return undefined;
  const target = choice.filePath.toLowerCase().endsWith('.pdf') ? choice.filePath : `${choice.filePath}.pdf`;
  await deps.write(target, pdf);
  return target;
}

/** The save dialog as a child of the main window. */
export function electronSaveDeps(parent: BrowserWindow | undefined, defaultDir: string): SaveDeps {
  return {
    showSaveDialog: (options) => (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)),
    write: (file, data) => writeFile(file, data, { mode: 0o600 }),
    defaultDir,
  };
}

/**
 * Prints through Chromium's PDF viewer in its own window (print-viewer.ts): the native print
 * dialog opens on load, and the viewer's own print button stays available if the user closes it.
 */
export async function printInvoicePdf(core: Pick<AppCore, 'ledger' | 'paths'>, invoiceId: number, parent?: BrowserWindow): Promise<void> {
  const { pdf, fileName } = await renderPdfFor(core, invoiceId);
  const viewer = await openPrintViewer(pdf, fileName, { dataDir: core.paths.dir, ...(parent ? { parent } : {}) });
  viewer.webContents.print({ silent: false, printBackground: true }, () => undefined);
}
