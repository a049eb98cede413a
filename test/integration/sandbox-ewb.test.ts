/**
 * E-way bills by IRN on the practice IRP over real HTTP (irp-protocol.md §4.7-§4.9, §8.3, §9):
 * Part-A/Part-B rules and their 4xxx codes, distance and validity, get, and the EWB-style cancel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/gst/gstin';
import { admin, aesDecrypt, sampleInvoice, startHarness, type Harness, type NicTestClient, type Party } from '../support/nic-test-client';

const MH: Party = { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing', stateCode: '27', pin: 400001, loc: 'Mumbai' };
const KA: Party = { gstin: '29ABCDE1234F1ZW', name: 'Practice Traders', stateCode: '29', pin: 560001, loc: 'Bengaluru' };
const SRINAGAR: Party = { gstin: '01AMBPG7773M002', name: 'Resilient Test', stateCode: '01', pin: 193501, loc: 'Srinagar' };
const HYDERABAD: Party = { gstin: '36AMBPG7773M002', name: 'Test Registered Customer', stateCode: '36', pin: 500055, loc: 'Hyderabad' };

let h: Harness;
let mh: NicTestClient;

beforeAll(async () => {
  h = await startHarness();
  mh = await h.client(MH.gstin);
});
afterAll(async () => h.close());

async function register(no: string, more: (i: Record<string, unknown>) => void = () => undefined, client = mh, seller = MH, buyer = KA): Promise<string> {
  const inv = sampleInvoice(seller, buyer, no, await h.today());
  more(inv);
  const r = await client.generate(inv);
  if (r.env?.Status !== 1) throw new Error(`registration failed: ${r.text}`);
  return r.data?.Irn as string;
}

const ewb = (body: Record<string, unknown>, c = mh) => c.post('/eiewb/v1.03/ewaybill', body);

function cancelEwb(c: NicTestClient, payload: Record<string, unknown>, base64Plain = false) {
  const json = JSON.stringify(payload);
  const data = c.encrypt(base64Plain ? Buffer.from(json).toString('base64') : json);
  return c.send('POST', '/ewaybillapi/v1.03/ewayapi', c.sessionHeaders(), JSON.stringify({ action: 'CANEWB', data }));
}

function ewbEnvelope(c: NicTestClient, text: string): { status: string; data?: Record<string, unknown>; errorCodes?: string } {
  const env = JSON.parse(text) as { status: string; data?: string; error?: string };
  if (env.status === '1' && env.data && c.sek) {
    const inner = aesDecrypt(c.sek, Buffer.from(env.data, 'base64')).toString('ascii');
    return { status: env.status, data: JSON.parse(Buffer.from(inner, 'base64').toString('utf8')) as Record<string, unknown> };
  }
  return { status: env.status, errorCodes: (JSON.parse(Buffer.from(env.error ?? '', 'base64').toString('utf8')) as { errorCodes: string }).errorCodes };
}

describe('generate e-way bill by IRN', () => {
  it('Part-B by road with the known NIC PIN pair: 2467 km → 13 days, EWBPPD; then 4002 for a second one; get returns it', async () => {
    const srinagar = await h.client(SRINAGAR.gstin);
    const irn = await register('EWB-NIC-1', undefined, srinagar, SRINAGAR, HYDERABAD);
    const r = await ewb({ Irn: irn, Distance: 0, TransMode: '1', VehNo: 'GJ07DL9009', VehType: 'R' }, srinagar);
    expect(r.env?.Status).toBe(1);
    expect(Object.keys(r.data ?? {})).toEqual(['EwbNo', 'EwbDt', 'EwbValidTill', 'Remarks']);
    expect(r.data?.EwbValidTill).toBe('2026-05-28 23:59:00');
    expect(r.env?.InfoDtls).toEqual([{ InfCd: 'EWBPPD', Desc: 'Pin-Pin calc distance: 2467KM' }]);
    expect((await ewb({ Irn: irn, Distance: 100, TransId: MH.gstin }, srinagar)).codes).toEqual(['4002']);
    const got = await srinagar.get(`/eiewb/v1.03/ewaybill/irn/${irn}`);
    expect(got.data).toEqual({ EwbNo: r.data?.EwbNo, Status: 'ACT', GenGstin: SRINAGAR.gstin, EwbDt: r.data?.EwbDt, EwbValidTill: '2026-05-28 23:59:00' });
    expect((await ewb({ Irn: irn, Distance: 2800, TransMode: '1', VehNo: 'GJ07DL9009', VehType: 'R' }, srinagar)).codes).toEqual(['4002']);
  });

  it('ODC: 20 km per day; Part-A only (TransId, no mode) has no validity', async () => {
    const odc = await ewb({ Irn: await register('EWB-ODC'), Distance: 45, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'O' });
    expect(odc.data?.EwbValidTill).toBe('2026-05-18 23:59:00');
    const partA = await ewb({ Irn: await register('EWB-PA'), Distance: 900, TransId: KA.gstin });
    expect(partA.env?.Status).toBe(1);
    expect(partA.data?.EwbValidTill).toBeNull();
  });

  it('reports the transport rules with their 4xxx codes', async () => {
    const irn = await register('EWB-RULES');
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ Distance: 100 }, ['4019']],
      [{ Distance: 100, VehNo: 'MH12AB1234' }, ['4028']],
      [{ Distance: 100, TransMode: '1' }, ['4011', '4022']],
      [{ Distance: 100, TransMode: '1', VehNo: '12345', VehType: 'R' }, ['4014']],
      [{ Distance: 100, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'X' }, ['4020']],
      [{ Distance: 100, TransMode: '2' }, ['4012', '4023']],
      [{ Distance: 100, TransMode: '3', TransDocNo: 'AWB1', TransDocDt: '20/05/2026' }, ['4016']],
      [{ Distance: 100, TransMode: '3', TransDocNo: 'AWB1', TransDocDt: '2026-05-15' }, ['4017']],
      [{ Distance: 100, TransMode: '2', TransDocNo: 'RR1', TransDocDt: '01/05/2026' }, ['4021']],
      [{ Distance: 100, TransMode: '2', TransDocNo: 'RR1', TransDocDt: '15/05/2026', VehType: 'O' }, ['4024']],
      [{ Distance: 100, TransMode: '4' }, ['4040']],
      [{ Distance: 100, TransMode: '4', TransDocNo: 'BL1', VehType: 'R' }, ['4039']],
      [{ Distance: 100, TransId: 'BAD' }, ['4018']],
      [{ Distance: 5000, TransId: KA.gstin }, ['4013']],
    ];
    for (const [body, codes] of cases) expect((await ewb({ Irn: irn, ...body })).codes, JSON.stringify(body)).toEqual(codes);
  });

  it('refuses notes (4010), all-service invoices (4009), blocked taxpayers (4015), same PIN with 0 (4029), > 110 % of a known distance (4038), unknown or cancelled IRNs', async () => {
    const crn = await register('EWB-CRN', (i) => {
      (i.DocDtls as Record<string, unknown>).Typ = 'CRN';
    });
    expect((await ewb({ Irn: crn, Distance: 100, TransId: KA.gstin })).codes).toEqual(['4010']);
    const svc = await register('EWB-SVC', (i) => {
      for (const it of i.ItemList as Array<Record<string, unknown>>) Object.assign(it, { IsServc: 'Y', HsnCd: '998314', Qty: null, Unit: null });
    });
    expect((await ewb({ Irn: svc, Distance: 100, TransId: KA.gstin })).codes).toEqual(['4009']);
    const blocked = await register('EWB-BLK', undefined, mh, MH, { gstin: '08AABCB9876F1ZC', name: 'Blocked Logistics', stateCode: '08', pin: 302001, loc: 'Jaipur' });
    expect((await ewb({ Irn: blocked, Distance: 100, TransId: KA.gstin })).codes).toEqual(['4015']);
    const neighbour: Party = { gstin: withCheckDigit('27AAGCM5555P1Z'), name: 'Mumbai Neighbour', stateCode: '27', pin: 400001, loc: 'Mumbai' };
    const samePin = await register('EWB-PIN', undefined, mh, MH, neighbour);
    expect((await ewb({ Irn: samePin, Distance: 0, TransId: KA.gstin })).codes).toEqual(['4029']);
    expect((await ewb({ Irn: samePin, Distance: 150, TransId: KA.gstin })).codes).toEqual(['4013']);
    const srinagar = await h.client(SRINAGAR.gstin);
    const far = await register('EWB-FAR', undefined, srinagar, SRINAGAR, HYDERABAD);
    expect((await ewb({ Irn: far, Distance: 2800, TransId: KA.gstin }, srinagar)).codes).toEqual(['4038']);
    expect((await ewb({ Irn: far, Distance: 2700, TransId: KA.gstin }, srinagar)).env?.Status).toBe(1);
    expect((await ewb({ Irn: 'e'.repeat(64), Distance: 10, TransId: KA.gstin })).codes).toEqual(['4003']);
    const cnl = await register('EWB-CNL');
    expect((await mh.cancel(cnl)).env?.Status).toBe(1);
    expect((await ewb({ Irn: cnl, Distance: 10, TransId: KA.gstin })).codes).toEqual(['4000']);
    expect((await mh.get(`/eiewb/v1.03/ewaybill/irn/${cnl}`)).codes).toEqual(['4005']);
  });
});

describe('cancel e-way bill (EWB-system envelope)', () => {
  it('cancels with JSON or Base64-of-JSON plaintext; second cancel and other GSTINs get 312; after 24 h 315', async () => {
    const first = await ewb({ Irn: await register('CEWB-1'), Distance: 50, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'R' });
    const ewbNo = first.data?.EwbNo as number;
    const ka = await h.client(KA.gstin);
    expect(ewbEnvelope(ka, (await cancelEwb(ka, { ewbNo, cancelRsnCode: 1 })).text)).toEqual({ status: '0', errorCodes: '312' });
    const ok = ewbEnvelope(mh, (await cancelEwb(mh, { ewbNo: String(ewbNo), cancelRsnCode: '3', cancelRmrk: 'Data Entry Mistake' })).text);
    expect(ok.status).toBe('1');
    expect(ok.data).toEqual({ ewayBillNo: String(ewbNo), cancelDate: expect.stringMatching(/^15\/05\/2026 \d{2}:\d{2}:\d{2} (AM|PM)$/) as unknown });
    expect(ewbEnvelope(mh, (await cancelEwb(mh, { ewbNo, cancelRsnCode: 1 })).text).errorCodes).toBe('312');

    const second = await ewb({ Irn: await register('CEWB-2'), Distance: 50, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'R' });
    const b64 = ewbEnvelope(mh, (await cancelEwb(mh, { ewbNo: second.data?.EwbNo, cancelRsnCode: 2 }, true)).text);
    expect(b64.status).toBe('1');

    const third = await ewb({ Irn: await register('CEWB-3'), Distance: 50, TransMode: '1', VehNo: 'MH12AB1234', VehType: 'R' });
    await admin(h.url, 'POST', 'clock', { advanceMinutes: 24 * 60 + 5 });
    await mh.auth();
    expect(ewbEnvelope(mh, (await cancelEwb(mh, { ewbNo: third.data?.EwbNo, cancelRsnCode: 2 })).text).errorCodes).toBe('315');
    expect(ewbEnvelope(mh, (await cancelEwb(mh, { ewbNo: 12, cancelRsnCode: 2 })).text).errorCodes).toBe('4008');
  });
});
