/**
 * The `app://` protocol (architecture.md §4.9): the renderer is served from dist/renderer under a
 * privileged standard scheme instead of file://, so the page has a real origin ('self' in the CSP
 * means our own files only) and no access to the rest of the disk. GET and HEAD only; every path is
 * decoded once, refused when it carries traversal, NUL, backslashes, drive letters or a second layer
 * of encoding, then resolved and confined to the root.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { protocol, type Session } from 'electron';
import { contentType, resolveInside } from '../host/static-files';

export const APP_SCHEME = 'app';
/** One fixed host: a standard scheme needs one, and the IPC sender check compares against it. */
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Our own scripts and styles only; no eval; images may be data: URLs (the QR is drawn as one).
 * 'unsafe-inline' for styles because React writes style attributes; scripts get no such leave.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Must run before app 'ready': standard (relative URLs, a real origin), secure (like https), fetch
 * allowed, and CORS-enabled because vite's module scripts carry `crossorigin` and Chromium fetches
 * module scripts in CORS mode (same-origin here; no Access-Control header is ever sent, so no other
 * origin can read app:// content).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: false } },
  ]);
}

/**
 * The file an app:// URL names inside root, or undefined when the URL is not ours or the path is
 * suspicious. Works on the raw URL text (what Electron hands over may not be normalised the way
 * the WHATWG parser would), so `..` is refused in every spelling rather than resolved.
 */
export function resolveAppPath(root: string, rawUrl: string): string | undefined {
  const prefix = `${APP_ORIGIN}/`;
  if (!rawUrl.toLowerCase().startsWith(prefix)) return undefined;
  const rawPath = rawUrl.slice(prefix.length);
  const cut = rawPath.search(/[?#]/);
  return resolveInside(root, cut >= 0 ? rawPath.slice(0, cut) : rawPath);
}

function refuse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...extra } });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The handler protocol.handle() calls; takes the two fields it needs so tests can pass raw URLs. */
export function createAppProtocolHandler(root: string): (request: { method: string; url: string }) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'Method not allowed', { allow: 'GET, HEAD' });
    let file = resolveAppPath(root, request.url);
    if (!file) return refuse(404, 'Not found');
    // Client-side routes (no extension) get the app shell, as in the browser host.
    if (!(await isFile(file)) && extname(file) === '') file = join(resolve(root), 'index.html');
    if (!(await isFile(file))) return refuse(404, 'Not found');
    const body = method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': contentType(file),
        'content-security-policy': APP_CSP,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
        'cross-origin-opener-policy': 'same-origin',
      },
    });
  };
}

/** Serves root on app:// for this session (the default one unless a test passes another). */
export function installAppProtocol(root: string, session?: Session): void {
  const target = session?.protocol ?? protocol;
  const handler = createAppProtocolHandler(root);
  target.handle(APP_SCHEME, (req) => handler(req));
}
