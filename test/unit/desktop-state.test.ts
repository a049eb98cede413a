/** Window state, the activity/quit guard, the queue runner and the menu (pure logic, no Electron runtime). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from './desktop-fake-electron';

vi.mock('electron', async () => (await import('./desktop-fake-electron')).fake);

const ws = await import('../../electron/main/window-state');
const { ActivityTracker, createQuitGuard, mayInstallUpdate, trackedTable } = await import('../../electron/main/activity');
const { startQueueRunner } = await import('../../electron/main/queue-runner');
const { buildMenuTemplate } = await import('../../electron/main/menu');

const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'desk-state-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.useRealTimers();
});

describe('window state', () => {
  it('keeps a sane state and drops what is off every screen', () => {
    expect(ws.sanitizeWindowState({ width: 1400, height: 900, x: 100, y: 80, maximized: true }, screen)).toEqual({ width: 1400, height: 900, x: 100, y: 80, maximized: true });
    // A monitor unplugged: the position would be invisible, so the OS centres the window instead.
    expect(ws.sanitizeWindowState({ width: 1400, height: 900, x: 3000, y: 80, maximized: false }, screen)).toEqual({ width: 1400, height: 900, maximized: false });
    expect(ws.sanitizeWindowState({ width: 1400, height: 900, x: 100, y: -500, maximized: false }, screen)).toEqual({ width: 1400, height: 900, maximized: false });
    for (const junk of [undefined, null, 'x', { width: '1400', height: 1e9, x: 1.5, maximized: 'yes' }, { width: 10, height: 10 }]) {
      expect(ws.sanitizeWindowState(junk, screen)).toEqual({ ...ws.DEFAULT_SIZE, maximized: false });
    }
  });

  it('round-trips through the data dir and survives a corrupt file', () => {
    const dir = tempDir();
    expect(ws.loadWindowState(dir, screen)).toEqual({ ...ws.DEFAULT_SIZE, maximized: false });
    ws.saveWindowState(dir, { width: 1100, height: 750, x: 5, y: 6, maximized: true });
    expect(ws.loadWindowState(dir, screen)).toEqual({ width: 1100, height: 750, x: 5, y: 6, maximized: true });
    writeFileSync(join(dir, ws.WINDOW_STATE_FILE), '{"width": 11');
    expect(ws.loadWindowState(dir, screen)).toEqual({ ...ws.DEFAULT_SIZE, maximized: false });
  });

  it('saves the normal bounds on close and after moves settle', () => {
    vi.useFakeTimers();
    const dir = tempDir();
    const win = new FakeBrowserWindow({});
    ws.trackWindowState(win as never, dir, 500);
    win.emit('move');
    win.emit('resize');
    vi.advanceTimersByTime(499);
    expect(() => readFileSync(join(dir, ws.WINDOW_STATE_FILE))).toThrow();
    vi.advanceTimersByTime(1);
    expect(JSON.parse(readFileSync(join(dir, ws.WINDOW_STATE_FILE), 'utf8'))).toEqual({ width: 1000, height: 700, x: 10, y: 20, maximized: false });
    rmSync(join(dir, ws.WINDOW_STATE_FILE));
    win.emit('close');
    expect(JSON.parse(readFileSync(join(dir, ws.WINDOW_STATE_FILE), 'utf8'))).toMatchObject({ width: 1000 });
  });
});

describe('activity and quit guard', () => {
  it('postpones quit while IRP work runs, then quits once it settles', async () => {
    const tracker = new ActivityTracker();
    const quit = vi.fn();
    const onWait = vi.fn();
    const guard = createQuitGuard(tracker, quit, 5000, onWait);
    expect(guard({ preventDefault: vi.fn() })).toBe(false);
    let finish!: () => void;
    const work = tracker.track(() => new Promise<void>((r) => (finish = r)));
    expect(mayInstallUpdate(tracker)).toBe(false);
    const event = { preventDefault: vi.fn() };
    expect(guard(event)).toBe(true);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(guard({ preventDefault: vi.fn() })).toBe(true);
    expect(onWait).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();
    finish();
    await work;
    await new Promise((r) => setImmediate(r));
    expect(quit).toHaveBeenCalledOnce();
    expect(mayInstallUpdate(tracker)).toBe(true);
    expect(guard({ preventDefault: vi.fn() })).toBe(false);
  });

  it('gives up waiting after the limit (a crash is recovered by the outbox anyway)', async () => {
    vi.useFakeTimers();
    const tracker = new ActivityTracker();
    const quit = vi.fn();
    const guard = createQuitGuard(tracker, quit, 30_000);
    tracker.begin();
    guard({ preventDefault: vi.fn() });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledOnce();
    // Released: the next before-quit passes even though work is still counted.
    expect(guard({ preventDefault: vi.fn() })).toBe(false);
  });

  it('counts register and cancel calls, not reads, and counts failures out too', async () => {
    const tracker = new ActivityTracker();
    let during = false;
    const table = {
      'invoices:register': vi.fn(() => {
        during = tracker.busy();
        return Promise.reject(new Error('IRP down'));
      }),
      'invoices:list': vi.fn(() => ({ rows: [] })),
    };
    const tracked = trackedTable(table as never, tracker) as unknown as Record<string, (r: unknown, c: unknown) => unknown>;
    await expect(tracked['invoices:register']!({ ids: [1] }, {})).rejects.toThrow('IRP down');
    expect(during).toBe(true);
    expect(tracker.busy()).toBe(false);
    expect(tracked['invoices:list']).toBe(table['invoices:list']);
  });
});

describe('queue runner', () => {
  it('reconciles at start, then sends what is due, one pass at a time, counted as activity', async () => {
    const tracker = new ActivityTracker();
    let release!: () => void;
    const engine = {
      reconcile: vi.fn(() => new Promise<never[]>((r) => (release = () => r([])))),
      registerMany: vi.fn((_ids: readonly number[]) => Promise.resolve([])),
    };
    const ledger = {
      outbox: { listInFlight: () => [{ op: 'register', invoiceId: 3 }] },
      invoiceList: { page: () => ({ rows: [] }) },
    };
    let due: number[] = [];
    const runner = startQueueRunner({ engine, ledger: ledger as never, due: () => due, tracker, intervalMs: 60_000 });
    // A registration left in flight by a crash: resolved at start.
    expect(engine.reconcile).toHaveBeenCalledOnce();
    expect(tracker.busy()).toBe(true);
    void runner.runOnce();
    expect(engine.registerMany).not.toHaveBeenCalled();
    release();
    await runner.runOnce();
    await new Promise((r) => setImmediate(r));
    expect(tracker.busy()).toBe(false);
    await runner.runOnce();
    expect(engine.registerMany).not.toHaveBeenCalled();
    due = [7, 9];
    await runner.runOnce();
    expect(engine.registerMany).toHaveBeenCalledWith([7, 9]);
    expect(engine.reconcile).toHaveBeenCalledOnce();
    runner.stop();
  });

  it('skips the start reconcile when nothing is pending, and survives a failing pass', async () => {
    const onError = vi.fn();
    const engine = { reconcile: vi.fn(() => Promise.resolve([])), registerMany: vi.fn(() => Promise.reject(new Error('IRP down'))) };
    const ledger = { outbox: { listInFlight: () => [] }, invoiceList: { page: () => ({ rows: [] }) } };
    const tracker = new ActivityTracker();
    const runner = startQueueRunner({ engine, ledger: ledger as never, due: () => [1], tracker, intervalMs: 60_000, onError });
    expect(engine.reconcile).not.toHaveBeenCalled();
    await runner.runOnce();
    expect(onError).toHaveBeenCalledWith(new Error('IRP down'));
    expect(tracker.busy()).toBe(false);
    runner.stop();
  });
});

describe('menu', () => {
  const labels = (items: Electron.MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [i.id ?? i.role ?? i.label ?? '', ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);
  const click = (items: Electron.MenuItemConstructorOptions[], id: string): void => {
    for (const i of items) {
      if (i.id === id) return void (i.click as () => void)();
      if (Array.isArray(i.submenu)) click(i.submenu, id);
    }
  };

  it('has new invoice, print, save as PDF, settings and help, which reach the renderer', () => {
    const command = vi.fn();
    const openExternal = vi.fn();
    const template = buildMenuTemplate('win32', true, { command, openExternal, openDataFolder: vi.fn() });
    for (const id of ['new-invoice', 'print', 'save-pdf', 'settings', 'help']) {
      click(template, id);
      expect(command).toHaveBeenLastCalledWith(id);
    }
    click(template, 'portal');
    expect(openExternal).toHaveBeenCalledWith('https://einvoice1.gst.gov.in/');
    expect(labels(template)).not.toContain('toggleDevTools');
  });

  it('offers devtools only unpackaged, and the app menu on macOS', () => {
    const actions = { command: vi.fn(), openExternal: vi.fn(), openDataFolder: vi.fn() };
    expect(labels(buildMenuTemplate('linux', false, actions))).toContain('toggleDevTools');
    const mac = buildMenuTemplate('darwin', true, actions);
    expect(mac[0]?.label).toBe('e-Invoice Desk');
    expect(labels(mac).filter((l) => l === 'settings')).toHaveLength(1);
  });
});

describe('updates', () => {
  function fakeUpdater() {
    const listeners: Record<string, (arg: never) => void> = {};
    return {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      checkForUpdates: vi.fn(() => Promise.resolve(null)),
      quitAndInstall: vi.fn(),
      on: vi.fn((event: string, l: (arg: never) => void) => (listeners[event] = l)),
      emit: (event: string, arg: unknown) => listeners[event]?.(arg as never),
    };
  }

  it('downloads in the background and installs on quit, never by itself', async () => {
    const { manageUpdates } = await import('../../electron/main/updater');
    const updater = fakeUpdater();
    const onReady = vi.fn();
    const updates = manageUpdates({ updater, tracker: new ActivityTracker(), onReady, intervalMs: 60_000 });
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
    expect(updates.installNow()).toBe(false);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(onReady).toHaveBeenCalledWith('0.2.0');
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updates.readyVersion()).toBe('0.2.0');
    updates.stop();
  });

  it('refuses "restart to update" while IRP work runs', async () => {
    const { manageUpdates } = await import('../../electron/main/updater');
    const updater = fakeUpdater();
    const tracker = new ActivityTracker();
    const updates = manageUpdates({ updater, tracker, onReady: vi.fn() });
    updater.emit('update-downloaded', { version: '0.2.0' });
    tracker.begin();
    expect(updates.installNow()).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    tracker.end();
    expect(updates.installNow()).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
    updates.stop();
  });

  it('does nothing when electron-updater is not installed', async () => {
    const { loadUpdater } = await import('../../electron/main/updater');
    await expect(loadUpdater()).resolves.toBeUndefined();
  });
});
