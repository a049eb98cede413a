/**
 * `npm run bench -- pdf`: ms per printed invoice, pdfkit (electron/pdf) against the same invoice
 * laid out as HTML and printed by headless Debian chromium (--print-to-pdf), the usual
 * alternative. Chromium is timed per process launch, as a CLI batch print or a packaged app
 * without a live renderer would pay it. Medians of several runs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import { buildInvoiceView, renderInvoice, type InvoiceView, type PrintableInvoice } from '../../electron/pdf';
import { lines, makeSigningIdentity, registeredPrintable } from '../support/signed-fixtures';
import { median, round, type BenchRow } from './measure';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function table(t: InvoiceView['items'], caption = ''): string {
  const head = t.columns.map((c) => `<th style="width:${c.width}pt;text-align:${c.align}">${esc(c.header)}</th>`).join('');
  const row = (cells: string[], cls = '') =>
    `<tr class="${cls}">${cells.map((v, i) => `<td style="text-align:${t.columns[i]?.align ?? 'left'}">${esc(v)}</td>`).join('')}</tr>`;
  return `${caption ? `<h3>${esc(caption)}</h3>` : ''}<table><thead><tr>${head}</tr></thead><tbody>${t.rows.map((r) => row(r)).join('')}${
    t.footer ? row(t.footer, 'sum') : ''
  }</tbody></table>`;
}

/** The same view model as the PDF, as a print-ready HTML page (thead repeats on every page). */
export async function invoiceHtml(p: PrintableInvoice): Promise<string> {
  const v = buildInvoiceView(p);
  const qr = p.registration ? await QRCode.toString(p.registration.signedQrCode, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }) : '<div class="draft">DRAFT - not registered</div>';
  const pairs = (list: Array<[string, string]>) => list.map(([l, val]) => `<div><span>${esc(l)}</span> <b>${esc(val)}</b></div>`).join('');
  const party = (x: InvoiceView['seller']) => `<div class="party"><small>${esc(x.heading)}</small><b>${esc(x.name)}</b>${x.lines.map((l) => `<div>${esc(l)}</div>`).join('')}</div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 10mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #111; }
table { width: 100%; border-collapse: collapse; font-family: 'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif; font-size: 6.8pt; }
th, td { border: 0.5pt solid #9a9a9a; padding: 2pt; vertical-align: top; } th { background: #f1f3f6; }
thead { display: table-header-group; } tr { break-inside: avoid; } tr.sum td { font-weight: bold; background: #f1f3f6; }
.head { display: flex; justify-content: space-between; } .qr svg { width: 50mm; height: 50mm; }
.grid { display: grid; grid-template-columns: repeat(4, 1fr); border: 0.5pt solid #9a9a9a; margin: 6pt 0; }
.parties { display: flex; gap: 6pt; } .party { flex: 1; border: 0.5pt solid #9a9a9a; padding: 4pt; } .party b { display: block; }
.totals { width: 220pt; margin-left: auto; } .sign { width: 200pt; height: 70pt; margin-left: auto; border: 0.5pt solid #9a9a9a; }
</style></head><body>
<h1>${esc(v.title.toUpperCase())} <small>${v.status === 'draft' ? 'DRAFT - not registered' : 'e-Invoice'}</small></h1>
<div class="head"><div>${party(v.seller)}${pairs(v.einvoice)}</div><div class="qr">${qr}</div></div>
<div class="grid">${pairs(v.document)}</div>
<div class="parties">${v.parties.map(party).join('')}</div>
${table(v.items)}${table(v.hsnSummary, 'HSN/SAC-wise tax summary')}
<div><small>Amount in words</small> <b>${esc(v.amountInWords)}</b></div>
<div class="totals">${pairs(v.totals)}</div>
<div>${v.bank.map((b) => `<div>${esc(b)}</div>`).join('')}${v.terms.map((t, i) => `<div>${i + 1}. ${esc(t)}</div>`).join('')}</div>
<div class="sign"><b>for ${esc(v.signatureFor)}</b><br><br><br><br>Authorised Signatory</div>
</body></html>`;
}

async function chromiumPrint(html: string, dir: string, n: number): Promise<number> {
  const file = join(dir, `inv-${n}.html`);
  const out = join(dir, `inv-${n}.pdf`);
  writeFileSync(file, html);
  const t0 = process.hrtime.bigint();
  await run(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${join(dir, `profile-${n}`)}`, `--print-to-pdf=${out}`, `file://${file}`,
  ], { timeout: 300_000 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!existsSync(out) || statSync(out).size < 1000) throw new Error('chromium produced no PDF');
  return ms;
}

async function timed(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

export async function bench(): Promise<BenchRow[]> {
  const id = makeSigningIdentity();
  const small = (await registeredPrintable(id)).printable;
  const big = (await registeredPrintable(id, { lines: lines(1000), docNo: 'ST/26-27/1000' })).printable;
  // Warm-up: font files, pdfkit's font parsing, JIT.
  await renderInvoice(small);
  await renderInvoice(big);
  const rows: BenchRow[] = [];
  const pk1 = await timed(() => renderInvoice(small), 15);
  const pk1000 = await timed(() => renderInvoice(big), 5);
  const pages = (await renderInvoice(big)).pages;
  rows.push({ area: 'pdf', name: 'pdfkit, 1-page invoice (5 lines), per invoice', value: round(pk1, 1), unit: 'ms', note: 'median of 15' });
  rows.push({ area: 'pdf', name: `pdfkit, 1000-line invoice (${pages} pages), per invoice`, value: round(pk1000, 1), unit: 'ms', note: 'median of 5' });
  if (!existsSync(CHROMIUM)) {
    rows.push({ area: 'pdf', name: 'chromium --print-to-pdf', value: 'n/a', unit: '', note: `${CHROMIUM} not installed` });
    return rows;
  }
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-pdf-bench-'));
  try {
    const html1 = await invoiceHtml(small);
    const html1000 = await invoiceHtml(big);
    const htmlBuild = await timed(() => invoiceHtml(big), 5);
    let n = 0;
    await chromiumPrint(html1, dir, n++);
    const c1: number[] = [];
    for (let i = 0; i < 7; i += 1) c1.push(await chromiumPrint(html1, dir, n++));
    const c1000: number[] = [];
    for (let i = 0; i < 3; i += 1) c1000.push(await chromiumPrint(html1000, dir, n++));
    const ch1 = median(c1);
    const ch1000 = median(c1000) + htmlBuild;
    rows.push({ area: 'pdf', name: 'chromium print-to-pdf, 1-page invoice, per invoice', value: round(ch1, 1), unit: 'ms', note: 'median of 7, incl. launch' });
    rows.push({ area: 'pdf', name: 'chromium print-to-pdf, 1000-line invoice, per invoice', value: round(ch1000, 1), unit: 'ms', note: 'median of 3, incl. launch + HTML build' });
    rows.push({ area: 'pdf', name: 'speed-up pdfkit vs chromium, 1-page', value: round(ch1 / pk1, 1), unit: 'x' });
    rows.push({ area: 'pdf', name: 'speed-up pdfkit vs chromium, 1000-line', value: round(ch1000 / pk1000, 1), unit: 'x' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
