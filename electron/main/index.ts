/**
 * The Electron main process: lifecycle only. Each concern lives in its own module (protocol,
 * guards, window, IPC binding, menu, notifications, window state, activity/quit guard, queue
 * runner); this file wires them to the app core in the order Electron requires.
 */
import { app, dialog, ipcMain, Menu, Notification, screen, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { join, resolve } from 'node:path';
import { following, openAppCore, type AppCore } from '../app/app-core';
import { defaultDataDir } from '../app/data-dir';
import { HANDLERS } from '../app/handlers';
import { maskSecretText } from '../ledger';
import { setUpPractice, type PracticeSetup } from '../host/practice-setup';
import { dueRegistrations } from '../host/retry-loop';
import { ActivityTracker, createQuitGuard } from './activity';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { desktopTable, pdfOverrides } from './desktop-table';
import { openExternalIfAllowed } from './external-links';
import { guardAllWebContents, guardSession } from './guards';
import { bindHandlerTable, sendToRenderer } from './ipc-binding';
import { buildMenuTemplate } from './menu';
import { DesktopNotifier, type Notice } from './notifications';
import { electronSaveDeps, printInvoicePdf, saveInvoicePdf } from './pdf-export';
import { sweepPrintFiles } from './print-viewer';
import { startQueueRunner, type QueueRunner } from './queue-runner';
import { loadUpdater, manageUpdates, type Updates } from './updater';
import { createMainWindow } from './window';
import { usePrivateUmask } from '../support/private-files';
import { loadWindowState, trackWindowState } from './window-state';

// Every file the app writes is the user's alone, whatever umask it was started with (docs/security.md).
usePrivateUmask();
// Must happen before 'ready'.
registerAppScheme();

let mainWindow: BrowserWindow | undefined;
const trusted = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined);

function showMainWindow(): void {
  const win = trusted();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function notify(notice: Notice): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: notice.title, body: notice.body });
  // A click brings the window forward; the renderer decides what to show (it gets ledger events).
  n.on('click', showMainWindow);
  n.show();
}

/** `--data DIR` or `--data=DIR` (npm start passes its arguments on), else EINVOICE_HOME / the OS folder. */
function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--data=')) return resolve(arg.slice('--data='.length));
    if (arg === '--data' && argv[i + 1]) return resolve(argv[i + 1]!);
  }
  return undefined;
}

interface Running {
  core: AppCore;
  practice?: PracticeSetup;
  notifier: DesktopNotifier;
  queue: QueueRunner;
  unbind: () => void;
  updates?: Updates;
}

async function start(): Promise<Running> {
  const root = app.getAppPath();
  // The app core finds the HSN master here (extraResources in the installer, resources/ in a checkout).
  process.env.EINVOICE_RESOURCES ??= app.isPackaged ? join(process.resourcesPath, 'resources') : join(root, 'resources');
  const dataDir = dataDirArgument(process.argv) ?? defaultDataDir();
  const tracker = new ActivityTracker();
  // The core's clock is the wall clock in the desktop app; the notifier shares it.
  const opened: { core?: AppCore } = {};
  const notifier = new DesktopNotifier({
    notify,
    now: () => new Date(),
    stillActive: (irn) => opened.core?.ledger.registrations.get(irn)?.status === 'ACT',
  });
  const core = await openAppCore({
    dataDir,
    onEvent: (event) => {
      sendToRenderer(trusted, event);
      notifier.onEngineEvent(event);
    },
  });
  opened.core = core;
  const practice = process.env.EINVOICE_PRACTICE === '0' || core.ledger.readOnly ? undefined : await setUpPractice(core);

  guardSession(session.defaultSession);
  guardAllWebContents(app);
  // PDFs a crashed print viewer left in the data folder.
  sweepPrintFiles(dataDir);
  installAppProtocol(join(root, 'dist', 'renderer'));

  const pdf = {
    save: (id: number) => saveInvoicePdf(core, id, electronSaveDeps(trusted(), app.getPath('documents'))),
    print: (id: number) => printInvoicePdf(core, id, trusted()),
  };
  const unbind = bindHandlerTable({
    ipcMain,
    table: desktopTable(HANDLERS, tracker, pdfOverrides(pdf)),
    ctx: { core, practice: practice !== undefined, version: app.getVersion(), emit: (e) => sendToRenderer(trusted, e) },
    trusted,
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(process.platform, app.isPackaged, {
        command: (command) => sendToRenderer(trusted, { type: 'menu:command', command }),
        openExternal: (url) => void openExternalIfAllowed(url),
        openDataFolder: () => void shell.openPath(dataDir),
      }),
    ),
  );

  const openWindow = () => {
    const state = loadWindowState(dataDir, screen.getAllDisplays().map((d) => d.workArea));
    mainWindow = createMainWindow({ preloadPath: join(root, 'dist', 'preload', 'index.cjs'), packaged: app.isPackaged, state });
    trackWindowState(mainWindow, dataDir);
    mainWindow.on('closed', () => (mainWindow = undefined));
  };
  openWindow();
  app.on('activate', () => {
    if (!trusted()) openWindow();
  });

  notifier.loadFromLedger(core.ledger);
  // following(): a restore (Settings → Data) swaps the ledger and the engine under the running app
  const queue = startQueueRunner({ engine: following(core, 'engine'), ledger: following(core, 'ledger'), due: () => dueRegistrations(core), tracker });
  // Packaged builds only (an unpackaged run has no app-update.yml); absent package: no updates.
  const updater = app.isPackaged ? await loadUpdater() : undefined;
  const updates: Updates | undefined = updater
    ? manageUpdates({ updater, tracker, onReady: (version) => notify({ title: `e-Invoice Desk ${version} is ready`, body: 'It will be installed the next time you quit the app.' }) })
    : undefined;

  // The window may already be gone: a notice says why the app has not quit yet.
  const guard = createQuitGuard(tracker, () => app.quit(), undefined, () =>
    notify({ title: 'Finishing with the IRP', body: 'e-Invoice Desk will close as soon as the registration in progress has its answer.' }),
  );
  let closed = false;
  app.on('before-quit', (event) => {
    if (guard(event) || closed) return;
    // Close the core once, after the guard let the quit through.
    event.preventDefault();
    closed = true;
    void shutdown({ core, ...(practice ? { practice } : {}), notifier, queue, unbind, ...(updates ? { updates } : {}) }).finally(() => app.quit());
  });
  return { core, ...(practice ? { practice } : {}), notifier, queue, unbind, ...(updates ? { updates } : {}) };
}

async function shutdown(r: Running): Promise<void> {
  r.queue.stop();
  r.updates?.stop();
  r.notifier.stop();
  r.unbind();
  await r.core.close().catch(() => undefined);
  await r.practice?.close().catch(() => undefined);
}

// Windows shows notifications only for an app whose AppUserModelID matches its Start-menu shortcut
// (the NSIS installer uses electron-builder.yml's appId).
if (process.platform === 'win32') app.setAppUserModelId('in.einvoicedesk.app');

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the ledger: it gets focus (second-instance), this one leaves at once.
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      dialog.showErrorBox('e-Invoice Desk could not start', maskSecretText(e instanceof Error ? e.message : String(e)));
      app.exit(1);
    });
}
