/**
 * The browser host's gate, over real HTTP: token on every /api call, Host and Origin checks,
 * no CORS, no path traversal, loopback-only binding, and the event stream.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserHost, type Launched } from '../../electron/host/launch';
import { MemorySecretStore } from '../../electron/vault';

let dir: string;
let app: Launched;
let port: number;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const api = (channel: string, headers: Record<string, string>, body = '{}') => send('POST', `/api/${channel}`, { 'content-type': 'application/json', ...headers }, body);
const auth = () => ({ authorization: `Bearer ${app.host.token}` });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'einvoice-host-'));
  const staticDir = join(dir, 'www');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>e-Invoice Desk</title>');
  writeFileSync(join(dir, 'outside.txt'), 'must not be served');
  app = await launchBrowserHost({ dataDir: join(dir, 'data'), staticDir, vault: new MemorySecretStore(), env: {} });
  port = app.host.port;
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser host security', () => {
  it('prints a launch URL with the token in the fragment', () => {
    expect(app.host.launchUrl).toBe(`http://127.0.0.1:${port}/#token=${app.host.token}`);
    expect(app.host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers 401 without a token and with a wrong one', async () => {
    const none = await api('health', {});
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await api('health', { authorization: `Bearer ${app.host.token.slice(0, -1)}x` })).status).toBe(401);
    expect((await api('health', { 'x-einvoice-token': 'nope' })).status).toBe(401);
    expect((await send('GET', '/api/events')).status).toBe(401);
  });

  it('answers a real channel with the token (either header) and sends no CORS headers', async () => {
    const r = await api('businesses:list', auth());
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; value: { businesses: Array<{ gstin: string }> } };
    expect(body.ok).toBe(true);
    expect(body.value.businesses.map((b) => b.gstin)).toEqual(['29ABCDE1234F1ZW']);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const viaHeader = await api('health', { 'x-einvoice-token': app.host.token, origin: `http://localhost:${port}` });
    expect(JSON.parse(viaHeader.body)).toMatchObject({ ok: true, value: { queued: 0 } });
  });

  it('answers 403 to a foreign Origin even with the token', async () => {
    const r = await api('businesses:list', { ...auth(), origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    expect((await api('health', { ...auth(), origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await api('health', { ...auth(), origin: 'null' })).status).toBe(403);
  });

  it('answers 403 to a foreign Host (DNS rebinding), for pages and API alike', async () => {
    expect((await send('GET', '/', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await api('health', { ...auth(), host: 'evil.example' })).status).toBe(403);
    expect((await send('GET', '/', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses bad requests with codes', async () => {
    expect((await send('GET', '/api/health', auth())).status).toBe(405);
    expect((await send('POST', '/api/health', { ...auth(), 'content-type': 'text/plain' }, '{}')).status).toBe(415);
    const notJson = await api('health', auth(), '{oops');
    expect(notJson.status).toBe(400);
    const unknown = JSON.parse((await api('nope:nothing', auth())).body) as { error: { code: string } };
    expect(unknown.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('answers 413 with a JSON error to an oversized body (9 MB, 200 MB, chunked), and stays up', async () => {
    /** Streams `size` bytes of a JSON string; records whether the socket was reset under us. */
    const big = (size: number, chunked: boolean) =>
      new Promise<Answer & { reset: boolean }>((resolve, reject) => {
        const headers: Record<string, string> = { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...auth() };
        if (!chunked) headers['content-length'] = String(size);
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/health', headers, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), reset: false }));
        });
        req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: 0, headers: {}, body: '', reset: true }) : reject(e)));
        const block = Buffer.alloc(1024 * 1024, 0x61);
        let sent = 0;
        const pump = () => {
          while (sent < size) {
            const n = Math.min(block.length, size - sent);
            sent += n;
            if (!req.write(block.subarray(0, n))) return void req.once('drain', pump);
          }
          req.end();
        };
        pump();
      });
    for (const [size, chunked] of [[9 * 1024 * 1024, false], [9 * 1024 * 1024, true], [200 * 1024 * 1024, false]] as const) {
      const started = Date.now();
      const r = await big(size, chunked);
      expect(r.reset, `${size} chunked=${chunked}`).toBe(false);
      expect(r.status).toBe(413);
      expect(String(r.headers['content-type'])).toContain('application/json');
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'TOO_LARGE', message: 'The request is larger than 8 MB; send less at a time.' } });
      expect(Date.now() - started).toBeLessThan(20_000);
    }
    // An 8 MB body is still read and answered.
    const fits = await api('health', auth(), JSON.stringify({ pad: 'a'.repeat(8 * 1024 * 1024 - 20) }));
    expect(fits.status).toBe(200);
  });

  it('serves the renderer with a CSP, and nothing outside its folder', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>e-Invoice Desk</title>');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2Foutside.txt', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const r = await send('GET', path);
      expect(r.body, path).not.toContain('must not be served');
      expect(r.body, path).not.toContain('root:');
    }
    expect((await send('POST', '/index.html')).status).toBe(405);
  });

  it('pushes ledger:changed on the event stream after a save', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}`, ...auth() } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('ledger:changed')) {
            resolve(text);
            req.destroy();
          } else if (text.includes(': connected')) {
            void api('businesses:list', auth()).then(async (r) => {
              const businessId = (JSON.parse(r.body) as { value: { businesses: Array<{ id: number }> } }).value.businesses[0]!.id;
              const draft = { docType: 'INV', docNo: 'SSE/1', docDate: '01/04/2026', supplyType: 'B2B', seller: {}, buyer: {}, lines: [] };
              await api('invoices:save', auth(), JSON.stringify({ businessId, draft }));
            });
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(await received).toMatch(/data: \{"type":"ledger:changed","invoiceId":\d+\}/);
  });

  it('listens on 127.0.0.1 only: not reachable on this machine\'s other addresses', async () => {
    expect((app.host.server.address() as AddressInfo).address).toBe('127.0.0.1');
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address.split('%')[0]!);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port, timeout: 2000 });
        socket.on('connect', () => (socket.destroy(), resolve('connected')));
        socket.on('timeout', () => (socket.destroy(), resolve('timeout')));
        socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome, address).not.toBe('connected');
    }
  });
});
