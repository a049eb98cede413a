/**
 * The handler table on ipcMain and the preload bridge, with electron replaced by a recording fake:
 * only the main window's top frame on app:// may call; requests are validated by the contract
 * before a handler runs; the preload exposes invoke and onEvent only and refuses other channels.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { fake, FakeWebContents, resetFake, type FakeFrame } from './desktop-fake-electron';

vi.mock('electron', async () => (await import('./desktop-fake-electron')).fake);

const { bindHandlerTable, sendToRenderer, isTrustedSender } = await import('../../electron/main/ipc-binding');
const { EVENT_CHANNEL } = await import('../../electron/preload/bridge-names');

type Invoke = (event: unknown, request: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

function setup() {
  const handlers = new Map<string, Invoke>();
  const ipcMain = { handle: vi.fn((c: string, h: Invoke) => handlers.set(c, h)), removeHandler: vi.fn((c: string) => handlers.delete(c)) };
  const webContents = new FakeWebContents();
  const win = { webContents, isDestroyed: () => false };
  const get = vi.fn((req: unknown) => ({ echoed: req }));
  const hsn = vi.fn((_req: unknown) => ({ entries: [] }));
  const target: Record<string, unknown> = {};
  const table = new Proxy(target, {
    get: (_t, channel: string) => (channel === 'invoices:get' ? get : channel === 'masters:hsnSearch' ? hsn : () => ({})),
  });
  const unbind = bindHandlerTable({ ipcMain, table: table as never, ctx: {} as never, trusted: () => win as never });
  const call = (channel: string, request: unknown, event = { sender: webContents, senderFrame: webContents.mainFrame as FakeFrame | null }) =>
    handlers.get(channel)!(event, request);
  return { handlers, ipcMain, webContents, win, get, hsn, unbind, call };
}

describe('ipc binding', () => {
  beforeEach(resetFake);

  it('binds exactly the contract channels and unbinds them', () => {
    const s = setup();
    expect([...s.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    s.unbind();
    expect(s.handlers.size).toBe(0);
  });

  it('passes a valid request from the main frame to the table, parsed', async () => {
    const s = setup();
    await expect(s.call('invoices:get', { id: 7 })).resolves.toEqual({ ok: true, value: { echoed: { id: 7 } } });
    expect(s.get).toHaveBeenCalledOnce();
    // The contract's defaults/strip apply: the handler sees what the schema produced.
    await expect(s.call('masters:hsnSearch', { query: 'rice' })).resolves.toMatchObject({ ok: true });
    expect(s.hsn.mock.calls[0]?.[0]).toEqual({ query: 'rice' });
  });

  it('rejects invalid requests without running the handler', async () => {
    const s = setup();
    for (const bad of [{ id: -1 }, { id: 'seven' }, { id: 1.5 }, null, 'x', []]) {
      const res = await s.call('invoices:get', bad);
      expect(res.ok, JSON.stringify(bad)).toBe(false);
      expect(res.error?.code).toBe('BAD_REQUEST');
    }
    await expect(s.call('app:info', { extra: true })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(s.get).not.toHaveBeenCalled();
  });

  it('rejects unknown senders: another web contents, a sub-frame, a foreign page, no frame', async () => {
    const s = setup();
    const other = new FakeWebContents();
    const subFrame: FakeFrame = { url: 'app://desk/index.html', parent: s.webContents.mainFrame };
    const cases = [
      { sender: other, senderFrame: other.mainFrame },
      { sender: s.webContents, senderFrame: subFrame },
      { sender: s.webContents, senderFrame: { url: 'app://desk/index.html', parent: null } },
      { sender: s.webContents, senderFrame: null },
    ];
    for (const event of cases) {
      await expect(s.call('invoices:get', { id: 7 }, event)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    s.webContents.mainFrame.url = 'https://evil.example/';
    await expect(s.call('invoices:get', { id: 7 })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    s.webContents.mainFrame.url = 'file:///tmp/x.html';
    await expect(s.call('invoices:get', { id: 7 })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(s.get).not.toHaveBeenCalled();
  });

  it('refuses everything while there is no window, or a destroyed one', () => {
    const wc = new FakeWebContents();
    const event = { sender: wc, senderFrame: wc.mainFrame };
    expect(isTrustedSender(event as never, () => undefined)).toBe(false);
    expect(isTrustedSender(event as never, () => ({ webContents: wc, isDestroyed: () => true }) as never)).toBe(false);
    expect(isTrustedSender(event as never, () => ({ webContents: wc, isDestroyed: () => false }) as never)).toBe(true);
  });

  it('sends events to the live window only', () => {
    const wc = new FakeWebContents();
    sendToRenderer(() => ({ webContents: wc, isDestroyed: () => false }) as never, { type: 'ledger:changed', invoiceId: 3 });
    expect(wc.sent).toEqual([[EVENT_CHANNEL, { type: 'ledger:changed', invoiceId: 3 }]]);
    wc.destroyed = true;
    sendToRenderer(() => ({ webContents: wc, isDestroyed: () => false }) as never, { type: 'settings:changed' });
    sendToRenderer(() => undefined, { type: 'settings:changed' });
    expect(wc.sent).toHaveLength(1);
  });
});

describe('preload', () => {
  beforeEach(resetFake);

  it('exposes window.api with invoke and onEvent only', async () => {
    await import('../../electron/preload/index');
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('api');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('forwards contract channels and refuses every other name before IPC', async () => {
    const { createDesktopApi } = await import('../../electron/preload/index');
    const api = createDesktopApi(fake.ipcRenderer);
    await expect(api.invoke('invoices:get', { id: 1 })).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('invoices:get', { id: 1 });
    for (const name of [EVENT_CHANNEL, 'toString', '__proto__', 'constructor', 'ELECTRON_BROWSER_WINDOW_ALERT', 'invoices:get ', '', 42]) {
      await expect(api.invoke(name as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('delivers events without the IPC event object, and unsubscribes', async () => {
    const { createDesktopApi } = await import('../../electron/preload/index');
    const api = createDesktopApi(fake.ipcRenderer);
    const seen: unknown[] = [];
    const stop = api.onEvent((e) => seen.push(e));
    const [channel, wrapped] = fake.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, data: unknown) => void];
    expect(channel).toBe(EVENT_CHANNEL);
    wrapped({ sender: 'secret ipcRenderer' }, { type: 'settings:changed' });
    expect(seen).toEqual([{ type: 'settings:changed' }]);
    stop();
    expect(fake.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, wrapped);
    expect(() => api.onEvent('nope' as never)).toThrow(TypeError);
  });
});
