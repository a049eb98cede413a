/**
 * 10,000 seeded invoices: the list scrolls to the end through keyset pages while only a window of
 * rows exists in the page, search and status filters answer with the right counts and totals.
 * The seed goes straight into this test's host's ledger file (SQLite WAL allows a second writer
 * connection); the host learns of the rows when the list asks.
 */
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openLedger } from '../../electron/ledger';
import { formatInr } from '../../shared/money';
import { shot, TOKEN } from './support';

const COUNT = 10_000;
const CITIES = ['Nagpur', 'Pune', 'Surat', 'Indore', 'Kochi', 'Mysuru', 'Madurai', 'Nashik', 'Rajkot', 'Vadodara'];

function seed(dataDir: string): { seconds: number; rejected: number; nagpurTotal: number } {
  const ledger = openLedger(join(dataDir, 'ledger.sqlite'));
  const started = performance.now();
  let rejected = 0;
  let nagpurTotal = 0;
  try {
    const businessId = ledger.businesses.list()[0]!.id;
    ledger.transaction(() => {
      for (let i = 1; i <= COUNT; i += 1) {
        const city = CITIES[i % CITIES.length]!;
        const totalPaise = 100_00 + ((i * 7919) % 5_000_000);
        const day = 1 + (i % 20);
        const inv = ledger.invoices.saveDraft({
          businessId,
          docType: 'INV',
          docNo: `SEED/${String(i).padStart(5, '0')}`,
          docDate: `2026-11-${String(day).padStart(2, '0')}`,
          buyerGstin: '27AADCP1234M1ZD',
          buyerName: `${city} Wholesale Traders`,
          totalPaise,
          draft: null,
        });
        if (city === 'Nagpur') nagpurTotal += totalPaise;
        if (i % 10 === 3) {
          ledger.invoices.setStatus(inv.id, 'rejected', { errors: [{ code: '2176', path: 'ItemList[0].HsnCd', message: 'Invalid HSN code' }] });
          rejected += 1;
        }
      }
    });
  } finally {
    ledger.close();
  }
  return { seconds: (performance.now() - started) / 1000, rejected, nagpurTotal };
}

test('10,000 invoices scroll, search and filter', async ({ page, host }) => {
  test.setTimeout(120_000);
  const seeded = seed(host.dataDir);
  console.log(`seeded ${COUNT} invoices in ${seeded.seconds.toFixed(2)} s`);

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Invoices', exact: true }).click(); // the dashboard opens first
  const totals = page.getByTestId('list-totals');
  const search = page.getByLabel('Search invoices');
  await search.fill('SEED');
  await expect(totals).toContainText('10,000 invoices');
  await shot(page, '20-list-10k');

  // Scroll to the very end: pages of 200 load as the window nears the end of what is loaded.
  const started = Date.now();
  const oldest = page.locator('.grid-row').filter({ hasText: 'SEED/00020' });
  while (!(await oldest.isVisible())) {
    await page.evaluate('document.querySelector(\'[data-testid="invoice-rows"]\').scrollTo(0, 1e9)');
    await page.waitForTimeout(30);
    expect(Date.now() - started, 'scrolling to the end took too long').toBeLessThan(60_000);
  }
  console.log(`scrolled to the end of 10,000 rows in ${Date.now() - started} ms`);
  // virtualised: only a window of rows is in the DOM
  expect(await page.locator('.grid-row').count()).toBeLessThan(120);
  await shot(page, '21-list-10k-end');

  await search.fill('Nagpur');
  await expect(totals).toHaveText(`1,000 invoices · ${formatInr(seeded.nagpurTotal)}`);
  await expect(page.locator('.grid-row').first()).toContainText('Nagpur Wholesale Traders');

  // document dates 1-20 November, 500 invoices a day
  await search.fill('SEED');
  // dates are typed as written, day first
  await page.getByRole('textbox', { name: 'From date' }).fill('05/11/2026');
  await page.getByRole('textbox', { name: 'To date' }).fill('6-11-2026');
  await expect(totals).toContainText('1,000 invoices');
  await page.getByRole('button', { name: 'Clear From date' }).click();
  await page.getByRole('button', { name: 'Clear To date' }).click();
  await expect(totals).toContainText('10,000 invoices');

  await page.getByRole('radio', { name: 'Rejected', exact: true }).click();
  await expect(totals).toContainText(`${seeded.rejected.toLocaleString('en-IN')} invoices`);
  await expect(page.locator('.grid-row').first()).toContainText('Rejected');
  await shot(page, '22-list-10k-rejected');
});
