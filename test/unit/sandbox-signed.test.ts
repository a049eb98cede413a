/** SignedInvoice / SignedQRCode data texts and the JWS envelope (irp-protocol.md §7), checked against a real NIC token. */
import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { signJws } from '../../electron/sandbox/crypto';
import { CANONICAL_NAMES } from '../../electron/sandbox/fields';
import type { PracticeKeys } from '../../electron/sandbox/keys';
import { parseLexical, toPlain } from '../../electron/sandbox/lexjson';
import { signedInvoiceData, signedQrData } from '../../electron/sandbox/signed';
import type { Invoice } from '../../shared/einvoice/schema';

/** The data of a real NIC sandbox SignedInvoice (team kit fixtures/nic-sandbox-exchanges.json, goods_item_with_ewaybill, Sep 2022). */
const NIC_DATA = '{"AckNo":232210036743849,"AckDt":"2022-09-16 19:29:00","Irn":"706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7","Version":"1.1","TranDtls":{"TaxSch":"GST","SupTyp":"B2B","RegRev":"N"},"DocDtls":{"Typ":"INV","No":"SINV-CFY-00067","Dt":"16/09/2022"},"SellerDtls":{"Gstin":"01AMBPG7773M002","LglNm":"_Test Indian Registered Company","TrdNm":"Test Indian Registered Company","Addr1":"Test Address - 1","Loc":"Test City","Pin":193501,"Stcd":"01"},"BuyerDtls":{"Gstin":"36AMBPG7773M002","LglNm":"_Test Registered Customer","TrdNm":"Test Registered Customer","Pos":"01","Addr1":"Test Address - 3","Loc":"Test City","Pin":500055,"Stcd":"36"},"DispDtls":{"Nm":"Test Indian Registered Company","Addr1":"Test Address - 1","Loc":"Test City","Pin":193501,"Stcd":"01"},"ShipDtls":{"Gstin":"36AMBPG7773M002","LglNm":"Test Registered Customer","TrdNm":"Test Registered Customer","Addr1":"Test Address - 3","Loc":"Test City","Pin":500055,"Stcd":"36"},"ItemList":[{"ItemNo":0,"SlNo":"1","IsServc":"N","PrdDesc":"Test Trading Goods 1","HsnCd":"61149090","Qty":1.0,"Unit":"NOS","UnitPrice":100.0,"TotAmt":100.0,"Discount":0,"AssAmt":100.0,"GstRt":0.0,"IgstAmt":0,"CgstAmt":0,"SgstAmt":0,"CesRt":0,"CesAmt":0,"CesNonAdvlAmt":0,"TotItemVal":100.0}],"ValDtls":{"AssVal":100.0,"CgstVal":0,"SgstVal":0,"IgstVal":0,"CesVal":0,"Discount":0,"OthChrg":0.0,"RndOffAmt":0.0,"TotInvVal":100.0},"PayDtls":{"CrDay":0,"PaidAmt":0,"PaymtDue":100.0},"EwbDtls":{"TransMode":"1","Distance":0,"VehNo":"GJ07DL9009","VehType":"R"}}';

/** The same invoice as a client might send it: members alphabetical, nulls, an Irn, an ItemNo and an unknown member. */
function clientRequest(): string {
  const nic = JSON.parse(NIC_DATA) as Record<string, unknown>;
  const { AckNo: _a, AckDt: _d, Irn: _i, ...inv } = nic;
  const sortDeep = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortDeep) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortDeep(x)])) : v;
  const req = sortDeep({ ...inv, Irn: 'x', RefDtls: null, Extra: 1 }) as Record<string, unknown>;
  (req.ItemList as Array<Record<string, unknown>>)[0]!.ItemNo = 7;
  (req.SellerDtls as Record<string, unknown>).Addr2 = null;
  let text = JSON.stringify(req);
  for (const [k, v] of [['Qty', '1.0'], ['UnitPrice', '100.0'], ['TotAmt', '100.0'], ['AssAmt', '100.0'], ['GstRt', '0.0'], ['TotItemVal', '100.0'], ['AssVal', '100.0'], ['OthChrg', '0.0'], ['RndOffAmt', '0.0'], ['TotInvVal', '100.0'], ['PaymtDue', '100.0']]) {
    text = text.replace(new RegExp(`"${k}":(\\d+)([,}])`), `"${k}":${v}$2`);
  }
  return text;
}

describe('signedInvoiceData', () => {
  it('reproduces the NIC token data exactly: prepended ack fields, model order, nulls and unknowns dropped, ItemNo 0, scales kept', () => {
    const node = parseLexical(clientRequest(), CANONICAL_NAMES);
    expect(signedInvoiceData(node, 232210036743849, '2022-09-16 19:29:00', '706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7')).toBe(NIC_DATA);
  });

  it('builds the QR data with ten keys in NIC order and the client\'s TotInvVal lexeme', () => {
    const node = parseLexical(clientRequest(), CANONICAL_NAMES);
    const qr = signedQrData(node, toPlain(node) as Invoice, 'abc', '2022-09-16 19:29:00');
    expect(qr).toBe('{"SellerGstin":"01AMBPG7773M002","BuyerGstin":"36AMBPG7773M002","DocNo":"SINV-CFY-00067","DocTyp":"INV","DocDt":"16/09/2022","TotInvVal":100.0,"ItemCnt":1,"MainHsnCode":"61149090","Irn":"abc","IrnDt":"2022-09-16 19:29:00"}');
  });
});

describe('signJws', () => {
  it('emits RS256 with the header order of NIC\'s 2023 tokens and {"data","iss"} claims that verify', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keys = { signingKey: privateKey, kid: 'EDC57DE1358B300BA9F79340A6696831F3C85047', x5t: '7cV94TWLMAup95NApmloMfPIUEc' } as PracticeKeys;
    const token = signJws(keys, '{"a":1.0}', 'NIC Sandbox');
    expect(Object.keys(decodeProtectedHeader(token))).toEqual(['alg', 'kid', 'x5t', 'typ']);
    const { payload } = await compactVerify(token, publicKey);
    expect(new TextDecoder().decode(payload)).toBe('{"data":"{\\"a\\":1.0}","iss":"NIC Sandbox"}');
    expect(Buffer.from(token.split('.')[2] ?? '', 'base64url')).toHaveLength(256);
  });
});
