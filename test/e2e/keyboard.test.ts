/**
 * The same drafting with the keyboard only: Tab order through the form, typeahead in selects, the
 * HSN search picked with Enter, Enter on the last GST rate for a new line, Ctrl+S and Ctrl+Enter.
 */
import { expect, test } from './fixtures';
import { shot, TOKEN } from './support';

test('draft and register an invoice without the mouse', async ({ page }) => {
  await page.goto(`/#token=${TOKEN}`);
  await expect(page.getByRole('button', { name: 'Invoices', exact: true })).toBeVisible();
  const kb = page.keyboard;
  const tab = async (times = 1) => {
    for (let i = 0; i < times; i += 1) await kb.press('Tab');
  };

  // Tab to "New invoice" in the top bar (Dashboard, Invoices, New invoice) and open it.
  await tab(3);
  await expect(page.getByRole('button', { name: 'New invoice' }).first()).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByLabel('Business (seller)')).toBeFocused();

  await tab(2); // Type, Number
  await expect(page.getByLabel('Number', { exact: true })).toBeFocused();
  await kb.type('KBD/0001');
  await tab(4); // Date (prefilled), Supply type, Reverse charge, Buyer GSTIN
  await kb.type('27AADCP1234M1ZD');
  await tab(); // leaving a complete GSTIN looks it up in the GST master (practice IRP) and fills the buyer
  await expect(page.getByLabel('Legal name')).toHaveValue('Practice Manufacturing Private Limited');
  await expect(page.getByTestId('buyer-status')).toHaveText(/^Active · (from the GST master|GST master \(saved\))$/);
  await expect(page.getByLabel('City')).toHaveValue('Mumbai');
  await expect(page.getByLabel('PIN')).toHaveValue('400001');
  await expect(page.getByRole('combobox', { name: /^State/ })).toHaveValue('27');
  await tab(); // address: typed only when the master has none
  if ((await page.getByLabel('Address').inputValue()) === '') await kb.type('Plot 4, Andheri East');
  await tab(7); // City, PIN, State, Place of supply (follows the state), ship-to and dispatch-from tick boxes, description of line 1
  await expect(page.getByLabel('Place of supply')).toHaveValue('27');
  await shot(page, '09-keyboard-buyer-lookup');
  await expect(page.getByLabel('Description of line 1', { exact: true })).toBeFocused();
  await kb.type('Management consulting');
  await tab();
  await kb.type('998311');
  const consulting = page.getByRole('option', { name: /^998311/ });
  await expect(consulting).toBeVisible();
  // the active option is the one a screen reader announces (aria-activedescendant names it)
  await expect(page.getByLabel('HSN/SAC of line 1')).toHaveAttribute('aria-activedescendant', (await consulting.getAttribute('id')) ?? 'no id');
  await expect(consulting).toHaveAttribute('aria-selected', 'true');
  await kb.press('Enter');
  await tab(); // quantity (unit is skipped for services)
  await kb.press('Control+a');
  await kb.type('1');
  await tab();
  await kb.type('50000');
  await tab(2); // discount, GST rate
  await kb.press('Control+a');
  await kb.type('18');
  await kb.press('Enter'); // a new line, focus on its description
  await expect(page.getByLabel('Description of line 2', { exact: true })).toBeFocused();
  await kb.type('Basmati rice 25 kg bag');
  await tab();
  await kb.type('10063020');
  await expect(page.getByRole('option', { name: /^10063020/ })).toBeVisible();
  await kb.press('Enter');
  await tab();
  await kb.press('Control+a');
  await kb.type('10');
  await tab();
  await kb.press('Control+a');
  await kb.type('BAG');
  await tab();
  await kb.type('1850');
  await tab(2);
  await kb.press('Control+a');
  await kb.type('5');

  // ₹50,000 + 18% and ₹18,500 + 5%, inter-state: 68,500 + 9,000 + 925 = ₹78,425
  await expect(page.getByTestId('total-taxable')).toHaveText('₹68,500.00');
  await expect(page.getByTestId('total-igst')).toHaveText('₹9,925.00');
  await expect(page.getByTestId('total-invoice')).toHaveText('₹78,425.00');
  await expect(page.getByTestId('problem-count')).toHaveText('No problems found');
  await kb.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Draft saved.');
  await shot(page, '10-keyboard-editor');

  await kb.press('Control+Enter');
  // the confirmation says what cannot be undone; its "Register with the IRP" has the focus
  await expect(page.getByTestId('register-dialog')).toContainText('This cannot be undone');
  await expect(page.getByRole('button', { name: 'Register with the IRP' })).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByTestId('irn')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 20_000 });
  await expect(page.getByTestId('irn-qr')).toBeVisible();
  await shot(page, '11-keyboard-registered');
});
