/**
 * Settings through the handler table over a real app core (SQLite in a temp dir, practice IRP as
 * `npm start` sets it up): the print details of a business (bank, logo) reach the PDF; endpoint
 * profiles are created and edited; NIC's key and certificate are checked before they are stored.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/app/app-core';
import { KNOWN_BASE_URLS } from '../../electron/irp';
import { runCli } from '../../electron/cli/main';
import { AATO_BANDS, bandImplication, bandOf, croreFor } from '../../renderer/src/screens/settings-aato';
import { ENDPOINT_CHOICES } from '../../renderer/src/screens/settings-kinds';
import { checkBaseUrl, guessKind } from '../../electron/app/profiles';
import { bindingOf, boundAccount } from '../../electron/app/credential-binding';
import type { AppEvent, Channel, IpcError, Req, Res } from '../../shared/ipc/contract';
import { draft, goodsLine } from '../support/invoices';
import { PRACTICE_BUYER, todayDocDate } from '../support/practice';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';
import { rsaPair, selfSignedPem } from '../support/certs';
import { makeSigningIdentity } from '../support/signed-fixtures';

const run = promisify(execFile);
let h: HandlerHarness;
let dir: string;
let core: AppCore;
let events: AppEvent[];
const call = <C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> => h.call(channel, req);
const refused = <C extends Channel>(channel: C, req: Req<C>): Promise<IpcError> => h.refused(channel, req);

const BANK = { name: 'State Bank of India', account: '30123456789', ifsc: 'SBIN0001234', branch: 'MG Road, Bengaluru' };
/** A real 1×1 JPEG (JFIF, baseline): enough for the magic-byte check and for pdfkit to embed. */
const JPEG_1X1 = '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

function logoPng(width = 40, height = 20): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(120);
  return PNG.sync.write(png);
}

async function practiceBusiness(): Promise<Res<'businesses:save'>> {
  return (await call('businesses:list', {})).businesses.find((b) => b.gstin === '29ABCDE1234F1ZW')!;
}

/** The business as businesses:save wants it back (everything but id and the view-only fields). */
function asInput(b: Res<'businesses:save'>): Req<'businesses:save'> {
  const { hasLogo: _h, createdAt: _c, updatedAt: _u, ...rest } = b;
  return rest;
}

beforeAll(async () => {
  h = await openHandlerHarness('einvoice-settings-');
  ({ dir, core, events } = h);
});

afterAll(async () => {
  await h?.close();
});

describe('business print details', () => {
  it('refuses a malformed IFSC with a specific message and stores a good bank block', async () => {
    const b = await practiceBusiness();
    const bad = await refused('businesses:save', { ...asInput(b), bank: { ...BANK, ifsc: 'SBIN1234' } });
    expect(bad.code).toBe('BANK_IFSC_INVALID');
    expect(bad.message).toContain('IFSC "SBIN1234" is not an IFSC');
    expect(bad.details).toEqual({ path: 'bank.ifsc' });
    expect((await refused('businesses:save', { ...asInput(b), bank: { ...BANK, ifsc: 'SBIN1001234' } })).code).toBe('BANK_IFSC_INVALID');
    expect((await refused('businesses:save', { ...asInput(b), bank: { name: 'SBI', ifsc: 'SBIN0001234' } })).code).toBe('BANK_INCOMPLETE');

    // lower case is accepted and stored upper-cased; the AATO band and start date are stored too
    const saved = await call('businesses:save', { ...asInput(b), bank: { ...BANK, ifsc: ' sbin0001234 ' }, terms: 'Goods once sold will not be taken back.\nInterest @18% p.a. after 30 days.', aatoCrore: 10, einvoiceStartDate: '2023-08-01' });
    expect(saved.bank).toEqual(BANK);
    expect(saved).toMatchObject({ aatoCrore: 10, einvoiceStartDate: '2023-08-01' });
    expect(events).toContainEqual({ type: 'settings:changed' });
  });

  it('businesses:setLogo stores a PNG or JPEG, refuses other files and files over 1 MB, and removes it', async () => {
    const b = await practiceBusiness();
    const png = logoPng();
    const withLogo = await call('businesses:setLogo', { id: b.id, base64: png.toString('base64') });
    expect(withLogo.hasLogo).toBe(true);
    expect(Buffer.from(core.ledger.businesses.get(b.id)!.logoPng!).equals(png)).toBe(true);
    expect(await call('businesses:logo', { id: b.id })).toEqual({ mime: 'image/png', base64: png.toString('base64') });

    const text = await refused('businesses:setLogo', { id: b.id, base64: Buffer.from('Practice Traders\nnot an image\n').toString('base64') });
    expect(text).toMatchObject({ code: 'LOGO_NOT_IMAGE', details: { path: 'logo' } });
    expect(text.message).toContain('PNG or JPEG');
    // a PNG header does not make 1.1 MB acceptable
    const big = Buffer.concat([png, Buffer.alloc(1.1 * 1024 * 1024)]);
    const tooBig = await refused('businesses:setLogo', { id: b.id, base64: big.toString('base64') });
    expect(tooBig.code).toBe('LOGO_TOO_LARGE');
    expect(tooBig.message).toContain('1 MB or less');
    // the refusals left the stored logo alone
    expect(Buffer.from(core.ledger.businesses.get(b.id)!.logoPng!).equals(png)).toBe(true);

    // an edit of the form keeps the logo (it has its own channel)
    expect((await call('businesses:save', { ...asInput(await practiceBusiness()), tradeName: 'Practice Traders' })).hasLogo).toBe(true);

    const jpeg = await call('businesses:setLogo', { id: b.id, base64: `data:image/jpeg;base64,${JPEG_1X1}` });
    expect(jpeg.hasLogo).toBe(true);
    expect((await call('businesses:logo', { id: b.id })).mime).toBe('image/jpeg');

    const removed = await call('businesses:setLogo', { id: b.id, base64: null });
    expect(removed.hasLogo).toBe(false);
    expect(await call('businesses:logo', { id: b.id })).toEqual({ mime: null, base64: null });
    expect((await refused('businesses:setLogo', { id: 9999, base64: null })).code).toBe('LEDGER_NOT_FOUND');
  });

  it('prints the bank details and embeds the logo on the invoice PDF', async () => {
    const b = await practiceBusiness();
    await call('businesses:setLogo', { id: b.id, base64: logoPng(40, 20).toString('base64') });
    const saved = await call('invoices:save', { businessId: b.id, draft: draft({ docNo: 'SET/PDF/1', docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine()] }) });
    const pdf = await call('pdf:render', { id: saved.invoice.id });
    const file = join(dir, 'logo-bank.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
    expect(text).toContain('Bank details');
    expect(text).toContain('Bank: State Bank of India, MG Road, Bengaluru');
    expect(text).toContain('A/c No.: 30123456789');
    expect(text).toContain('IFSC: SBIN0001234');
    expect(text).toContain('Goods once sold will not be taken back.');
    // the logo is the PDF's one image XObject, at its own pixel size
    expect(readFileSync(file).toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const { stdout: images } = await run('pdfimages', ['-list', file]);
    expect(images).toMatch(/^\s*1\s+\d+\s+image\s+40\s+20\b/m);

    // a JPEG logo is embedded as JPEG (DCT) data
    await call('businesses:setLogo', { id: b.id, base64: JPEG_1X1 });
    writeFileSync(file, Buffer.from((await call('pdf:render', { id: saved.invoice.id })).base64, 'base64'));
    expect((await run('pdfimages', ['-list', file])).stdout).toMatch(/image\s+1\s+1\s+gray\s+1\s+8\s+jpeg/);
  });
});

describe('endpoint profiles', () => {
  it('creates a NIC sandbox profile, edits it, and refuses bad URLs with specific codes', async () => {
    const base = { name: 'nic-test', kind: 'nic-sandbox' as const, baseUrl: `${KNOWN_BASE_URLS.nicSandbox}/`, gstin: '29abcde1234f1zw', clientId: 'AAACL09TXPMZSZC', userName: 'shop_api' };
    const created = await call('profiles:save', base);
    expect(created).toMatchObject({ name: 'nic-test', kind: 'nic-sandbox', baseUrl: KNOWN_BASE_URLS.nicSandbox, gstin: '29ABCDE1234F1ZW', hasKeys: false, credentialsSet: false, encryptionKeyImported: false });
    expect(created.signingCert).toBeUndefined();
    expect(core.ledger.journal.recent(5)).toContainEqual(expect.objectContaining({ kind: 'profile.created', details: expect.objectContaining({ profile: 'nic-test' }) as unknown }));

    const edited = await call('profiles:save', { ...base, clientId: 'AAACL09TXPMZSZD', baseUrl: KNOWN_BASE_URLS.nicSandboxIrp2 });
    expect(edited).toMatchObject({ clientId: 'AAACL09TXPMZSZD', baseUrl: KNOWN_BASE_URLS.nicSandboxIrp2 });
    expect((await call('profiles:list', {})).profiles.filter((p) => p.name === 'nic-test')).toHaveLength(1);

    expect(await refused('profiles:save', { ...base, baseUrl: 'http://einv-apisandbox.nic.in' })).toMatchObject({ code: 'PROFILE_URL_INSECURE', details: { path: 'baseUrl' } });
    expect((await refused('profiles:save', { ...base, baseUrl: 'einv-apisandbox nic in' })).code).toBe('PROFILE_URL_INVALID');
    expect((await refused('profiles:save', { ...base, baseUrl: 'ftp://einv-apisandbox.nic.in' })).code).toBe('PROFILE_URL_INVALID');
    expect((await refused('profiles:save', { ...base, baseUrl: 'practice' })).code).toBe('PROFILE_URL_INVALID');
    expect((await refused('profiles:save', { ...base, gstin: '29ABC' })).code).toBe('BAD_REQUEST');
    // the refused edits changed nothing
    expect(core.ledger.profiles.get('nic-test')).toMatchObject({ baseUrl: KNOWN_BASE_URLS.nicSandboxIrp2 });
  });

  it('keeps GSP headers, refuses a secret-looking one, and a practice profile needs no keys', async () => {
    const gsp = await call('profiles:save', { name: 'gsp-test', kind: 'gsp', baseUrl: 'https://gsp.example.in/einv', gstin: '29ABCDE1234F1ZW', clientId: 'gspclient', userName: 'shop_gsp', gsp: { preset: 'adaequare' }, extraHeaders: { 'X-Gsp-Route': 'einvoice', ' ': 'dropped' } });
    expect(gsp.extraHeaders).toEqual({ 'X-Gsp-Route': 'einvoice' });
    const gspWith = (extraHeaders: Record<string, string>) => ({ name: 'gsp-test', kind: 'gsp' as const, baseUrl: 'https://gsp.example.in', gstin: '29ABCDE1234F1ZW', clientId: 'c', userName: 'u', gsp: { preset: 'adaequare' }, extraHeaders });
    // API keys and credentials would sit in clear in the ledger file: refused by name, and by value when it is a token
    expect(await refused('profiles:save', gspWith({ 'Ocp-Apim-Subscription-Key': 'abc123' }))).toMatchObject({ code: 'PROFILE_HEADER_SECRET', details: { path: 'extraHeaders.Ocp-Apim-Subscription-Key' } });
    expect((await refused('profiles:save', gspWith({ 'X-Auth': 'abc' }))).code).toBe('PROFILE_HEADER_SECRET');
    expect((await refused('profiles:save', gspWith({ 'X-Route': 'Bearer abcdefghijklmnop' }))).code).toBe('LEDGER_SECRET_REFUSED');
    expect((await refused('profiles:save', gspWith({ 'Bad Header': 'x' }))).code).toBe('PROFILE_HEADER_INVALID');
    expect(core.ledger.profiles.get('gsp-test')?.extraHeaders).toEqual({ 'X-Gsp-Route': 'einvoice' });
    const p = await call('profiles:save', { name: 'practice-2', kind: 'practice', baseUrl: 'practice', gstin: '29ABCDE1234F1ZW', clientId: 'AAPRC02TXPABCDE', userName: 'practice_ka' });
    expect(p.hasKeys).toBe(true);
  });

  it('imports a real 2048-bit key and certificate and shows only public facts', async () => {
    const id = makeSigningIdentity('Test NIC signing');
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const view = await call('profiles:importKeys', { name: 'nic-test', encryptionKeyPem: keyPem, signingCertPem: id.certPem });
    expect(view).toMatchObject({ hasKeys: true, encryptionKeyImported: true, signingCert: { subject: 'Test NIC signing', validFrom: '2020-01-01', validTo: '2040-01-01' } });
    // the thumbprint is NIC's `kid` (SHA-1 of the DER) in colon pairs
    expect(view.signingCert!.thumbprintSha1.replaceAll(':', '')).toBe(id.kid);
    const stored = core.ledger.profiles.get('nic-test')!;
    expect(stored.encryptionKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(stored.signingCertPem).toContain('BEGIN CERTIFICATE');
    // an edit of the profile keeps the keys
    expect((await call('profiles:save', { name: 'nic-test', kind: 'nic-sandbox', baseUrl: KNOWN_BASE_URLS.nicSandbox, gstin: '29ABCDE1234F1ZW', clientId: 'x', userName: 'y' })).hasKeys).toBe(true);
    // the list shows facts, never key material
    const listed = JSON.stringify(await call('profiles:list', {}));
    expect(listed).not.toContain('BEGIN');
    expect(listed).toContain(view.signingCert!.thumbprintSha1);
  });

  it('refuses a 1024-bit key, garbage, swapped files and an expired certificate, each with its own message', async () => {
    const before = core.ledger.profiles.get('nic-test')!;
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const weak = await refused('profiles:importKeys', { name: 'nic-test', encryptionKeyPem: small });
    expect(weak.code).toBe('ENCRYPTION_KEY_INVALID');
    expect(weak.message).toContain('1024-bit RSA key');

    const garbage = await refused('profiles:importKeys', { name: 'nic-test', encryptionKeyPem: 'hello, this is not a key' });
    expect(garbage.code).toBe('ENCRYPTION_KEY_INVALID');
    expect(garbage.message).toContain('not a PEM file');
    expect((await refused('profiles:importKeys', { name: 'nic-test', signingCertPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' })).message).toContain('damaged');

    const cert = makeSigningIdentity().certPem;
    const swapped = await refused('profiles:importKeys', { name: 'nic-test', encryptionKeyPem: cert });
    expect(swapped.message).toContain('is a certificate');
    expect((await refused('profiles:importKeys', { name: 'nic-test', signingCertPem: small })).message).toContain('bare public key');

    const expired = await refused('profiles:importKeys', { name: 'nic-test', signingCertPem: expiredCertificate() });
    expect(expired.code).toBe('SIGNING_CERT_EXPIRED');
    expect(expired.message).toContain('expired on 01/01/2021');

    expect((await refused('profiles:importKeys', { name: 'nic-test' })).code).toBe('KEYS_MISSING');
    expect((await refused('profiles:importKeys', { name: 'nobody', encryptionKeyPem: small })).code).toBe('PROFILE_NOT_FOUND');
    // nothing stored by the refusals
    const after = core.ledger.profiles.get('nic-test')!;
    expect([after.encryptionKeyPem, after.signingCertPem]).toEqual([before.encryptionKeyPem, before.signingCertPem]);
  });

  it('the CLI uses the same checks: a 1024-bit key file is refused with its path', async () => {
    const data = join(dir, 'cli');
    const keyFile = join(dir, 'weak.pem');
    writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const certFile = join(dir, 'cert.pem');
    writeFileSync(certFile, makeSigningIdentity().certPem);
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), stdin: process.stdin, env: {}, now: () => new Date() };
    const code = await runCli(['profile', 'add', 'nic', '--endpoint', KNOWN_BASE_URLS.nicSandbox, '--gstin', '29ABCDE1234F1ZW', '--client-id', 'c', '--user', 'u', '--encryption-key', keyFile, '--signing-cert', certFile, '--data', data], io);
    expect(code).toBe(1);
    expect(out.join('\n')).toContain(`the encryption key file ${keyFile} is a 1024-bit RSA key`);
    const insecure: string[] = [];
    expect(await runCli(['profile', 'add', 'nic', '--endpoint', 'http://einv-apisandbox.nic.in', '--gstin', '29ABCDE1234F1ZW', '--client-id', 'c', '--user', 'u', '--data', data], { ...io, out: (s: string) => insecure.push(s), err: (s: string) => insecure.push(s) })).toBe(2);
    expect(insecure.join('\n')).toContain('must use https://');
  });
});

describe('what the Settings screen derives', () => {
  it('offers NIC\'s documented base URLs, each one the core accepts for its kind and recognises', () => {
    const https = ENDPOINT_CHOICES.filter((c) => c.baseUrl.startsWith('https://'));
    expect(https.map((c) => c.baseUrl)).toEqual([KNOWN_BASE_URLS.nicSandbox, KNOWN_BASE_URLS.nicProductionIrp1, KNOWN_BASE_URLS.nicProductionIrp2]);
    for (const c of https) {
      expect(checkBaseUrl(c.kind, c.baseUrl)).toBe(c.baseUrl);
      expect(guessKind(c.baseUrl)).toBe(c.kind);
    }
  });

  it('maps AATO bands to figures on the right side of every rule threshold', () => {
    expect(AATO_BANDS.map((b) => bandOf(b.crore))).toEqual(AATO_BANDS.map((b) => b.id));
    expect([bandOf(undefined), bandOf(4.99), bandOf(5), bandOf(9.9), bandOf(10), bandOf(750)]).toEqual(['', 'lt5', '5-10', '5-10', '10-20', 'ge500']);
    expect(croreFor('5-10', 7.5)).toBe(7.5);
    expect(croreFor('10-20', 7.5)).toBe(10);
    expect(croreFor('', 7.5)).toBeUndefined();
    expect(bandImplication('lt5', '2026-11-21')).toContain('not mandatory');
    expect(bandImplication('5-10', '2026-11-21')).toBe('6-digit HSN codes are required; no 30-day reporting limit.');
    expect(bandImplication('10-20', '2026-11-21')).toContain('within 30 days of their date (since 01/04/2025)');
    expect(bandImplication('10-20', '2025-01-10')).toContain('from 01/04/2025');
    expect(bandImplication('100-500', '2026-11-21')).toContain('since 01/11/2023');
    expect(bandImplication('ge500', '2026-11-21')).toContain('dynamic (UPI) payment QR');
  });
});

/** A self-signed RSA-2048 certificate that ran out on 01/01/2021 (IST). */
function expiredCertificate(): string {
  return selfSignedPem(rsaPair(), { commonName: 'Old IRP signing', serial: '02', notBefore: new Date('2019-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
}

describe('deleting a profile', () => {
  it('refuses a profile a business uses, naming the business', async () => {
    const e = await refused('profiles:delete', { name: 'practice' });
    expect(e.code).toBe('PROFILE_IN_USE');
    expect(e.message).toContain('29ABCDE1234F1ZW');
    expect(core.ledger.profiles.get('practice')).toBeDefined();
  });

  it('removes an unused profile with its vault entries, and journals it', async () => {
    await call('profiles:save', { name: 'spare', kind: 'nic-sandbox', baseUrl: KNOWN_BASE_URLS.nicSandboxIrp2, gstin: '29ABCDE1234F1ZW', clientId: 'AAACLIENT', userName: 'spare_user' });
    await call('credentials:set', { profileName: 'spare', clientSecret: 'spare-secret-value', password: 'spare-password-value' });
    const spare = core.ledger.profiles.get('spare')!;
    const account = (kind: 'client-secret' | 'password') => boundAccount('spare', bindingOf(spare), kind);
    expect(await core.vault.get(account('client-secret'))).toBe('spare-secret-value');
    const r = await call('profiles:delete', { name: 'spare' });
    expect(r).toEqual({ name: 'spare', credentialsRemoved: true });
    expect(core.ledger.profiles.get('spare')).toBeUndefined();
    expect(await core.vault.get(account('client-secret'))).toBeUndefined();
    expect(await core.vault.get(account('password'))).toBeUndefined();
    expect(core.ledger.journal.recent(3)).toContainEqual(expect.objectContaining({ kind: 'profile.deleted', details: { profile: 'spare' } }));
    expect((await refused('profiles:delete', { name: 'spare' })).code).toBe('LEDGER_NOT_FOUND');
  });
});
