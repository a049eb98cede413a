import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeQrFromImage, looksLikeJwt, QrReadError } from '../../electron/pdf/qr-read';
import { checkSignedQr, parseCertificates, thumbprint } from '../../electron/pdf/qr-verify';
import { makeSigningIdentity, registeredPrintable, signNicToken, type SigningIdentity } from '../support/signed-fixtures';

let id: SigningIdentity;
let other: SigningIdentity;
let token: string;
let irn: string;

beforeAll(async () => {
  id = makeSigningIdentity();
  other = makeSigningIdentity('Another signer');
  const r = await registeredPrintable(id);
  token = r.registration.signedQrCode;
  irn = r.registration.irn;
});

/** The same token with one field of its payload changed and the original signature kept. */
function tampered(jwt: string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { data: string; iss: string };
  claims.data = claims.data.replace(/"TotInvVal":[0-9.]+/, '"TotInvVal":1');
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

describe('checkSignedQr', () => {
  it('verifies a real RS256 signature against the signing certificate and reads the ten fields', async () => {
    const check = await checkSignedQr(token, parseCertificates(Buffer.from(id.certPem)));
    expect(check.signature).toBe('valid');
    expect(check.problems).toEqual([]);
    expect(check.kid).toBe(id.kid);
    expect(check.iss).toBe('NIC Sandbox');
    expect(check.fields).toMatchObject({ SellerGstin: '29ABCDE1234F1ZW', DocNo: 'ST/26-27/0042', DocTyp: 'INV', ItemCnt: 5, Irn: irn });
  });

  it('reports a tampered token as invalid; with only another certificate it claims nothing', async () => {
    const certs = parseCertificates(Buffer.from(id.certPem));
    const bad = await checkSignedQr(tampered(token), certs);
    expect(bad.signature).toBe('invalid');
    expect(bad.signatureNote).toMatch(/does not match the certificate given .* the certificate its kid names/);
    // A certificate that is not the one its kid names cannot tell a genuine QR from a forged one.
    const wrong = await checkSignedQr(token, parseCertificates(Buffer.from(other.certPem)));
    expect(wrong.signature).toBe('not-checked');
    expect(wrong.signatureNote).toMatch(new RegExp(`signed with certificate ${id.kid}: none of the 1 known certificate\\(s\\) has it or verifies the signature`));
  });

  it('picks the certificate named by kid out of a bundle', async () => {
    const bundle = Buffer.from(other.certPem + id.certPem);
    const check = await checkSignedQr(token, parseCertificates(bundle));
    expect(check.signature).toBe('valid');
    expect(check.signatureNote).toMatch(/thumbprint matches kid/);
  });

  it('says plainly when the signature was not checked', async () => {
    const check = await checkSignedQr(token);
    expect(check.signature).toBe('not-checked');
    expect(check.signatureNote).toMatch(/NOT checked/);
  });

  it('flags a validly signed token that is not an e-invoice QR', async () => {
    const foreign = await signNicToken(id, JSON.stringify({ hello: 'world' }));
    const check = await checkSignedQr(foreign, parseCertificates(Buffer.from(id.certPem)));
    expect(check.signature).toBe('valid');
    expect(check.problems).toContain('Irn is missing');
    expect(check.problems).toHaveLength(10);
  });

  it('decodes a real NIC sandbox SignedQRCode (fixture) without claiming its signature', async () => {
    const kit = JSON.parse(readFileSync(new URL('../../../shared/fixtures/nic-sandbox-exchanges.json', import.meta.url), 'utf8')) as Record<
      string, { response_data?: { result?: { SignedQRCode?: string; Irn?: string } } }
    >;
    const result = kit.goods_item_with_ewaybill?.response_data?.result;
    const check = await checkSignedQr(result?.SignedQRCode ?? '');
    expect(check.problems).toEqual([]);
    expect(check.shape).toBe('current');
    expect(check.fields.Irn).toBe(result?.Irn);
    expect(check.fields.DocNo).toBe('SINV-CFY-00067');
    expect(check.kid).toBe('EDC57DE1358B300BA9F79340A6696831F3C85047');
    expect(check.signature).toBe('not-checked');
  });
});

describe('parseCertificates', () => {
  it('reads PEM and DER, and the thumbprint is NIC-style kid', () => {
    const der = new X509Certificate(id.certPem).raw;
    const [cert] = parseCertificates(der);
    expect(cert && thumbprint(cert)).toBe(id.kid);
    expect(() => parseCertificates(Buffer.from('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'))).toThrow(/no "BEGIN CERTIFICATE"/);
    expect(() => parseCertificates(Buffer.from('hello'))).toThrow(/not an X.509 certificate/);
  });
});

/** A white A4-at-150-dpi page with QR codes pasted at the given positions. */
function page(codes: Array<{ text: string; x: number; y: number; scale: number }>): Buffer {
  const png = new PNG({ width: 1240, height: 1754 });
  png.data.fill(255);
  for (const c of codes) {
    const qr = QRCode.create(c.text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    for (let r = 0; r < n * c.scale; r += 1) {
      for (let col = 0; col < n * c.scale; col += 1) {
        if (!qr.modules.data[Math.floor(r / c.scale) * n + Math.floor(col / c.scale)]) continue;
        const o = ((c.y + r) * png.width + c.x + col) * 4;
        png.data[o] = png.data[o + 1] = png.data[o + 2] = 0;
      }
    }
  }
  return PNG.sync.write(png);
}

describe('decodeQrFromImage', () => {
  it('finds a small QR in a corner of a full page', async () => {
    expect(await decodeQrFromImage(page([{ text: token, x: 860, y: 60, scale: 3 }]))).toBe(token);
  });

  it('prefers the signed token when the page has another QR code as well', async () => {
    const upi = 'upi://pay?pa=sharma@upi&pn=Sharma%20Traders&am=23592.00';
    const found = await decodeQrFromImage(page([{ text: upi, x: 80, y: 1400, scale: 4 }, { text: token, x: 860, y: 60, scale: 3 }]));
    expect(found).toBe(token);
    expect(looksLikeJwt(upi)).toBe(false);
  });

  it('returns undefined for a page without a QR and throws a read error for other bytes', async () => {
    expect(await decodeQrFromImage(page([]))).toBeUndefined();
    await expect(decodeQrFromImage(Buffer.from('not a png'))).rejects.toThrow(QrReadError);
  });
});
