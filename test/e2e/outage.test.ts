/**
 * The IRP goes down: registering from the list (multi-select) leaves the invoice queued, a banner
 * says so with the queued count; when the IRP is back, the host's retry loop registers it without
 * anyone clicking again and the banner goes away.
 */
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

test('IRP down: queued with a banner, registered automatically when it is back', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { profiles } = await api<{ profiles: Array<{ name: string; baseUrl: string }> }>(request, 'profiles:list', {});
  const irpUrl = profiles.find((p) => p.name === 'practice')!.baseUrl;
  const { businesses } = await api<{ businesses: Array<{ id: number }> }>(request, 'businesses:list', {});
  const draft = {
    docType: 'INV', docNo: 'OUT/0001', docDate: todayIst(), supplyType: 'B2B', seller: {},
    buyer: { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Plot 4', Loc: 'Mumbai', Pin: 400001, Stcd: '27' },
    lines: [{ description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, qtyMilli: 2000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 }],
  };
  const saved = await api<{ errors: unknown[] }>(request, 'invoices:save', { businessId: businesses[0]!.id, draft });
  expect(saved.errors).toEqual([]);

  expect((await request.post(`${irpUrl}/sandbox/faults`, { data: { down: true } })).ok()).toBe(true);
  try {
    await page.goto(`/#token=${TOKEN}`);
    await page.getByRole('button', { name: 'Invoices', exact: true }).click(); // the dashboard opens first
    await page.getByRole('radio', { name: 'Drafts', exact: true }).click();
    await page.getByLabel('Search invoices').fill('OUT/0001');
    const row = page.locator('.grid-row').filter({ hasText: 'OUT/0001' });
    await expect(row).toContainText('Draft');
    await page.getByLabel('Select OUT/0001').check();
    await page.getByRole('button', { name: 'Register 1 selected' }).click();
    await expect(page.getByText('1 of 1 could not be registered now')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('radio', { name: 'Queued', exact: true }).click();
    await expect(row).toContainText('Queued');
    const banner = page.getByTestId('banner-irp-down');
    await expect(banner).toContainText('1 invoice is waiting and will be sent automatically', { timeout: 20_000 });
    await expect(banner).toContainText(/next try at \d{2}:\d{2}:\d{2}\./);
    // what went wrong in words, never the client's code ("Last error code: HTTP")
    await expect(banner).toContainText(/The IRP \(the government's e-invoice system\) is not answering right now: /);
    await expect(banner).not.toContainText(/error code|HTTP\b|TIMEOUT|CONNECTION_/);
    await shot(page, '30-irp-down-banner');

    // Activity: the queued count, when the retry is due, and the failed attempt under "Failed"
    await page.getByRole('button', { name: 'Activity' }).click();
    await expect(page.getByTestId('health-queued')).toHaveText('1');
    await expect(page.getByTestId('health-next-retry')).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.getByRole('combobox', { name: 'What happened' }).selectOption({ label: 'Registrations' });
    await page.getByRole('button', { name: 'Failed', exact: true }).click();
    await expect(page.locator('.journal li').first()).toContainText(/^.*Invoice OUT\/0001 could not be registered now \(.+\); it will be tried again at \d{2}:\d{2}:\d{2}\./);
    await expect(page.locator('.journal li', { hasText: 'saved as a draft' })).toHaveCount(0);
    await shot(page, '32-activity-irp-down');
    await page.getByRole('button', { name: 'Invoices' }).click();
  } finally {
    await request.delete(`${irpUrl}/sandbox/faults`);
  }

  // backoff 30 s after the first failure, then the host's retry loop (every 10 s) sends it
  await page.getByRole('radio', { name: 'All', exact: true }).click();
  await expect(page.locator('.grid-row').filter({ hasText: 'OUT/0001' })).toContainText('Registered', { timeout: 80_000 });
  await expect(page.getByTestId('banner-irp-down')).toHaveCount(0, { timeout: 20_000 });
  await shot(page, '31-irp-back-registered');
});
