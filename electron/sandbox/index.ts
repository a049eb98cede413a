/**
 * The practice IRP: a local HTTP simulator of NIC's e-invoice API (irp-protocol.md §13), bound to
 * 127.0.0.1. Every registration is committed to SQLite before its reply is written, and close()
 * lets in-flight requests finish, so no committed registration is ever lost.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { istDateOf } from '../../shared/dates';
import { loadHsnMaster } from '../app/masters';
import { PracticeClock } from './clock';
import type { IrpContext, IrpRequest, Reply } from './context';
import { gatewayPage, jsonReply, textReply } from './envelope';
import { Faults } from './faults';
import { handleAdmin } from './handlers/admin';
import { loadOrCreateKeys } from './keys';
import { handleGspDoor } from './gsp';
import { handlePortal } from './portal/routes';
import { dispatch, operationOf } from './router';
import { RequestStats } from './stats';
import { PracticeStore } from './store';
import { findTaxpayer } from './taxpayers';
import { TokenRegistry } from './tokens';
import { tightenDataDir } from '../support/private-files';

export interface PracticeIrpOptions {
  dataDir: string;               // holds practice-irp.sqlite and the keys
  port?: number;                 // default 0 (random)
  tokenTtlMinutes?: number;      // default 60
  retrievalWindowDays?: number;  // default 2
  now?: () => Date;              // injectable base clock (default real time); /sandbox/clock offsets apply on top
  log?: (line: string) => void;
}

export interface PracticeIrp { url: string; port: number; close(): Promise<void>; }

const MAX_BODY = 16 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function ackNoBase(now: Date): number {
  // 15 digits: "13", the two-digit IST year, then an 11-digit sequence (NIC's shape, §4.1).
  return Number(`13${istDateOf(now).slice(2, 4)}00000000000`);
}

function buildContext(options: PracticeIrpOptions, store: PracticeStore): IrpContext {
  const clock = new PracticeClock(options.now ?? (() => new Date()), store);
  let lastAck = store.lastAckNo();
  let lastEwb = Math.max(store.lastEwbNo(), 131_000_000_000);
  return {
    store,
    keys: loadOrCreateKeys(options.dataDir),
    clock,
    tokens: new TokenRegistry((options.tokenTtlMinutes ?? 60) * 60_000),
    faults: new Faults(),
    stats: new RequestStats(),
    hsn: loadHsnMaster(),
    retrievalWindowDays: options.retrievalWindowDays ?? 2,
    log: options.log ?? (() => undefined),
    taxpayer: (gstin) => findTaxpayer(gstin, store.taxpayerStatus(gstin)),
    nextAckNo: (now) => {
      lastAck = Math.max(lastAck + 1, ackNoBase(now) + 1);
      return lastAck;
    },
    nextEwbNo: () => {
      lastEwb += 1;
      return lastEwb;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A client that goes away mid-body never sends 'end'; Node 20 reports it as 'error', and this
    // also settles on a bare 'close' so an in-flight count can never leak and block close().
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before sending the whole request'));
    });
  });
}

function normaliseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase().replace(/-/g, '_')] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function respond(ctx: IrpContext, raw: IncomingMessage): Promise<Reply | 'drop'> {
  const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
  const body = await readBody(raw);
  if (body === undefined) return textReply(413, '<h2>413 - Request entity too large.</h2>');
  const req: IrpRequest = { method: (raw.method ?? 'GET').toUpperCase(), path: url.pathname, query: url.searchParams, headers: normaliseHeaders(raw), body };
  const admin = /^\/sandbox\/(.*?)\/?$/i.exec(req.path);
  if (admin) {
    if (!LOOPBACK.has(raw.socket.remoteAddress ?? '')) return jsonReply(403, { error: 'the practice admin API answers loopback clients only' });
    return handleAdmin(req, ctx, (admin[1] ?? '').toLowerCase());
  }
  ctx.stats.request(operationOf(req));
  const f = ctx.faults.settings;
  if (f.latencyMs > 0) await sleep(f.latencyMs);
  if (f.down) return gatewayPage(503);
  if (ctx.faults.roll(f.http5xxRate)) return gatewayPage(ctx.faults.pick5xx());
  const portal = /^\/portal(?:\/(.*?))?\/?$/i.exec(req.path);
  const reply = portal ? await handlePortal(req, ctx, portal[1] ?? '') : (handleGspDoor(req, ctx) ?? dispatch(req, ctx));
  if (reply.committed && ctx.faults.roll(ctx.faults.settings.dropAfterCommitRate)) return 'drop';
  return reply;
}

export async function startPracticeIrp(options: PracticeIrpOptions): Promise<PracticeIrp> {
  // The practice IRP's private keys and data: user-only, also when run alone (`einvoice sandbox`).
  tightenDataDir(options.dataDir);
  const store = new PracticeStore(options.dataDir);
  let ctx: IrpContext;
  try {
    ctx = buildContext(options, store);
  } catch (e) {
    store.close();
    throw e;
  }
  let inFlight = 0;
  let closing = false;
  const server = createServer((raw: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    respond(ctx, raw)
      .then((reply) => {
        if (reply === 'drop') {
          ctx.log(`fault: dropped the connection after committing (${raw.method} ${raw.url})`);
          res.socket?.destroy();
          return;
        }
        const body = reply.bytes ?? reply.body;
        const headers: Record<string, string> = { 'Content-Type': reply.contentType, 'Content-Length': String(Buffer.byteLength(body)) };
        if (closing) headers.Connection = 'close';
        res.writeHead(reply.status, headers).end(body);
      })
      .catch((e: unknown) => {
        // An internal bug must not take the simulator down; the client sees a 500 page.
        ctx.log(`internal error on ${raw.method} ${raw.url}: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h2>500 - Internal server error.</h2>');
      })
      .finally(() => {
        inFlight -= 1;
        if (closing) server.closeIdleConnections();
      });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  ctx.log(`practice IRP listening on ${url}`);
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeIdleConnections();
        const timer = setInterval(() => {
          if (inFlight === 0) server.closeIdleConnections();
        }, 50);
        server.once('close', () => clearInterval(timer));
      });
      return closed;
    },
  };
}
