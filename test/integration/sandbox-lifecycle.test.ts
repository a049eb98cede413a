/**
 * After registration, over real HTTP (irp-protocol.md §4.2-§4.6): get by IRN and by document
 * (owner only, retrieval window 2283, unknown 2148/2154), cancel (9999, 2270, 2230 via e-way bill),
 * a cancelled number never registered again, rejected IRNs, GSTIN details.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, sampleInvoice, startHarness, type Harness, type NicTestClient, type Party } from '../support/nic-test-client';

const MH: Party = { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing', stateCode: '27', pin: 400001, loc: 'Mumbai' };
const KA: Party = { gstin: '29ABCDE1234F1ZW', name: 'Practice Traders', stateCode: '29', pin: 560001, loc: 'Bengaluru' };

let h: Harness;
let mh: NicTestClient;
let ka: NicTestClient;

beforeAll(async () => {
  h = await startHarness();
  mh = await h.client(MH.gstin);
  ka = await h.client(KA.gstin, 'hyphen');
});
afterAll(async () => h.close());

async function register(no: string, client = mh, seller = MH, buyer = KA): Promise<Record<string, unknown>> {
  const r = await client.generate(sampleInvoice(seller, buyer, no, await h.today()));
  if (r.env?.Status !== 1 || !r.data) throw new Error(`registration failed: ${r.text}`);
  return r.data;
}

const byIrn = (c: NicTestClient, irn: string, extra: Record<string, string> = {}) => c.get(`/eicore/v1.03/Invoice/irn/${irn}`, extra);

describe('get e-invoice', () => {
  it('by IRN returns what generate returned, to the owner only; unknown → 2148', async () => {
    const reg = await register('GET-1');
    const got = await byIrn(mh, reg.Irn as string);
    expect(got.data).toEqual(reg);
    expect((await byIrn(ka, reg.Irn as string)).codes).toEqual(['2143']);
    expect((await byIrn(mh, 'f'.repeat(64))).codes).toEqual(['2148']);
  });

  it('by document details from query parameters or headers; unknown → 2154', async () => {
    const reg = await register('DOC/7');
    const today = await h.today();
    const q = await mh.get(`/eicore/v1.03/Invoice/irnbydocdetails?doctype=INV&docnum=${encodeURIComponent('doc/7')}&docdate=${today}`);
    expect(q.data?.Irn).toBe(reg.Irn);
    const viaHeaders = await mh.get('/eicore/v1.03/Invoice/irnbydocdetails', { doctype: 'INV', docnum: 'DOC/7', docdate: today });
    expect(viaHeaders.data?.AckNo).toBe(reg.AckNo);
    expect((await mh.get(`/eicore/v1.03/Invoice/irnbydocdetails?doctype=INV&docnum=NOPE-1&docdate=${today}`)).codes).toEqual(['2154']);
    expect((await ka.get(`/eicore/v1.03/Invoice/irnbydocdetails?doctype=INV&docnum=DOC%2F7&docdate=${today}`)).codes).toEqual(['2154']);
    expect((await mh.get('/eicore/v1.03/Invoice/irnbydocdetails?doctype=INV')).codes).toEqual(['2142']);
  });
});

describe('e-commerce operator (sup_gstin)', () => {
  it('registers for a supplier named with EcmGstin, then reads and cancels with sup_gstin', async () => {
    const ecoGstin = '07AABCE2222H1CG';
    const eco = await h.client(ecoGstin);
    const inv = sampleInvoice(KA, MH, 'ECO-1', await h.today());
    (inv.TranDtls as Record<string, unknown>).EcmGstin = ecoGstin;
    const r = await eco.generate(inv);
    expect(r.env?.Status).toBe(1);
    const irn = r.data?.Irn as string;
    expect((await byIrn(eco, irn)).codes).toEqual(['2143']);
    expect((await byIrn(eco, irn, { sup_gstin: KA.gstin })).data?.Irn).toBe(irn);
    expect((await byIrn(ka, irn)).data?.Irn).toBe(irn);
    expect((await eco.cancel(irn)).codes).toEqual(['2143']);
    expect((await eco.post('/eicore/v1.03/Invoice/Cancel', { Irn: irn, CnlRsn: '3', CnlRem: 'Order cancelled' }, { sup_gstin: KA.gstin })).env?.Status).toBe(1);
  });
});

describe('cancel', () => {
  it('cancels within 24 h, then 9999 on a second cancel; the number is never registered again (2278 + DUPIRN)', async () => {
    const reg = await register('CNL-1');
    const r = await mh.post('/eicore/v1.03/Invoice/Cancel', { irn: reg.Irn, cnlrsn: '1', cnlrem: 'Duplicate' });
    expect(r.env?.Status).toBe(1);
    expect(Object.keys(r.data ?? {})).toEqual(['Irn', 'CancelDate']);
    expect(r.data?.Irn).toBe(reg.Irn);
    expect(r.data?.CancelDate).toMatch(/^2026-05-15 \d{2}:\d{2}:\d{2}$/);
    expect((await mh.cancel(reg.Irn as string)).codes).toEqual(['9999']);
    expect((await byIrn(mh, reg.Irn as string)).data?.Status).toBe('CNL');
    const again = await mh.generate(sampleInvoice(MH, KA, 'CNL-1', await h.today()));
    expect(again.codes).toEqual(['2278']);
    expect(again.env?.InfoDtls?.[0]).toMatchObject({ InfCd: 'DUPIRN', Desc: { Irn: reg.Irn } });
  });

  it('refuses a bad reason, another GSTIN (2143), an unknown IRN (2148)', async () => {
    const reg = await register('CNL-2');
    expect((await mh.cancel(reg.Irn as string, '7')).codes).toEqual(['5002']);
    expect((await ka.cancel(reg.Irn as string)).codes).toEqual(['2143']);
    expect((await mh.cancel('a'.repeat(64))).codes).toEqual(['2148']);
  });

  it('refuses while an e-way bill is active (2230), allows after it is cancelled', async () => {
    const reg = await register('CNL-3');
    const ewb = await mh.post('/eiewb/v1.03/ewaybill', { Irn: reg.Irn, Distance: 0, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'R' });
    expect(ewb.env?.Status).toBe(1);
    expect((await mh.cancel(reg.Irn as string)).codes).toEqual(['2230']);
    const data = mh.encrypt(JSON.stringify({ ewbNo: ewb.data?.EwbNo, cancelRsnCode: 2, cancelRmrk: 'Order cancelled' }));
    const cancelled = await mh.send('POST', '/ewaybillapi/v1.03/ewayapi', mh.sessionHeaders(), JSON.stringify({ action: 'CANEWB', data }));
    expect(JSON.parse(cancelled.text)).toMatchObject({ status: '1' });
    expect((await mh.cancel(reg.Irn as string)).env?.Status).toBe(1);
  });

  it('refuses after 24 hours (2270) and fetch after the retrieval window (2283)', async () => {
    const reg = await register('OLD-1');
    await admin(h.url, 'POST', 'clock', { advanceMinutes: 24 * 60 + 1 });
    await mh.auth();
    expect((await mh.cancel(reg.Irn as string)).codes).toEqual(['2270']);
    expect((await byIrn(mh, reg.Irn as string)).env?.Status).toBe(1);
    await admin(h.url, 'POST', 'clock', { advanceMinutes: 24 * 60 });
    await mh.auth();
    const late = await byIrn(mh, reg.Irn as string);
    expect(late.codes).toEqual(['2283']);
    expect(late.env?.ErrorDetails?.[0]?.ErrorMessage).toContain('2 days');
    await admin(h.url, 'POST', 'clock', { set: '2026-05-15T12:00:00+05:30' });
    await mh.auth();
    await ka.auth();
  });
});

describe('rejected IRNs and GSTIN details', () => {
  it('lists the caller\'s IRNs rejected on a date', async () => {
    const reg = await register('REJ-1');
    await admin(h.url, 'POST', 'reject', { irn: reg.Irn });
    const r = await mh.get(`/eicore/v1.03/Invoice/rejectedirns?date=${await h.today()}`);
    expect(r.data).toEqual([reg.Irn]);
    expect((await ka.get(`/eicore/v1.03/Invoice/rejectedirns?date=${await h.today()}`)).data).toEqual([]);
    expect((await mh.get('/eicore/v1.03/Invoice/rejectedirns?date=2026-05-15')).codes).toEqual(['2144']);
  });

  it('returns GSTIN details in NIC\'s keys; unknown → 3001; malformed → 3030', async () => {
    const r = await mh.get('/eivital/v1.04/Master/gstin/29AWGPV7107B1Z1');
    expect(Object.keys(r.data ?? {})).toEqual(['Gstin', 'TradeName', 'LegalName', 'AddrBnm', 'AddrBno', 'AddrFlno', 'AddrSt', 'AddrLoc', 'StateCode', 'AddrPncd', 'TxpType', 'Status', 'BlkStatus', 'DtReg', 'DtDReg']);
    expect(r.data).toMatchObject({ Gstin: '29AWGPV7107B1Z1', LegalName: 'VIKAS EXPORTS', StateCode: 29, AddrPncd: 562160, TxpType: 'REG', Status: 'ACT' });
    expect((await mh.get('/eivital/v1.03/Master/gstin/08AABCB9876F1ZC')).data).toMatchObject({ BlkStatus: 'B' });
    expect((await mh.get('/eivital/v1.04/Master/gstin/29AABCZ1111G1ZM')).data).toMatchObject({ TxpType: 'SEZ' });
    expect((await mh.get('/eivital/v1.04/Master/gstin/07AABCE2222H1CG')).data).toMatchObject({ TxpType: 'TCS' });
    expect((await mh.get('/eivital/v1.04/Master/gstin/19AABCC1234D1Z8')).data).toMatchObject({ Status: 'CNL', DtDReg: '2024-03-31' });
    expect((await mh.get('/eivital/v1.04/Master/gstin/27AAAAA0000A1Z0')).codes).toEqual(['3001']);
    expect((await mh.get('/eivital/v1.04/Master/gstin/NOT-A-GSTIN')).codes).toEqual(['3030']);
  });
});
