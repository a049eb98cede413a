/**
 * Untrusted files for the QR reader (issue 16 item 3): the PNG bomb (about 390 KB declaring
 * 20000×20000), a PDF with one 14400×14400 pt page and a 300-page PDF are each refused with a clear
 * message in under 5 s, in a child process whose V8 heap is capped at 256 MB and whose whole process
 * tree (with pdfinfo/pdftoppm/zbarimg) stays under 300 MB. The time is measured around the verify
 * call inside the child, after its modules are loaded (node start-up and tsx's transpiling take
 * 1-4 s on the shared machine and are no part of reading the file; reported separately).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfWithPages, runCapped, writeBlankPng } from '../support/untrusted-files';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'einvoice-untrusted-'));
const runner = join(dir, 'verify.mts');
const MB = 1024 * 1024;

beforeAll(async () => {
  await writeBlankPng(join(dir, 'bomb.png'), 20000, 20000);
  writeFileSync(join(dir, 'huge-page.pdf'), pdfWithPages([{ width: 14400, height: 14400 }]));
  writeFileSync(join(dir, 'pages-300.pdf'), pdfWithPages(Array.from({ length: 300 }, () => ({ width: 595, height: 842 }))));
  writeFileSync(runner, `
    const { runCli } = await import(${JSON.stringify(pathToFileURL(join(root, 'electron/cli/main.ts')).href)});
    // load the command and its libraries first: the clock below is for reading the file
    await import(${JSON.stringify(pathToFileURL(join(root, 'electron/cli/commands/verify-qr.ts')).href)});
    const out = [];
    const t0 = performance.now();
    const code = await runCli(['verify-qr', process.argv[2], '--json'], { out: (s) => out.push(s), err: (s) => out.push(s), stdin: process.stdin, env: process.env, now: () => new Date() });
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ code, ms, answer: JSON.parse(out[0]), maxRssKb: process.resourceUsage().maxRSS }));
  `);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function verifyCapped(file: string) {
  const run = await runCapped(['--import', 'tsx', runner, join(dir, file)], 256, root);
  expect(run.stderr).toBe('');
  const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as { code: number; ms: number; answer: { error: string; exitCode: number }; maxRssKb: number };
  console.log(`${file}: ${Math.round(r.ms)} ms in the verify call (${run.wallMs} ms with node start-up), peak tree RSS ${Math.round(run.peakTreeRss / MB)} MB, node max RSS ${Math.round(r.maxRssKb / 1024)} MB`);
  return { ...r, peakTreeRss: run.peakTreeRss };
}

describe.skipIf(process.platform !== 'linux')('QR reading from hostile files, under a memory cap', () => {
  it('refuses the PNG bomb from its header', async () => {
    expect(statSync(join(dir, 'bomb.png')).size).toBeLessThan(600 * 1024);
    const r = await verifyCapped('bomb.png');
    expect(r.code).toBe(2);
    expect(r.answer.error).toBe('image too large to be an invoice page: 20000×20000 (400 megapixels; at most 40). Scan or export the page at 300 dpi.');
    expect(r.ms).toBeLessThan(5000);
    expect(r.peakTreeRss).toBeLessThan(300 * MB);
  }, 60_000);

  it('refuses a 14400×14400 pt page without rendering it', async () => {
    const r = await verifyCapped('huge-page.pdf');
    expect(r.code).toBe(2);
    expect(r.answer.error).toBe('page 1 is too large to be an invoice page: 14400×14400 pt (508×508 cm; at most 2400 pt a side)');
    expect(r.ms).toBeLessThan(5000);
    expect(r.peakTreeRss).toBeLessThan(300 * MB);
  }, 60_000);

  it('searches only the first pages of a 300-page PDF and says so', async () => {
    const r = await verifyCapped('pages-300.pdf');
    expect(r.code).toBe(2);
    expect(r.answer.error).toMatch(/^no readable QR code in the first [1-3] of its 300 pages of .*pages-300\.pdf \((only the first 3 pages are searched|the search stopped after 2.5 s)\)$/);
    expect(r.ms).toBeLessThan(5000);
    expect(r.peakTreeRss).toBeLessThan(300 * MB);
  }, 60_000);
});
