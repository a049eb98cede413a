/**
 * The browser host's gate. It listens on 127.0.0.1 only, but any web page the user opens can
 * still send requests to 127.0.0.1 (and a DNS-rebinding page can even read answers), so:
 * - the Host header must name this server (127.0.0.1:PORT or localhost:PORT): defeats rebinding;
 * - an Origin, when the browser sends one, must be this server's own: defeats cross-site POSTs;
 * - every /api request carries the per-launch token, which only the opened URL's fragment holds;
 * - no CORS headers are ever sent, so other origins cannot read anything.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GateResult = { ok: true } | { ok: false; status: 401 | 403; code: string; message: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkHostAndOrigin(req: IncomingMessage, port: number): GateResult {
  const hosts = allowedHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) return { ok: false, status: 403, code: 'FORBIDDEN_HOST', message: 'This address is not allowed.' };
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { ok: false, status: 403, code: 'FORBIDDEN_ORIGIN', message: 'Requests from other sites are not allowed.' };
  }
  return { ok: true };
}

function presentedToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const header = req.headers['x-einvoice-token'];
  return typeof header === 'string' ? header.trim() : undefined;
}

export function checkToken(req: IncomingMessage, token: string): GateResult {
  const given = presentedToken(req);
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  if (!given || a.length !== b.length || !timingSafeEqual(a, b)) {
    return { ok: false, status: 401, code: 'UNAUTHORIZED', message: 'Open e-Invoice Desk from the address it printed when it started (it carries the access token).' };
  }
  return { ok: true };
}
