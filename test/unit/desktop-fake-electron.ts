/**
 * A recording fake of the parts of `electron` the desktop shell uses, for vi.mock('electron').
 * It records what the code under test asked for (window options, handlers, guards) and lets tests
 * fire the events Electron would (will-navigate, permission requests, IPC invokes).
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' };
  mainFrame: FakeFrame = { url: 'app://desk/index.html', parent: null };
  readonly sent: Array<[string, unknown]> = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  print = vi.fn();
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly show = vi.fn();
  readonly maximize = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
    // Electron announces every new WebContents on the app, during the window's construction.
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1000, height: 700 };
  }
  isMaximized(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return true;
  }
}

export class FakeSession {
  permissionRequest?: (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  permissionCheck?: (wc: unknown, permission: string) => boolean;
  devicePermission?: (details: unknown) => boolean;
  displayMedia?: (request: unknown, callback: (streams: object) => void) => void;
  setPermissionRequestHandler(h: FakeSession['permissionRequest']) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']) {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermission']) {
    this.devicePermission = h;
  }
  setDisplayMediaRequestHandler(h: FakeSession['displayMedia']) {
    this.displayMedia = h;
  }
}

/** The app object: lifecycle events plus what main asks of it. */
class FakeApp extends EventEmitter {
  isPackaged = false;
  appPath = process.cwd();
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly setAppUserModelId = vi.fn();
  requestSingleInstanceLock = vi.fn(() => true);
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getPath(_name: string): string {
    return process.env.TMPDIR ?? '/tmp';
  }
}

export class FakeNotification extends EventEmitter {
  static shown: Array<{ title: string; body: string }> = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this.options);
  }
}

export const fake = {
  BrowserWindow: FakeBrowserWindow,
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  shell: { openExternal: vi.fn((_url: string) => Promise.resolve()), openPath: vi.fn(() => Promise.resolve('')) },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn((_channel: string, _request: unknown) => Promise.resolve({ ok: true, value: 'from-main' })),
    on: vi.fn((_channel: string, _listener: (event: never, data: never) => void): unknown => undefined),
    removeListener: vi.fn((_channel: string, _listener: (event: never, data: never) => void): unknown => undefined),
  },
  contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
  dialog: { showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
  session: { defaultSession: new FakeSession() },
  app: new FakeApp(),
  Menu: { buildFromTemplate: vi.fn((template: unknown[]) => template), setApplicationMenu: vi.fn() },
  Notification: FakeNotification,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
};

export function resetFake(): void {
  FakeBrowserWindow.created = [];
  FakeNotification.shown = [];
  for (const group of [fake.protocol, fake.shell, fake.ipcMain, fake.ipcRenderer, fake.contextBridge, fake.dialog, fake.Menu]) {
    for (const fn of Object.values(group)) (fn as ReturnType<typeof vi.fn>).mockClear();
  }
}

export default fake;
