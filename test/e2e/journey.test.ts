/**
 * A shopkeeper's journey in the browser host: draft an invoice, meet an inline rule error with its
 * IRP code, fix it, register with the practice IRP, see the IRN and the QR (read back with zbarimg
 * and compared with the signed QR the IRP returned), cancel within the 24-hour window.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

test('draft, inline error, fix, register, IRN and QR, cancel', async ({ page, request }) => {
  await page.goto(`/#token=${TOKEN}`);
  await expect(page.getByRole('button', { name: 'Invoices', exact: true })).toBeVisible();
  // the token leaves the address bar once taken
  expect(page.url()).not.toContain('token=');
  await expect(page.getByText('Practice', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Invoices', exact: true }).click(); // the dashboard opens first
  await shot(page, '01-invoices-empty');

  await page.getByRole('button', { name: 'New invoice' }).first().click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  await expect(page.getByLabel('Date (dd/mm/yyyy)')).toHaveValue(todayIst());
  await page.getByLabel('Number', { exact: true }).fill('E2E/0001');
  await page.getByLabel('GSTIN', { exact: true }).fill('27AADCP1234M1ZD');
  await page.getByLabel('Legal name').fill('Practice Manufacturing Private Limited');
  await page.getByLabel('Address').fill('Plot 4, Andheri East');
  await page.getByLabel('City').fill('Mumbai');
  await page.getByLabel('PIN').fill('400001');
  await page.getByRole('combobox', { name: /^State/ }).selectOption('27');
  await expect(page.getByLabel('Place of supply')).toHaveValue('27');

  await page.getByLabel('Description of line 1', { exact: true }).fill('Basmati rice 25 kg bag');
  const hsn = page.getByLabel('HSN/SAC of line 1');
  await hsn.fill('10063020');
  await page.getByRole('option', { name: /^10063020/ }).click();
  await expect(hsn).toHaveValue('10063020');
  await page.getByLabel('Quantity of line 1').fill('10');
  await page.getByLabel('Unit of line 1').fill('BAG');
  await page.getByLabel('Rate of line 1', { exact: true }).fill('1850');
  await page.getByLabel('GST rate of line 1').fill('13');

  // 13% is not a notified GST rate: the IRP would answer 2240; the editor says so at the line
  const lineProblem = page.locator('.problem-row').filter({ hasText: '2240' });
  await expect(lineProblem).toBeVisible();
  await expect(lineProblem).toContainText('not a notified rate');
  await expect(page.getByRole('button', { name: /^Register/ })).toBeDisabled();
  await shot(page, '02-editor-inline-error');

  await page.getByLabel('GST rate of line 1').fill('5');
  await expect(page.locator('.problem-row')).toHaveCount(0);
  await expect(page.getByTestId('problem-count')).toHaveText('No problems found');
  // Karnataka → Maharashtra: IGST. 10 × ₹1,850 = ₹18,500 + 5% = ₹19,425
  await expect(page.getByTestId('total-taxable')).toHaveText('₹18,500.00');
  await expect(page.getByTestId('total-igst')).toHaveText('₹925.00');
  await expect(page.getByTestId('total-invoice')).toHaveText('₹19,425.00');
  await expect(page.getByTestId('total-words')).toHaveText('Rupees Nineteen Thousand Four Hundred Twenty Five Only');

  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Draft saved.');
  await shot(page, '03-editor-saved');

  await page.getByRole('button', { name: /^Register/ }).click();
  // registering cannot be undone: the editor says so and asks first
  await expect(page.getByTestId('register-dialog')).toContainText('This cannot be undone');
  await page.getByRole('button', { name: 'Register with the IRP' }).click();
  const irn = page.getByTestId('irn');
  await expect(irn).toHaveText(/^[0-9a-f]{64}$/, { timeout: 20_000 });
  await expect(page.getByTestId('ack-no')).toHaveText(/^\d{15}$/);
  await expect(page.getByTestId('ack-dt')).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} IST$/);
  const qr = page.getByTestId('irn-qr');
  await expect(qr).toBeVisible();
  await expect(page.getByTestId('cancel-countdown')).toContainText(/2[34] h|23 h/);
  await shot(page, '04-detail-registered');

  // The QR on screen must decode to exactly the signed QR the IRP returned.
  const list = await api<{ rows: Array<{ id: number; irn?: string }> }>(request, 'invoices:list', { search: 'E2E' });
  const shownIrn = await irn.textContent();
  const row = list.rows.find((r) => r.irn === shownIrn);
  expect(row).toBeDefined();
  const detail = await api<{ registration: { signedQrCode: string } }>(request, 'invoices:get', { id: row!.id });
  const src = (await qr.getAttribute('src')) ?? '';
  expect(src.startsWith('data:image/png;base64,')).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-qr-'));
  try {
    const file = join(dir, 'qr.png');
    writeFileSync(file, Buffer.from(src.slice('data:image/png;base64,'.length), 'base64'));
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' }).trim();
    expect(decoded).toBe(detail.registration.signedQrCode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Print / PDF: a preview of the Rule-46 print, one copy unlabelled here, whose QR (read back from page 1) is the signed QR itself
  await page.getByRole('button', { name: 'Print / PDF…' }).click();
  const printDialog = page.getByRole('dialog', { name: /^Print invoice E2E\/0001$/ });
  for (const copy of ['Original for recipient', 'Duplicate for transporter', 'Triplicate for supplier']) await printDialog.getByLabel(copy).uncheck();
  await expect(printDialog.getByTestId('print-summary')).toHaveText('1 page, no copy label.');
  const [download] = await Promise.all([page.waitForEvent('download'), printDialog.getByRole('button', { name: 'Save PDF' }).click()]);
  expect(download.suggestedFilename()).toBe('INV-E2E-0001.pdf');
  const pdfDir = mkdtempSync(join(tmpdir(), 'einvoice-pdf-'));
  try {
    const pdf = join(pdfDir, 'invoice.pdf');
    await download.saveAs(pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(pdfDir, 'page1')]);
    const printed = execFileSync('zbarimg', ['--quiet', '--raw', join(pdfDir, 'page1.png')], { encoding: 'utf8' }).trim();
    expect(printed).toBe(detail.registration.signedQrCode);
  } finally {
    rmSync(pdfDir, { recursive: true, force: true });
  }
  await expect(printDialog.getByText('INV-E2E-0001.pdf saved to your downloads (1 page).')).toBeVisible();
  await printDialog.getByRole('button', { name: 'Close' }).click();

  await page.getByPlaceholder('Why (shown to the IRP)').fill('Wrong rate typed');
  // the cancel is confirmed in a modal dialog whose safe button has the focus; Escape backs out
  await page.getByRole('button', { name: 'Cancel IRN' }).click();
  const confirmCancel = page.getByRole('alertdialog', { name: 'Cancel the IRN of invoice E2E/0001 permanently?' });
  await expect(confirmCancel).toContainText('This cannot be undone');
  await expect(confirmCancel.getByRole('button', { name: 'Keep the IRN' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirmCancel).toHaveCount(0);
  await expect(page.getByTestId('irn-status')).toHaveText('Active');
  await expect(page.getByRole('button', { name: 'Cancel IRN' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirmCancel.getByRole('button', { name: 'Keep the IRN' })).toBeFocused();
  await shot(page, '05a-detail-cancel-confirm');
  await confirmCancel.getByRole('button', { name: 'Yes, cancel the IRN' }).click();
  await expect(page.getByTestId('irn-status')).toContainText('Cancelled on', { timeout: 20_000 });
  await expect(page.locator('.detail-head .chip')).toHaveText('Cancelled');
  await shot(page, '05-detail-cancelled');

  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  const rowEl = page.locator('.grid-row').filter({ hasText: 'E2E/0001' });
  await expect(rowEl).toContainText('Cancelled');
  await page.getByRole('radio', { name: 'Cancelled', exact: true }).click();
  await page.getByLabel('Search invoices').fill('E2E/0001');
  await expect(page.getByTestId('list-totals')).toHaveText('1 cancelled document · ₹19,425.00, not counted in any total');
  await shot(page, '06-invoices-list');

  await page.getByRole('button', { name: 'Activity' }).click();
  await expect(page.locator('.journal')).toContainText('IRN of invoice E2E/0001 cancelled on the IRP (reason: data entry mistake).');
  await expect(page.locator('.journal')).toContainText(/Invoice E2E\/0001 registered with the IRP; IRN [0-9a-f]{12}…, Ack No \d{15}\./);
  // no event names, internal codes or stray punctuation on screen
  await expect(page.locator('.journal')).not.toContainText(/register\.ok|cancel\.ok|invoice\.saved|· ;/);
  await shot(page, '07-activity');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('credentials-practice')).toHaveText('set');
  await shot(page, '08-settings');
});
