/**
 * `npm run bench -- dashboard`: the dashboard on a 100,000-invoice ledger (issue 17: first paint
 * ≤ 300 ms). A year of documents ending today (invoices, credit and debit notes, cancelled ones,
 * drafts, refusals, e-way bills) is bulk-loaded for the practice business, then:
 * - the core: ledger.overview.summary, median of 50 calls, and its query plans (no scan);
 * - the page: the browser host on that data folder, Debian's chromium; from navigation start to
 *   the month figure painted with its value (a MutationObserver in the page), median of 7 loads.
 * DASHBOARD_BENCH_ROWS overrides the row count.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { addDays, formatIstDateTime, istDateOf } from '../../shared/dates';
import { openLedger } from '../../electron/ledger';
import { median, round, type BenchRow } from './measure';

const SELLER = '29ABCDE1234F1ZW'; // the practice business the host sets up (it reuses this one)
const DAY = 86_400_000;

export function build(file: string, rows: number): void {
  const ledger = openLedger(file);
  const db = ledger.db;
  const businessId = ledger.businesses.create({ gstin: SELLER, legalName: 'Practice Traders Bengaluru', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29' }).id;
  db.pragma('synchronous = OFF');
  const ins = db.prepare(`INSERT INTO invoices (id, business_id, seller_gstin, doc_type, doc_no, doc_date, fy, buyer_gstin, buyer_name, total_paise, status, created_at, updated_at)
    VALUES (:id, :businessId, :seller, :type, :docNo, :docDate, :fy, '27AADCP1234M1ZD', :buyer, :total, :status, :at, :at)`);
  const reg = db.prepare(`INSERT INTO registrations (invoice_id, irn, ack_no, ack_dt, ack_at, signed_invoice, signed_qr, status, created_at, updated_at)
    VALUES (:id, :irn, :ackNo, :ackDt, :ackAt, 'a.b.c', 'a.b.c', :regStatus, :at, :at)`);
  const ewb = db.prepare(`INSERT INTO ewaybills (invoice_id, ewb_no, ewb_date, valid_till, status, distance_km, created_at, updated_at)
    VALUES (:id, :ewbNo, :ewbDate, :validTill, :status, 300, :at, :at)`);
  const now = Date.now();
  db.transaction(() => {
    for (let id = 1; id <= rows; id += 1) {
      // spread over the last 365 days, newest last; a few every day
      const when = new Date(now - Math.floor(((rows - id) / rows) * 365 * DAY));
      const docDate = istDateOf(when);
      const [y, m] = docDate.split('-').map(Number) as [number, number];
      const fyStart = m >= 4 ? y : y - 1;
      const fy = `${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`;
      const k = id % 200;
      const type = k < 10 ? 'CRN' : k < 12 ? 'DBN' : 'INV';
      const status = k === 13 || k === 14 || k === 15 ? 'cancelled' : k === 16 && id > rows - 5000 ? 'draft' : k === 17 ? 'rejected' : 'registered';
      const at = when.toISOString();
      ins.run({ id, businessId, seller: SELLER, type, docNo: `B/${fyStart % 100}/${String(id).padStart(7, '0')}`, docDate, fy, buyer: `Buyer ${id % 997}`, total: 10_000 + ((id * 104_729) % 5_000_000), status, at });
      if (status === 'registered' || status === 'cancelled') {
        reg.run({ id, irn: createHash('sha256').update(`bench ${id}`).digest('hex'), ackNo: String(112_010_000_000_000 + id), ackDt: formatIstDateTime(when), ackAt: at, regStatus: status === 'cancelled' ? 'CNL' : 'ACT', at });
        if (type === 'INV' && id % 5 === 0) {
          const validTill = `${addDays(docDate, 1 + (id % 3))} 23:59:00`;
          ewb.run({ id, ewbNo: String(300_000_000_000 + id), ewbDate: formatIstDateTime(when), validTill, status: id % 50 === 0 ? 'CNL' : 'ACT', at });
        }
      }
    }
  })();
  db.pragma('synchronous = FULL');
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  ledger.close();
}

export function summaryQuery() {
  const now = new Date();
  const today = istDateOf(now);
  return {
    today, monthStart: `${today.slice(0, 8)}01`, draftWarnDate: addDays(today, -25), draftLimitDate: addDays(today, -30),
    cancelOpenAfter: new Date(now.getTime() - DAY).toISOString(), cancelClosingBy: new Date(now.getTime() - 22 * 3_600_000).toISOString(),
    nowIst: formatIstDateTime(now), ewbSoonIst: formatIstDateTime(new Date(now.getTime() + DAY)), ewbExpiredSinceIst: formatIstDateTime(new Date(now.getTime() - DAY)),
  };
}

async function firstPaints(dir: string, loads: number): Promise<number[]> {
  const token = randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-open', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EINVOICE_HOST_TOKEN: token } });
  let out = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 120_000);
    const on = (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const times: number[] = [];
  try {
    for (let i = 0; i < loads; i += 1) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // the instant the month's figure shows its value, measured in the page from navigation start
      await page.addInitScript(`new MutationObserver((_, o) => {
        const el = document.querySelector('[data-testid="fig-month"]');
        if (el && el.textContent.includes('₹')) { window.__painted = performance.now(); o.disconnect(); }
      }).observe(document, { childList: true, subtree: true, characterData: true });`);
      await page.goto(`${origin}/#token=${token}`);
      // a function, not a string: the page's CSP forbids eval, which string predicates use
      await page.waitForFunction(() => (globalThis as { __painted?: number }).__painted !== undefined, undefined, { timeout: 30_000 });
      // and the frame after it
      times.push(await page.evaluate<number>('new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(window.__painted), 0)))'));
      if (process.env.DASHBOARD_BENCH_TRACE) {
        console.error(await page.evaluate<string>(`JSON.stringify({ nav: performance.getEntriesByType('navigation').map((e) => [Math.round(e.responseEnd), Math.round(e.domContentLoadedEventEnd)]), res: performance.getEntriesByType('resource').map((e) => [e.name.replace(/^.*\\//, ''), Math.round(e.startTime), Math.round(e.responseEnd)]) })`));
      }
      await page.close();
    }
  } finally {
    await browser.close();
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
  return times;
}

export async function bench(): Promise<BenchRow[]> {
  const rows = Number(process.env.DASHBOARD_BENCH_ROWS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-bench-'));
  try {
    const t0 = Date.now();
    build(join(dir, 'ledger.sqlite'), rows);
    const buildMs = Date.now() - t0;
    const ledger = openLedger(join(dir, 'ledger.sqlite'));
    const q = summaryQuery();
    for (let i = 0; i < 5; i += 1) ledger.overview.summary(q);
    const calls: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const s = process.hrtime.bigint();
      ledger.overview.summary(q);
      calls.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    const o = ledger.overview.summary(q);
    const scans = ledger.overview.plans().filter((p) => /^SCAN (i|invoices)\b/.test(p) && !/USING/.test(p));
    ledger.close();
    const paints = await firstPaints(dir, 7);
    return [
      { area: 'dashboard', name: `bulk load of ${rows.toLocaleString('en-IN')} documents`, value: round(buildMs / 1000, 1), unit: 's' },
      { area: 'dashboard', name: 'ledger.overview.summary (all figures), median of 50', value: round(median(calls), 2), unit: 'ms', note: `this month ${o.month.count} registered, ${o.cancelWindow.open} cancellable, ${o.ewaybills.active} e-way bills; plans scanning invoices: ${scans.length}` },
      { area: 'dashboard', name: 'first paint: navigation → month figure painted, median of 7', value: round(median(paints), 0), unit: 'ms', note: `loads ${paints.map((p) => Math.round(p)).join(', ')} ms` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
