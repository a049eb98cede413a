/**
 * The two figures issue 5 asks for, measured in the real page:
 * - with 1000 lines in the editor, a keystroke in a quantity updates the totals within 50 ms
 *   (keydown timestamp → the total's text changed, median of several keystrokes);
 * - the first screen is interactive within 1.5 s after the host starts (the test's own host, just
 *   started: from its "running at" line to the list showing its totals).
 * Figures go to artifacts/e2e/measurements.json and the test log.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, todayIst, TOKEN } from './support';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const measurements: Record<string, unknown> = {};

test.afterAll(() => {
  mkdirSync('artifacts/e2e', { recursive: true });
  writeFileSync('artifacts/e2e/measurements.json', JSON.stringify(measurements, null, 2));
});

test('a quantity keystroke with 1000 lines updates the totals within 50 ms', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { businesses } = await api<{ businesses: Array<{ id: number }> }>(request, 'businesses:list', {});
  const line = { description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, qtyMilli: 10_000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 };
  const draft = {
    docType: 'INV', docNo: 'PERF/0001', docDate: todayIst(), supplyType: 'B2B', seller: {},
    buyer: { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Plot 4', Loc: 'Mumbai', Pin: 400001, Stcd: '27' },
    lines: Array.from({ length: 1000 }, () => line),
  };
  const saved = await api<{ invoice: { id: number } }>(request, 'invoices:save', { businessId: businesses[0]!.id, draft });

  // Twice (CI after session 1, one local full run since) the editor never received its draft and
  // this wait timed out; it did not recur in 12 runs. If it happens again, say which API calls hung.
  const pending = new Map<Request, number>();
  page.on('request', (r) => r.url().includes('/api/') && pending.set(r, Date.now()));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => console.log(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('pageerror', (e) => console.log(`page exception: ${e.message}`));
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Invoices', exact: true }).click(); // the dashboard opens first
  await page.getByLabel('Search invoices').fill('PERF');
  const row = page.locator('.grid-row').filter({ hasText: 'PERF/0001' });
  await expect(row).toBeVisible();
  const openedAt = Date.now();
  await row.click();
  try {
    // a CSS locator: getByRole walks and names every element at each poll while the 1000 rows
    // render, and with a combobox on each line's description too (issue 17) that polling alone
    // took 16-25 s of the page's time (the page itself opened the draft in 0.9-1.1 s, measured in-page)
    await expect(page.locator('h1', { hasText: 'Invoice PERF/0001' })).toBeVisible({ timeout: 30_000 });
  } catch (e) {
    console.log(`API calls still pending: ${[...pending].map(([r, t]) => `${r.url()} ${r.postData()?.slice(0, 60) ?? ''} (${Date.now() - t} ms)`).join('; ') || 'none'}`);
    throw e;
  }
  const qty = page.locator('[data-line="999"][data-col="qty"]');
  await expect(qty).toHaveValue('10', { timeout: 30_000 });
  const openMs = Date.now() - openedAt;
  // opening a draft does not jump to (and focus) its last line, as adding a line does
  await expect(page.locator('[data-line="999"][data-col="description"]')).not.toBeFocused();
  await expect(page.getByTestId('total-invoice')).toHaveText('₹1,94,25,000.00');

  await qty.focus();
  await page.keyboard.press('End');
  // In-page probe (a string: the Node-side project has no DOM types): keydown time → total text change.
  await page.evaluate(`(() => {
    window.__updates = [];
    const total = document.querySelector('[data-testid="total-invoice"]');
    document.addEventListener('keydown', (e) => { window.__keyAt = e.timeStamp; }, true);
    window.__painted = [];
    new MutationObserver(() => {
      const k = window.__keyAt;
      if (k === undefined) return;
      window.__keyAt = undefined;
      window.__updates.push(performance.now() - k);
      // and until the next frame has been painted
      requestAnimationFrame(() => setTimeout(() => window.__painted.push(performance.now() - k), 0));
    }).observe(total, { childList: true, characterData: true, subtree: true });
  })()`);
  const samples: number[] = [];
  for (let k = 0; k < 11; k += 1) {
    const before = await page.getByTestId('total-invoice').textContent();
    await page.keyboard.press(k % 2 === 0 ? '1' : 'Backspace');
    await expect(page.getByTestId('total-invoice')).not.toHaveText(before ?? '');
    samples.push(await page.evaluate<number>('window.__updates.at(-1) ?? NaN'));
    // a brisk typist's pace: the rule check deferred after each keystroke finishes in between
    await page.waitForTimeout(150);
  }
  const painted = await page.evaluate<number[]>('window.__painted');
  const r1 = (x: number) => Math.round(x * 10) / 10;
  measurements.editorKeystroke1000Lines = {
    openMs,
    samplesMs: samples.map(r1), medianMs: r1(median(samples)), paintedSamplesMs: painted.map(r1), paintedMedianMs: r1(median(painted)), invoiceId: saved.invoice.id,
  };
  console.log(`1000-line editor: opened in ${openMs} ms (click → last line filled);`);
  console.log(`1000-line editor: keystroke → totals in the DOM median ${median(samples).toFixed(1)} ms (samples ${samples.map((x) => x.toFixed(1)).join(', ')}); → painted median ${median(painted).toFixed(1)} ms`);
  expect(median(samples)).toBeLessThan(50);
});

test('the first screen (the dashboard) is interactive within 1.5 s after the host starts', async ({ page, host }) => {
  // the host fixture has just started `scripts/start.mjs` on a fresh data folder, as `npm start` does
  const hostStartMs = host.startMs;
  const readyAt = Date.now();
  await page.goto(`/#token=${TOKEN}`);
  await expect(page.getByTestId('fig-month')).toContainText(/₹/);
  await expect(page.getByRole('button', { name: 'New invoice' }).first()).toBeEnabled();
  const firstScreenMs = Date.now() - readyAt;
  measurements.firstScreen = { hostStartMs, firstScreenAfterHostReadyMs: firstScreenMs };
  console.log(`host start ${hostStartMs} ms (process spawn → "running at"); first screen interactive ${firstScreenMs} ms after that`);
  expect(firstScreenMs).toBeLessThan(1500);
});
