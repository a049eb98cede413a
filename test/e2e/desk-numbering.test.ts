/**
 * Issue 17 item 5, numbering: a series set in Settings (INV/{FY}/ and four digits) proposes the
 * next number for the financial year of the document's date, across 31 March → 1 April (the count
 * starts again at 1 and the year in the number changes), follows the date while it is not typed
 * over, and a number already in the ledger is flagged at the field as it is typed. A series that
 * would make numbers the IRP refuses is not saved. Dates typed 31.3.26 style are read day first.
 */
import { expect, test } from './fixtures';
import { shot, TOKEN } from './support';

const pad = (n: number) => String(n).padStart(2, '0');

test('a numbering series across 31 March → 1 April, and a number already used', async ({ page }) => {
  // the last 31 March / 1 April on or before today, so both dates are in the past
  const now = new Date(Date.now() + 330 * 60_000);
  const y = now.getUTCMonth() + 1 >= 4 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const oldFy = `${pad((y - 1) % 100)}-${pad(y % 100)}`;
  const newFy = `${pad(y % 100)}-${pad((y + 1) % 100)}`;
  const currentFy = now.getUTCMonth() + 1 >= 4 ? newFy : oldFy;

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const numbering = page.getByRole('region', { name: 'Numbering' });
  // refused: a long prefix with the long year makes 18-character numbers
  await numbering.getByLabel('Credit notes: prefix').fill('CREDITNOTE/{FYYY}/');
  await numbering.getByRole('button', { name: 'Save the credit notes series' }).click();
  await expect(numbering.getByRole('alert')).toContainText('the IRP takes at most 16');
  await numbering.getByLabel('Tax invoices: prefix').fill('INV/{FY}/');
  await numbering.getByLabel('Tax invoices: digits').fill('4');
  await numbering.getByRole('button', { name: 'Save the tax invoices series' }).click();
  await expect(numbering.getByRole('status')).toContainText(`the next tax invoice is INV/${currentFy}/0001`);
  await expect(numbering.getByTestId('series-preview-INV')).toHaveText(`INV/${currentFy}/0001`);
  await shot(page, '17-9-settings-numbering');

  const number = page.getByLabel('Number', { exact: true });
  const date = page.getByLabel('Date (dd/mm/yyyy)');
  const newInvoice = async (typed: string, shown: string, expected: string) => {
    await page.getByRole('button', { name: 'New invoice' }).first().click();
    await date.fill(typed);
    await date.press('Tab');
    await expect(date).toHaveValue(shown);
    await expect(number).toHaveValue(expected);
    await expect(page.getByTestId('docno-proposed')).toHaveText('next in the series');
  };

  await newInvoice(`31.3.${pad(y % 100)}`, `31/03/${y}`, `INV/${oldFy}/0001`);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toContainText('Draft saved');
  // 1 April: a new financial year, the count starts again
  await newInvoice(`1-4-${y}`, `01/04/${y}`, `INV/${newFy}/0001`);
  // the number follows the date until it is typed over: back to 31 March, the next of the old year
  await date.fill(`31/03/${y}`);
  await expect(number).toHaveValue(`INV/${oldFy}/0002`);
  await date.fill(`01/04/${y}`);
  await expect(number).toHaveValue(`INV/${newFy}/0001`);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toContainText('Draft saved');
  await newInvoice(`31/03/${y}`, `31/03/${y}`, `INV/${oldFy}/0002`);
  await newInvoice(`01/04/${y}`, `01/04/${y}`, `INV/${newFy}/0002`);

  // typed over with a number the ledger already has (any case): flagged at once, at the number
  await number.fill(`inv/${newFy}/0001`);
  const field = page.locator('.field').filter({ has: number });
  await expect(field.locator('.problems')).toContainText('2150');
  await expect(field.locator('.problems')).toContainText(`INV/${newFy}/0001 is already used by a draft document dated 01/04/${y}`);
  await expect(page.getByTestId('docno-proposed')).toHaveCount(0);
  // and 31/02 is refused with a message, never moved to 28/02
  await date.fill(`31/02/${y}`);
  await date.press('Tab');
  await expect(date).toHaveValue(`31/02/${y}`);
  await expect(page.locator('.field').filter({ has: date }).locator('.problems')).toContainText(`There is no 31 February ${y}`);
  await shot(page, '17-10-editor-number-used');
});
