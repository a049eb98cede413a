/**
 * Settings: add a business, set an endpoint profile's credentials through the write-only form
 * (the page never shows them again, and no API answer carries them), then register with them.
 */
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

test('add a business and set credentials (write-only), then register with them', async ({ page, request }) => {
  const { profiles } = await api<{ profiles: Array<{ name: string; baseUrl: string }> }>(request, 'profiles:list', {});
  const irpUrl = profiles.find((p) => p.name === 'practice')!.baseUrl;
  // the practice IRP publishes its practice API users (they protect nothing)
  const accounts = (await (await request.get(`${irpUrl}/sandbox/accounts`)).json()) as Array<{ userName: string; clientSecret: string; password: string }>;
  const ka = accounts.find((a) => a.userName === 'practice_ka')!;

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add business' }).click();
  await page.getByLabel('GSTIN').fill('07AABCE2222H1C0');
  await page.getByLabel('Legal name').fill('Delhi Stationers LLP');
  await page.getByLabel('Address').fill('14 Chandni Chowk');
  await page.getByLabel('City').fill('New Delhi');
  await page.getByLabel('PIN').fill('110006');
  await page.getByRole('combobox', { name: /^State/ }).selectOption('07');
  await page.getByRole('button', { name: 'Save business' }).click();
  await expect(page.getByRole('status')).toHaveText('Business saved.');
  await expect(page.locator('table.plain').first()).toContainText('Delhi Stationers LLP');

  await page.getByLabel('Client secret for practice').fill(ka.clientSecret);
  await page.getByLabel('API password for practice').fill(ka.password);
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByRole('status')).toContainText('Credentials for practice saved');
  await expect(page.getByTestId('credentials-practice')).toHaveText('set');
  await expect(page.getByLabel('Client secret for practice')).toHaveValue('');
  const html = await page.content();
  expect(html).not.toContain(ka.clientSecret);
  expect(html).not.toContain(ka.password);
  expect(JSON.stringify(await api(request, 'profiles:list', {}))).not.toContain(ka.clientSecret);
  await shot(page, '40-settings-business-credentials');

  // the credentials work: a registration with them succeeds
  const { businesses } = await api<{ businesses: Array<{ id: number; gstin: string }> }>(request, 'businesses:list', {});
  const seller = businesses.find((b) => b.gstin === '29ABCDE1234F1ZW')!;
  const draft = {
    docType: 'INV', docNo: 'SET/0001', docDate: todayIst(), supplyType: 'B2B', seller: {},
    buyer: { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Station Road', Loc: 'Mumbai', Pin: 400001, Stcd: '27' },
    lines: [{ description: 'Management consulting', hsn: '998311', isService: true, qtyMilli: 1000, unitPricePaise: 1_000_000, gstRate: 18 }],
  };
  const saved = await api<{ invoice: { id: number } }>(request, 'invoices:save', { businessId: seller.id, draft });
  const { outcomes } = await api<{ outcomes: Array<{ status: string }> }>(request, 'invoices:register', { ids: [saved.invoice.id] });
  expect(outcomes[0]!.status).toBe('registered');
});
