/**
 * The one window factory. Every window the app opens goes through securePreferences(): the page
 * gets no Node, runs in Chromium's sandbox, sees the preload's `window.api` only through
 * contextIsolation, and has no webview tag; devtools exist only in an unpackaged (developer) run.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { guardWebContents } from './guards';
import { MIN_SIZE, type WindowState } from './window-state';

export function securePreferences(preloadPath: string, packaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: !packaged,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  packaged: boolean;
  state: WindowState;
  title?: string;
  /** What to load; the app's own entry unless a test says otherwise. */
  url?: string;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: o.title ?? 'e-Invoice Desk',
    width: o.state.width,
    height: o.state.height,
    ...(o.state.x !== undefined && o.state.y !== undefined ? { x: o.state.x, y: o.state.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: securePreferences(o.preloadPath, o.packaged),
  });
  guardWebContents(win.webContents);
  // Shown once painted, so the user never sees a blank white frame.
  win.once('ready-to-show', () => {
    if (o.state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(o.url ?? APP_ENTRY_URL);
  return win;
}
