/**
 * The application menu: New invoice, Print, Save as PDF and Settings act in the renderer (main sends
 * a menu command through the event channel; the renderer knows which invoice is on screen); Help
 * opens the in-app help and the official portals through the external-link allowlist. The Edit menu
 * keeps the standard roles so copy/paste work in text fields on macOS.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../preload/bridge-names';

export interface MenuActions {
  command: (command: MenuCommand) => void;
  openExternal: (url: string) => void;
  openDataFolder: () => void;
}

export const PORTAL_URL = 'https://einvoice1.gst.gov.in/';
export const EWAY_PORTAL_URL = 'https://ewaybillgst.gov.in/';

export function buildMenuTemplate(platform: NodeJS.Platform, packaged: boolean, a: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'new-invoice', label: 'New Invoice', accelerator: 'CmdOrCtrl+N', click: () => a.command('new-invoice') },
      { type: 'separator' },
      { id: 'print', label: 'Print…', accelerator: 'CmdOrCtrl+P', click: () => a.command('print') },
      { id: 'save-pdf', label: 'Save as PDF…', accelerator: 'CmdOrCtrl+Shift+S', click: () => a.command('save-pdf') },
      ...(mac ? [] : ([{ type: 'separator' }, { id: 'settings', label: 'Settings', accelerator: 'Ctrl+,', click: () => a.command('settings') }, { type: 'separator' }, { role: 'quit' }] as MenuItemConstructorOptions[])),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(packaged ? [] : ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { id: 'help', label: 'e-Invoice Desk Help', accelerator: 'F1', click: () => a.command('help') },
      { type: 'separator' },
      { id: 'portal', label: 'e-Invoice Portal (NIC)', click: () => a.openExternal(PORTAL_URL) },
      { id: 'eway-portal', label: 'e-Way Bill Portal', click: () => a.openExternal(EWAY_PORTAL_URL) },
      { type: 'separator' },
      { id: 'data-folder', label: 'Show Data Folder', click: () => a.openDataFolder() },
    ],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: 'e-Invoice Desk',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { id: 'settings', label: 'Settings…', accelerator: 'Cmd+,', click: () => a.command('settings') },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}
