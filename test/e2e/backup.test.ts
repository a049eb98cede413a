/**
 * Settings → Data: back up the ledger, register another invoice, restore the earlier backup. The
 * core refuses first (the backup lacks that invoice's IRN) and the page lists its number; "Restore
 * anyway" swaps the ledger under the running host; the invoice list no longer shows it and the
 * safety backup (which still has it) is listed.
 */
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

async function register(request: Parameters<typeof api>[0], docNo: string): Promise<string> {
  const { businesses } = await api<{ businesses: Array<{ id: number; gstin: string }> }>(request, 'businesses:list', {});
  const seller = businesses.find((b) => b.gstin === '29ABCDE1234F1ZW')!;
  const draft = {
    docType: 'INV', docNo, docDate: todayIst(), supplyType: 'B2B', seller: {},
    buyer: { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Station Road', Loc: 'Mumbai', Pin: 400001, Stcd: '27' },
    lines: [{ description: 'Management consulting', hsn: '998311', isService: true, qtyMilli: 1000, unitPricePaise: 1_000_000, gstRate: 18 }],
  };
  const saved = await api<{ invoice: { id: number } }>(request, 'invoices:save', { businessId: seller.id, draft });
  const { outcomes } = await api<{ outcomes: Array<{ status: string; irn?: string }> }>(request, 'invoices:register', { ids: [saved.invoice.id] });
  expect(outcomes[0]!.status).toBe('registered');
  return outcomes[0]!.irn!;
}

test('back up, register, restore the earlier backup past the IRN-loss warning', async ({ page, request }) => {
  await register(request, 'BK/0001');
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Data' })).toBeVisible();
  await expect(page.getByTestId('ledger-facts')).toContainText('1 invoice · 1 IRN');
  await expect(page.getByText('No backups yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  // copied and checked in a worker thread: the page shows how far it is, and stays usable
  await expect(page.getByTestId('data-progress')).toContainText(/Backing up: (copying|checking)/);
  await expect(page.getByTestId('data-message')).toContainText(/Backup saved and verified: ledger-\d{8}-\d{6}\.sqlite/);
  await expect(page.getByTestId('data-progress')).toHaveCount(0);
  const rows = page.locator('table.data-backups tbody tr');
  await expect(rows).toHaveCount(1);
  const backupName = (await rows.first().locator('td.mono').innerText()).trim();
  expect(backupName).toMatch(/^ledger-\d{8}-\d{6}\.sqlite$/);
  // dd/mm/yyyy hh:mm, 1 invoice, 1 IRN
  await expect(rows.first()).toContainText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  await expect(rows.first().locator('td.num').nth(1)).toHaveText('1');
  await expect(rows.first().locator('td.num').nth(2)).toHaveText('1');

  // a later registration: the backup does not have it (the facts follow the ledger:changed event)
  await register(request, 'BK/0002');
  await expect(page.getByTestId('ledger-facts')).toContainText('2 invoices · 2 IRNs');

  // restore: confirmed inline, from the keyboard (the confirm button takes the focus)
  await page.getByRole('button', { name: `Restore ${backupName}…` }).click();
  const confirm = page.getByRole('button', { name: `Restore ${backupName}`, exact: true });
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Restore ${backupName}…` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Enter');

  const warning = page.getByTestId('restore-loss');
  await expect(warning).toContainText('does not have 1 registered invoice');
  await expect(warning.locator('li')).toHaveText(['BK/0002']);
  // the safe choice has the focus; nothing changed yet
  await expect(page.getByRole('button', { name: 'Keep the current ledger' })).toBeFocused();
  await expect(page.getByTestId('ledger-facts')).toContainText('2 IRNs');
  await shot(page, '15-settings-data');

  await page.getByRole('button', { name: 'Restore anyway (the current ledger is kept as a safety backup)' }).click();
  await expect(page.getByTestId('data-message')).toContainText(`Restored ${backupName}: 1 invoice, 1 IRN. The ledger as it was is kept as ledger-before-restore-`);
  await expect(page.getByTestId('ledger-facts')).toContainText('1 invoice · 1 IRN');
  await expect(rows).toHaveCount(2);
  const safety = rows.filter({ hasText: 'safety copy before a restore' });
  await expect(safety).toHaveCount(1);
  await expect(safety.locator('td.num').nth(2)).toHaveText('2');
  await shot(page, '16-settings-data-restored');

  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await expect(page.getByText('BK/0001')).toBeVisible();
  await expect(page.getByText('BK/0002')).toHaveCount(0);

  // the running host registers on the restored ledger
  await register(request, 'BK/0003');
  await expect(page.getByText('BK/0003')).toBeVisible();
});
