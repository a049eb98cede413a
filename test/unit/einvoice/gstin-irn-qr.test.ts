import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeIrn, irnOfInvoice } from '../../../shared/einvoice/irn';
import { buildQrPayload, decodeJws, decodeSignedQr, JwsFormatError, mainHsnCode, QR_KEYS } from '../../../shared/einvoice/qr';
import type { Invoice } from '../../../shared/einvoice/schema';
import { gstinCheckChar, gstinKind, hasValidCheckDigit, isNicSandboxTestGstin, isValidGstin } from '../../../shared/gst/gstin';

const exchanges = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/nic-sandbox-exchanges.json', import.meta.url), 'utf8')) as Record<string, { response_data?: { result?: Record<string, unknown> } }>;
const result = (key: string) => exchanges[key]!.response_data!.result as { Irn: string; AckDt: string; SignedInvoice: string; SignedQRCode: string };

describe('GSTIN check digit (irp-protocol §6.5)', () => {
  it('accepts real and synthetic valid GSTINs', () => {
    for (const g of ['27AAPFU0939F1ZV', '05AAACG2115R1ZN', '29ABCDE1234F1ZW', '29PQRST5678K1ZY']) {
      expect(isValidGstin(g), g).toBe(true);
      expect(gstinCheckChar(g.slice(0, 14))).toBe(g[14]);
    }
  });

  it('rejects a changed check digit, and NIC sandbox test GSTINs (they fail it)', () => {
    expect(hasValidCheckDigit('27AAPFU0939F1ZW')).toBe(false);
    for (const g of ['29AWGPV7107B1Z1', '01AMBPG7773M002', '36AMBPG7773M002', '37ARZPT4384Q1MT', '09AAAPG7885R002']) {
      expect(isValidGstin(g), g).toBe(false);
      expect(isNicSandboxTestGstin(g), g).toBe(true);
    }
  });

  it('tells registration types apart', () => {
    expect(gstinKind('27AAPFU0939F1ZV')).toBe('normal');
    expect(gstinKind('0717UNO00157UNO')).toBe('uin');
  });
});

describe('IRN (irp-protocol §2.6, §6.4)', () => {
  const vectors: Array<[string, string, string, string, string]> = [
    ['01AMBPG7773M002', '16/09/2022', 'INV', 'SINV-CFY-00067', '706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7'],
    ['01AMBPG7773M002', '17/09/2022', 'INV', 'g2qxhY', result('service_item').Irn],
    ['01AMBPG7773M002', '17/09/2022', 'CRN', 'g2qxhY', result('return_invoice').Irn],
    // the outer result of this capture is another document's; the IRN is the one inside its SignedInvoice
    ['02AMBPG7773M002', '02/10/2023', 'INV', '9sQ5E2', '2ecc42a8e81dcbbb56923e4bd046c861ce7374060bd31875ce35447e922c9399'],
  ];

  it.each(vectors)('%s %s %s %s → real NIC sandbox IRN (number hashed as sent before June 2025)', (gstin, dt, typ, no, irn) => {
    expect(computeIrn({ sellerGstin: gstin, docDate: dt, docType: typ, docNo: no }, { preserveCase: true })).toBe(irn);
  });

  it('upper-cases the document number from 1-Jun-2025', () => {
    const inv = { SellerDtls: { Gstin: '01AMBPG7773M002' }, DocDtls: { Typ: 'INV', No: 'g2qxhY', Dt: '17/09/2022' } };
    expect(irnOfInvoice(inv, '2025-05-31')).toBe(result('service_item').Irn);
    const upper = irnOfInvoice(inv, '2025-06-01');
    expect(upper).not.toBe(result('service_item').Irn);
    expect(upper).toBe(computeIrn({ sellerGstin: '01AMBPG7773M002', docDate: '17/09/2022', docType: 'INV', docNo: 'G2QXHY' }));
  });

  it('uses the financial year of the document date (March belongs to the previous FY)', () => {
    const a = computeIrn({ sellerGstin: '29ABCDE1234F1ZW', docDate: '31/03/2024', docType: 'INV', docNo: 'A1' });
    const b = computeIrn({ sellerGstin: '29ABCDE1234F1ZW', docDate: '01/04/2023', docType: 'INV', docNo: 'A1' });
    expect(a).toBe(b);
    expect(computeIrn({ sellerGstin: '29ABCDE1234F1ZW', docDate: '01/04/2024', docType: 'INV', docNo: 'A1' })).not.toBe(a);
    expect(computeIrn({ sellerGstin: 'X', docDate: '2024-04-01', docType: 'INV', docNo: 'A1' })).toBeUndefined();
  });
});

describe('signed QR payload and JWS decoding (irp-protocol §7)', () => {
  it('rebuilds NIC\'s QR data from the signed invoice: same 10 keys, same order, same values', () => {
    for (const key of ['goods_item_with_ewaybill', 'return_invoice', 'get_e_invoice_by_irn']) {
      const r = result(key);
      const signed = decodeJws(r.SignedInvoice).data as Invoice & { Irn: string; AckDt: string };
      const nicQr = decodeJws(r.SignedQRCode).data as Record<string, unknown>;
      const ours = buildQrPayload(signed, signed.Irn, signed.AckDt);
      expect(Object.keys(ours)).toEqual(Object.keys(nicQr));
      expect(Object.keys(ours)).toEqual(QR_KEYS);
      expect(ours).toEqual(nicQr);
    }
  });

  it('MainHsnCode is the HSN of the line with the largest taxable value', () => {
    expect(mainHsnCode([{ HsnCd: '1001', AssAmt: 10 }, { HsnCd: '9983', AssAmt: 50 }, { HsnCd: '2202', AssAmt: 50 }])).toBe('9983');
  });

  it('decodes real NIC tokens without verifying them', () => {
    const qr = decodeSignedQr(result('get_e_invoice_by_irn').SignedQRCode);
    expect(qr.header).toEqual({ alg: 'RS256', kid: '1513B821EE46C749A63B86E318BF711099287D1F', x5t: 'FRO4Ie5Gx0mmO4bjGL9xEJkofR8', typ: 'JWT' });
    expect(qr.iss).toBe('NIC Sandbox');
    expect(qr.DocNo).toBe('9sQ5E2');
    expect(qr.IrnDt).toBe('2023-10-03 15:08:39');
  });

  it('says plainly when a string is not a signed token', () => {
    expect(() => decodeJws('hello')).toThrow(JwsFormatError);
    expect(() => decodeJws('a.b.c')).toThrow(/base64url JSON/);
  });
});
