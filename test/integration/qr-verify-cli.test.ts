/**
 * Honest verdicts from `einvoice verify-qr` (issue 16 items 4 and 5): exit 0 only when the
 * signature was checked with a trusted certificate and holds; 1 for a tampered or forged QR (the
 * certificate its kid names does not verify it); 3 for a QR nobody here can check; older 2020-2021
 * QRs (no IrnDt, fields in other forms) verified and their gaps named, never "not an IRP QR".
 * The older-shape fixtures are signed with the practice IRP's own keys (--practice).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { bundledNicCertificates } from '../../electron/pdf/nic-certs';
import { checkSignedQr, parseCertificates } from '../../electron/pdf/qr-verify';
import { loadOrCreateKeys } from '../../electron/sandbox/keys';
import { makeSigningIdentity, signNicToken, type SigningIdentity } from '../support/signed-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'einvoice-verify-'));
let practice: SigningIdentity;
let forger: SigningIdentity;
const IRN = 'f3c2a8e81dcbbb56923e4bd046c861ce7374060bd31875ce35447e922c93990a';

/** A current-shape payload (§7.3, NIC's key order). */
const current = {
  SellerGstin: '29ABCDE1234F1ZW', BuyerGstin: '27AADCP1234M1ZD', DocNo: 'ST/26-27/0042', DocTyp: 'INV', DocDt: '14/11/2026',
  TotInvVal: 23592, ItemCnt: 5, MainHsnCode: '84713010', Irn: IRN, IrnDt: '2026-11-14 12:34:56',
};
/** The shapes NIC signed in 2020-2021: no IrnDt, and (second) numbers and codes as text, dates with dashes. */
const { IrnDt: _dropped, ...olderNoIrnDt } = current;
const olderForms = { ...olderNoIrnDt, DocDt: '14-11-2020', TotInvVal: '23592.00', ItemCnt: '5', MainHsnCode: 84713010, DocTyp: 'inv' };

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const json = (r: { out: string }) => JSON.parse(r.out) as { signature: string; shape: string; missing: string[]; olderForms: string[]; verdict: string; exitCode: number; verifiedBy: { source: string } | null; problems: string[] };

/** The token with its payload's data edited and the signature kept. */
function tampered(jwt: string, edit: (data: string) => string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { data: string };
  claims.data = edit(claims.data);
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

beforeAll(() => {
  mkdirSync(join(dir, 'practice-irp'));
  const keys = loadOrCreateKeys(join(dir, 'practice-irp'));
  practice = { privateKey: keys.signingKey, certPem: keys.signingCertificatePem, kid: keys.kid, x5t: keys.x5t };
  forger = makeSigningIdentity('Forger');
  writeFileSync(join(dir, 'practice.pem'), keys.signingCertificatePem);
  writeFileSync(join(dir, 'forger.pem'), forger.certPem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verify-qr exit codes', () => {
  it('0 verified (practice key only when asked), 3 unverifiable, 1 tampered, 1 forged', async () => {
    const token = await signNicToken(practice, JSON.stringify(current));
    const verified = await cli(['verify-qr', token, '--practice', '--data', dir, '--json']);
    expect(verified.code).toBe(0);
    expect(json(verified)).toMatchObject({ signature: 'valid', shape: 'current', exitCode: 0, verifiedBy: { source: 'practice', environment: 'practice' } });
    // passes because --practice asked for it, and says what it is: a practice document
    expect(json(verified).verdict).toBe('PRACTICE: signed by the practice IRP of this install (a simulator on this computer): not a real e-invoice; the signature holds');

    // Without --practice the practice IRP's key is not trusted: decoded, not checked, exit 3.
    const unverifiable = await cli(['verify-qr', token, '--data', dir]);
    expect(unverifiable.code).toBe(3);
    expect(unverifiable.out).toMatch(/^DECODED, SIGNATURE NOT CHECKED: signed with certificate [0-9A-F]{40}: /m);
    expect(unverifiable.out).toMatch(/Irn\s+"f3c2a8e8/);

    // A field changed after signing: the certificate its kid names does not verify it.
    const changed = tampered(token, (d) => d.replace('"TotInvVal":23592', '"TotInvVal":2359'));
    const t = await cli(['verify-qr', changed, '--practice', '--data', dir, '--json']);
    expect(t.code).toBe(1);
    expect(json(t).signature).toBe('invalid');
    expect(json(t).verdict).toMatch(/^INVALID: the signature does not match the practice IRP of this install .*changed after signing or was not signed by the IRP/);

    // Forged: signed with another key under the practice certificate's kid.
    const forged = await signNicToken({ ...forger, kid: practice.kid, x5t: practice.x5t }, JSON.stringify(current));
    const f = await cli(['verify-qr', forged, '--practice', '--data', dir]);
    expect(f.code).toBe(1);
    expect(f.out).toMatch(/^INVALID/m);
    // ... and under its own kid, with nothing trusted for it: never a pass.
    const ownKid = await signNicToken(forger, JSON.stringify(current));
    expect((await cli(['verify-qr', ownKid, '--practice', '--data', dir])).code).toBe(3);
    // --cert adds a certificate: the forger's own certificate makes its token "valid" only for
    // whoever chose to trust it, and says so.
    const trustedForger = await cli(['verify-qr', ownKid, '--cert', join(dir, 'forger.pem'), '--json']);
    expect(trustedForger.code).toBe(0);
    expect(json(trustedForger).verdict).toMatch(/signed by the certificate given \(.*forger\.pem\)$/);
  });

  it('1 for a QR that is not an IRP e-invoice QR, 2 for a bad --cert, 2 for --practice without a practice IRP', async () => {
    expect((await cli(['verify-qr', 'upi.png'])).code).toBe(2);
    const notIrp = await signNicToken(forger, JSON.stringify({ hello: 'world' }));
    const r = await cli(['verify-qr', notIrp]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^NOT AN IRP e-INVOICE QR: SellerGstin is missing; Irn is missing/m);
    writeFileSync(join(dir, 'bad.pem'), 'not a certificate');
    expect((await cli(['verify-qr', notIrp, '--cert', join(dir, 'bad.pem')])).code).toBe(2);
    const none = await cli(['verify-qr', notIrp, '--practice', '--data', join(dir, 'empty')]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/the practice IRP has no signing certificate/);
  });
});

describe('older NIC QRs (2020-2021 shape)', () => {
  it('verifies a QR without IrnDt and names what it lacks', async () => {
    const token = await signNicToken(practice, JSON.stringify(olderNoIrnDt), 'NIC');
    const r = await cli(['verify-qr', token, '--practice', '--data', dir, '--json']);
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ signature: 'valid', shape: 'older', missing: ['IrnDt'], olderForms: [], problems: [] });
    expect(json(r).verdict).toBe('PRACTICE: signed by the practice IRP of this install (a simulator on this computer): not a real e-invoice; the signature holds (an older e-invoice QR, as the IRP signed them in 2020-2021: lacks IrnDt)');
    const human = await cli(['verify-qr', token, '--practice', '--data', dir]);
    expect(human.out).toMatch(/IrnDt\s+\(not in this QR\)/);
  });

  it('verifies one with numbers and codes as text and dashed dates, naming each form', async () => {
    const token = await signNicToken(practice, JSON.stringify(olderForms), 'NIC');
    const r = await cli(['verify-qr', token, '--practice', '--data', dir, '--json']);
    expect(r.code).toBe(0);
    expect(json(r).shape).toBe('older');
    expect(json(r).olderForms).toEqual(['DocTyp is in lower case', 'DocDt is dd-mm-yyyy', 'TotInvVal is text', 'ItemCnt is text', 'MainHsnCode is a number']);
    // unverifiable, it is still an e-invoice QR ("not checked", exit 3), never "not an IRP QR"
    const unchecked = await cli(['verify-qr', token]);
    expect(unchecked.code).toBe(3);
    expect(unchecked.out).not.toMatch(/NOT AN IRP/);
    expect(unchecked.out).toMatch(/an older e-invoice QR/);
  });
});

describe('NIC-signed QRs of the team kit and the bundled certificates', () => {
  it('reads every real NIC sandbox QR as an e-invoice QR, verified with the bundled sandbox keys: a test document (exit 4)', async () => {
    const { readFileSync } = await import('node:fs');
    const kit = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'nic-sandbox-exchanges.json'), 'utf8')) as Record<string, { response_data?: { result?: { SignedQRCode?: string } } }>;
    const tokens = Object.values(kit).map((e) => e.response_data?.result?.SignedQRCode).filter((t): t is string => typeof t === 'string');
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    const bundled = bundledNicCertificates();
    for (const token of tokens) {
      const r = await cli(['verify-qr', token, '--json']);
      const answer = json(r);
      expect(answer.shape).toBe('current');
      // NIC's sandbox keys are bundled (resources/nic-certs/README.md): checked, and never a pass by default
      expect(bundled.map((c) => c.environment)).toEqual(['sandbox', 'sandbox']);
      expect(r.code, answer.verdict).toBe(4);
      expect(answer.signature).toBe('valid');
      expect(answer.verifiedBy?.source).toBe('bundled');
    }
  });

  it('loads bundled certificates from their folder, with labels and validity periods, and verifies with them', async () => {
    const folder = join(dir, 'nic-certs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'nic-sandbox-2023.cert.pem'), practice.certPem);
    writeFileSync(join(folder, 'README.md'), 'not a certificate');
    const certs = bundledNicCertificates(folder);
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ label: 'NIC sandbox (2023)', source: 'bundled', kid: practice.kid, environment: 'sandbox' });
    expect(certs[0]!.validTo!.getTime()).toBeGreaterThan(certs[0]!.validFrom!.getTime());
    const token = await signNicToken(practice, JSON.stringify(current));
    const check = await checkSignedQr(token, certs);
    expect(check.signature).toBe('valid');
    expect(check.verifiedBy).toEqual({ label: 'NIC sandbox (2023)', source: 'bundled', kid: practice.kid, environment: 'sandbox', validity: { from: certs[0]!.validFrom!.toISOString(), to: certs[0]!.validTo!.toISOString() } });
    // signed "before" the certificate existed: valid, with a note about the validity period
    const early = await checkSignedQr(await signNicToken(practice, JSON.stringify({ ...current, IrnDt: '2001-01-01 10:00:00' })), parseCertificates(Buffer.from(practice.certPem)));
    expect(early.signatureNote).toMatch(/IrnDt 2001-01-01 10:00:00 is outside the certificate's validity/);
  });
});
