/**
 * Issue 17, the desk's overview: the dashboard is the first screen and each figure opens the list
 * with the same count and value; totals net a credit note and leave a cancelled invoice out, and
 * say so; the list is reachable and usable by keyboard (focus returns to the row after the detail);
 * batch print of selected rows with the preview and the copy labels; activity in plain words.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatInr } from '../../shared/money';
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

const BUYER = { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Plot 4', Loc: 'Mumbai', Pin: 400001, Stcd: '27' };
const line = (qty: number, hsn = '10063020') => ({ description: 'Basmati rice 25 kg bag', hsn, isService: false, qtyMilli: qty * 1000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 });
const daysAgo = (n: number) => {
  const d = new Date(Date.now() + 330 * 60_000 - n * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

/** The focused element's text (rows are divs with role row). */
const focusedRowText = (page: Page) => page.evaluate<string | null>("document.activeElement?.getAttribute('role') === 'row' ? document.activeElement.textContent : null");

test('dashboard figures link to the matching list; totals, keyboard, batch print, plain activity', async ({ page, request }) => {
  test.setTimeout(90_000);
  const { businesses } = await api<{ businesses: Array<{ id: number }> }>(request, 'businesses:list', {});
  const businessId = businesses[0]!.id;
  const save = (docNo: string, over: Record<string, unknown> = {}) =>
    api<{ invoice: { id: number; totalPaise: number } }>(request, 'invoices:save', { businessId, draft: { docType: 'INV', docNo, docDate: todayIst(), supplyType: 'B2B', seller: {}, buyer: BUYER, lines: [line(10)], ...over } });
  const register = async (id: number) => expect((await api<{ outcomes: Array<{ status: string }> }>(request, 'invoices:register', { ids: [id] })).outcomes[0]!.status);
  const a = await save('OVW/0001');
  await register(a.invoice.id).then((s) => s.toBe('registered'));
  const c = await save('OVW/CN1', { docType: 'CRN', lines: [line(2)] });
  await register(c.invoice.id).then((s) => s.toBe('registered'));
  const b = await save('OVW/0002', { lines: [line(20)] });
  await register(b.invoice.id).then((s) => s.toBe('registered'));
  await api(request, 'invoices:cancel', { id: b.invoice.id, reason: '1', remark: 'duplicate' });
  await save('OVW/OLD', { docDate: daysAgo(27) });
  const bad = await save('OVW/BAD', { lines: [line(1, '10069999')] });
  // refused locally (2176: no such HSN), so nothing left the machine: "not sent", not an IRP rejection
  await register(bad.invoice.id).then((s) => s.toBe('not_sent'));
  await api(request, 'invoices:ewb', { id: a.invoice.id, distance: 0, mode: '1', vehicleNo: 'KA01AB1234' });
  const net = a.invoice.totalPaise - c.invoice.totalPaise;

  // the first screen is the dashboard
  await page.goto(`/#token=${TOKEN}`);
  await expect(page.getByRole('heading', { name: `Today, ${todayIst()}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dashboard' })).toHaveClass(/active/);
  const today = page.getByTestId('fig-today');
  await expect(today).toContainText(formatInr(net));
  await expect(today).toContainText('2 documents dated today, registered');
  await expect(page.getByTestId('fig-today-covers')).toHaveText(`net value = 1 invoice ${formatInr(a.invoice.totalPaise)} − 1 credit note ${formatInr(c.invoice.totalPaise)}`);
  await expect(page.getByTestId('fig-drafts')).toContainText('1');
  await expect(page.getByTestId('fig-drafts')).toContainText(`oldest dated ${daysAgo(27)}, 27 days ago`);
  await expect(page.getByTestId('fig-drafts-old')).toContainText('within 5 days of the 30-day limit');
  await expect(page.getByTestId('fig-failed')).toContainText('1');
  await expect(page.getByTestId('fig-cancel-open')).toContainText('1');
  await expect(page.getByTestId('fig-cancel-blocked')).toContainText('1 IRN has an active e-way bill');
  await expect(page.getByTestId('fig-ewb-active')).toHaveText('1 e-way bill valid now.');
  await shot(page, '50-dashboard');

  // each figure opens the list with what it counted
  const totals = page.getByTestId('list-totals');
  await today.click();
  await expect(page.getByRole('radio', { name: 'Registered', exact: true })).toBeChecked();
  await expect(totals).toHaveText(`2 documents · ${formatInr(net)}`);
  await expect(page.getByTestId('list-totals-covers')).toHaveText(`net value = 1 invoice ${formatInr(a.invoice.totalPaise)} − 1 credit note ${formatInr(c.invoice.totalPaise)}`);
  // every status dated today: the cancelled invoice is counted apart, not in the value; the refused draft adds
  await page.getByRole('radio', { name: 'All', exact: true }).click();
  await page.getByLabel('Search invoices').fill('OVW');
  await expect(totals).toHaveText(`4 documents · ${formatInr(net + bad.invoice.totalPaise)}`);
  await expect(page.getByTestId('list-totals-covers')).toContainText(`1 cancelled document (${formatInr(b.invoice.totalPaise)}) not counted`);
  await shot(page, '55-list-totals-net');

  await page.getByRole('button', { name: 'Dashboard' }).click();
  await page.getByTestId('fig-cancel-open').click();
  await expect(page.getByTestId('special-filter')).toContainText('IRNs that can still be cancelled');
  await expect(totals).toHaveText(`1 document · ${formatInr(-c.invoice.totalPaise)}`);
  await expect(page.locator('.grid-row')).toHaveCount(1);
  await expect(page.locator('.grid-row')).toContainText('OVW/CN1');
  await page.getByRole('button', { name: /^Stop showing only/ }).click();
  await expect(page.getByTestId('special-filter')).toHaveCount(0);

  await page.getByRole('button', { name: 'Dashboard' }).click();
  await page.getByTestId('fig-drafts-old').click();
  await expect(page.getByRole('radio', { name: 'Drafts', exact: true })).toBeChecked();
  await expect(page.locator('.grid-row')).toHaveCount(1);
  await expect(page.locator('.grid-row')).toContainText('OVW/OLD');
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await page.getByTestId('fig-failed').click();
  await expect(page.getByRole('radio', { name: 'Rejected', exact: true })).toBeChecked();
  await expect(page.locator('.grid-row')).toContainText('OVW/BAD');

  // keyboard: from the dashboard's figure to the list, Tab reaches the rows, arrows move, Space selects
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await today.focus();
  await page.keyboard.press('Enter');
  await expect(totals).toHaveText(`2 documents · ${formatInr(net)}`);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = (await focusedRowText(page)) !== null;
  }
  expect(reached).toBe(true);
  const first = (await focusedRowText(page))!;
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedRowText(page)).not.toBe(first);
  expect(await focusedRowText(page)).not.toBeNull();
  await page.keyboard.press('Space');
  await expect(page.getByRole('row', { selected: true })).toHaveCount(2);

  // batch print: one PDF of both, with a preview and the copy labels
  await page.getByRole('button', { name: 'Print 2 selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print 2 selected documents' });
  await expect(dialog.getByTestId('print-summary')).toHaveText('6 pages.', { timeout: 20_000 });
  await dialog.getByLabel('Triplicate for supplier').uncheck();
  await expect(dialog.getByTestId('print-summary')).toHaveText('4 pages.', { timeout: 20_000 });
  const canvases = dialog.locator('canvas');
  await expect(canvases).toHaveCount(4, { timeout: 20_000 });
  // the preview is drawn, not blank: count the non-white pixels of the first page
  // (a string: the Node-side project has no DOM types)
  const inked = await page.evaluate<number>(`(() => {
    const c = document.querySelector('[data-testid="print-dialog"] canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) n += 1;
    return n;
  })()`);
  expect(inked).toBeGreaterThan(5000);
  await shot(page, '51-print-preview');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save PDF' }).click()]);
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-batch-'));
  try {
    const file = join(dir, 'batch.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.split('ORIGINAL FOR RECIPIENT').length - 1).toBe(2);
    expect(text.split('DUPLICATE FOR TRANSPORTER').length - 1).toBe(2);
    expect(text).not.toContain('TRIPLICATE FOR SUPPLIER');
    expect(text).toContain('OVW/0001');
    expect(text).toContain('OVW/CN1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Enter opens the focused row; Escape comes back with the same row focused
  await page.locator('.grid-row[data-index="0"]').focus();
  const opened = (await focusedRowText(page))!;
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '← Invoices' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.grid-row[data-index="0"]')).toBeFocused();
  expect(await focusedRowText(page)).toBe(opened);

  // activity in words: documents by number, IRP codes with their meaning, no event names
  await page.getByRole('button', { name: 'Activity' }).click();
  const journal = page.locator('.journal');
  await expect(journal).toContainText(/Invoice OVW\/0001 registered with the IRP; IRN [0-9a-f]{12}…, Ack No \d+\./);
  await expect(journal).toContainText('Credit note OVW/CN1 registered with the IRP');
  await expect(journal).toContainText('Invoice OVW/BAD saved as a draft; 1 problem to fix before registering.');
  await expect(journal).toContainText(/E-way bill \d{12} raised for invoice OVW\/0001, valid till \d{2}\/\d{2}\/\d{4} 23:59:00\./);
  await expect(journal).not.toContainText(/register\.ok|invoice\.saved|ewb\.ok|· ;|invoice \d+\b/);
  await shot(page, '56-activity-plain');
});
