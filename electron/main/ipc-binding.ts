/**
 * The handler table on ipcMain (architecture.md §1): one ipcMain.handle per contract channel, each
 * answering with the same Result wrapper as the browser host. Before anything is parsed the sender
 * is checked: only the main window's top frame, showing an app:// page, may call. An iframe, a
 * window nobody planned for, or a page that navigated elsewhere gets FORBIDDEN and the handler
 * never runs. Requests are validated by dispatch() with the contract schema, exactly as in the
 * browser host.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type AppEvent, type Result } from '../../shared/ipc/contract';
import { dispatch, type HandlerContext, type HandlerTable } from '../app/handlers';
import { EVENT_CHANNEL, type MenuEvent } from '../preload/bridge-names';
import { isAppUrl } from './guards';

export const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This call did not come from the e-Invoice Desk window and was refused.' },
};

/** The window whose top frame may call; undefined while there is none (calls are then refused). */
export type TrustedWindow = () => Pick<BrowserWindow, 'webContents' | 'isDestroyed'> | undefined;

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, trusted: TrustedWindow): boolean {
  const win = trusted();
  if (!win || win.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame || event.sender !== win.webContents) return false;
  if (frame !== win.webContents.mainFrame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export interface IpcBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  table: HandlerTable;
  ctx: HandlerContext;
  trusted: TrustedWindow;
}

/** Binds every contract channel; returns the function that unbinds them. */
export function bindHandlerTable(o: IpcBindingOptions): () => void {
  for (const channel of CHANNELS) {
    o.ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, o.trusted)) return FORBIDDEN;
      return dispatch(o.table, channel, request, o.ctx);
    });
  }
  return () => {
    for (const channel of CHANNELS) o.ipcMain.removeHandler(channel);
  };
}

/** Pushes an event to the main window's renderer (dropped while there is no live window). */
export function sendToRenderer(trusted: TrustedWindow, event: AppEvent | MenuEvent): void {
  const win = trusted();
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
  win.webContents.send(EVENT_CHANNEL, event);
}
