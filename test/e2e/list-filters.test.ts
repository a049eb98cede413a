/**
 * The invoice list's buyer and business filters: with two businesses and three buyers, the buyer
 * box (name words or GSTIN) and the business picker narrow the rows and the totals, together and
 * apart; clearing them brings every invoice back. Dates are typed dd/mm/yyyy.
 */
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

const KAVERI = { Gstin: '29AAACK1234A1Z5', LglNm: 'Kaveri Traders', Pos: '29', Addr1: '5 Market Road', Loc: 'Mysuru', Pin: 570001, Stcd: '29' };
const PRACTICE = { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Station Road', Loc: 'Mumbai', Pin: 400001, Stcd: '27' };
const DECCAN = { Gstin: '36AAACD5678B1Z2', LglNm: 'Deccan Agencies', Pos: '36', Addr1: '9 Abids', Loc: 'Hyderabad', Pin: 500001, Stcd: '36' };

test('filter the invoices by buyer and by business', async ({ page, request }) => {
  const delhi = await api<{ id: number }>(request, 'businesses:save', {
    gstin: '07AABCE2222H1C0', legalName: 'Delhi Stationers LLP', address1: '14 Chandni Chowk', location: 'New Delhi', pin: 110006, stateCode: '07',
  });
  const { businesses } = await api<{ businesses: Array<{ id: number; gstin: string }> }>(request, 'businesses:list', {});
  const practice = businesses.find((b) => b.id !== delhi.id)!;
  const line = { description: 'Copier paper A4', hsn: '48025690', isService: false, qtyMilli: 10_000, unit: 'BOX', unitPricePaise: 25_000, gstRate: 12 };
  const drafts: Array<[number, string, typeof KAVERI]> = [
    [practice.id, 'FLT/001', KAVERI], [practice.id, 'FLT/002', PRACTICE], [practice.id, 'FLT/003', PRACTICE], [delhi.id, 'DEL/001', PRACTICE], [delhi.id, 'DEL/002', DECCAN],
  ];
  for (const [businessId, docNo, buyer] of drafts) {
    await api(request, 'invoices:save', { businessId, draft: { docType: 'INV', docNo, docDate: todayIst(), supplyType: 'B2B', seller: {}, buyer, lines: [line] } });
  }

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Invoices', exact: true }).click(); // the dashboard opens first
  const totals = page.getByTestId('list-totals');
  const rows = page.locator('.grid-row');
  await expect(totals).toHaveText(/^5 invoices · ₹/);

  const buyer = page.getByLabel('Buyer', { exact: true });
  await buyer.fill('kaveri');
  await expect(totals).toHaveText(/^1 invoice · ₹/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('FLT/001');

  await buyer.fill('27AADCP1234M1ZD');
  await expect(totals).toHaveText(/^3 invoices · ₹/);

  const business = page.getByRole('combobox', { name: 'Business' });
  await business.selectOption({ label: 'Delhi Stationers LLP · 07AABCE2222H1C0' });
  await expect(totals).toHaveText(/^1 invoice · ₹/);
  await expect(rows.first()).toContainText('DEL/001');
  await shot(page, '16-invoices-buyer-business-filter');

  await buyer.fill('');
  await expect(totals).toHaveText(/^2 invoices · ₹/);
  await expect(rows).toHaveCount(2);
  await expect(page.locator('.grid-row', { hasText: 'FLT/' })).toHaveCount(0);

  await business.selectOption({ label: 'All businesses' });
  await expect(totals).toHaveText(/^5 invoices · ₹/);

  // dates are typed day first (4/12/2026, 04-12-2026, 04.12.26 all work); a half-typed or impossible
  // date is marked, says why, and is not applied; it is never moved to another date (issue 17)
  const from = page.getByRole('textbox', { name: 'From date' });
  await from.fill('05/11');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(totals).toHaveText(/^5 invoices · ₹/);
  await from.fill('31/02/2026');
  await from.press('Tab');
  await expect(from).toHaveValue('31/02/2026');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'There is no 31 February 2026: February 2026 has 28 days' })).toBeVisible();
  await expect(totals).toHaveText(/^5 invoices · ₹/);
  await shot(page, '16a-invoices-date-impossible');
  const [d, m, y] = todayIst().split('/').map(Number) as [number, number, number];
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1));
  await from.fill(`${tomorrow.getUTCDate()}.${tomorrow.getUTCMonth() + 1}.${String(tomorrow.getUTCFullYear()).slice(2)}`);
  await from.press('Tab');
  await expect(from).toHaveValue(`${String(tomorrow.getUTCDate()).padStart(2, '0')}/${String(tomorrow.getUTCMonth() + 1).padStart(2, '0')}/${tomorrow.getUTCFullYear()}`);
  await expect(from).not.toHaveAttribute('aria-invalid');
  await expect(totals).toHaveText('0 invoices · ₹0.00');
  await from.fill(todayIst());
  await expect(totals).toHaveText(/^5 invoices · ₹/);
  await page.getByRole('button', { name: 'Clear From date' }).click();
  await expect(from).toHaveValue('');
});
