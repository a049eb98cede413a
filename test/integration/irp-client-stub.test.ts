/**
 * The IRP client over real HTTP on 127.0.0.1 against a tiny in-test IRP stub: it decrypts the auth
 * blob with its private key, issues tokens and SEKs, decrypts request payloads, and answers whatever
 * each test scripts — including dropped connections, hangs, gateways and garbage.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { CompactSign } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatIstDateTime } from '../../shared/dates';
import type { SessionCache} from '../../electron/irp/index';
import { IrpClient, IrpError, type EndpointProfile, type IrpEvent } from '../../electron/irp/index';
import { rsaPair, selfSignedPem } from '../support/certs';

const GSTIN = '01AMBPG7773M002';
const CREDS = { clientId: 'CLIENT-ID-1', clientSecret: 'CLIENT-SECRET-XYZ', userName: 'apiuser', password: 'P@ssw0rd-Secret' };
const IRN = '706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7';

const encPair = rsaPair();
const signPair = rsaPair();
const otherPair = rsaPair();
const encPrivate = forge.pki.privateKeyFromPem(encPair.privateKey);

const aes = (key: Buffer, data: Buffer) => { const c = createCipheriv('aes-256-ecb', key, null); return Buffer.concat([c.update(data), c.final()]); };
const unaes = (key: Buffer, data: Buffer) => { const d = createDecipheriv('aes-256-ecb', key, null); return Buffer.concat([d.update(data), d.final()]); };

async function jws(data: unknown, pem = signPair.privateKey): Promise<string> {
  const payload = JSON.stringify({ data: JSON.stringify(data), iss: 'NIC Sandbox' });
  return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(createPrivateKey(pem));
}

interface Seen { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; plain?: unknown; raw?: unknown }
type Reply = { status?: number; body: string } | 'drop' | 'hang';
type Handler = (seen: Seen, sek: Buffer) => Reply | Promise<Reply>;

const stub = {
  server: undefined as http.Server | undefined,
  url: '',
  auths: [] as Array<{ force: boolean; headers: http.IncomingHttpHeaders }>,
  seen: [] as Seen[],
  tokens: new Map<string, Buffer>(),
  handler: undefined as Handler | undefined,
  authReply: undefined as ((n: number) => Reply | undefined) | undefined,
  tokenTtlMin: 60,
};

function ok(sek: Buffer, data: unknown, extra: Record<string, unknown> = {}): Reply {
  return { body: JSON.stringify({ Status: 1, Data: aes(sek, Buffer.from(JSON.stringify(data))).toString('base64'), ErrorDetails: null, InfoDtls: null, ...extra }) };
}
function fail(code: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return { body: JSON.stringify({ Status: 0, Data: null, ErrorDetails: [{ ErrorCode: code, ErrorMessage: message }], InfoDtls: null, ...extra }) };
}
async function irnData(irn = IRN, key = signPair.privateKey) {
  return {
    AckNo: 232210036743849, AckDt: '2026-01-05 10:00:00', Irn: irn,
    SignedInvoice: await jws({ AckNo: 232210036743849, AckDt: '2026-01-05 10:00:00', Irn: irn, Version: '1.1' }, key),
    SignedQRCode: await jws({ SellerGstin: GSTIN, DocNo: 'A/1', Irn: irn, IrnDt: '2026-01-05 10:00:00' }, key),
    Status: 'ACT', EwbNo: null, EwbDt: null, EwbValidTill: null, Remarks: null,
  };
}

function handleAuth(body: { Data: string }, headers: http.IncomingHttpHeaders): Reply {
  const b64Text = encPrivate.decrypt(Buffer.from(body.Data, 'base64').toString('binary'), 'RSAES-PKCS1-V1_5');
  const p = JSON.parse(Buffer.from(b64Text, 'base64').toString('utf8')) as { UserName: string; Password: string; AppKey: string; ForceRefreshAccessToken: boolean };
  stub.auths.push({ force: p.ForceRefreshAccessToken, headers });
  const scripted = stub.authReply?.(stub.auths.length);
  if (scripted) return scripted;
  if (headers.client_secret !== CREDS.clientSecret) return fail('1010', 'Invalid Client-ID/Client-Secret');
  if (p.UserName !== CREDS.userName || p.Password !== CREDS.password) return fail('1008', 'Invalid login credentials');
  const sek = randomBytes(32);
  const token = `tok${stub.auths.length}x${randomBytes(8).toString('hex')}`;
  stub.tokens.set(token, sek);
  return {
    body: JSON.stringify({
      Status: 1,
      Data: { ClientId: headers.client_id, UserName: p.UserName, AuthToken: token, Sek: aes(Buffer.from(p.AppKey, 'base64'), sek).toString('base64'), TokenExpiry: formatIstDateTime(new Date(Date.now() + stub.tokenTtlMin * 60_000)) },
      ErrorDetails: null, InfoDtls: null,
    }),
  };
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (reply === 'hang') return;
  if (reply === 'drop') { res.socket?.destroy(); return; }
  res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json' });
  res.end(reply.body);
}

beforeAll(async () => {
  stub.server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text ? (JSON.parse(text) as Record<string, string>) : undefined;
        if (url.pathname === '/eivital/v1.04/auth') return send(res, handleAuth(body as { Data: string }, req.headers));
        if (url.pathname === '/eivital/v1.04/heartbeat/ping') return send(res, { body: 'e-Invoice Vital:-05-01-2026 10:00:00' });
        const token = String(req.headers.authtoken ?? '');
        const sek = stub.tokens.get(token);
        const seen: Seen = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, raw: body };
        stub.seen.push(seen);
        if (!sek) return send(res, fail('1005', 'Invalid Token'));
        const enc = body?.Data ?? body?.data;
        if (enc) seen.plain = JSON.parse(unaes(sek, Buffer.from(enc, 'base64')).toString('utf8'));
        send(res, stub.handler ? await stub.handler(seen, sek) : fail('9000', 'no handler'));
      })();
    });
  });
  await new Promise<void>((r) => stub.server!.listen(0, '127.0.0.1', r));
  stub.url = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  stub.server?.closeAllConnections();
  await new Promise((r) => stub.server?.close(r));
});

const clients: IrpClient[] = [];
afterEach(() => {
  stub.auths = []; stub.seen = []; stub.tokens.clear(); stub.handler = undefined; stub.authReply = undefined; stub.tokenTtlMin = 60;
  for (const c of clients.splice(0)) c.close();
});

function client(opts: { profile?: Partial<EndpointProfile>; now?: () => Date; events?: IrpEvent[]; sessions?: SessionCache; creds?: typeof CREDS } = {}): IrpClient {
  const c = new IrpClient({
    profile: { name: 'stub', kind: 'practice', baseUrl: stub.url, encryptionPublicKeyPem: encPair.publicKey, signingCertificatePem: selfSignedPem(signPair, { commonName: 'stub irp', serial: '03' }), timeouts: { connectMs: 5000, readMs: 5000 }, ...opts.profile },
    gstin: GSTIN,
    credentials: () => Promise.resolve(opts.creds ?? CREDS),
    ownAgents: true,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.sessions ? { sessions: opts.sessions } : {}),
    ...(opts.events ? { observer: (e: IrpEvent) => opts.events!.push(e) } : {}),
  });
  clients.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<IrpError> {
  try { await p; } catch (e) { if (e instanceof IrpError) return e; throw e; }
  throw new Error('expected an IrpError');
}

describe('IRP client against an in-test stub', () => {
  it('authenticates, sends the encrypted invoice with the right headers, verifies both signatures', async () => {
    stub.handler = async (_s, sek) => ok(sek, await irnData());
    const c = client();
    const r = await c.generateIrn({ Version: '1.1', DocDtls: { Typ: 'INV', No: 'A/1', Dt: '05/01/2026' } });
    expect(r.irn).toBe(IRN);
    expect(r.ackNo).toBe(232210036743849);
    expect(r.ackDt).toBe('2026-01-05 10:00:00');
    expect(r.status).toBe('ACT');
    expect(r.signedQrData).toMatchObject({ DocNo: 'A/1', Irn: IRN });
    expect(stub.auths).toHaveLength(1);
    expect(stub.auths[0]?.force).toBe(false);
    expect(stub.auths[0]?.headers.gstin).toBe(GSTIN);
    const seen = stub.seen[0]!;
    expect(seen.path).toBe('/eicore/v1.03/Invoice');
    expect(seen.plain).toEqual({ Version: '1.1', DocDtls: { Typ: 'INV', No: 'A/1', Dt: '05/01/2026' } });
    expect(seen.headers).toMatchObject({ client_id: CREDS.clientId, client_secret: CREDS.clientSecret, gstin: GSTIN, user_name: CREDS.userName });
  });

  it('concurrent first calls share one auth', async () => {
    stub.handler = async (_s, sek) => ok(sek, await irnData());
    const c = client();
    await Promise.all(Array.from({ length: 6 }, () => c.getByIrn(IRN)));
    expect(stub.auths).toHaveLength(1);
    expect(stub.seen).toHaveLength(6);
  });

  it('2150 with string Status and Base64 ErrorDetails → IrpError with the duplicate', async () => {
    stub.handler = () => ({ body: JSON.stringify({
      Status: '0', Data: null,
      ErrorDetails: Buffer.from(JSON.stringify([{ ErrorCode: '2150', ErrorMessage: 'Duplicate IRN' }])).toString('base64'),
      InfoDtls: [{ InfCd: 'DUPIRN', Desc: { AckNo: 232210036743849, AckDt: '2026-01-05 10:00:00', Irn: IRN } }],
    }) });
    const e = await rejection(client().generateIrn({}));
    expect(e.code).toBe('2150');
    expect(e.kind).toBe('business');
    expect(e.ambiguous).toBe(false);
    expect(e.duplicate).toEqual({ irn: IRN, ackNo: 232210036743849, ackDt: '2026-01-05 10:00:00' });
  });

  it('on 1005 re-authenticates once (forcing a new token) and retries the same request', async () => {
    let first = true;
    stub.handler = async (_s, sek) => {
      if (first) { first = false; return fail('1005', 'Invalid Token'); }
      return ok(sek, await irnData());
    };
    const events: IrpEvent[] = [];
    const r = await client({ events }).generateIrn({ n: 1 });
    expect(r.irn).toBe(IRN);
    expect(stub.auths.map((a) => a.force)).toEqual([false, true]);
    expect(stub.seen.map((s) => s.plain)).toEqual([{ n: 1 }, { n: 1 }]);
    expect(events.map((e) => e.type)).toEqual(['auth', 'retry-after-1005', 'auth']);
  });

  it('a second 1005 in a row is an auth error, not a loop', async () => {
    stub.handler = () => fail('1005', 'Invalid Token');
    const e = await rejection(client().getByIrn(IRN));
    expect(e.kind).toBe('auth');
    expect(e.code).toBe('1005');
    expect(stub.auths).toHaveLength(2);
    expect(stub.seen).toHaveLength(2);
  });

  it('refreshes near TokenExpiry with ForceRefreshAccessToken (injected clock)', async () => {
    stub.handler = async (_s, sek) => ok(sek, await irnData());
    let t = Date.now();
    const c = client({ now: () => new Date(t) });
    await c.getByIrn(IRN);
    t += 45 * 60_000;
    await c.getByIrn(IRN);
    expect(stub.auths).toHaveLength(1);
    t += 6 * 60_000;
    await c.getByIrn(IRN);
    expect(stub.auths.map((a) => a.force)).toEqual([false, true]);
    expect(stub.seen[2]?.headers.authtoken).not.toBe(stub.seen[0]?.headers.authtoken);
  });

  it('wrong client secret → auth error without any secret in the message', async () => {
    const e = await rejection(client({ creds: { ...CREDS, clientSecret: 'WRONG-SECRET-123' } }).getByIrn(IRN));
    expect(e.kind).toBe('auth');
    expect(e.code).toBe('1010');
    const all = JSON.stringify(e) + e.message + String(e.hint);
    for (const s of ['WRONG-SECRET-123', CREDS.password, CREDS.clientSecret]) expect(all).not.toContain(s);
  });

  it('a read timeout after sending a POST is ambiguous; after a GET it is not', async () => {
    stub.handler = () => 'hang';
    const post = await rejection(client({ profile: { timeouts: { readMs: 300 } } }).generateIrn({}));
    expect(post.kind).toBe('timeout');
    expect(post.ambiguous).toBe(true);
    expect(post.retriable).toBe(true);
    const get = await rejection(client({ profile: { timeouts: { readMs: 300 } } }).getByIrn(IRN));
    expect(get.kind).toBe('timeout');
    expect(get.ambiguous).toBe(false);
  });

  it('a connection dropped before the answer is ambiguous for generate', async () => {
    stub.handler = () => 'drop';
    const e = await rejection(client().generateIrn({}));
    expect(e.kind).toBe('transport');
    expect(e.code).toBe('CONNECTION_DROPPED');
    expect(e.ambiguous).toBe(true);
    expect(e.retriable).toBe(true);
  });

  it('a refused connection is kind down and not ambiguous', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const e = await rejection(client({ profile: { baseUrl: `http://127.0.0.1:${port}` } }).generateIrn({}));
    expect(e.kind).toBe('down');
    expect(e.code).toBe('CONNECTION_REFUSED');
    expect(e.ambiguous).toBe(false);
    expect(e.retriable).toBe(true);
  });

  it('gateway 503 with an HTML body → down; 404 → protocol with a URL hint', async () => {
    stub.handler = () => ({ status: 503, body: '<html>Service Unavailable</html>' });
    const down = await rejection(client().getByIrn(IRN));
    expect([down.kind, down.httpStatus, down.retriable]).toEqual(['down', 503, true]);
    stub.handler = () => ({ status: 404, body: 'Not Found' });
    const nf = await rejection(client().getByIrn(IRN));
    expect([nf.kind, nf.httpStatus, nf.retriable]).toEqual(['protocol', 404, false]);
    expect(nf.hint).toMatch(/endpoint URL/);
  });

  it('a 200 that is not an envelope after a POST is a protocol error marked ambiguous', async () => {
    stub.handler = () => ({ body: 'Object moved' });
    const e = await rejection(client().generateIrn({}));
    expect(e.kind).toBe('protocol');
    expect(e.ambiguous).toBe(true);
    expect(e.message).toContain('Object moved');
  });

  it('signatures by another key are refused (kind signature)', async () => {
    stub.handler = async (_s, sek) => ok(sek, await irnData(IRN, otherPair.privateKey));
    const e = await rejection(client().generateIrn({}));
    expect(e.kind).toBe('signature');
    expect(e.ambiguous).toBe(true);
  });

  it('get by document details sends query parameters, URL-encoded', async () => {
    stub.handler = async (_s, sek) => ok(sek, await irnData());
    await client().getByDocDetails({ docType: 'INV', docNo: 'A/1', docDate: '05/01/2026' });
    const s = stub.seen[0]!;
    expect(s.path).toBe('/eicore/v1.03/Invoice/irnbydocdetails');
    expect([s.query.get('doctype'), s.query.get('docnum'), s.query.get('docdate')]).toEqual(['INV', 'A/1', '05/01/2026']);
    await expect(client().getByDocDetails({ docType: 'INV', docNo: 'A/1', docDate: '2026-01-05' })).rejects.toMatchObject({ code: '2144', path: 'DocDtls.Dt' });
  });

  it('cancel IRN, GSTIN details, rejected IRNs, e-way bill calls', async () => {
    stub.handler = (s, sek) => {
      if (s.path.endsWith('/Invoice/Cancel')) return ok(sek, { Irn: IRN, CancelDate: '2026-01-05 11:00:00' });
      if (s.path.includes('/Master/gstin/')) return ok(sek, { Gstin: '29AWGPV7107B1Z1', TradeName: 'VIKAS EXPORTS', StateCode: '29', AddrPncd: 562160, Status: 'ACT' });
      if (s.path.endsWith('/rejectedirns')) return ok(sek, [IRN.toUpperCase()]);
      if (s.path === '/eiewb/v1.03/ewaybill') return ok(sek, { EwbNo: 391009149369, EwbDt: '2026-01-05 11:00:00', EwbValidTill: '2026-01-18 23:59:00', Remarks: null }, { InfoDtls: [{ InfCd: 'EWBPPD', Desc: 'Pin-Pin calc distance: 2467KM' }] });
      if (s.path.startsWith('/eiewb/v1.03/ewaybill/irn/')) return ok(sek, { EwbNo: 391009149369, Status: 'ACT', GenGstin: GSTIN, EwbDt: '2026-01-05 11:00:00', EwbValidTill: null });
      if (s.path === '/ewaybillapi/v1.03/ewayapi') {
        const inner = Buffer.from(JSON.stringify({ ewayBillNo: '391009149369', cancelDate: '05/01/2026 11:10:00 AM' })).toString('base64');
        return { body: JSON.stringify({ status: '1', data: aes(sek, Buffer.from(inner)).toString('base64') }) };
      }
      return fail('9000', 'unexpected');
    };
    const c = client();
    expect(await c.cancelIrn(IRN, '2', 'Data entry mistake')).toEqual({ irn: IRN, cancelDate: '2026-01-05 11:00:00' });
    expect(stub.seen[0]?.plain).toEqual({ Irn: IRN, CnlRsn: '2', CnlRem: 'Data entry mistake' });
    expect(await c.gstinDetails('29awgpv7107b1z1')).toMatchObject({ gstin: '29AWGPV7107B1Z1', stateCode: 29, addrPncd: 562160, status: 'ACT', dtReg: null });
    expect(await c.rejectedIrns('05/01/2026')).toEqual([IRN]);
    expect(stub.seen[2]?.query.get('date')).toBe('05/01/2026');
    const ewb = await c.generateEwb({ Irn: IRN, Distance: 0, TransMode: '1', VehNo: 'GJ07DL9009', VehType: 'R' });
    expect(ewb).toMatchObject({ ewbNo: 391009149369, ewbValidTill: '2026-01-18 23:59:00', info: [{ InfCd: 'EWBPPD', Desc: 'Pin-Pin calc distance: 2467KM' }] });
    expect(await c.getEwbByIrn(IRN)).toEqual({ ewbNo: 391009149369, status: 'ACT', genGstin: GSTIN, ewbDt: '2026-01-05 11:00:00', ewbValidTill: null });
    expect(await c.cancelEwb({ ewbNo: 391009149369, reasonCode: 3, remark: 'Data Entry Mistake' })).toEqual({ ewbNo: 391009149369, cancelDate: '05/01/2026 11:10:00 AM' });
    const last = stub.seen.at(-1)!;
    expect((last.raw as { action: string }).action).toBe('CANEWB');
    expect(last.plain).toEqual({ ewbNo: 391009149369, cancelRsnCode: 3, cancelRmrk: 'Data Entry Mistake' });
  });

  it('EWB-system errors come back as codes', async () => {
    stub.handler = () => ({ body: JSON.stringify({ status: '0', error: Buffer.from('{"errorCodes":"312"}').toString('base64') }) });
    const e = await rejection(client().cancelEwb({ ewbNo: 391009149369, reasonCode: 1, remark: 'dup' }));
    expect(e.code).toBe('312');
    expect(e.message).toMatch(/not generated by you/);
  });

  it('health reads the heartbeat text', async () => {
    const h = await client().health();
    expect(h.up).toBe(true);
    expect(h.text).toBe('e-Invoice Vital:-05-01-2026 10:00:00');
  });

  it('a server that accepts TCP but never completes TLS trips the connect timeout (not ambiguous)', async () => {
    // Reads (so it notices the client hanging up) but never answers the TLS ClientHello.
    const silent = net.createServer((socket) => socket.resume());
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      const e = await rejection(client({ profile: { kind: 'gsp', baseUrl: `https://127.0.0.1:${port}`, timeouts: { connectMs: 300, readMs: 5000 } } }).generateIrn({}));
      expect(e.kind).toBe('timeout');
      expect(e.code).toBe('CONNECT_TIMEOUT');
      expect(e.ambiguous).toBe(false);
      expect(e.retriable).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await new Promise((r) => silent.close(r));
    }
  });

  it('GSP profiles send their extra headers on auth and on every call; sup_gstin and irp go with one call', async () => {
    stub.handler = async (_s, sek) => ok(sek, await irnData());
    const c = client({ profile: { extraHeaders: { 'x-gsp-subscription': 'sub-123' } } });
    await c.getByIrn(IRN, { supGstin: '29AWGPV7107B1Z1', irp: 'NIC2' });
    await c.getByIrn(IRN);
    expect(stub.auths[0]?.headers['x-gsp-subscription']).toBe('sub-123');
    expect(stub.seen[0]?.headers).toMatchObject({ 'x-gsp-subscription': 'sub-123', sup_gstin: '29AWGPV7107B1Z1', irp: 'NIC2' });
    expect(stub.seen[1]?.headers.irp).toBeUndefined();
  });

  it('a GET on a keep-alive socket the server just closed is sent again transparently', async () => {
    stub.handler = async (_s, sek) => ok(sek, await irnData());
    const c = client();
    await c.getByIrn(IRN);
    let dropNext = true;
    stub.handler = async (_s, sek) => {
      if (dropNext) { dropNext = false; return 'drop'; }
      return ok(sek, await irnData());
    };
    expect((await c.getByIrn(IRN)).irn).toBe(IRN);
    expect(stub.seen).toHaveLength(3);
  });

  it('bad input is refused before any request', async () => {
    const c = client();
    await expect(c.getByIrn('xyz')).rejects.toMatchObject({ code: '2145' });
    await expect(c.cancelIrn(IRN, '7' as '1', 'x')).rejects.toMatchObject({ code: 'INPUT', path: 'CnlRsn' });
    await expect(c.cancelEwb({ ewbNo: 12, reasonCode: 1, remark: '' })).rejects.toMatchObject({ code: '4008' });
    expect(stub.seen).toHaveLength(0);
    expect(stub.auths).toHaveLength(0);
  });
});
