/**
 * The IRP client over real HTTP against the practice IRP (electron/sandbox): auth, generate with
 * both signatures verified, duplicate, lookups, cancel, token expiry, near-expiry refresh, faults
 * (dropped connection after commit, IRP down) and a wrong signing certificate.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDocDate, istDateOf, parseIstDateTime } from '../../shared/dates';
import { irnOfInvoice } from '../../shared/einvoice/irn';
import type { Invoice } from '../../shared/einvoice/schema';
import { startPracticeIrp } from '../../electron/sandbox/index';
import { IrpClient, IrpError, SessionCache, practiceProfile, sessionKey, type EndpointProfile, type IrpEvent } from '../../electron/irp/index';
import { makeSigningIdentity } from '../support/signed-fixtures';

interface Account { gstin: string; clientId: string; clientSecret: string; userName: string; password: string; legalName: string; stateCode: string }

let irp: { url: string; close(): Promise<void> };
let dataDir: string;
let profile: EndpointProfile;
let seller: Account;
let buyer: Account;
const clients: IrpClient[] = [];

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${irp.url}/sandbox/${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`admin ${method} ${path}: HTTP ${res.status}`);
  return res.json();
}

function client(opts: { events?: IrpEvent[]; now?: () => Date; sessions?: SessionCache; profile?: EndpointProfile } = {}): IrpClient {
  const c = new IrpClient({
    profile: opts.profile ?? profile,
    gstin: seller.gstin,
    credentials: () => Promise.resolve({ clientId: seller.clientId, clientSecret: seller.clientSecret, userName: seller.userName, password: seller.password }),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.sessions ? { sessions: opts.sessions } : {}),
    ...(opts.events ? { observer: (e: IrpEvent) => opts.events!.push(e) } : {}),
  });
  clients.push(c);
  return c;
}

let docSeq = 0;
function invoice(): Invoice {
  docSeq += 1;
  const docNo = `IRPC/${process.pid % 10000}/${docSeq}`;
  return {
    Version: '1.1',
    TranDtls: { TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N' },
    DocDtls: { Typ: 'INV', No: docNo, Dt: formatDocDate(istDateOf(new Date())) },
    SellerDtls: { Gstin: seller.gstin, LglNm: seller.legalName, Addr1: '12 Station Road', Loc: 'Mumbai', Pin: 400001, Stcd: seller.stateCode },
    BuyerDtls: { Gstin: buyer.gstin, LglNm: buyer.legalName, Pos: buyer.stateCode, Addr1: '7 Market Street', Loc: 'Bengaluru', Pin: 560001, Stcd: buyer.stateCode },
    ItemList: [{
      SlNo: '1', PrdDesc: 'Cotton knitted garments', IsServc: 'N', HsnCd: '61149090', Qty: 10, Unit: 'NOS', UnitPrice: 100,
      TotAmt: 1000, Discount: 0, AssAmt: 1000, GstRt: 18, IgstAmt: 180, CgstAmt: 0, SgstAmt: 0, TotItemVal: 1180,
    }],
    ValDtls: { AssVal: 1000, CgstVal: 0, SgstVal: 0, IgstVal: 180, TotInvVal: 1180 },
  };
}

async function rejection(p: Promise<unknown>): Promise<IrpError> {
  try { await p; } catch (e) { if (e instanceof IrpError) return e; throw e; }
  throw new Error('expected an IrpError');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'irp-client-practice-'));
  irp = await startPracticeIrp({ dataDir, port: 0 });
  profile = await practiceProfile(irp.url);
  const accounts = (await admin('GET', 'accounts')) as Account[];
  seller = accounts.find((a) => a.stateCode === '27')!;
  buyer = accounts.find((a) => a.stateCode === '29' && a.gstin !== seller.gstin)!;
  expect(seller).toBeDefined();
  expect(buyer).toBeDefined();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await admin('DELETE', 'faults');
});

afterAll(async () => {
  await irp.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('IRP client against the practice IRP', () => {
  it('authenticates (v1.04) and learns the token expiry', async () => {
    const { tokenExpiry } = await client().authenticate();
    const minutes = (tokenExpiry.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(61);
  });

  it('generates an IRN whose signatures verify and whose data matches; a resend is 2150 with the duplicate', async () => {
    const c = client();
    const inv = invoice();
    const r = await c.generateIrn(inv);
    expect(r.irn).toBe(irnOfInvoice(inv, istDateOf(new Date())));
    expect(String(r.ackNo)).toMatch(/^\d{15}$/);
    expect(parseIstDateTime(r.ackDt)).toBeInstanceOf(Date);
    expect(r.status).toBe('ACT');
    expect(r.signedInvoiceData).toMatchObject({ AckNo: r.ackNo, AckDt: r.ackDt, Irn: r.irn, DocDtls: { No: inv.DocDtls.No } });
    expect(r.signedQrData).toMatchObject({ SellerGstin: seller.gstin, BuyerGstin: buyer.gstin, DocNo: inv.DocDtls.No, TotInvVal: 1180, ItemCnt: 1, Irn: r.irn, IrnDt: r.ackDt });

    const dup = await rejection(c.generateIrn(inv));
    expect(dup.code).toBe('2150');
    expect(dup.kind).toBe('business');
    expect(dup.duplicate).toEqual({ irn: r.irn, ackNo: r.ackNo, ackDt: r.ackDt });

    const byIrn = await c.getByIrn(r.irn);
    expect([byIrn.irn, byIrn.ackNo, byIrn.signedInvoice]).toEqual([r.irn, r.ackNo, r.signedInvoice]);
    const byDoc = await c.getByDocDetails({ docType: 'INV', docNo: inv.DocDtls.No, docDate: inv.DocDtls.Dt });
    expect(byDoc.irn).toBe(r.irn);
    const notThere = await rejection(c.getByDocDetails({ docType: 'INV', docNo: 'NEVER/SENT/1', docDate: inv.DocDtls.Dt }));
    expect(notThere.code).toBe('2154');
  });

  it('cancels an IRN; cancelling again is 9999', async () => {
    const c = client();
    const r = await c.generateIrn(invoice());
    const cancelled = await c.cancelIrn(r.irn, '2', 'Data entry mistake');
    expect(cancelled.irn).toBe(r.irn);
    expect(parseIstDateTime(cancelled.cancelDate)).toBeInstanceOf(Date);
    expect((await c.getByIrn(r.irn)).status).toBe('CNL');
    const again = await rejection(c.cancelIrn(r.irn, '2', 'Data entry mistake'));
    expect(again.code).toBe('9999');
    expect(again.message).toMatch(/already cancelled/);
  });

  it('reads GSTIN details and the heartbeat', async () => {
    const c = client();
    const g = await c.gstinDetails(buyer.gstin);
    expect(g.gstin).toBe(buyer.gstin);
    expect(g.stateCode).toBe(Number(buyer.stateCode));
    const h = await c.health();
    expect(h.text).toMatch(/^e-Invoice Vital:-\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  it('raises, reads and cancels an e-way bill by IRN (EWB-system envelope for the cancel)', async () => {
    const c = client();
    const r = await c.generateIrn(invoice());
    const ewb = await c.generateEwb({ Irn: r.irn, Distance: 0, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'R' });
    expect(String(ewb.ewbNo)).toMatch(/^\d{12}$/);
    expect(parseIstDateTime(ewb.ewbDt)).toBeInstanceOf(Date);
    expect(ewb.info.find((i) => i.InfCd === 'EWBPPD')?.Desc).toMatch(/Pin-Pin calc distance: \d+KM/);
    const again = await rejection(c.generateEwb({ Irn: r.irn, Distance: 0, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'R' }));
    expect(again.code).toBe('4002');
    const blocked = await rejection(c.cancelIrn(r.irn, '1', 'dup'));
    expect(blocked.code).toBe('2230');
    expect(blocked.hint).toMatch(/Cancel the e-way bill first/);
    const got = await c.getEwbByIrn(r.irn);
    expect([got.ewbNo, got.status]).toEqual([ewb.ewbNo, 'ACT']);
    const cancelled = await c.cancelEwb({ ewbNo: ewb.ewbNo, reasonCode: 3, remark: 'Data entry mistake' });
    expect(cancelled.ewbNo).toBe(ewb.ewbNo);
    expect(cancelled.cancelDate).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} [AP]M$/);
    const twice = await rejection(c.cancelEwb({ ewbNo: ewb.ewbNo, reasonCode: 3, remark: 'Data entry mistake' }));
    expect(twice.code).toBe('312');
    expect((await c.cancelIrn(r.irn, '1', 'dup')).irn).toBe(r.irn);
  });

  it('lists IRNs rejected by de-duplication for a date', async () => {
    const c = client();
    const r = await c.generateIrn(invoice());
    await admin('POST', 'reject', { irn: r.irn });
    expect(await c.rejectedIrns(formatDocDate(istDateOf(new Date())))).toContain(r.irn);
  });

  it('after /sandbox/tokens/expire the next call re-authenticates on 1005 transparently', async () => {
    const events: IrpEvent[] = [];
    const c = client({ events });
    const r = await c.generateIrn(invoice());
    await admin('POST', 'tokens/expire');
    const again = await c.getByIrn(r.irn);
    expect(again.irn).toBe(r.irn);
    expect(events.map((e) => (e.type === 'auth' ? `auth:${e.reason}:${e.ok}` : e.type))).toEqual(['auth:absent:true', 'retry-after-1005', 'auth:invalid-token:true']);
  });

  it('refreshes the token near TokenExpiry (practice clock and client clock both advanced)', async () => {
    let offset = 0;
    const sessions = new SessionCache({ now: () => new Date(Date.now() + offset) });
    const events: IrpEvent[] = [];
    const c = client({ events, sessions, now: () => new Date(Date.now() + offset) });
    const r = await c.generateIrn(invoice());
    const key = sessionKey(profile.baseUrl, seller.gstin, seller.userName);
    const first = sessions.peek(key)!.authToken;
    await admin('POST', 'clock', { advanceMinutes: 52 });
    offset = 52 * 60_000;
    try {
      expect((await c.getByIrn(r.irn)).irn).toBe(r.irn);
      expect(events.filter((e) => e.type === 'auth').map((e) => (e as { reason: string }).reason)).toEqual(['absent', 'near-expiry']);
      expect(events.some((e) => e.type === 'retry-after-1005')).toBe(false);
      expect(sessions.peek(key)!.authToken).not.toBe(first);
    } finally {
      await admin('POST', 'clock', { advanceMinutes: -52 });
    }
  });

  it('a connection dropped after the IRP committed is ambiguous, and the lookup finds the registration', async () => {
    const c = client();
    await c.authenticate();
    await admin('POST', 'faults', { dropAfterCommitRate: 1, seed: 7 });
    const inv = invoice();
    const e = await rejection(c.generateIrn(inv));
    expect(e.kind).toBe('transport');
    expect(e.ambiguous).toBe(true);
    expect(e.retriable).toBe(true);
    await admin('DELETE', 'faults');
    const found = await c.getByDocDetails({ docType: 'INV', docNo: inv.DocDtls.No, docDate: inv.DocDtls.Dt });
    expect(found.irn).toBe(irnOfInvoice(inv, istDateOf(new Date())));
  });

  it('IRP down → kind down, retriable, with a plain message', async () => {
    const c = client();
    await admin('POST', 'faults', { down: true });
    const e = await rejection(c.generateIrn(invoice()));
    expect(e.kind).toBe('down');
    expect(e.retriable).toBe(true);
    expect(e.httpStatus).toBe(503);
    expect(e.message).toMatch(/unavailable/);
  });

  it('a profile with the wrong signing certificate refuses the answer (kind signature)', async () => {
    const good = client();
    const r = await good.generateIrn(invoice());
    const wrong = client({ profile: { ...profile, signingCertificatePem: makeSigningIdentity('not the practice IRP').certPem } });
    const e = await rejection(wrong.getByIrn(r.irn));
    expect(e.kind).toBe('signature');
    expect(e.code).toBe('BAD_SIGNATURE');
  });

  it('a wrong encryption key is an auth error with a key hint (1013-style), never a crash', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const e = await rejection(client({ profile: { ...profile, encryptionPublicKeyPem: other.publicKey } }).authenticate());
    expect(e.kind).toBe('auth');
    expect(e.hint).toMatch(/encryption public key/);
    expect(e.message + JSON.stringify(e)).not.toContain(seller.password);
  });
});
