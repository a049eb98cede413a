import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { IrpError } from '../../electron/irp/errors';
import { importSigningCertificate, verifyIrnTokens, verifyIrpToken } from '../../electron/irp/signature';
import { makeSigningIdentity } from '../support/signed-fixtures';

/** A signing key and its self-signed certificate, as the IRP holds them. */
function signer() {
  const id = makeSigningIdentity('irp');
  return { key: id.privateKey, certPem: id.certPem };
}

const IRN = '706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7';
const nic = signer();
const other = signer();

async function token(data: unknown, key = nic.key, alg = 'RS256'): Promise<string> {
  const payload = JSON.stringify({ data: typeof data === 'string' ? data : JSON.stringify(data), iss: 'NIC Sandbox' });
  return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

async function rejection(p: Promise<unknown>): Promise<IrpError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IrpError) return e;
    throw e;
  }
  throw new Error('expected an IrpError');
}

describe('JWS verification on receipt (§7)', () => {
  it('verifies a token signed with the endpoint key and returns its data', async () => {
    const key = await importSigningCertificate(nic.certPem);
    const v = await verifyIrpToken(await token({ AckNo: 1, Irn: IRN }), key, 'SignedInvoice');
    expect(v.data).toEqual({ AckNo: 1, Irn: IRN });
    expect(v.iss).toBe('NIC Sandbox');
    expect(v.header.alg).toBe('RS256');
  });

  it('a token signed by another key is kind signature, never accepted', async () => {
    const key = await importSigningCertificate(nic.certPem);
    const e = await rejection(verifyIrpToken(await token({ Irn: IRN }, other.key), key, 'SignedQRCode', true));
    expect(e.kind).toBe('signature');
    expect(e.code).toBe('BAD_SIGNATURE');
    expect(e.ambiguous).toBe(true);
    expect(e.message).toMatch(/SignedQRCode.*valid signature/);
  });

  it('a tampered payload fails', async () => {
    const key = await importSigningCertificate(nic.certPem);
    const t = await token({ Irn: IRN, TotInvVal: 100 });
    const [h, , s] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ data: JSON.stringify({ Irn: IRN, TotInvVal: 1 }), iss: 'NIC' })).toString('base64url');
    expect((await rejection(verifyIrpToken(`${h}.${forged}.${s}`, key, 'SignedInvoice'))).kind).toBe('signature');
  });

  it('missing, malformed, non-RS256 and data-less tokens fail', async () => {
    const key = await importSigningCertificate(nic.certPem);
    expect((await rejection(verifyIrpToken(undefined, key, 'SignedInvoice'))).message).toMatch(/missing/);
    expect((await rejection(verifyIrpToken('abc.def', key, 'SignedInvoice'))).kind).toBe('signature');
    expect((await rejection(verifyIrpToken(await token({ Irn: IRN }, nic.key, 'PS256'), key, 'SignedInvoice'))).kind).toBe('signature');
    expect((await rejection(verifyIrpToken(await token('not json'), key, 'SignedInvoice'))).message).toMatch(/does not hold e-invoice data/);
  });

  it('both tokens must name the IRN of the answer', async () => {
    const key = await importSigningCertificate(nic.certPem);
    const inv = await token({ AckNo: 1, Irn: IRN });
    const qr = await token({ SellerGstin: 'x', Irn: IRN });
    const ok = await verifyIrnTokens(inv, qr, IRN.toUpperCase(), key);
    expect(ok.qr.data.SellerGstin).toBe('x');
    const wrongQr = await token({ Irn: 'f'.repeat(64) });
    const e = await rejection(verifyIrnTokens(inv, wrongQr, IRN, key, true));
    expect(e.kind).toBe('signature');
    expect(e.code).toBe('SIGNATURE_DATA_MISMATCH');
    expect(e.ambiguous).toBe(true);
  });

  it('an unusable certificate is a clear configuration error', async () => {
    const e = await rejection(importSigningCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'));
    expect(e.kind).toBe('protocol');
    expect(e.message).toMatch(/signing certificate/);
  });
});
