/**
 * Issue 14, as a person does it: import an .xlsx sales register through the mapping step (one
 * column the app cannot recognise is mapped by hand), see the row-level error the preview finds,
 * import the rest, register them with progress, export the register from the invoices list and
 * find the IRNs in the downloaded workbook.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { BUYERS } from '../support/bulk-files';
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

async function writeRegister(file: string, date: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sales');
  ws.addRow(['Practice Traders Bengaluru — Sales register']);
  ws.addRow([]);
  ws.addRow(['Invoice No', 'Invoice Date', 'Customer GSTIN', 'Customer Name', 'Address', 'City', 'PIN', 'State', 'Item', 'Commodity Code', 'Qty', 'Unit', 'Rate', 'Taxable Value', 'GST %', 'IGST', 'CGST', 'SGST']);
  const mh = BUYERS.mh;
  const ka = BUYERS.ka;
  const row = (no: string, b: typeof mh | typeof ka, item: string, hsn: string, qty: number, rate: string, taxable: string, igst: string | null, half: string | null) =>
    ws.addRow([no, date, b.gstin, b.name, b.address, b.city, b.pin, b.state, item, hsn, qty, 'Nos', rate, taxable, '18%', igst, half, half]);
  row('IMP/1', mh, 'Laptop 14 inch', '84713010', 2, '55,000.00', '1,10,000.00', '19,800.00', null);
  row('IMP/1', mh, 'Wireless mouse', '84716060', 4, '500.00', '2,000.00', '360.00', null);
  row('IMP/2', ka, 'Laptop 14 inch', '84713010', 1, '55,000.00', '55,000.00', null, '4,950.00');
  row('IMP/3', mh, 'Laptop 14 inch', '84713010', 1, '55,000.00', '55,000.00', '9,990.00', null);
  await wb.xlsx.writeFile(file);
}

test('import a register through the mapping step, register the valid documents, export the register', async ({ page, host, request }) => {
  test.setTimeout(120_000);
  const file = join(host.dataDir, 'sales-register.xlsx');
  await writeRegister(file, todayIst());
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import invoices' })).toBeVisible();

  await page.getByLabel('File to import').setInputFiles(file);
  const mapping = page.getByTestId('mapping-table');
  await expect(mapping).toBeVisible();
  await expect(page.getByText('Map a column to: HSN/SAC')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Preview' })).toBeDisabled();
  await expect(page.getByLabel('Field for column Invoice No')).toHaveValue('docNo');
  await expect(page.getByLabel('Field for column Rate')).toHaveValue('unitPrice');
  await expect(page.getByLabel('Header row')).toHaveValue('3');
  await expect(mapping.getByRole('row', { name: /Commodity Code/ })).toContainText('84713010');
  await shot(page, 'import-1-mapping');
  await page.getByLabel('Field for column Commodity Code').selectOption('hsn');
  await expect(page.getByText('Map a column to')).toHaveCount(0);
  await page.getByLabel('Mapping name').fill('Sales register (Excel)');
  await page.getByRole('button', { name: 'Preview' }).click();

  const counts = page.getByTestId('preview-counts');
  await expect(counts).toContainText('3 (4 lines)');
  await expect(counts).toContainText('Ready to import2');
  const problem = page.getByTestId('problems-table').getByRole('row').nth(1);
  await expect(problem).toContainText('7');
  await expect(problem).toContainText('IGST');
  await expect(problem).toContainText('2235');
  await expect(problem).toContainText('IMP/3');
  await expect(page.getByTestId('docs-table')).toContainText('has problems');
  await shot(page, 'import-2-preview');

  await page.getByRole('button', { name: 'Import 2 valid documents' }).click();
  await expect(page.getByTestId('import-result')).toContainText('2 documents imported as drafts, 1 not imported');
  await page.getByRole('button', { name: 'Register all imported (2)' }).click();
  await expect(page.getByTestId('register-result')).toContainText('2 registered', { timeout: 60_000 });
  await shot(page, 'import-3-registered');

  const list = await api<{ rows: Array<{ docNo: string; status: string; irn?: string }> }>(request, 'invoices:list', { status: ['registered'] });
  const irns = list.rows.filter((r) => r.docNo.startsWith('IMP/')).map((r) => r.irn);
  expect(irns).toHaveLength(2);

  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await shot(page, 'export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Register (.xlsx)' }).click()]);
  await expect(dialog.getByTestId('export-note')).toContainText('2 documents exported');
  const saved = join(host.dataDir, download.suggestedFilename());
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const sheet = wb.getWorksheet('Register')!;
  const head = (sheet.getRow(1).values as unknown[]).slice(1);
  const cells = [2, 3].map((n) => sheet.getRow(n).getCell(head.indexOf('IRN') + 1).text);
  expect(cells.sort()).toEqual([...irns].sort());
});
