/**
 * NIC's bundled sandbox keys in the app (issue 16 item 4, and issue 12's TODO on the portal
 * results import): a real NIC sandbox result (team kit tokens) is flagged PORTAL_SANDBOX for a
 * business that does not register with NIC's sandbox, and recorded for one whose profile is NIC
 * sandbox; the invoice detail then says who signed the QR by verify-qr's rule: sandbox and practice
 * are test documents (never green), a production profile's certificate is "verified".
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../../electron/app/app-core';
import { invoiceHandlers } from '../../electron/app/handlers/invoices.handlers';
import type { HandlerContext } from '../../electron/app/handlers';
import { importPortalResults } from '../../electron/app/portal/results-import';
import { registrationSigner } from '../../electron/app/signers';
import { loadOrCreateKeys } from '../../electron/sandbox/keys';
import { MemorySecretStore } from '../../electron/vault';
import type { Invoice } from '../../shared/einvoice/schema';
import { makeSigningIdentity, signNicToken } from '../support/signed-fixtures';

interface KitToken { exchange: string; field: 'SignedInvoice' | 'SignedQRCode'; irn: string; token: string }
const kit = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'nic-sandbox-tokens.json'), 'utf8')) as { tokens: KitToken[] };
const tokenOf = (exchange: string, field: KitToken['field']) => kit.tokens.find((t) => t.exchange === exchange && t.field === field)!.token;
const dataOf = (token: string) => JSON.parse((JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { data: string }).data) as Record<string, unknown>;

/** NIC's sandbox answer for one exchange, as a portal results row (the importer reads the identity from the signed QR). */
function resultRow(exchange: string): Record<string, unknown> {
  const signedInvoice = tokenOf(exchange, 'SignedInvoice');
  const { AckNo, AckDt, Irn } = dataOf(signedInvoice);
  return { AckNo, AckDt, Irn, Status: 'ACT', SignedInvoice: signedInvoice, SignedQRCode: tokenOf(exchange, 'SignedQRCode') };
}

/** The draft as NIC signed it: the signed invoice's data without what the IRP added. */
function draftOf(exchange: string): Invoice {
  const { AckNo: _n, AckDt: _d, Irn: _i, ...invoice } = dataOf(tokenOf(exchange, 'SignedInvoice'));
  return invoice as unknown as Invoice;
}

const SELLER = '01AMBPG7773M002'; // the seller GSTIN inside the kit's 2022 sandbox tokens
const dir = mkdtempSync(join(tmpdir(), 'einvoice-nic-portal-'));
let core: AppCore;
let businessId: number;

beforeAll(async () => {
  core = await openAppCore({ dataDir: dir, env: {}, vault: new MemorySecretStore() });
  businessId = core.ledger.businesses.create({ gstin: SELLER, legalName: '_Test Indian Registered Company', address1: 'Test Address - 1', location: 'Test City', pin: 193501, stateCode: '01' }).id;
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = () => ({ core, emit: () => undefined, practice: true, version: 'test' }) as HandlerContext;

describe('portal results signed by NIC\'s sandbox', () => {
  it('are flagged PORTAL_SANDBOX for a business with no NIC sandbox profile, recorded for one with it', async () => {
    const id = core.engine.ingest(draftOf('goods_item_with_ewaybill'), businessId).id;
    const file = Buffer.from(JSON.stringify([resultRow('goods_item_with_ewaybill')]));

    // a portal-only business (no profile): a sandbox registration must not turn its draft into "registered"
    const refused = await importPortalResults(core, file, 'results.json');
    expect(refused).toMatchObject({ matched: 1, recorded: 0, flagged: 1 });
    expect(refused.rows[0]).toMatchObject({ outcome: 'flagged', code: 'PORTAL_SANDBOX' });
    expect(refused.rows[0]!.reasons?.[0]).toMatch(/signed by NIC's sandbox \(test system, NIC sandbox \(2022\)\): a sandbox registration is not a real e-invoice/);
    expect(core.ledger.registrations.forInvoice(id)).toBeUndefined();

    // the same business registering with NIC's sandbox: the bundled sandbox key verifies it, and it is recorded
    core.ledger.profiles.save({ name: 'nic-sandbox', kind: 'nic-sandbox', baseUrl: 'https://einv-apisandbox.nic.in', gstin: SELLER, clientId: 'AAACL07TXPSP0T1', userName: 'sandbox_user' });
    core.ledger.businesses.update(businessId, { ...core.ledger.businesses.get(businessId)!, profileName: 'nic-sandbox' });
    const recorded = await importPortalResults(core, file, 'results.json');
    expect(recorded.rows[0]).toMatchObject({ outcome: 'recorded' });
    const reg = core.ledger.registrations.forInvoice(id)!;
    expect(reg).toMatchObject({ irn: dataOf(tokenOf('goods_item_with_ewaybill', 'SignedQRCode')).Irn, signatureVerified: true });

    // the detail: checked, and called a test document
    const view = await invoiceHandlers['invoices:get']({ id }, ctx());
    expect(view.registration?.signer).toEqual({
      standing: 'sandbox',
      text: 'Signed by NIC\'s sandbox (test system): not a real e-invoice. The signature holds with NIC sandbox (2022), a public key whose validity period is unknown (no certificate), but a sandbox QR proves nothing to a buyer or a tax officer.',
    });
  });
});

describe('who signed a registration, as the detail shows it', () => {
  it('practice IRP: a practice document; a production profile\'s certificate: verified; unknown now: verified on receipt', async () => {
    const qr = JSON.stringify({ SellerGstin: SELLER, BuyerGstin: '36AMBPG7773M002', DocNo: 'P/1', DocTyp: 'INV', DocDt: '01/11/2026', TotInvVal: 100, ItemCnt: 1, MainHsnCode: '61149090', Irn: 'b'.repeat(64), IrnDt: '2026-11-01 10:00:00' });
    // the embedded practice IRP's keys, where the app makes them
    mkdirSync(core.paths.practiceIrp, { recursive: true });
    const keys = loadOrCreateKeys(core.paths.practiceIrp);
    const practiceQr = await signNicToken({ privateKey: keys.signingKey, certPem: keys.signingCertificatePem, kid: keys.kid, x5t: keys.x5t }, qr);
    expect(await registrationSigner(core, { signedQrCode: practiceQr, signatureVerified: true })).toEqual({ standing: 'practice', text: 'Signed by the practice IRP on this computer: a practice document, not a real e-invoice.' });

    const nic = makeSigningIdentity('NIC production stand-in');
    core.ledger.profiles.save({ name: 'prod', kind: 'nic-production', baseUrl: 'https://api.einvoice1.gst.gov.in', gstin: SELLER, clientId: 'x', userName: 'y', signingCertPem: nic.certPem });
    const prodQr = await signNicToken(nic, qr, 'NIC');
    expect(await registrationSigner(core, { signedQrCode: prodQr, signatureVerified: true })).toEqual({ standing: 'real', text: 'Verified: signed by the signing certificate of profile "prod"' });
    // changed after signing: never verified
    const changed = await registrationSigner(core, { signedQrCode: `${prodQr.split('.')[0]}.${Buffer.from(JSON.stringify({ data: qr.replace('"TotInvVal":100', '"TotInvVal":1'), iss: 'NIC' })).toString('base64url')}.${prodQr.split('.')[2]}`, signatureVerified: true });
    expect(changed.standing).toBe('invalid');

    // verified when received, against a certificate this install no longer has: said so, not green
    const gone = makeSigningIdentity('A GSP certificate since replaced');
    const goneQr = await signNicToken(gone, qr);
    expect((await registrationSigner(core, { signedQrCode: goneQr, signatureVerified: true })).standing).toBe('received');
    expect(await registrationSigner(core, { signedQrCode: goneQr, signatureVerified: false })).toEqual({ standing: 'not-checked', text: 'Not verified: the IRP signature on this QR was not checked.' });
  });
});
