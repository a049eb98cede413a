/**
 * Issue 17 item 2, one validator: a blank form does not open red; an invoice with a wrong GSTIN
 * check digit and a 4-digit HSN for a seller whose turnover needs 6 shows 3028 and 2199 at their
 * fields before anything is sent, with the hint for that rule; the problem list and F8 take the
 * focus there; `einvoice validate` on the same invoice (the payload the core saved) gives the same
 * codes at the same paths. A business with no turnover band: the editor holds the HSN back and
 * sends the user to Settings, which asks for the band.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { withCheckDigit } from '../../shared/gst/gstin';
import { api, shot, todayIst, TOKEN } from './support';

const BAD_CHECK_DIGIT = '27AADCP1234M1ZE'; // 27AADCP1234M1ZD with its last character wrong

async function fillInvoice(page: Page, docNo: string, gstin: string, hsn: string) {
  await page.getByLabel('Number', { exact: true }).fill(docNo);
  await page.getByLabel('GSTIN', { exact: true }).fill(gstin);
  await page.getByLabel('Legal name').fill('Practice Manufacturing Private Limited');
  await page.getByLabel('Address').fill('Plot 4, Andheri East');
  await page.getByLabel('City').fill('Mumbai');
  await page.getByLabel('PIN').fill('400001');
  await page.getByRole('combobox', { name: /^State/ }).selectOption('27');
  await page.getByLabel('Description of line 1', { exact: true }).fill('Rice');
  await page.getByLabel('HSN/SAC of line 1').fill(hsn);
  await page.getByLabel('Quantity of line 1').fill('10');
  await page.getByLabel('Unit of line 1').fill('BAG');
  await page.getByLabel('Rate of line 1', { exact: true }).fill('1850');
  await page.getByLabel('GST rate of line 1').fill('5');
  await page.getByLabel('GST rate of line 1').press('Tab');
}

test('3028 and 2199 at their fields before sending, the same codes as einvoice validate', async ({ page, host }) => {
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'New invoice' }).first().click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  // a blank form is not red: nothing at the fields, the count in grey
  await expect(page.getByTestId('problem-count')).toHaveText(/^Not ready to register: \d+ things to fill in or fix$/);
  await expect(page.getByTestId('problem-count')).toHaveClass('muted');
  await expect(page.locator('.field.invalid')).toHaveCount(0);
  await expect(page.locator('.problem-row')).toHaveCount(0);
  await shot(page, '17-3-editor-blank-not-red');

  await fillInvoice(page, 'VAL/0001', BAD_CHECK_DIGIT, '1006');
  const gstinField = page.locator('.field').filter({ has: page.getByLabel('GSTIN', { exact: true }) });
  await expect(gstinField.locator('.problems')).toContainText('3028');
  await expect(gstinField.locator('.problems')).toContainText('check digit');
  const hsnRow = page.locator('.problem-row');
  await expect(hsnRow).toContainText('2199');
  // the hint of the 6-digit rule, not the goods/services one
  await expect(hsnRow).toContainText('Use the full 6- or 8-digit HSN code');
  await expect(hsnRow).not.toContainText('Services take SAC codes');
  await expect(page.getByTestId('problem-count')).toHaveText('2 problems to fix');
  await expect(page.getByRole('button', { name: /^Register/ })).toBeDisabled();

  // each problem is a way to its field: a click, or F8 for the next one
  const list = page.getByRole('navigation', { name: 'Problems to fix' });
  await expect(list.getByRole('button')).toHaveText([/^3028 Buyer GSTIN: /, /^2199 HSN\/SAC of line 1: /]);
  await shot(page, '17-4-editor-problems-at-fields');
  await list.getByRole('button', { name: /^2199/ }).click();
  await expect(page.getByLabel('HSN/SAC of line 1')).toBeFocused();
  await page.keyboard.press('F8');
  await expect(page.getByLabel('GSTIN', { exact: true })).toBeFocused();
  await page.keyboard.press('F8');
  await expect(page.getByLabel('HSN/SAC of line 1')).toBeFocused();
  // Ctrl+Enter with problems left goes to one instead of registering
  await page.getByLabel('Rate of line 1', { exact: true }).focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('register-dialog')).toHaveCount(0);
  await expect(page.getByLabel('GSTIN', { exact: true })).toBeFocused();

  // the draft saves with its problems; the core finds the same ones
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Draft saved with 2 problems to fix before registering.');
  const editorCodes = (await list.getByRole('button').allTextContents()).map((t) => t.split(' ')[0]);

  // the CLI on what was saved: the same codes at the same fields
  const db = new Database(join(host.dataDir, 'ledger.sqlite'), { readonly: true });
  const { payload_json } = db.prepare("SELECT b.payload_json FROM invoices i JOIN invoice_bodies b ON b.invoice_id = i.id WHERE i.doc_no = 'VAL/0001'").get() as { payload_json: string };
  db.close();
  const dir = mkdtempSync(join(tmpdir(), 'desk-validate-'));
  try {
    const file = join(dir, 'VAL-0001.json');
    writeFileSync(file, payload_json);
    const [d, m, y] = todayIst().split('/');
    let out = '';
    try {
      execFileSync(process.execPath, ['bin/einvoice.mjs', 'validate', file, '--json', '--profile', 'sandbox', '--aato-crore', '8', '--today', `${y}-${m}-${d}`], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout; // exit code 1: not valid
    }
    const cli = JSON.parse(out) as { valid: boolean; errors: Array<{ code: string; path: string }> };
    expect(cli.valid).toBe(false);
    expect(cli.errors.map((e) => [e.code, e.path])).toEqual([['3028', 'BuyerDtls.Gstin'], ['2199', 'ItemList[0].HsnCd']]);
    expect(editorCodes).toEqual(cli.errors.map((e) => e.code));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // fixed: the right GSTIN and the 8-digit code → no problems, as the validator says
  await page.getByLabel('GSTIN', { exact: true }).fill('27AADCP1234M1ZD');
  await page.getByLabel('HSN/SAC of line 1').fill('10063020');
  await page.getByLabel('HSN/SAC of line 1').press('Escape');
  await expect(page.getByTestId('problem-count')).toHaveText('No problems found');
});

test('an unknown turnover band holds a 4-digit HSN back and Settings asks for the band', async ({ page, request }) => {
  await api(request, 'businesses:save', { gstin: '29PQRST5678K1ZY', legalName: 'Band Unknown Traders', address1: '4 Residency Road', location: 'Bengaluru', pin: 560025, stateCode: '29', profileName: 'practice' });
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'New invoice' }).first().click();
  await page.getByLabel('Business (seller)').selectOption({ label: 'Band Unknown Traders · 29PQRST5678K1ZY' });
  await expect(page.getByTestId('turnover-unknown')).toContainText('turnover band of Band Unknown Traders is not set');
  await fillInvoice(page, 'BAND/0001', '27AADCP1234M1ZD', '1006');
  await expect(page.locator('.problem-row')).toContainText('Set your turnover band in Settings');
  await expect(page.getByTestId('problem-count')).toHaveText('1 problem to fix');

  await page.getByTestId('turnover-unknown').getByRole('button', { name: 'Set the turnover band' }).click();
  await expect(page.getByTestId('turnover-prompt')).toHaveText(/What is the turnover band of Band Unknown Traders\?/);
  const band = page.getByLabel('Turnover band (AATO)');
  await expect(band).toBeFocused();
  await shot(page, '17-5-settings-turnover-prompt');
  await band.selectOption({ label: 'below ₹5 crore' });
  await page.getByRole('button', { name: 'Save business' }).click();
  await expect(page.getByTestId('turnover-prompt')).toHaveCount(0);

  // back to the invoice, which was kept: below ₹5 crore a 4-digit HSN is fine
  await page.getByRole('button', { name: 'New invoice' }).first().click();
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue('BAND/0001');
  await expect(page.getByTestId('turnover-unknown')).toHaveCount(0);
  await expect(page.getByTestId('problem-count')).toHaveText('No problems found');
});

test('a refusal only the IRP can make (a suspended buyer) sits at the buyer GSTIN, with its code and hint, and has the focus', async ({ page }) => {
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'New invoice' }).first().click();
  await page.getByLabel('Number', { exact: true }).fill('SUSP/0001');
  // the practice GST master has this Haryana GSTIN as suspended; its check digit is right
  await page.getByLabel('GSTIN', { exact: true }).fill(withCheckDigit('06AABCS4321E1Z'));
  await page.getByLabel('Legal name').fill('Suspended Traders Haryana');
  await page.getByLabel('Address').fill('1 Sector 14');
  await page.getByLabel('City').fill('Gurugram');
  await page.getByLabel('PIN').fill('122001');
  await page.getByRole('combobox', { name: /^State/ }).selectOption('06');
  await page.getByLabel('Description of line 1', { exact: true }).fill('Rice');
  await page.getByLabel('HSN/SAC of line 1').fill('10063020');
  await page.getByLabel('HSN/SAC of line 1').press('Escape');
  await page.getByLabel('Rate of line 1', { exact: true }).fill('1850');
  await page.getByLabel('GST rate of line 1').fill('5');
  await expect(page.getByTestId('problem-count')).toHaveText('No problems found');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('button', { name: 'Register with the IRP' }).click();
  const gstin = page.getByLabel('GSTIN', { exact: true });
  const field = page.locator('.field').filter({ has: gstin });
  await expect(field.locator('.problems')).toContainText('3029', { timeout: 20_000 });
  await expect(field.locator('.problems')).toContainText('sync it or confirm with the buyer');
  await expect(gstin).toBeFocused();
  await expect(page.getByRole('status')).toContainText('The IRP refused the invoice');
});
