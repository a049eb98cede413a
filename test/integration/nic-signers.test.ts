/**
 * NIC's bundled signers (resources/nic-certs: two sandbox public keys recovered from the team
 * kit's real NIC tokens) and the honest sandbox verdict (issue 16 items 4-5): every real
 * NIC-signed SignedQRCode and SignedInvoice of the kit verifies against them, as a JWT and as a QR
 * image (PNG, and PDF) read back through the product's reader; `verify-qr` calls a sandbox QR a
 * test document (exit 4, 0 only with --allow-sandbox); tampered → 1; forged under NIC's kid → 1;
 * signed by a key nobody here has → 3.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { bundledNicSigners, loadSignerFolder, mergeSigners, trusted, trustedKey } from '../../electron/pdf/nic-certs';
import { parseCertificates } from '../../electron/pdf/qr-certs';
import { checkSignedQr } from '../../electron/pdf/qr-verify';
import { makeSigningIdentity, signNicToken } from '../support/signed-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'einvoice-nic-signers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface KitToken { exchange: string; field: 'SignedInvoice' | 'SignedQRCode'; kid: string; irn: string; token: string }
const kit = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'nic-sandbox-tokens.json'), 'utf8')) as { tokens: KitToken[] };
/** The kit repeats service_item's tokens under nil_exempted_item: each distinct token once. */
const tokens = [...new Map(kit.tokens.map((t) => [t.token, t])).values()];
const KIDS = { '2022': 'EDC57DE1358B300BA9F79340A6696831F3C85047', '2023': '1513B821EE46C749A63B86E318BF711099287D1F' };

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Answer { signature: string; standing: string; shape: string; verdict: string; exitCode: number; kid: string; fields: Record<string, unknown>; verifiedBy: { label: string; source: string; kid: string; environment: string; validity: unknown } | null }
const json = (r: { out: string }) => JSON.parse(r.out) as Answer;

/** The token with its payload's data edited and the signature kept. */
function tampered(jwt: string, edit: (data: string) => string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { data: string };
  claims.data = edit(claims.data);
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

/** A PDF page (A4) with the QR image on it, as a scanned or printed supplier invoice would carry it. */
async function pdfWith(png: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 36 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.fontSize(14).text('Tax invoice (test page)');
  doc.image(png, 360, 60, { width: 200 });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('the bundled NIC signers', () => {
  it('are two sandbox public keys, named by kid, none skipped', () => {
    const folder = loadSignerFolder(join(import.meta.dirname, '..', '..', 'resources', 'nic-certs'));
    expect(folder.skipped).toEqual([]);
    expect(folder.signers.map((s) => [s.label, s.kid, s.environment, s.source, s.cert === undefined, s.validFrom])).toEqual([
      ['NIC sandbox (2022)', KIDS['2022'], 'sandbox', 'bundled', true, undefined],
      ['NIC sandbox (2023)', KIDS['2023'], 'sandbox', 'bundled', true, undefined],
    ]);
    for (const s of folder.signers) expect(s.key.asymmetricKeyDetails).toEqual({ modulusLength: 2048, publicExponent: 65537n });
    expect(bundledNicSigners().map((s) => s.kid)).toEqual([KIDS['2022'], KIDS['2023']]);
  });

  it('verify every real NIC SignedQRCode and SignedInvoice of the kit as a JWT', async () => {
    expect(tokens).toHaveLength(10);
    expect(tokens.filter((t) => t.field === 'SignedQRCode')).toHaveLength(5);
    for (const t of tokens) {
      const check = await checkSignedQr(t.token, bundledNicSigners());
      expect(check.signature, `${t.exchange} ${t.field}: ${check.signatureNote}`).toBe('valid');
      expect(check.verifiedBy).toEqual({ label: t.kid === KIDS['2022'] ? 'NIC sandbox (2022)' : 'NIC sandbox (2023)', source: 'bundled', kid: t.kid, environment: 'sandbox', validity: null });
      expect(check.signatureNote).toContain('no certificate, so its validity period is unknown');
      if (t.field === 'SignedQRCode') expect([check.shape, check.fields.Irn]).toEqual(['current', t.irn]);
      // the CLI: a sandbox QR is a test document, exit 4 by default, 0 when the integrator allows it
      const r = await cli(['verify-qr', t.token, '--json']);
      expect([r.code, json(r).standing, json(r).signature]).toEqual([4, 'sandbox', 'valid']);
      expect(json(r).verdict).toMatch(/^SANDBOX: signed by NIC's sandbox \(test system\): not a real e-invoice; the signature holds with NIC sandbox \(20(22|23)\) \[a bare public key, validity period unknown\]/);
      expect((await cli(['verify-qr', t.token, '--allow-sandbox'])).code).toBe(0);
    }
  });

  it('verify them as QR images read back from a PNG and from a PDF', async () => {
    for (const [i, t] of tokens.entries()) {
      // NIC's QRs at the error correction the app prints with; a SignedInvoice needs a version-40 symbol
      const png = await QRCode.toBuffer(t.token, { errorCorrectionLevel: 'L', margin: 4, scale: t.field === 'SignedInvoice' ? 4 : 5 });
      const pngFile = join(dir, `kit-${i}.png`);
      writeFileSync(pngFile, png);
      const fromPng = await cli(['verify-qr', pngFile, '--json']);
      expect(fromPng.code, `${t.exchange} ${t.field} PNG: ${fromPng.out}${fromPng.err}`).toBe(4);
      expect(json(fromPng)).toMatchObject({ signature: 'valid', standing: 'sandbox', kid: t.kid, verifiedBy: { environment: 'sandbox' } });
      if (t.field !== 'SignedQRCode') continue;
      expect(json(fromPng).fields.Irn).toBe(t.irn);
      const pdfFile = join(dir, `kit-${i}.pdf`);
      writeFileSync(pdfFile, await pdfWith(png));
      const fromPdf = await cli(['verify-qr', pdfFile, '--json']);
      expect(fromPdf.code, `${t.exchange} PDF: ${fromPdf.out}${fromPdf.err}`).toBe(4);
      expect(json(fromPdf)).toMatchObject({ signature: 'valid', standing: 'sandbox', fields: { Irn: t.irn } });
      expect((await cli(['verify-qr', pdfFile, '--allow-sandbox'])).code).toBe(0);
    }
  });
});

describe('verify-qr on sandbox-signed QRs gone wrong', () => {
  const qr = tokens.find((t) => t.field === 'SignedQRCode' && t.kid === KIDS['2022'])!;

  it('1 for a tampered sandbox QR, also with --allow-sandbox', async () => {
    const changed = tampered(qr.token, (d) => d.replace(/"TotInvVal":[0-9.]+/, '"TotInvVal":100000.0'));
    expect(changed).not.toBe(qr.token);
    for (const extra of [[], ['--allow-sandbox']]) {
      const r = await cli(['verify-qr', changed, '--json', ...extra]);
      expect(r.code).toBe(1);
      expect(json(r).verdict).toMatch(/^INVALID: the signature does not match NIC sandbox \(2022\) public key EDC57DE1358B300BA9F79340A6696831F3C85047 .*the certificate its kid names: the QR was changed after signing/);
    }
  });

  it('1 for a QR forged under NIC\'s sandbox kid, 3 for one signed with a key nobody here has', async () => {
    const forger = makeSigningIdentity('Forger');
    const data = (JSON.parse(Buffer.from(qr.token.split('.')[1]!, 'base64url').toString()) as { data: string }).data;
    const forged = await signNicToken({ ...forger, kid: KIDS['2022'], x5t: Buffer.from(KIDS['2022'], 'hex').toString('base64url') }, data, 'NIC');
    const f = await cli(['verify-qr', forged, '--allow-sandbox']);
    expect(f.code).toBe(1);
    expect(f.out).toMatch(/^INVALID: /m);
    const unknown = await signNicToken(forger, data, 'NIC');
    const u = await cli(['verify-qr', unknown, '--allow-sandbox', '--json']);
    expect(u.code).toBe(3);
    expect(json(u)).toMatchObject({ signature: 'not-checked', standing: 'not-checked', kid: forger.kid });
    expect(json(u).verdict).toMatch(new RegExp(`^DECODED, SIGNATURE NOT CHECKED: signed with certificate ${forger.kid}: none of the 2 known certificate\\(s\\) has it`));
  });

  it('a genuine sandbox QR with its kid changed no longer verifies: not checked (3), never a pass', async () => {
    const [h, p, s] = qr.token.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, string>;
    const renamed = `${Buffer.from(JSON.stringify({ ...header, kid: '0'.repeat(40) })).toString('base64url')}.${p}.${s}`;
    const r = await cli(['verify-qr', renamed, '--json']);
    // the header is part of what NIC signed: a changed kid breaks the signature
    expect(r.code).toBe(3);
    expect(json(r).signature).toBe('not-checked');
  });
});

describe('certificates and bare keys for one kid', () => {
  it('keep the certificate (its validity) and the environment the bundle declares', async () => {
    const id = makeSigningIdentity('NIC sandbox signing (test stand-in)');
    const publicPem = parseCertificates(Buffer.from(id.certPem))[0]!.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, `nic-sandbox-2024.${id.kid}.pub.pem`), publicPem);
    writeFileSync(join(folder, 'nic-sandbox-2024.cert.pem'), id.certPem);
    writeFileSync(join(folder, `nic-2024.${id.kid}.pub.pem`), publicPem); // no environment in the name
    writeFileSync(join(folder, 'README.md'), 'ignored');
    const loaded = loadSignerFolder(folder);
    expect(loaded.skipped).toEqual([{ file: `nic-2024.${id.kid}.pub.pem`, reason: expect.stringMatching(/does not say nic-production-\.\.\. or nic-sandbox-\.\.\./) as string }]);
    expect(loaded.signers).toHaveLength(1);
    expect(loaded.signers[0]).toMatchObject({ kid: id.kid, environment: 'sandbox', label: 'NIC sandbox (2024)', source: 'bundled' });
    expect(loaded.signers[0]!.cert).toBeDefined();
    // a certificate given for a bundled key's kid (--cert, a profile's) keeps the bundle's environment and label
    const bareOnly = trustedKey(publicPem, id.kid, 'NIC sandbox (2024)', 'bundled', 'sandbox');
    const merged = mergeSigners([bareOnly, trusted(parseCertificates(Buffer.from(id.certPem))[0]!, 'the certificate given (x.pem)', 'given')]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ environment: 'sandbox', label: 'NIC sandbox (2024)', validFrom: new Date('2020-01-01T00:00:00Z') });
    const check = await checkSignedQr(await signNicToken(id, '{"SellerGstin":"29ABCDE1234F1ZW","Irn":"' + 'a'.repeat(64) + '"}'), merged);
    expect(check.verifiedBy).toMatchObject({ environment: 'sandbox', validity: { from: '2020-01-01T00:00:00.000Z', to: '2040-01-01T00:00:00.000Z' } });
  });
});
