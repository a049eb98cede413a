/**
 * The browser host (architecture.md §1): the built renderer and the handler table over HTTP on
 * 127.0.0.1, for `npm start` without Electron and for every end-to-end test.
 *   GET  /...             the renderer (dist/renderer)
 *   POST /api/<channel>   one contract call; the body is the request JSON; the answer is the Result wrapper
 *   GET  /api/events      server-sent events: `*:changed` and progress
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppEvent } from '../../shared/ipc/contract';
import { dispatch, type HandlerContext, type HandlerTable } from '../app/handlers';
import type { EventHub } from './events';
import { checkHostAndOrigin, checkToken } from './security';
import { serveStatic } from './static-files';

const MAX_BODY = 8 * 1024 * 1024;
const HEARTBEAT_MS = 25_000;

export interface BrowserHostOptions {
  ctx: Omit<HandlerContext, 'emit'>;
  table: HandlerTable;
  hub: EventHub;
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Tests may fix it; by default 32 random bytes per launch. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  /** The address to open: the token travels in the fragment, which browsers never send to servers. */
  launchUrl: string;
  server: Server;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

class BodyTooLarge extends Error {}

const TOO_LARGE = { ok: false, error: { code: 'TOO_LARGE', message: `The request is larger than ${MAX_BODY / 1024 / 1024} MB; send less at a time.` } };

/**
 * The body as text, at most MAX_BODY bytes. An oversized body is refused without being read
 * (Content-Length) or as soon as it passes the limit; the rest is drained, not stored.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_BODY) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > MAX_BODY) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Answers 413 at once; the rest of the body is read and dropped (closing the socket while the
 * client still writes would turn the answer into a connection reset). The token was checked first,
 * so only a holder of it can make the host drain a body.
 */
function refuseTooLarge(res: ServerResponse): void {
  sendJson(res, 413, TOO_LARGE);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const ctx: HandlerContext = { ...options.ctx, emit: (e: AppEvent) => options.hub.publish(e) };
  const streams = new Set<ServerResponse>();
  let port = 0;

  async function api(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const gate = checkToken(req, token);
    if (!gate.ok) return sendJson(res, gate.status, { ok: false, error: { code: gate.code, message: gate.message } });
    if (pathname === '/api/events') {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: 'Use GET for the event stream.' } });
      return openStream(req, res);
    }
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: 'Use POST for API calls.' } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'BAD_REQUEST', message: 'Send the request as application/json.' } });
    }
    let body: unknown;
    try {
      const text = await readBody(req);
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch (e) {
      if (e instanceof BodyTooLarge) return refuseTooLarge(res);
      return sendJson(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: 'The request body is not JSON.' } });
    }
    const channel = pathname.slice('/api/'.length);
    sendJson(res, 200, await dispatch(options.table, channel, body, ctx));
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.hub.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  const server = createServer((req, res) => {
    const gate = checkHostAndOrigin(req, port);
    if (!gate.ok) return sendJson(res, gate.status, { ok: false, error: { code: gate.code, message: gate.message } });
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: 'Bad address.' } });
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      api(req, res, pathname).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed.' } });
        else res.end();
      });
      return;
    }
    serveStatic(options.staticDir, req, res, pathname);
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    token,
    launchUrl: `${url}/#token=${token}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
