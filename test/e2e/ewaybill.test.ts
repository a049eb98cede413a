/**
 * E-way bill by IRN from the invoice detail (issue 17 item 8): the distance shown with the PIN-to-PIN
 * estimate (0: the IRP computes it), road transport with a vehicle; the bill appears with its
 * validity and distance and the form goes away; the list and the detail say the IRN cannot be
 * cancelled while it is active; Part-B (a new vehicle after a breakdown), the printable e-way bill,
 * and cancelling it behind a confirmation, after which the IRN can be cancelled again.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  await page.getByRole('button', { name: 'Invoices', exact: true }).click(); // the dashboard opens first
  await page.getByLabel('Search invoices').fill('EWB/0001');
  await page.locator('.grid-row').filter({ hasText: 'EWB/0001' }).getByText('EWB/0001').click();
  await expect(page.getByRole('heading', { name: 'Raise an e-way bill' })).toBeVisible();
  // the distance field starts at 0 and says what the IRP will compute (Bengaluru 560001 → Mumbai 400001)
  await expect(page.getByLabel('Distance (km)')).toHaveValue('0');
  await expect(page.getByTestId('ewb-estimate')).toContainText(/about \d{3,4} km from 560001 to 400001/);
  const estimate = Number((await page.getByTestId('ewb-estimate').textContent())!.match(/about (\d+) km/)![1]);
  await page.getByPlaceholder('KA01AB1234').fill('ka01ab1234');
  await page.getByRole('button', { name: 'Raise e-way bill' }).click();
  // the bill takes the form's place: its number, date and validity (ending 23:59, §9.3)
  const row = page.locator('.ewb-card');
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await expect(row.getByRole('heading')).toContainText(/E-way bill \d{12} Active/);
  await expect(row.getByTestId('ewb-valid-till')).toHaveText(/\d{2}\/\d{2}\/\d{4} 23:59:00/);
  // the IRP's PIN-to-PIN figure (the same as the estimate on the practice IRP) is kept and shown
  await expect(row.getByTestId('ewb-distance')).toHaveText(`${estimate} km`);
  await expect(row.getByTestId('ewb-vehicle')).toHaveText('KA01AB1234');
  await expect(page.getByRole('button', { name: 'Raise e-way bill' })).toHaveCount(0);
  // an active e-way bill blocks cancelling the IRN (2230): the page says so instead of offering it
  await expect(page.getByTestId('cancel-blocked')).toContainText('cannot be cancelled while its e-way bill is active');
  await expect(page.getByRole('button', { name: 'Cancel IRN' })).toHaveCount(0);
  await shot(page, '12-detail-ewaybill');

  // the list says it too, instead of a cancel countdown
  await page.getByRole('button', { name: '← Invoices' }).click();
  await expect(page.locator('.grid-row').filter({ hasText: 'EWB/0001' }).getByTestId('row-ewb-active')).toContainText('e-way bill active');
  await expect(page.locator('.grid-row').filter({ hasText: 'EWB/0001' })).not.toContainText('cancel:');
  // the row has the focus again (set once the list has drawn it): Enter opens it again
  await expect(page.locator('.grid-row').filter({ hasText: 'EWB/0001' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ewb-card')).toHaveCount(1);

  // Part-B: the truck broke down, the goods go on in another one from Tumakuru
  await row.getByRole('button', { name: 'Update vehicle (Part-B)' }).click();
  const partB = page.getByRole('form', { name: /^Update vehicle \(Part-B\)/ });
  await expect(partB.getByLabel('Mode')).toBeFocused();
  await partB.getByLabel('Vehicle no.').fill('KA02CD5678');
  await partB.getByLabel('Goods are now at').fill('Tumakuru');
  await partB.getByLabel('Why').selectOption({ label: 'Vehicle broke down' });
  await partB.getByRole('button', { name: 'Update vehicle' }).click();
  await expect(row.getByTestId('ewb-vehicle')).toHaveText('KA02CD5678', { timeout: 20_000 });
  await expect(row.getByRole('list', { name: 'Vehicle updates' })).toContainText('KA02CD5678 from Tumakuru (vehicle broke down)');
  await expect(row.getByRole('heading')).toBeFocused();
  await shot(page, '52-detail-ewaybill-partb');

  // the printable e-way bill: its own PDF with number, distance, both vehicles
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Print e-way bill' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^EWB-\d{12}\.pdf$/);
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-ewb-'));
  try {
    const file = join(dir, 'ewb.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('e-WAY BILL');
    expect(text).toContain(`${estimate} km`);
    expect(text).toContain('KA02CD5678');
    expect(text).toContain('KA01AB1234');
    expect(text).toContain('EWB/0001');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', file, join(process.cwd(), 'artifacts', 'e2e', '53-ewaybill-pdf')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // cancel the e-way bill: a reason and a remark, then a confirmation that says it cannot be undone
  await row.getByLabel('Why cancel the e-way bill').selectOption({ label: 'Data entry mistake' });
  await row.getByLabel('Cancel remark').fill('Wrong vehicle typed');
  await row.getByRole('button', { name: 'Cancel e-way bill' }).click();
  const confirm = page.getByRole('alertdialog', { name: /^Cancel e-way bill \d{12}\?$/ });
  await expect(confirm).toContainText('This cannot be undone');
  await expect(confirm.getByRole('button', { name: 'Keep the e-way bill' })).toBeFocused();
  await shot(page, '54-detail-ewaybill-cancel-confirm');
  await confirm.getByRole('button', { name: 'Yes, cancel the e-way bill' }).click();
  await expect(row.getByRole('heading')).toContainText('Cancelled', { timeout: 20_000 });
  // with no active e-way bill the IRN can be cancelled again (the form is back)
  await expect(page.getByRole('button', { name: 'Cancel IRN' })).toBeVisible();
  await expect(page.getByTestId('cancel-blocked')).toHaveCount(0);

  const detail = await api<{ ewaybills: Array<{ ewbNo: string; status: string; validTill?: string; cancelReason?: string; partB: unknown[] }> }>(request, 'invoices:get', { id: saved.invoice.id });
  expect(detail.ewaybills).toHaveLength(1);
  expect(detail.ewaybills[0]).toMatchObject({ status: 'CNL', cancelReason: '3' });
  expect(detail.ewaybills[0]!.validTill).toMatch(/23:59:00$/);
  expect(detail.ewaybills[0]!.partB).toHaveLength(1);
});
