/**
 * Issue 17 item 6, documents from documents: a registered invoice duplicated (same buyer and lines,
 * a new number and today's date) and a credit note raised from it (its lines copied and edited, the
 * invoice referenced in RefDtls.PrecDocDtls of what the IRP signed).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

const BUYER = { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Plot 4, Andheri East', Loc: 'Mumbai', Pin: 400001, Stcd: '27' };
const LINES = [
  { description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, qtyMilli: 10_000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 },
  { description: 'Management consulting', hsn: '998311', isService: true, qtyMilli: 1000, unitPricePaise: 5_000_000, gstRate: 18 },
];

test('duplicate a registered invoice; a credit note from it, registered with the original referenced', async ({ page, request, host }) => {
  test.setTimeout(90_000);
  const { businesses } = await api<{ businesses: Array<{ id: number }> }>(request, 'businesses:list', {});
  await api(request, 'series:save', { businessId: businesses[0]!.id, docType: 'CRN', prefix: 'CN/{FY}/', digits: 3, suffix: '' });
  const saved = await api<{ invoice: { id: number } }>(request, 'invoices:save', {
    businessId: businesses[0]!.id,
    draft: { docType: 'INV', docNo: 'ORIG/0001', docDate: todayIst(), supplyType: 'B2B', seller: {}, buyer: BUYER, lines: LINES },
  });
  const id = saved.invoice.id;
  const { outcomes } = await api<{ outcomes: Array<{ status: string }> }>(request, 'invoices:register', { ids: [id] });
  expect(outcomes[0]?.status).toBe('registered');

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await page.locator('.grid-row', { hasText: 'ORIG/0001' }).click();
  await expect(page.getByTestId('irn')).toHaveText(/^[0-9a-f]{64}$/);
  await shot(page, '17-13-detail-document-actions');

  // duplicate: the buyer and both lines, no number yet (none proposed: ORIG/0002 follows the last)
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue('ORIG/0002');
  await expect(page.getByLabel('Date (dd/mm/yyyy)')).toHaveValue(todayIst());
  await expect(page.getByLabel('GSTIN', { exact: true })).toHaveValue('27AADCP1234M1ZD');
  await expect(page.getByLabel('Description of line 2', { exact: true })).toHaveValue('Management consulting');
  await expect(page.getByTestId('total-invoice')).toHaveText('₹78,425.00');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Draft saved.');

  // a credit note from the original: type, original reference and lines come with it
  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await page.locator('.grid-row', { hasText: 'ORIG/0001' }).click();
  await page.getByRole('button', { name: 'Credit note' }).click();
  await expect(page.getByRole('heading', { name: 'New credit note' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: /^Type/ })).toHaveValue('CRN');
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue(/^CN\/\d\d-\d\d\/001$/);
  await expect(page.getByLabel('Original invoice number')).toHaveValue('ORIG/0001');
  await expect(page.getByLabel('Original invoice date (dd/mm/yyyy)')).toHaveValue(todayIst());
  // credit only part of it: one bag, no consulting
  await page.getByLabel('Quantity of line 1').fill('1');
  await page.getByLabel('Description of line 2', { exact: true }).focus();
  await page.keyboard.press('Control+Delete');
  await expect(page.getByLabel('Description of line 2', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Description of line 1', { exact: true })).toBeFocused();
  await expect(page.getByTestId('total-invoice')).toHaveText('₹1,943.00');
  await expect(page.getByTestId('problem-count')).toHaveText('No problems found');
  await shot(page, '17-14-credit-note-from-invoice');
  await page.getByRole('button', { name: /^Register/ }).click();
  await page.getByRole('button', { name: 'Register with the IRP' }).click();
  await expect(page.getByTestId('irn')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 20_000 });

  const db = new Database(join(host.dataDir, 'ledger.sqlite'), { readonly: true });
  const row = db.prepare("SELECT r.signed_invoice FROM registrations r JOIN invoices i ON i.id = r.invoice_id WHERE i.doc_type = 'CRN'").get() as { signed_invoice: string };
  db.close();
  const signed = JSON.parse((JSON.parse(Buffer.from(row.signed_invoice.split('.')[1] ?? '', 'base64url').toString('utf8')) as { data: string }).data) as {
    DocDtls: { Typ: string };
    RefDtls?: { PrecDocDtls?: Array<{ InvNo: string; InvDt: string }> };
    ItemList: Array<{ Qty: number; HsnCd: string }>;
  };
  expect(signed.DocDtls.Typ).toBe('CRN');
  expect(signed.RefDtls?.PrecDocDtls).toEqual([{ InvNo: 'ORIG/0001', InvDt: todayIst() }]);
  expect(signed.ItemList.map((i) => [i.HsnCd, i.Qty])).toEqual([['10063020', 1]]);
});
