/**
 * Updates through electron-updater, under the policy of docs/release.md §5: download in the
 * background, install only when the app quits (and every quit first passes the quit guard, which
 * waits for IRP work), never quitAndInstall() on a timer or from an updater event. "Restart to
 * update" is offered, and refused while a registration or cancellation is in flight.
 *
 * electron-updater is not a dependency yet: startUpdates() loads it by name at run time and does
 * nothing (returns undefined) when it is absent or the app runs unpackaged.
 */
import type { ActivityTracker } from './activity';
import { mayInstallUpdate } from './activity';

/** The part of electron-updater's AppUpdater this module uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export const CHECK_EVERY_MS = 4 * 60 * 60_000;

export interface UpdatesOptions {
  updater: UpdaterLike;
  tracker: ActivityTracker;
  /** Tells the user an update is ready (a notice or a menu item; never a modal dialog). */
  onReady: (version: string) => void;
  onError?: (e: unknown) => void;
  intervalMs?: number;
}

export interface Updates {
  /** The version downloaded and waiting for a restart, if any. */
  readyVersion(): string | undefined;
  /** "Restart to update": true when it restarts now, false when IRP work runs (try again later). */
  installNow(): boolean;
  stop(): void;
}

export function manageUpdates(o: UpdatesOptions): Updates {
  let ready: string | undefined;
  o.updater.autoDownload = true;
  o.updater.autoInstallOnAppQuit = true;
  o.updater.on('update-downloaded', (info) => {
    ready = info.version;
    o.onReady(info.version);
  });
  o.updater.on('error', (e) => o.onError?.(e));
  const check = () => void o.updater.checkForUpdates().catch((e: unknown) => o.onError?.(e));
  check();
  const timer = setInterval(check, o.intervalMs ?? CHECK_EVERY_MS);
  timer.unref?.();
  return {
    readyVersion: () => ready,
    installNow() {
      if (!ready || !mayInstallUpdate(o.tracker)) return false;
      o.updater.quitAndInstall(false, true);
      return true;
    },
    stop: () => clearInterval(timer),
  };
}

/** electron-updater's autoUpdater when the package is installed, else undefined. */
export async function loadUpdater(): Promise<UpdaterLike | undefined> {
  const name = 'electron-updater';
  try {
    const mod = (await import(/* @vite-ignore */ name)) as { autoUpdater?: UpdaterLike; default?: { autoUpdater?: UpdaterLike } };
    return mod.autoUpdater ?? mod.default?.autoUpdater;
  } catch {
    return undefined;
  }
}
