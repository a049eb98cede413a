/** Serves the built renderer (dist/renderer): GET/HEAD only, nothing outside the folder. */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, resolve, sep } from 'node:path';

/** Content types of what vite emits (shared with the desktop's app:// protocol). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Only our own scripts, styles and data: URLs for images (the QR is drawn as a data URL). */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** NUL and the other C0 controls: never in a file name we serve, often in an attack. */
function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20 || text.charCodeAt(i) === 0x7f) return true;
  return false;
}

/**
 * The file a URL path (as sent: percent-encoded, no query, no leading slash) names inside root, or undefined when it
 * is suspicious or would leave root. Used by the browser host and the desktop's app:// protocol.
 * `..` and `.` are refused in every spelling rather than resolved; a '%' left after one decode is
 * double encoding (%252e%252e), never a name vite emits; the empty path is index.html.
 */
export function resolveInside(root: string, rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/[\\%]/.test(decoded) || hasControlChar(decoded)) return undefined;
  if (decoded.startsWith('/') || /^[a-zA-Z]:/.test(decoded) || decoded.includes(':')) return undefined;
  if (decoded.split('/').some((s) => s === '..' || s === '.')) return undefined;
  const relative = posix.normalize(decoded === '' ? 'index.html' : decoded);
  const base = resolve(root);
  const file = resolve(join(base, relative));
  return file.startsWith(base + sep) ? file : undefined;
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed');
    return;
  }
  // the path after the origin's one slash; a second slash (an absolute path) is refused below
  let file = resolveInside(root, pathname.slice(1));
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  let stat = statOrUndefined(file);
  // Client-side routes (no extension) get the app shell.
  if (!stat && extname(file) === '') {
    file = join(resolve(root), 'index.html');
    stat = statOrUndefined(file);
  }
  if (!stat?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': contentType(file),
    'content-length': stat.size,
    'cache-control': extname(file) === '.html' ? 'no-store' : 'no-cache',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
