/**
 * electron/main/index.ts wired end to end against the recording fake: the real app core on a temp
 * data dir, the practice IRP on 127.0.0.1, every contract channel on ipcMain, the app:// protocol,
 * the window, the menu; a call through the captured IPC handler reaches the real handler table;
 * quit closes the core. Only Electron itself is fake.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as Vault from '../../electron/vault';
import { CHANNELS, type Result } from '../../shared/ipc/contract';
import { fake, FakeBrowserWindow, resetFake } from './desktop-fake-electron';

vi.mock('electron', async () => (await import('./desktop-fake-electron')).fake);
// No OS keychain in unit tests: the app core gets a memory vault (its fallback anyway).
vi.mock('../../electron/vault', async (importOriginal) => {
  const real = await importOriginal<typeof Vault>();
  return { ...real, openSecretStore: () => Promise.resolve(new real.MemorySecretStore()) };
});

const saved = { home: process.env.EINVOICE_HOME, resources: process.env.EINVOICE_RESOURCES };
const dataDir = mkdtempSync(join(tmpdir(), 'desk-boot-'));

afterAll(() => {
  if (saved.home === undefined) delete process.env.EINVOICE_HOME;
  else process.env.EINVOICE_HOME = saved.home;
  if (saved.resources === undefined) delete process.env.EINVOICE_RESOURCES;
  else process.env.EINVOICE_RESOURCES = saved.resources;
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for main to start');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('main process boot', () => {
  it('starts the core, binds the table, opens the window, and answers through IPC', async () => {
    resetFake();
    process.env.EINVOICE_HOME = dataDir;
    await import('../../electron/main/index');
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    await until(() => FakeBrowserWindow.created.length === 1);

    const channels = fake.ipcMain.handle.mock.calls.map((c) => c[0] as string);
    expect(channels.sort()).toEqual([...CHANNELS].sort());
    expect(fake.protocol.handle.mock.calls[0]?.[0]).toBe('app');
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    const win = FakeBrowserWindow.created[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://desk/index.html');
    expect((win.options.webPreferences as { preload: string }).preload).toBe(join(process.cwd(), 'dist', 'preload', 'index.cjs'));
    expect(process.env.EINVOICE_RESOURCES).toBe(join(process.cwd(), 'resources'));

    const handler = fake.ipcMain.handle.mock.calls.find((c) => c[0] === 'app:info')?.[1] as (e: unknown, r: unknown) => Promise<Result<{ dataDir: string; practice: boolean; version: string }>>;
    const trusted = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const info = await handler(trusted, {});
    expect(info).toMatchObject({ ok: true, value: { dataDir, practice: true, version: '0.0.0-test' } });
    const stranger = await handler({ sender: {}, senderFrame: { url: 'app://desk/index.html', parent: null } }, {});
    expect(stranger).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const list = fake.ipcMain.handle.mock.calls.find((c) => c[0] === 'businesses:list')?.[1] as (e: unknown, r: unknown) => Promise<Result<{ businesses: Array<{ gstin: string }> }>>;
    const businesses = await list(trusted, {});
    expect(businesses.ok && businesses.value.businesses.length).toBe(1);

    // A second launch focuses this window.
    fake.app.emit('second-instance');
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();

    // Quit: postponed once to close the core and the practice IRP, then quits for real.
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    await until(() => fake.app.quit.mock.calls.length === 1);
    expect(fake.ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNELS.length);
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
