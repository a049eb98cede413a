/**
 * Generate IRN on the practice IRP over real HTTP (irp-protocol.md §4.1, §7, §13.5): the signed
 * tokens against a real NIC sandbox token, signature verification with jose, duplicates, all
 * errors at once, the GSTIN master rules, and e-way bills requested with EwbDtls.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/gst/gstin';
import { admin, sampleInvoice, startHarness, type Harness, type Party } from '../support/nic-test-client';

/**
 * The `data` of a real NIC sandbox SignedInvoice / SignedQRCode (team kit
 * fixtures/nic-sandbox-exchanges.json, get_e_invoice_by_irn, Oct 2023; iss "NIC Sandbox").
 */
const NIC_INVOICE_DATA = '{"AckNo":132310046063601,"AckDt":"2023-10-03 15:08:39","Irn":"2ecc42a8e81dcbbb56923e4bd046c861ce7374060bd31875ce35447e922c9399","Version":"1.1","TranDtls":{"TaxSch":"GST","SupTyp":"B2B","RegRev":"N"},"DocDtls":{"Typ":"INV","No":"9sQ5E2","Dt":"02/10/2023"},"SellerDtls":{"Gstin":"02AMBPG7773M002","LglNm":"Resilient Test","TrdNm":"Resilient Test","Addr1":"Shubhanpura","Loc":"Vadodara","Pin":171302,"Stcd":"02"},"BuyerDtls":{"Gstin":"36AMBPG7773M002","LglNm":"_Test Registered Composition Customer","TrdNm":"_Test Registered Composition Customer","Pos":"36","Addr1":"Test Address - 6","Loc":"Test City","Pin":500055,"Stcd":"36"},"ItemList":[{"ItemNo":0,"SlNo":"1","IsServc":"N","PrdDesc":"Test Trading Goods 1","HsnCd":"61149090","Qty":1.0,"Unit":"NOS","UnitPrice":1200.0,"TotAmt":1200.0,"Discount":0,"AssAmt":1200.0,"GstRt":18.0,"IgstAmt":216.0,"CgstAmt":0,"SgstAmt":0,"CesRt":0,"CesAmt":0,"CesNonAdvlAmt":0,"TotItemVal":1416.0}],"ValDtls":{"AssVal":1200.0,"CgstVal":0,"SgstVal":0,"IgstVal":216.0,"CesVal":0,"Discount":0,"OthChrg":0.0,"RndOffAmt":0.0,"TotInvVal":1416.0},"PayDtls":{"CrDay":0,"PaidAmt":0,"PaymtDue":1416.0}}';
const NIC_QR_DATA = '{"SellerGstin":"02AMBPG7773M002","BuyerGstin":"36AMBPG7773M002","DocNo":"9sQ5E2","DocTyp":"INV","DocDt":"02/10/2023","TotInvVal":1416.0,"ItemCnt":1,"MainHsnCode":"61149090","Irn":"2ecc42a8e81dcbbb56923e4bd046c861ce7374060bd31875ce35447e922c9399","IrnDt":"2023-10-03 15:08:39"}';
/** The header of that NIC token: key order alg, kid, x5t, typ. */
const NIC_HEADER_KEYS = ['alg', 'kid', 'x5t', 'typ'];

const MH: Party = { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing', stateCode: '27', pin: 400001, loc: 'Mumbai' };
const KA: Party = { gstin: '29ABCDE1234F1ZW', name: 'Practice Traders', stateCode: '29', pin: 560001, loc: 'Bengaluru' };
const party = (gstin: string, stateCode: string, pin: number): Party => ({ gstin, name: 'Practice Buyer', stateCode, pin, loc: 'Practice City' });

async function verify(token: string, certPem: string): Promise<{ header: Record<string, unknown>; claims: { data: string; iss: string } }> {
  const key = await importX509(certPem, 'RS256');
  const { payload } = await compactVerify(token, key);
  return { header: decodeProtectedHeader(token), claims: JSON.parse(new TextDecoder().decode(payload)) as { data: string; iss: string } };
}

describe('against a real NIC sandbox token (frozen clock at its AckDt)', () => {
  let f: Harness;
  beforeAll(async () => {
    f = await startHarness({ now: () => new Date('2023-10-03T15:08:39+05:30') });
    await admin(f.url, 'POST', 'clock', { set: '2023-10-03T15:08:39+05:30' });
  });
  afterAll(async () => f.close());

  it('signs the same data, in the same order, as NIC did for the same request sent with shuffled, mis-cased keys', async () => {
    const nic = JSON.parse(NIC_INVOICE_DATA) as Record<string, unknown>;
    const { AckNo: _a, AckDt: _d, Irn: _i, ...invoice } = nic;
    const items = (invoice.ItemList as Array<Record<string, unknown>>).map(({ ItemNo: _n, ...rest }) => rest);
    // Reverse every object's member order, lower-case a few names, keep NIC's number lexemes.
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const request = reversed({ ...invoice, ItemList: items.map(reversed), ValDtls: reversed(invoice.ValDtls as Record<string, unknown>) });
    let text = JSON.stringify(request).replace('"SellerDtls"', '"sellerdtls"').replace('"HsnCd"', '"HSNCD"').replace('"DocDtls"', '"docDtls"');
    for (const [k, v] of [['Qty', '1.0'], ['UnitPrice', '1200.0'], ['TotAmt', '1200.0'], ['AssAmt', '1200.0'], ['GstRt', '18.0'], ['IgstAmt', '216.0'], ['TotItemVal', '1416.0'], ['AssVal', '1200.0'], ['IgstVal', '216.0'], ['OthChrg', '0.0'], ['RndOffAmt', '0.0'], ['TotInvVal', '1416.0'], ['PaymtDue', '1416.0']]) {
      text = text.replace(new RegExp(`"${k}":(\\d+)([,}])`), `"${k}":${v}$2`);
    }
    const c = await f.client('02AMBPG7773M002');
    const r = await c.generate(text);
    expect(r.codes).toEqual([]);
    const data = r.data as { AckNo: number; Irn: string; SignedInvoice: string; SignedQRCode: string };
    expect(data.Irn).toBe('2ecc42a8e81dcbbb56923e4bd046c861ce7374060bd31875ce35447e922c9399');
    const si = await verify(data.SignedInvoice, f.keys.signingCertificatePem);
    const qr = await verify(data.SignedQRCode, f.keys.signingCertificatePem);
    expect(si.claims.data).toBe(NIC_INVOICE_DATA.replace('132310046063601', String(data.AckNo)));
    expect(qr.claims.data).toBe(NIC_QR_DATA);
    expect(Object.keys(si.header)).toEqual(NIC_HEADER_KEYS);
    expect(Object.keys(si.claims)).toEqual(['data', 'iss']);
    expect(si.claims.iss).toBe('NIC Sandbox');
  });
});

describe('generate IRN', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('registers: envelope, Data keys in NIC order, 15-digit increasing AckNo, IST AckDt, IRN = SHA-256, tokens verify with kid/x5t of the certificate', async () => {
    const c = await h.client(MH.gstin);
    const today = await h.today();
    const r1 = await c.generate(JSON.stringify(sampleInvoice(MH, KA, 'pr/2026/001', today, 3)).replace('"UnitPrice":100', '"UnitPrice":100.0'));
    expect(r1.httpStatus).toBe(200);
    expect(r1.env).toMatchObject({ Status: 1, ErrorDetails: null, InfoDtls: null });
    const d = r1.data as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(['AckNo', 'AckDt', 'Irn', 'SignedInvoice', 'SignedQRCode', 'Status', 'EwbNo', 'EwbDt', 'EwbValidTill', 'Remarks']);
    expect(String(d.AckNo)).toMatch(/^\d{15}$/);
    expect(d.AckDt).toMatch(/^2026-05-15 10:0\d:\d{2}$/);
    expect(d).toMatchObject({ Status: 'ACT', EwbNo: null, EwbDt: null, EwbValidTill: null, Remarks: null });
    // Since 1-Jun-2025 the IRP upper-cases the document number before hashing (§6.3); 15/05/2026 is FY 2026-27.
    expect(d.Irn).toBe(createHash('sha256').update(`${MH.gstin}2026-27INVPR/2026/001`).digest('hex'));

    const cert = new X509Certificate(h.keys.signingCertificatePem);
    const kid = cert.fingerprint.replace(/:/g, '');
    const si = await verify(d.SignedInvoice as string, h.keys.signingCertificatePem);
    expect(si.header).toEqual({ alg: 'RS256', kid, x5t: Buffer.from(kid, 'hex').toString('base64url'), typ: 'JWT' });
    const signed = JSON.parse(si.claims.data) as Record<string, unknown>;
    expect(Object.keys(signed).slice(0, 5)).toEqual(['AckNo', 'AckDt', 'Irn', 'Version', 'TranDtls']);
    expect(si.claims.data).toContain('{"ItemNo":0,"SlNo":"1","IsServc":"N","PrdDesc":"Practice item 1","HsnCd":"61149090","Qty":10,"Unit":"NOS","UnitPrice":100.0,');
    const qr = await verify(d.SignedQRCode as string, h.keys.signingCertificatePem);
    expect(JSON.parse(qr.claims.data)).toEqual({
      SellerGstin: MH.gstin, BuyerGstin: KA.gstin, DocNo: 'pr/2026/001', DocTyp: 'INV', DocDt: today, TotInvVal: 3540, ItemCnt: 3,
      MainHsnCode: '61149090', Irn: d.Irn, IrnDt: d.AckDt,
    });

    const r2 = await c.generate(sampleInvoice(MH, KA, 'PR/2026/002', today));
    expect(Number(r2.data?.AckNo)).toBeGreaterThan(Number(d.AckNo));

    const dup = await c.generate(sampleInvoice(MH, KA, 'PR/2026/001', today));
    expect(dup.env).toMatchObject({ Status: 0, Data: null, ErrorDetails: [{ ErrorCode: '2150', ErrorMessage: 'Duplicate IRN' }] });
    expect(dup.env?.InfoDtls).toEqual([{ InfCd: 'DUPIRN', Desc: { AckNo: d.AckNo, AckDt: d.AckDt, Irn: d.Irn } }]);
  });

  it('binds member names case-insensitively', async () => {
    const c = await h.client(MH.gstin);
    const lower = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(lower) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lower(x)])) : v;
    const r = await c.generate(lower(sampleInvoice(MH, KA, 'LC-1', await h.today())) as object);
    expect(r.codes).toEqual([]);
    expect(r.env?.Status).toBe(1);
  });

  it('reports every error at once, and 2143 when the seller is not the authenticated GSTIN', async () => {
    const c = await h.client(MH.gstin);
    const inv = sampleInvoice(MH, KA, 'ERR-1', '20/05/2026', 2);
    const items = inv.ItemList as Array<Record<string, unknown>>;
    items[0]!.HsnCd = '12345678';
    (inv.ValDtls as Record<string, unknown>).TotInvVal = 9999;
    const r = await c.generate(inv);
    expect(r.env?.Status).toBe(0);
    expect(r.codes).toEqual(expect.arrayContaining(['2163', '2176', '2189']));
    const other = await c.generate(sampleInvoice(KA, MH, 'ERR-2', await h.today()));
    expect(other.codes).toContain('2143');
  });

  it('answers NIC\'s 3038 (PIN of no state) and 3039 (PIN of another state) with the party named, never 2178', async () => {
    const c = await h.client(MH.gstin);
    const unknownPin = await c.generate(sampleInvoice({ ...MH, pin: 101301 }, KA, 'PIN-1', await h.today()));
    expect(unknownPin.env?.ErrorDetails).toEqual(expect.arrayContaining([
      expect.objectContaining({ ErrorCode: '3038', ErrorMessage: expect.stringMatching(/^Seller details Details:Pincode-101301 does not exists/) as unknown }),
    ]));
    const otherState = await c.generate(sampleInvoice(MH, { ...KA, pin: 400001 }, 'PIN-2', await h.today()));
    expect(otherState.codes).toEqual(['3039']);
    expect(otherState.env?.ErrorDetails?.[0]?.ErrorMessage).toMatch(/^Buyer Details:Pincode-400001 does not belong to the state-29/);
    expect([...unknownPin.codes, ...otherState.codes]).not.toContain('2178');
  });

  it('applies the GSTIN master: 3028, 3074, 3075, 3076, 3029 then sync then success, 3079, 2246, 2247', async () => {
    const c = await h.client(KA.gstin);
    const today = await h.today();
    const gen = (buyer: Party, no: string, more: (i: Record<string, unknown>) => void = () => undefined, date = today) => {
      const inv = sampleInvoice(KA, buyer, no, date);
      more(inv);
      return c.generate(inv);
    };
    expect((await gen(party('27AAAAA0000A1Z0', '27', 400001), 'M-1')).codes).toContain('3028');
    expect((await gen(party('19AABCC1234D1Z8', '19', 700001), 'M-2')).codes).toContain('3074');
    expect((await gen(party('24AAICI5678R1ZN', '24', 380015), 'M-3')).codes).toContain('3076');
    expect((await gen(party(withCheckDigit('23AABCD7777K1Z'), '23', 462001), 'M-3B')).codes).toContain('3075');
    const suspended = party('06AABCS4321E1ZV', '06', 122001);
    expect((await gen(suspended, 'M-4')).codes).toContain('3029');
    const sync = await c.get('/eivital/v1.03/Master/syncgstin/06AABCS4321E1ZV');
    expect(sync.data).toMatchObject({ Gstin: '06AABCS4321E1ZV', Status: 'ACT' });
    expect((await gen(suspended, 'M-4')).env?.Status).toBe(1);
    expect((await gen(party('32AABCN3333J1ZS', '32', 682001), 'M-5', undefined, '15/09/2025')).codes).toContain('3079');
    const sez = party('29AABCZ1111G1ZM', '29', 560100);
    expect((await gen(sez, 'M-6')).codes).toContain('2246');
    const toSez = await gen(MH, 'M-7', (i) => {
      (i.TranDtls as Record<string, unknown>).SupTyp = 'SEZWP';
    });
    expect(toSez.codes).toContain('2247');
  });

  it('generates an e-way bill from EwbDtls (distance 0 → EWBPPD, validity 200 km/day to 23:59), or reports EWBERR and still registers', async () => {
    const c = await h.client(MH.gstin);
    const today = await h.today();
    const ok = await c.generate({ ...sampleInvoice(MH, KA, 'EWB-1', today), EwbDtls: { TransMode: '1', Distance: 0, VehNo: 'MH01AB1234', VehType: 'R' } });
    expect(ok.env?.Status).toBe(1);
    const info = ok.env?.InfoDtls ?? [];
    expect(info).toHaveLength(1);
    expect(info[0]?.InfCd).toBe('EWBPPD');
    const km = Number(/^Pin-Pin calc distance: (\d+)KM$/.exec(String(info[0]?.Desc))?.[1]);
    expect(km).toBeGreaterThan(500);
    const days = Math.ceil(km / 200);
    const till = new Date(Date.UTC(2026, 4, 15 + days)).toISOString().slice(0, 10);
    expect(ok.data).toMatchObject({ EwbDt: ok.data?.AckDt, EwbValidTill: `${till} 23:59:00` });
    expect(String(ok.data?.EwbNo)).toMatch(/^\d{12}$/);

    const partial = await c.generate({ ...sampleInvoice(MH, KA, 'EWB-2', today), EwbDtls: { Distance: 100 } });
    expect(partial.env?.Status).toBe(1);
    expect(partial.data).toMatchObject({ EwbNo: null, EwbValidTill: null });
    expect(partial.env?.InfoDtls).toEqual([{ InfCd: 'EWBERR', Desc: [{ ErrorCode: '4019', ErrorMessage: 'Provide Transporter ID in order to generate Part A of e-Way Bill' }] }]);
  });

  it('refuses undecryptable and empty payloads with specific codes', async () => {
    const c = await h.client(MH.gstin);
    const bad = await c.send('POST', '/eicore/v1.03/Invoice', c.sessionHeaders(), JSON.stringify({ Data: Buffer.from('not encrypted with the SEK').toString('base64') }));
    expect(bad.codes).toEqual(['5002']);
    const empty = await c.send('POST', '/eicore/v1.03/Invoice', c.sessionHeaders(), '{}');
    expect(empty.codes).toEqual(['2255']);
  });
});
