/**
 * Traces checked step by step against irp-protocol.md §2.6's verified vectors (issue 15): the
 * AppKey 00..1f and the SEK 20..3f with the Sek field they give, the cancel Data, and the IRN of
 * 01AMBPG7773M002 / 2022-23 / INV / SINV-CFY-00067. Auth and generate run against the practice IRP
 * through the Playground's channel; the SEK vector needs an IRP that issues that SEK, so a small
 * stub answers auth and cancel exactly as §2.2 and §4.4 describe.
 */
import { createDecipheriv, createCipheriv } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPayload } from '../../shared/einvoice/compute';
import type { Trace, TraceStep } from '../../shared/ipc/playground.schema';
import { practiceProfile } from '../../electron/irp';
import { runTrace } from '../../electron/playground/trace/run-trace';
import { loadOrCreateKeys } from '../../electron/sandbox/keys';
import { PRACTICE_ACCOUNTS } from '../../electron/sandbox/accounts';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';

const APPKEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const SEK = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
const SEK_FIELD = 'YaaTbk6PEBwcwfmTtUKg1OJ0Dor61OTRXQ1mGzguyomfO3UEkm+L024xGOkDpM1K';
const IRN = '706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7';
const CANCEL_PLAIN = `{"Irn":"${IRN}","CnlRsn":"1","CnlRem":"Wrong entry"}`;
const CANCEL_DATA = 'EoL5Q+HMsC6z+SevuE5q2BwfPeX0H7EQkMqHbDMbG7+Q/TBN01gUwZhwO0iEVrMm1nfOrtsKs2B27MHcDr/8Rr6lz2jyq4d4iqotKFWhHW7xfj7fjQmhe34055IK2BdsLLeJ2KFsWWII4bornFKhdw==';

const step = (t: Trace, id: string): TraceStep => {
  const s = t.steps.find((x) => x.id.endsWith(`-${id}`));
  if (!s) throw new Error(`no step ${id} in ${t.steps.map((x) => x.id).join(', ')}`);
  return s;
};
const value = (s: TraceStep, label: string): string => {
  const v = s.values.find((x) => x.label === label);
  if (!v) throw new Error(`no value "${label}" in step ${s.id}`);
  return v.value;
};
const ecbDecrypt = (key: Buffer, data: Buffer) => {
  const d = createDecipheriv('aes-256-ecb', key, null);
  return Buffer.concat([d.update(data), d.final()]);
};

let h: HandlerHarness;
beforeAll(async () => {
  h = await openHandlerHarness('einvoice-pg-trace-');
});
afterAll(async () => {
  await h.close();
});

describe('trace auth against the practice IRP, with the §2.6 AppKey', () => {
  it('shows the AppKey, the JSON, its Base64, the blob that decrypts to it, the answer and the SEK that the AppKey opens', async () => {
    const t = await h.call('playground:trace', { profileName: 'practice', operation: 'auth', appKey: APPKEY.toString('base64') });
    expect(t.outcome.ok).toBe(true);
    expect(t.revealed).toBe(true);
    expect(t.revealNote).toContain('published');
    expect(t.steps.map((s) => s.id.replace(/^\d+-/, ''))).toEqual(['appkey', 'auth-json', 'auth-base64', 'public-key', 'auth-blob', 'auth-request', 'auth-response', 'sek']);
    expect(value(step(t, 'appkey'), 'AppKey')).toBe('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
    const json = JSON.parse(value(step(t, 'auth-json'), 'Auth JSON')) as Record<string, unknown>;
    const account = PRACTICE_ACCOUNTS.find((a) => a.userName === 'practice_ka')!;
    expect(json).toEqual({ UserName: 'practice_ka', Password: account.password, AppKey: APPKEY.toString('base64'), ForceRefreshAccessToken: false });
    const b64Text = value(step(t, 'auth-base64'), 'Base64 text');
    expect(JSON.parse(Buffer.from(b64Text, 'base64').toString('utf8'))).toEqual(json);
    // the blob is what the practice IRP's private key opens to exactly that Base64 text (PKCS#1 v1.5)
    const keys = loadOrCreateKeys(h.core.paths.practiceIrp);
    const blob = Buffer.from(value(step(t, 'auth-blob'), 'Data'), 'base64');
    expect(blob).toHaveLength(256);
    expect(keys.encryptionPrivateKey.decrypt(blob.toString('binary'), 'RSAES-PKCS1-V1_5')).toBe(b64Text);
    expect(value(step(t, 'public-key'), 'Key size')).toBe('RSA 2048 bits');
    expect(value(step(t, 'auth-request'), 'Method and URL')).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/eivital\/v1\.04\/auth$/);
    expect(JSON.parse(value(step(t, 'auth-request'), 'Headers'))).toMatchObject({ client_id: account.clientId, client_secret: account.clientSecret, Gstin: account.gstin });
    const answer = JSON.parse(value(step(t, 'auth-response'), 'Body')) as { Status: number; Data: { Sek: string; AuthToken: string } };
    expect(answer.Status).toBe(1);
    const sek = step(t, 'sek');
    expect(value(sek, 'Sek as received')).toBe(answer.Data.Sek);
    expect(value(sek, 'AuthToken')).toBe(answer.Data.AuthToken);
    const opened = ecbDecrypt(APPKEY, Buffer.from(answer.Data.Sek, 'base64'));
    expect(opened).toHaveLength(32);
    expect(value(sek, 'SEK decrypted with the AppKey')).toBe(opened.toString('base64'));
    expect(value(sek, 'TokenExpiry (IST)')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('masks the secrets of a practice profile holding credentials that are not the published ones', async () => {
    const keys = await practiceProfile(h.practice.irp.url);
    const t = await runTrace({
      endpoint: keys, gstin: '29ABCDE1234F1ZW', operation: 'auth',
      credentials: () => Promise.resolve({ clientId: 'AAPRC02TXPABCDE', clientSecret: 'My-Real-Secret-1', userName: 'practice_ka', password: 'My-Real-Pass-1' }),
    });
    expect(t).toMatchObject({ revealed: false, outcome: { ok: false, code: '1010' } });
    expect(JSON.stringify(t)).not.toContain('My-Real-Secret-1');
    expect(JSON.stringify(t)).not.toContain('My-Real-Pass-1');
  });

  it('journals every trace through the channel: Activity shows what the IRP answered, never a secret', () => {
    const traced = h.core.ledger.journal.recent(50).filter((e) => e.kind === 'playground.trace.auth');
    expect(traced.length).toBeGreaterThanOrEqual(1);
    expect(traced[0]).toMatchObject({ outcome: 'ok', details: { profile: 'practice', kind: 'practice' } });
    expect(JSON.stringify(traced)).not.toContain(APPKEY.toString('base64'));
  });

  it('refuses an AppKey that is not 32 bytes of Base64, and an unknown profile', async () => {
    expect((await h.refused('playground:trace', { profileName: 'practice', operation: 'auth', appKey: 'AAEC' })).code).toBe('BAD_INPUT');
    expect((await h.refused('playground:trace', { profileName: 'nope', operation: 'auth' })).code).toBe('PROFILE_NOT_FOUND');
  });
});

describe('trace generate: the §2.6 IRN', () => {
  it('computes and receives IRN 706dae…, encrypts the INV-01 JSON with the SEK and verifies both JWS', async () => {
    const irp = h.practice.irp;
    const account = PRACTICE_ACCOUNTS.find((a) => a.gstin === '01AMBPG7773M002')!;
    const invoice = buildPayload({
      docType: 'INV', docNo: 'SINV-CFY-00067', docDate: '16/09/2022', supplyType: 'B2B',
      seller: { Gstin: '01AMBPG7773M002', LglNm: 'Resilient Test', Addr1: '12 Station Road', Loc: 'Srinagar', Pin: 193501, Stcd: '01' },
      buyer: { Gstin: '36AMBPG7773M002', LglNm: 'Test Registered Customer', Pos: '36', Addr1: '12 Station Road', Loc: 'Hyderabad', Pin: 500055, Stcd: '36' },
      lines: [{ description: 'Knitted garments', hsn: '61149090', isService: false, qtyMilli: 1000, unit: 'NOS', unitPricePaise: 10_000, gstRate: 0 }],
    });
    const t = await runTrace({
      endpoint: await practiceProfile(irp.url), gstin: account.gstin, operation: 'generate', invoice, appKey: APPKEY,
      credentials: () => Promise.resolve({ clientId: account.clientId, clientSecret: account.clientSecret, userName: account.userName, password: account.password }),
    });
    expect(t.outcome).toMatchObject({ ok: true, irn: IRN });
    expect(value(step(t, 'irn-local'), 'IRN')).toBe(IRN);
    const plain = value(step(t, 'payload'), 'Plain JSON');
    expect(JSON.parse(plain)).toEqual(invoice);
    const enc = step(t, 'encrypt');
    const sek = Buffer.from(value(enc, 'SEK'), 'base64');
    expect(sek).toEqual(Buffer.from(value(step(t, 'sek'), 'SEK decrypted with the AppKey'), 'base64'));
    expect(JSON.parse(ecbDecrypt(sek, Buffer.from(value(enc, 'Data'), 'base64')).toString('utf8'))).toEqual(invoice);
    const decrypted = JSON.parse(value(step(t, 'decrypted'), 'Decrypted Data')) as { Irn: string; AckNo: number };
    expect(decrypted.Irn).toBe(IRN);
    for (const id of ['signed-invoice', 'signed-qr']) {
      const s = step(t, id);
      expect(s.ok).toBe(true);
      expect(value(s, 'Verification')).toMatch(/^valid/);
      expect(value(s, 'Certificate used')).toContain('the header\'s kid names this certificate');
      expect(JSON.parse(value(s, 'Header'))).toMatchObject({ alg: 'RS256', typ: 'JWT' });
      expect(JSON.parse(value(s, 'data (inside the payload)'))).toMatchObject({ Irn: IRN });
      expect(Buffer.from(value(s, 'Signature (RSASSA-PKCS1-v1_5 SHA-256)'), 'base64')).toHaveLength(256);
    }
    // tracing the same invoice again: the IRP's 2150 with DUPIRN, and the failing step marked
    const again = await runTrace({
      endpoint: await practiceProfile(irp.url), gstin: account.gstin, operation: 'generate', invoice,
      credentials: () => Promise.resolve({ clientId: account.clientId, clientSecret: account.clientSecret, userName: account.userName, password: account.password }),
    });
    expect(again.outcome).toMatchObject({ ok: false, code: '2150' });
    expect(again.outcome.message).toContain(IRN);
    expect(again.steps.at(-1)).toMatchObject({ ok: false });
    expect(value(again.steps.at(-1)!, 'Body')).toContain('DUPIRN');
  });
});

describe('trace cancel: the §2.6 SEK and cancel Data', () => {
  let stub: Server;
  let url = '';
  const seen: string[] = [];
  beforeAll(async () => {
    // an IRP that issues the §2.6 SEK: Sek = b64(AES-256-ECB(AppKey 00..1f, SEK 20..3f))
    stub = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push(body);
        const answer = req.url === '/eivital/v1.04/auth'
          ? { Status: 1, Data: { ClientId: 'C', UserName: 'practice_ka', AuthToken: 'StubToken1234567890abcdef', Sek: SEK_FIELD, TokenExpiry: '2099-01-01 00:00:00' }, ErrorDetails: null, InfoDtls: null }
          : { Status: 1, Data: (() => { const c = createCipheriv('aes-256-ecb', SEK, null); return Buffer.concat([c.update(JSON.stringify({ Irn: IRN, CancelDate: '2022-09-16 19:40:00' })), c.final()]).toString('base64'); })(), ErrorDetails: null, InfoDtls: null };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => stub.close(() => r())));

  it('decrypts the vector Sek to SEK 20..3f and encrypts the cancel JSON to the vector Data', async () => {
    const keys = await practiceProfile(h.practice.irp.url);
    const ka = PRACTICE_ACCOUNTS.find((a) => a.userName === 'practice_ka')!;
    const t = await runTrace({
      endpoint: { ...keys, name: 'stub', baseUrl: url }, gstin: '29ABCDE1234F1ZW', operation: 'cancel', irn: IRN, cancel: { reason: '1', remark: 'Wrong entry' }, appKey: APPKEY,
      // the published practice credentials: only with those does a practice profile show its secrets
      credentials: () => Promise.resolve({ clientId: ka.clientId, clientSecret: ka.clientSecret, userName: ka.userName, password: ka.password }),
    });
    expect(t.outcome).toMatchObject({ ok: true, irn: IRN });
    expect(value(step(t, 'sek'), 'Sek as received')).toBe(SEK_FIELD);
    expect(value(step(t, 'sek'), 'SEK decrypted with the AppKey')).toBe('ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=');
    expect(value(step(t, 'payload'), 'Plain JSON')).toBe(JSON.stringify(JSON.parse(CANCEL_PLAIN), null, 2));
    expect(value(step(t, 'encrypt'), 'Data')).toBe(CANCEL_DATA);
    expect(JSON.parse(seen.at(-1)!)).toEqual({ Data: CANCEL_DATA });
    expect(JSON.parse(value(step(t, 'decrypted'), 'Decrypted Data'))).toEqual({ Irn: IRN, CancelDate: '2022-09-16 19:40:00' });
  });
});
