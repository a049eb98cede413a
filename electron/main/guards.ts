/**
 * What content in a window may do beyond rendering (architecture.md §4.9): nothing. No new windows
 * (an allowed external link goes to the user's browser instead), no navigation away from app://,
 * no webviews, no permission (camera, notifications, clipboard-read, geolocation, HID, serial...).
 * Applied to every WebContents the app creates, not just the main window, so a window nobody
 * planned for is no weaker.
 */
import type { App, Event as ElectronEvent, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-protocol';
import { openExternalIfAllowed } from './external-links';

/** True for app://desk/... and nothing else (no other host, no other scheme, no credentials). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.username === '' && url.password === '' && url.port === '';
  } catch {
    return false;
  }
}

/**
 * Contents already guarded: the main window's contents are guarded by the window factory and again
 * by the web-contents-created hook, and two will-navigate listeners opened an allowed link twice.
 */
const guarded = new WeakSet<WebContents>();

export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: ElectronEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternalIfAllowed(url);
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every permission request and check is refused; the app needs none of them. */
export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

/** Hooks every WebContents the app ever creates (windows, devtools, anything a bug might open). */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
