/**
 * Native save and print for invoice PDFs: the app core renders (electron/pdf via printableFor), main
 * owns the OS dialogs. Save asks where with the native save dialog (a suggested name built from the
 * document number, made safe for every file system). Print opens the PDF in a sandboxed viewer
 * window and calls the native print dialog on it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, dialog } from 'electron';
import type { AppCore } from '../app/app-core';
import { AppError } from '../app/handlers';
import { renderInvoiceFile } from '../app/printable';

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
    write: (file, data) => writeFile(file, data),
    defaultDir,
  };
}

/**
 * Prints through Chromium's PDF viewer in its own window (no preload, sandboxed, plugins on for the
 * viewer only): the native print dialog opens on load, and the viewer's own print button stays
 * available if the user closes the dialog.
 */
export async function printInvoicePdf(core: Pick<AppCore, 'ledger'>, invoiceId: number, parent?: BrowserWindow): Promise<void> {
  const { pdf, fileName } = await renderPdfFor(core, invoiceId);
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-print-'));
  const file = join(dir, fileName);
  writeFileSync(file, pdf);
  const viewer = new BrowserWindow({
    title: fileName,
    width: 900,
    height: 1000,
    ...(parent ? { parent } : {}),
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, plugins: true, devTools: false },
  });
  // The temporary copy goes with the viewer window.
  viewer.on('closed', () => rmSync(dir, { recursive: true, force: true }));
  await viewer.loadURL(pathToFileURL(file).toString());
  viewer.webContents.print({ silent: false, printBackground: true }, () => undefined);
}
