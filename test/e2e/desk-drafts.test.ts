/**
 * Issue 17 item 1, nothing typed is lost: an invoice typed and left for another screen is there on
 * coming back; opening another document over unsaved changes asks to save or discard; a host
 * killed mid-typing (SIGKILL, as a crash) offers the typed invoice on the next start, from the
 * working copy autosaved to the ledger.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, startHost, test } from './fixtures';
import { api, shot, TOKEN } from './support';

async function typeInvoice(page: Page, docNo: string) {
  await page.getByRole('button', { name: 'New invoice' }).first().click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  await page.getByLabel('Number', { exact: true }).fill(docNo);
  await page.getByLabel('GSTIN', { exact: true }).fill('27AADCP1234M1ZD');
  await page.getByLabel('Legal name').fill('Practice Manufacturing Private Limited');
  await page.getByLabel('Description of line 1', { exact: true }).fill('Basmati rice 25 kg bag');
  await page.getByLabel('Rate of line 1', { exact: true }).fill('1850');
}

test('a typed invoice survives a screen change; another document over it asks to save or discard', async ({ page, request }) => {
  await page.goto(`/#token=${TOKEN}`);
  await typeInvoice(page, 'KEEP/0001');
  // kept in the ledger a moment after typing pauses
  await expect(page.getByTestId('autosave')).toContainText('kept on this computer');

  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toHaveCount(0);
  await page.getByRole('button', { name: 'New invoice' }).first().click();
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue('KEEP/0001');
  await expect(page.getByLabel('Legal name')).toHaveValue('Practice Manufacturing Private Limited');
  await expect(page.getByLabel('Rate of line 1', { exact: true })).toHaveValue('1850');

  // a saved draft of another number, opened for editing over the unsaved one: the editor asks
  const { rows } = await api<{ rows: unknown[] }>(request, 'invoices:list', {});
  expect(rows).toHaveLength(0);
  const businessId = (await api<{ businesses: Array<{ id: number }> }>(request, 'businesses:list', {})).businesses[0]!.id;
  const other = await api<{ invoice: { id: number } }>(request, 'invoices:save', {
    businessId,
    draft: { docType: 'INV', docNo: 'OTHER/0001', docDate: '01/04/2026', supplyType: 'B2B', seller: {}, buyer: {}, lines: [{ description: 'x', hsn: '1006', isService: false, qtyMilli: 1000, unitPricePaise: 100, gstRate: 5 }] },
  });
  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  // a draft opens in the editor from the list
  await page.locator('.grid-row', { hasText: 'OTHER/0001' }).click();
  const leave = page.getByTestId('leave-dialog');
  await expect(leave).toContainText('KEEP/0001 has unsaved changes');
  await shot(page, '17-1-leave-dialog');
  await leave.getByRole('button', { name: 'Go back to it' }).click();
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue('KEEP/0001');

  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await page.locator('.grid-row', { hasText: 'OTHER/0001' }).click();
  await leave.getByRole('button', { name: 'Save draft' }).click();
  // saved, and the other document opened
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue('OTHER/0001');
  const after = await api<{ rows: Array<{ id: number; docNo?: string; status: string }> }>(request, 'invoices:list', {});
  expect(after.rows.map((r) => [r.docNo, r.status]).sort()).toEqual([['KEEP/0001', 'draft'], ['OTHER/0001', 'draft']]);
  expect(other.invoice.id).toBeGreaterThan(0);

  // an edit, then an explicit discard: the saved draft comes back, nothing unsaved remains
  await page.getByLabel('Description of line 1', { exact: true }).fill('changed');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await page.getByTestId('discard-dialog').getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Description of line 1', { exact: true })).toHaveValue('x');
  const copies = await api<{ drafts: unknown[] }>(request, 'drafts:recoverable', { owner: 'someone-else' });
  expect(copies.drafts).toEqual([]);
});

test('a host killed mid-typing offers the typed invoice on the next start', async ({ browser }) => {
  // hosts of its own (not the fixture's): the first one is killed, the second opens its folder
  const page = await browser.newPage();
  const first = await startHost();
  const dataDir = first.host.dataDir;
  try {
    await page.goto(`${first.host.origin}/#token=${TOKEN}`);
    await typeInvoice(page, 'CRASH/0001');
    await page.getByLabel('Quantity of line 1').fill('12');
    await expect(page.getByTestId('autosave')).toContainText('kept on this computer');
    // what the ledger holds before the crash: the form as typed, not a saved invoice
    const db = new Database(join(dataDir, 'ledger.sqlite'), { readonly: true });
    const row = db.prepare('SELECT doc_no, buyer_name, lines FROM editor_drafts').get() as { doc_no: string; buyer_name: string; lines: number };
    const invoices = (db.prepare('SELECT count(*) AS n FROM invoices').get() as { n: number }).n;
    db.close();
    expect(row).toEqual({ doc_no: 'CRASH/0001', buyer_name: 'Practice Manufacturing Private Limited', lines: 1 });
    expect(invoices).toBe(0);
    await first.kill();
    await expect(page.getByRole('alert').filter({ hasText: 'Not connected' })).toBeVisible({ timeout: 10_000 });

    const second = await startHost(dataDir);
    try {
      await page.goto(`${second.host.origin}/#token=${TOKEN}`);
      const offer = page.getByTestId('recovered-copy');
      await expect(offer).toContainText('Invoice CRASH/0001 for Practice Manufacturing Private Limited');
      await shot(page, '17-2-recovered-draft');
      await offer.getByRole('button', { name: 'Open it' }).click();
      await expect(page.getByLabel('Number', { exact: true })).toHaveValue('CRASH/0001');
      await expect(page.getByLabel('Quantity of line 1')).toHaveValue('12');
      await expect(page.getByLabel('Rate of line 1', { exact: true })).toHaveValue('1850');
      await page.keyboard.press('Control+s');
      await expect(page.getByRole('status')).toContainText('Draft saved');
      // saved: no longer offered, and the draft is in the list
      await page.reload();
      await expect(page.getByRole('button', { name: 'Invoices', exact: true })).toBeVisible();
      await expect(page.getByTestId('recovered-copy')).toHaveCount(0);
      const res = await page.request.post(`${second.host.origin}/api/invoices:list`, { data: {}, headers: { authorization: `Bearer ${TOKEN}` } });
      const list = (await res.json()) as { value: { rows: Array<{ docNo?: string; status: string }> } };
      expect(list.value.rows.map((r) => [r.docNo, r.status])).toEqual([['CRASH/0001', 'draft']]);
    } finally {
      await second.stop();
    }
  } finally {
    await first.kill();
    await page.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
