/**
 * E-way bill by IRN from the invoice detail: distance 0 (the IRP computes PIN to PIN), road
 * transport with a vehicle; the bill appears with its validity, and the form goes away.
 */
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

test('raise an e-way bill for a registered invoice', async ({ page, request }) => {
  const { businesses } = await api<{ businesses: Array<{ id: number }> }>(request, 'businesses:list', {});
  const draft = {
    docType: 'INV', docNo: 'EWB/0001', docDate: todayIst(), supplyType: 'B2B', seller: {},
    buyer: { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Plot 4', Loc: 'Mumbai', Pin: 400001, Stcd: '27' },
    lines: [{ description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, qtyMilli: 40_000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 }],
  };
  const saved = await api<{ invoice: { id: number }; errors: unknown[] }>(request, 'invoices:save', { businessId: businesses[0]!.id, draft });
  expect(saved.errors).toEqual([]);
  const { outcomes } = await api<{ outcomes: Array<{ status: string }> }>(request, 'invoices:register', { ids: [saved.invoice.id] });
  expect(outcomes[0]!.status).toBe('registered');

  await page.goto(`/#token=${TOKEN}`);
  await page.getByLabel('Search invoices').fill('EWB/0001');
  await page.locator('.grid-row').filter({ hasText: 'EWB/0001' }).getByText('EWB/0001').click();
  await expect(page.getByRole('heading', { name: 'E-way bill' })).toBeVisible();
  await page.getByPlaceholder('KA01AB1234').fill('ka01ab1234');
  await page.getByRole('button', { name: 'Raise e-way bill' }).click();
  // the bill takes the form's place: its number, date and validity (ending 23:59, §9.3)
  const row = page.locator('table.plain').filter({ hasText: 'EWB No' }).locator('tbody tr');
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row).toContainText(/^\d{12}/);
  await expect(row).toContainText(/\d{2}\/\d{2}\/\d{4} 23:59:00/);
  await expect(row).toContainText('Active');
  await expect(page.getByRole('button', { name: 'Raise e-way bill' })).toHaveCount(0);
  // an active e-way bill blocks cancelling the IRN (2230): the page says so instead of offering it
  await expect(page.getByTestId('cancel-blocked')).toContainText('cancel the e-way bill first');
  await expect(page.getByRole('button', { name: 'Cancel IRN' })).toHaveCount(0);
  await shot(page, '12-detail-ewaybill');

  const detail = await api<{ ewaybills: Array<{ ewbNo: string; status: string; validTill?: string }> }>(request, 'invoices:get', { id: saved.invoice.id });
  expect(detail.ewaybills).toHaveLength(1);
  expect(detail.ewaybills[0]).toMatchObject({ status: 'ACT' });
  expect(detail.ewaybills[0]!.validTill).toMatch(/23:59:00$/);
});
