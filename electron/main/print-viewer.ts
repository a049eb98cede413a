/**
 * The print viewer: Chromium's PDF viewer in a window of its own, sandboxed, with no preload, no
 * new windows and no navigation at all. The PDF it shows is a 0600 file in a 0700 folder inside
 * the data folder (never the shared temp folder), removed when the window closes; files a crash
 * left behind are swept at the next start.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { BrowserWindow } from 'electron';

export const PRINT_FOLDER = 'print-tmp';

/** Removes what earlier viewers left (a crash skips 'closed'); returns how many files went. */
export function sweepPrintFiles(dataDir: string): number {
  const dir = join(dataDir, PRINT_FOLDER);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) rmSync(join(dir, name), { recursive: true, force: true });
  return names.length;
}

export interface PrintViewerOptions {
  dataDir: string;
  parent?: BrowserWindow;
}

export function viewerPreferences(): Electron.WebPreferences {
  // plugins: the PDF viewer is one; nothing else here needs them, and there is no preload at all.
  return { sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, plugins: true, devTools: false, javascript: true, safeDialogs: true };
}

export async function openPrintViewer(pdf: Buffer, fileName: string, o: PrintViewerOptions): Promise<BrowserWindow> {
  const dir = join(o.dataDir, PRINT_FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A folder per print keeps the user's file name (the viewer shows it) without collisions.
  const own = join(dir, randomBytes(8).toString('hex'));
  mkdirSync(own, { mode: 0o700 });
  const file = join(own, fileName);
  writeFileSync(file, pdf, { mode: 0o600 });
  const viewer = new BrowserWindow({
    title: fileName,
    width: 900,
    height: 1000,
    ...(o.parent ? { parent: o.parent } : {}),
    webPreferences: viewerPreferences(),
  });
  const contents = viewer.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stay = (event: Electron.Event) => event.preventDefault();
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  viewer.on('closed', () => rmSync(own, { recursive: true, force: true }));
  await viewer.loadURL(pathToFileURL(file).toString());
  return viewer;
}
