/**
 * Issue 17 item 7, keyboard first: a new invoice from the item master, registered after the
 * confirmation that says what cannot be undone, and printed, with the keyboard alone (no pointer
 * event reaches the page). Along the way: F1 lists the shortcuts (the list's too), a date typed
 * 4/12/2026 style is read day first and 31/02 is refused with a message, the state list is by name.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

test('new invoice from the item master → register with confirmation → print, keyboard only', async ({ page, request }) => {
  test.setTimeout(90_000);
  const { businesses } = await api<{ businesses: Array<{ id: number }> }>(request, 'businesses:list', {});
  const businessId = businesses[0]!.id;
  await api(request, 'products:save', { businessId, name: 'Basmati rice 25 kg bag', hsn: '10063020', unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 });
  await api(request, 'series:save', { businessId, docType: 'INV', prefix: 'KB/{FY}/', digits: 4, suffix: '' });

  await page.goto(`/#token=${TOKEN}`);
  await expect(page.getByRole('button', { name: 'Invoices', exact: true })).toBeVisible();
  // (a string: the node project has no DOM types) every pointer event on the page is counted
  await page.evaluate(`(() => {
    window.pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'pointerup']) window.addEventListener(type, () => (window.pointerEvents += 1), true);
  })()`);
  const kb = page.keyboard;
  const tab = async (times = 1) => {
    for (let i = 0; i < times; i += 1) await kb.press('Tab');
  };

  // F1: every shortcut, the list's included
  await kb.press('F1');
  const help = page.getByTestId('help-overlay');
  await expect(help).toContainText('Invoices list');
  await expect(help).toContainText('open the invoice');
  await expect(help).toContainText('Ctrl+Enter');
  await shot(page, '17-11-help-overlay');
  await kb.press('Escape');
  await expect(help).toHaveCount(0);

  // the navigation: Dashboard, Invoices, New invoice
  await tab(3);
  await expect(page.getByRole('button', { name: 'New invoice' }).first()).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByLabel('Business (seller)')).toBeFocused();
  await tab(2);
  const number = page.getByLabel('Number', { exact: true });
  await expect(number).toBeFocused();
  await expect(number).toHaveValue(/^KB\/\d\d-\d\d\/0001$/);
  await tab(); // the date: an impossible one is refused with a message, not moved to 28/02
  const date = page.getByLabel('Date (dd/mm/yyyy)');
  await kb.press('Control+a');
  await kb.type('31/02/2026');
  await tab();
  await expect(date).toHaveValue('31/02/2026');
  await expect(page.locator('.field').filter({ has: date }).locator('.problems')).toContainText('February 2026 has 28 days');
  await kb.press('Shift+Tab');
  await expect(date).toBeFocused();
  const [d, m, y] = todayIst().split('/').map(Number) as [number, number, number];
  await kb.press('Control+a');
  await kb.type(`${d}/${m}/${y}`); // 4/12/2026 style: day first, read on leaving
  await tab(3); // Supply type, Reverse charge, Buyer GSTIN
  await expect(date).toHaveValue(todayIst());
  await kb.type('27AADCP1234M1ZD');
  await tab(); // the lookup fills the buyer from the GST master
  await expect(page.getByLabel('Legal name')).toHaveValue('Practice Manufacturing Private Limited');
  await tab();
  if ((await page.getByLabel('Address').inputValue()) === '') await kb.type('Plot 4, Andheri East');
  await tab(2); // City, PIN
  await tab();
  // states are listed by name with their code
  await expect(page.getByRole('combobox', { name: /^State/ }).locator('option:checked')).toHaveText('Maharashtra (27)');
  await tab(4); // State, Place of supply, ship-to and dispatch-from tick boxes
  const description = page.getByLabel('Description of line 1', { exact: true });
  await expect(description).toBeFocused();
  await kb.type('basm');
  await expect(page.getByRole('option', { name: /Basmati rice 25 kg bag/ })).toBeVisible();
  await kb.press('Enter'); // picks the item: HSN, unit, price and rate come with it
  await expect(page.getByLabel('HSN/SAC of line 1')).toHaveValue('10063020');
  await tab(2); // HSN, quantity
  await kb.press('Control+a');
  await kb.type('10');
  await expect(page.getByTestId('total-invoice')).toHaveText('₹19,425.00');
  await expect(page.getByTestId('problem-count')).toHaveText('No problems found');

  await kb.press('Control+Enter');
  const dialog = page.getByTestId('register-dialog');
  await expect(dialog).toContainText('This cannot be undone');
  await expect(dialog).toContainText('cancelled only within 24 hours');
  await expect(page.getByRole('button', { name: 'Register with the IRP' })).toBeFocused();
  await shot(page, '17-12-register-confirmation');
  await kb.press('Enter');
  await expect(page.getByTestId('irn')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 20_000 });
  // the focus lands on the registered document's title, then Tab reaches its actions
  await expect(page.locator('.detail h1')).toBeFocused();

  // print: Tab to the PDF action and press Enter
  let found = false;
  for (let i = 0; i < 15 && !found; i += 1) {
    await tab();
    found = /PDF|Print/i.test(await page.evaluate<string>("document.activeElement?.textContent ?? ''"));
  }
  expect(found).toBe(true);
  await kb.press('Enter'); // opens the print preview; Save PDF takes the focus once the preview is ready
  const savePdf = page.getByTestId('print-dialog').getByRole('button', { name: 'Save PDF' });
  await expect(savePdf).toBeFocused({ timeout: 20_000 });
  const download = page.waitForEvent('download');
  await kb.press('Enter');
  const pdf = readFileSync((await (await download).path()));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  expect(await page.evaluate<number>('window.pointerEvents')).toBe(0);
});
