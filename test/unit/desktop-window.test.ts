/** The window factory and the guards, with electron replaced by a recording fake. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeSession, FakeWebContents, resetFake, type FakeBrowserWindow } from './desktop-fake-electron';

vi.mock('electron', async () => (await import('./desktop-fake-electron')).fake);

const { createMainWindow, securePreferences } = await import('../../electron/main/window');
const { guardSession, guardWebContents, isAppUrl, guardAllWebContents } = await import('../../electron/main/guards');
const { allowedExternalUrl } = await import('../../electron/main/external-links');

const state = { width: 1200, height: 800, maximized: true };

function navigate(contents: FakeWebContents, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  const e = { preventDefault: vi.fn() };
  contents.emit(event, e, url);
  return e.preventDefault.mock.calls.length > 0;
}

describe('main window', () => {
  beforeEach(resetFake);

  it('is created with the secure web preferences and loads app://', () => {
    const win = createMainWindow({ preloadPath: '/app/dist/preload/index.cjs', packaged: true, state }) as unknown as FakeBrowserWindow;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
    });
    expect(win.loadURL).toHaveBeenCalledWith('app://desk/index.html');
    expect(win.options).toMatchObject({ width: 1200, height: 800, show: false });
    expect(win.options).not.toHaveProperty('x');
    win.emit('ready-to-show');
    expect(win.maximize).toHaveBeenCalledOnce();
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('has devtools only when unpackaged', () => {
    expect(securePreferences('/p', false).devTools).toBe(true);
    expect(securePreferences('/p', true).devTools).toBe(false);
  });

  it('restores a remembered position', () => {
    const win = createMainWindow({ preloadPath: '/p', packaged: true, state: { width: 1000, height: 700, x: 40, y: 50, maximized: false } }) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ x: 40, y: 50 });
    win.emit('ready-to-show');
    expect(win.maximize).not.toHaveBeenCalled();
  });

  it('denies window.open and navigation away from app:// on the window it creates', () => {
    const win = createMainWindow({ preloadPath: '/p', packaged: true, state }) as unknown as FakeBrowserWindow;
    const contents = win.webContents;
    expect(contents.windowOpenHandler?.({ url: 'app://desk/other.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'app://other/index.html')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://desk/index.html')).toBe(false);
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('guards', () => {
  beforeEach(resetFake);

  it('opens only allow-listed https links externally, and still denies the window', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as never);
    expect(contents.windowOpenHandler?.({ url: 'https://einvoice1.gst.gov.in/Others/VerifySignedInvoice' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://einvoice1.gst.gov.in/Others/VerifySignedInvoice');
    for (const url of [
      'http://einvoice1.gst.gov.in/',
      'https://einvoice1.gst.gov.in.evil.example/',
      'https://user:pw@einvoice1.gst.gov.in/',
      'https://einvoice1.gst.gov.in:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'not a url',
    ]) {
      contents.windowOpenHandler?.({ url });
      expect(allowedExternalUrl(url), url).toBeUndefined();
    }
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
    // Navigating the window to an allowed portal opens it outside and keeps the app where it is.
    expect(navigate(contents, 'will-navigate', 'https://ewaybillgst.gov.in/')).toBe(true);
    expect(fake.shell.openExternal).toHaveBeenLastCalledWith('https://ewaybillgst.gov.in/');
  });

  it('refuses to attach webviews', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as never);
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e, {}, { src: 'https://evil.example' });
    expect(e.preventDefault).toHaveBeenCalledOnce();
  });

  it('guards every web contents the app creates', () => {
    guardAllWebContents(fake.app as never);
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('denies every permission request and check', () => {
    const session = new FakeSession();
    guardSession(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.permissionRequest?.({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheck?.({}, permission)).toBe(false);
    }
    expect(session.devicePermission?.({ deviceType: 'usb' })).toBe(false);
    const streams = vi.fn();
    session.displayMedia?.({}, streams);
    expect(streams).toHaveBeenCalledWith({});
  });

  it('knows the app origin exactly', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://desk/')).toBe(true);
    for (const url of ['app://desk.evil/index.html', 'app://other/', 'app://x@desk/', 'app://desk:99/', 'https://desk/', 'file://desk/', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('guards attached once', () => {
  beforeEach(resetFake);

  it('opens an allowed portal link once per click on the main window (factory + web-contents-created hook)', () => {
    guardAllWebContents(fake.app as never);
    const win = createMainWindow({ preloadPath: '/p', packaged: true, state }) as unknown as FakeBrowserWindow;
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
    expect(navigate(win.webContents, 'will-navigate', 'https://einvoice1.gst.gov.in/')).toBe(true);
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
    win.webContents.windowOpenHandler?.({ url: 'https://ewaybillgst.gov.in/' });
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(2);
  });
});

describe('print viewer', () => {
  beforeEach(resetFake);
  const pdf = Buffer.from('%PDF-1.4 test');

  it('is sandboxed, has no preload, cannot navigate or open windows, and shows a private file removed on close', async () => {
    const { openPrintViewer } = await import('../../electron/main/print-viewer');
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-print-'));
    try {
      const viewer = (await openPrintViewer(pdf, 'INV-1.pdf', { dataDir })) as unknown as FakeBrowserWindow;
      const prefs = viewer.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, devTools: false });
      expect(prefs).not.toHaveProperty('preload');
      const url = viewer.loadURL.mock.calls[0]![0];
      const file = fileURLToPath(url);
      expect(file.startsWith(join(dataDir, 'print-tmp'))).toBe(true);
      expect(file.endsWith('INV-1.pdf')).toBe(true);
      expect(readFileSync(file)).toEqual(pdf);
      if (process.platform !== 'win32') {
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
      }
      for (const target of ['app://desk/index.html', 'https://einvoice1.gst.gov.in/', 'file:///etc/passwd']) {
        expect(navigate(viewer.webContents, 'will-navigate', target), target).toBe(true);
      }
      expect(viewer.webContents.windowOpenHandler?.({ url: 'https://einvoice1.gst.gov.in/' })).toEqual({ action: 'deny' });
      viewer.emit('closed');
      expect(existsSync(file)).toBe(false);
      expect(existsSync(dirname(file))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('sweeps what a crashed viewer left at the next start', async () => {
    const { openPrintViewer, sweepPrintFiles } = await import('../../electron/main/print-viewer');
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-print-'));
    try {
      const viewer = (await openPrintViewer(pdf, 'INV-2.pdf', { dataDir })) as unknown as FakeBrowserWindow;
      const file = fileURLToPath(viewer.loadURL.mock.calls[0]![0]);
      // no 'closed': the app crashed
      expect(sweepPrintFiles(dataDir)).toBe(1);
      expect(existsSync(file)).toBe(false);
      expect(sweepPrintFiles(join(dataDir, 'nothing-here'))).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
