/**
 * The invoice detail says who signed the QR by verify-qr's rule (issue 16 item 4): a QR signed by
 * NIC's sandbox (the team kit's real token, checked with the bundled sandbox key) is a test
 * document in amber, never green; one signed with a production profile's certificate is
 * "Verified" in green. Both registrations go straight into this test's host's ledger (a second
 * connection, as list-10k does), so the test needs no IRP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger } from '../../electron/ledger';
import { makeSigningIdentity, signNicToken } from '../support/signed-fixtures';
import { expect, test } from './fixtures';
import { shot, TOKEN } from './support';

interface KitToken { exchange: string; field: string; token: string }
const kit = JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'nic-sandbox-tokens.json'), 'utf8')) as { tokens: KitToken[] };
const token = (field: string) => kit.tokens.find((t) => t.exchange === 'goods_item_with_ewaybill' && t.field === field)!.token;
const dataOf = (jwt: string) => JSON.parse((JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { data: string }).data) as Record<string, unknown>;

async function seed(dataDir: string): Promise<void> {
  const nic = makeSigningIdentity('NIC production stand-in');
  const ledger = openLedger(join(dataDir, 'ledger.sqlite'));
  try {
    const business = ledger.businesses.list()[0]!;
    ledger.profiles.save({ name: 'prod-e2e', kind: 'nic-production', baseUrl: 'https://api.einvoice1.gst.gov.in', gstin: business.gstin, clientId: 'c', userName: 'u', signingCertPem: nic.certPem });
    const sandboxInvoice = dataOf(token('SignedInvoice'));
    const prodQr = JSON.stringify({ ...dataOf(token('SignedQRCode')), DocNo: 'PROD/0001', Irn: 'c'.repeat(64) });
    const docs = [
      { docNo: 'SBX/0001', irn: String(sandboxInvoice.Irn), signedInvoice: token('SignedInvoice'), signedQrCode: token('SignedQRCode') },
      { docNo: 'PROD/0001', irn: 'c'.repeat(64), signedInvoice: await signNicToken(nic, JSON.stringify({ ...sandboxInvoice, Irn: 'c'.repeat(64) }), 'NIC'), signedQrCode: await signNicToken(nic, prodQr, 'NIC') },
    ];
    ledger.transaction(() => {
      for (const d of docs) {
        const inv = ledger.invoices.saveDraft({ businessId: business.id, docType: 'INV', docNo: d.docNo, docDate: '2022-09-16', buyerGstin: '36AMBPG7773M002', buyerName: 'Test Registered Customer', totalPaise: 100_00, draft: null });
        ledger.invoices.setStatus(inv.id, 'draft', { payloadJson: JSON.stringify({ ...sandboxInvoice, DocDtls: { Typ: 'INV', No: d.docNo, Dt: '16/09/2022' } }) });
        ledger.registrations.insert(inv.id, { irn: d.irn, ackNo: '232210036743849', ackDt: '2022-09-16 19:29:00', signedInvoice: d.signedInvoice, signedQrCode: d.signedQrCode, signatureVerified: true });
        ledger.invoices.setStatus(inv.id, 'registered');
      }
    });
  } finally {
    ledger.close();
  }
}

test('the detail shows a sandbox-signed QR as a test document and a production one as verified', async ({ page, host }) => {
  await seed(host.dataDir);
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Invoices', exact: true }).click(); // the dashboard opens first

  await page.locator('.grid-row').filter({ hasText: 'SBX/0001' }).getByText('SBX/0001').click();
  const signature = page.getByTestId('signature');
  await expect(signature).toHaveText(/^Signed by NIC's sandbox \(test system\): not a real e-invoice\. The signature holds with NIC sandbox \(2022\), a public key whose validity period is unknown/);
  await expect(signature).toHaveAttribute('data-standing', 'sandbox');
  await expect(signature).toHaveClass(/\bwarn-text\b/);
  await expect(signature).not.toHaveClass(/\bok-text\b/);
  await shot(page, '70-detail-sandbox-signed');

  await page.getByRole('button', { name: '← Invoices' }).click();
  await page.locator('.grid-row').filter({ hasText: 'PROD/0001' }).getByText('PROD/0001').click();
  await expect(signature).toHaveText('Verified: signed by the signing certificate of profile "prod-e2e"');
  await expect(signature).toHaveClass(/\bok-text\b/);
});
