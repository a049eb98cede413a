/**
 * The main journey in the real desktop window: the app opens on app:// with the secure bridge
 * only, the practice IRP registers an invoice through window.api, the invoice list shows it, and
 * the window refuses to leave the app. Skipped (not failed) where no Electron runtime exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { Channel, Req, Res, Result } from '../../shared/ipc/contract';
import { BUYER_MH, goodsLine } from '../support/invoices';
import { electronRuntime, ROOT } from './runtime';

const runtime = electronRuntime();
if ('missing' in runtime) console.log(`Desktop smoke test skipped: ${runtime.missing}.`);
test.skip('missing' in runtime, 'missing' in runtime ? runtime.missing : '');

let app: ElectronApplication;
let page: Page;
let dataDir: string;
let registeredDocNo: string | undefined;

test.beforeAll(async () => {
  if (!('path' in runtime)) return;
  dataDir = mkdtempSync(join(tmpdir(), 'einvoice-electron-'));
  app = await electron.launch({
    executablePath: runtime.path,
    args: [ROOT, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, EINVOICE_HOME: dataDir, EINVOICE_PRACTICE: '1' },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The page's global object (this project's Node tsconfig has no DOM types). */
interface PageGlobal {
  api: { invoke(channel: string, request?: unknown): Promise<Result<unknown>> };
  require?: unknown;
  process?: unknown;
  location: { href: string };
  open(url: string): unknown;
}

/** A contract call made the way the renderer makes it: through window.api in the page. */
async function call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
  const result = (await page.evaluate(([c, r]) => (globalThis as unknown as PageGlobal).api.invoke(c, r), [channel, request] as const)) as Result<Res<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** A call expected to fail: its error code. */
async function refusal(channel: string, request: unknown): Promise<string | undefined> {
  const result = await page.evaluate(([c, r]) => (globalThis as unknown as PageGlobal).api.invoke(c, r), [channel, request] as const);
  return result.ok ? undefined : result.error.code;
}

function todayIst(): string {
  const d = new Date(Date.now() + 330 * 60_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

test('opens on app:// with only window.api exposed', async () => {
  await page.waitForLoadState('domcontentloaded');
  expect(page.url()).toMatch(/^app:\/\/desk\//);
  await expect(page).toHaveTitle('e-Invoice Desk');
  const surface = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobal;
    return { api: Object.keys(g.api).sort(), require: typeof g.require, process: typeof g.process };
  });
  expect(surface).toEqual({ api: ['invoke', 'onEvent'], require: 'undefined', process: 'undefined' });
  expect(await refusal('shell:event', {})).toBe('UNKNOWN_CHANNEL');
  // Main's view: one window, its page on app:// (the IPC sender check compares against this).
  const urls = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
  expect(urls).toHaveLength(1);
  expect(urls[0]).toMatch(/^app:\/\/desk\//);
});

test('registers an invoice with the practice IRP through window.api', async () => {
  expect(await call('app:info', {})).toMatchObject({ practice: true });
  const b = (await call('businesses:list', {})).businesses[0];
  if (!b) throw new Error('the practice setup made no business');
  const docNo = `EL/${Date.now() % 100000}`;
  const draft: Req<'invoices:save'>['draft'] = {
    docType: 'INV', docNo, docDate: todayIst(), supplyType: 'B2B',
    seller: { Gstin: b.gstin, LglNm: b.legalName, Addr1: b.address1, Loc: b.location, Pin: b.pin, Stcd: b.stateCode },
    buyer: BUYER_MH,
    lines: [goodsLine()],
  };
  const saved = await call('invoices:save', { businessId: b.id, draft });
  expect(saved.errors).toEqual([]);
  const id = saved.invoice.id;
  const [outcome] = (await call('invoices:register', { ids: [id] })).outcomes;
  expect(outcome).toMatchObject({ invoiceId: id, status: 'registered' });
  expect(outcome?.irn).toMatch(/^[0-9a-f]{64}$/);
  const detail = await call('invoices:get', { id });
  expect(detail.registration).toMatchObject({ irn: outcome?.irn, status: 'ACT', signatureVerified: true });
  registeredDocNo = docNo;
});

// The renderer reaches the core through window.api in the desktop app (renderer/src/api/client.ts).
test('the invoice list in the window shows the registered invoice', async () => {
  test.skip(registeredDocNo === undefined, 'the registration step failed');
  await page.reload();
  await expect(page.getByText(registeredDocNo!)).toBeVisible();
  await page.screenshot({ path: join(ROOT, 'artifacts', 'e2e-electron', 'list.png') });
});

test('refuses to navigate away, open windows or call with bad requests', async () => {
  const before = page.url();
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobal).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
  expect(await refusal('invoices:get', { id: -1 })).toBe('BAD_REQUEST');
});
