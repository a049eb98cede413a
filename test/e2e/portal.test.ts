/**
 * The portal round trip through the UI (issue 12): a user ticks drafts on the Portal screen,
 * "Prepare portal upload" downloads the bulk-upload file, the test feeds it to the practice portal
 * (standing in for the person on the e-invoice portal), the user imports the results file, and
 * the invoice shows as registered with its signed QR; importing again records nothing new.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

test('portal round trip: prepare upload → practice portal → import results → registered with QR', async ({ page, request, host }, testInfo) => {
  const { profiles } = await api<{ profiles: Array<{ name: string; baseUrl: string }> }>(request, 'profiles:list', {});
  const irpUrl = profiles.find((p) => p.name === 'practice')!.baseUrl;
  const { businesses } = await api<{ businesses: Array<{ id: number; gstin: string }> }>(request, 'businesses:list', {});
  const business = businesses[0]!;
  for (const docNo of ['PORT/0001', 'PORT/0002']) {
    const draft = {
      docType: 'INV', docNo, docDate: todayIst(), supplyType: 'B2B', seller: {},
      buyer: { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Plot 4', Loc: 'Mumbai', Pin: 400001, Stcd: '27' },
      lines: [{ description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, qtyMilli: 2000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 }],
    };
    expect((await api<{ errors: unknown[] }>(request, 'invoices:save', { businessId: business.id, draft })).errors).toEqual([]);
  }

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Portal', exact: true }).click();
  await expect(page.getByTestId('portal-drafts')).toContainText('PORT/0002');
  await page.getByLabel('Select all drafts').check();
  await expect(page.getByTestId('portal-selected')).toHaveText('2 drafts selected');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Prepare portal upload' }).click();
  const download = await downloading;
  const uploadFile = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(uploadFile);
  const prepared = page.getByTestId('portal-prepared');
  await expect(prepared).toContainText('2 invoices prepared in 1 file');
  await expect(prepared).toContainText('e-Invoice → Bulk Upload');
  await expect(page.getByTestId('portal-practice-link')).toContainText(`${irpUrl}/portal/`);
  await shot(page, '60-portal-prepared');
  const uploaded = JSON.parse(readFileSync(uploadFile, 'utf8')) as Array<{ DocDtls: { No: string } }>;
  expect(uploaded.map((i) => i.DocDtls.No)).toEqual(['PORT/0001', 'PORT/0002']);

  // the person on the portal: upload the file, download the JSON results
  const up = await request.post(`${irpUrl}/portal/bulk-upload?gstin=${business.gstin}&fileName=${download.suggestedFilename()}`, { data: readFileSync(uploadFile) });
  expect(up.ok()).toBe(true);
  const summary = (await up.json()) as { generated: number; downloads: { json: string } };
  expect(summary.generated).toBe(2);
  const resultsFile = join(testInfo.outputDir, 'portal-results.json');
  writeFileSync(resultsFile, await (await request.get(`${irpUrl}${summary.downloads.json}`)).body());

  await page.getByTestId('portal-results-input').setInputFiles(resultsFile);
  const imported = page.getByTestId('portal-imported');
  await expect(imported).toContainText('2 invoices recorded as registered, 0 already recorded, 0 unknown, 0 flagged, 0 rejected');
  await expect(page.getByTestId('portal-no-drafts')).toBeVisible();
  await shot(page, '61-portal-imported');

  // the invoice shows as registered with the QR the portal's result carries
  await page.getByTestId('portal-row-PORT/0001').getByRole('button', { name: 'INV PORT/0001' }).click();
  await expect(page.getByText('Registered').first()).toBeVisible();
  await expect(page.getByTestId('irn-qr')).toBeVisible();
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Array<{ DocNo: string; Irn: string; SignedQRCode: string }>;
  const list = await api<{ rows: Array<{ id: number; docNo: string; irn?: string; status: string }> }>(request, 'invoices:list', { search: 'PORT' });
  const row = list.rows.find((r) => r.docNo === 'PORT/0001')!;
  expect(row).toMatchObject({ status: 'registered', irn: results.find((r) => r.DocNo === 'PORT/0001')!.Irn });
  const detail = await api<{ registration: { signedQrCode: string; signatureVerified: boolean } }>(request, 'invoices:get', { id: row.id });
  expect(detail.registration).toMatchObject({ signedQrCode: results.find((r) => r.DocNo === 'PORT/0001')!.SignedQRCode, signatureVerified: true });
  await expect(page.getByTestId('irn')).toHaveText(results.find((r) => r.DocNo === 'PORT/0001')!.Irn);
  await shot(page, '62-portal-detail-registered');

  // the same file again: nothing new
  await page.getByRole('button', { name: 'Portal', exact: true }).click();
  await page.getByTestId('portal-results-input').setInputFiles(resultsFile);
  await expect(page.getByTestId('portal-imported')).toContainText('0 invoices recorded as registered, 2 already recorded');
  expect(host.output()).not.toMatch(/Practice@\d|Pr4ct1ceS3cret/);
});
