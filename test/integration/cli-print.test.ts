/**
 * `einvoice print` from the ledger: a registered invoice's PDF carries the SignedQRCode byte for
 * byte (read back with pdftoppm + zbarimg), a cancelled one says so, and --all prints a range.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { istDateOf } from '../../shared/dates';
import { runCli } from '../../electron/cli/main';
import { pdfFileName } from '../../electron/app/printable';
import { openTestApp, practiceInvoice, startPractice, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
let t: TestApp;
const out = mkdtempSync(join(tmpdir(), 'einvoice-print-'));
const io = (lines: string[]) => ({ out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() });
const docA = `PRT/${process.pid % 1000}/1`;
const docB = `PRT/${process.pid % 1000}/2`;
let irnA = '';
let irnB = '';

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice);
  const [a, b] = await t.app.engine.registerMany([docA, docB].map((no) => t.app.engine.ingest(practiceInvoice(no), t.businessId).id));
  irnA = a!.irn!;
  irnB = b!.irn!;
  await t.app.operations.cancel(irnB, '3', 'Order cancelled');
  await t.app.close();
});

afterAll(async () => {
  await practice.close();
});

function qrOfPage1(pdf: string): string {
  const prefix = join(out, 'page');
  execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', pdf, prefix]);
  const png = readdirSync(out).filter((f) => f.startsWith('page') && f.endsWith('.png')).map((f) => join(out, f))[0]!;
  return execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
}

describe('einvoice print', () => {
  it('prints a registered invoice by IRN with the exact SignedQRCode in its QR', async () => {
    const file = join(out, 'a.pdf');
    const lines: string[] = [];
    expect(await runCli(['print', irnA, '-o', file, '--data', t.dir], io(lines))).toBe(0);
    expect(lines.join('\n')).toContain(`INV ${docA} (registered) printed`);
    const { openLedger } = await import('../../electron/ledger');
    const ledger = openLedger(join(t.dir, 'ledger.sqlite'));
    const signed = ledger.registrations.get(irnA)!.signedQrCode;
    ledger.close();
    expect(qrOfPage1(file)).toBe(signed);
  });

  it('prints by document number, and a cancelled invoice carries the CANCELLED mark', async () => {
    const file = join(out, 'b.pdf');
    expect(await runCli(['print', docB.toLowerCase(), '-o', file, '--data', t.dir], io([]))).toBe(0);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('CANCELLED');
    expect(text).toContain(irnB);
  });

  it('prints a date range into a folder, one file per document', async () => {
    const dir = join(out, 'all');
    const today = istDateOf(new Date());
    const lines: string[] = [];
    expect(await runCli(['print', '--all', '--from', today, '--to', today, '-o', dir, '--data', t.dir], io(lines))).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([pdfFileName('INV', docA, 0), pdfFileName('INV', docB, 0)].sort());
    expect(lines.join('\n')).toContain('2 invoice(s) printed');
  });

  it('says what is wrong for an unknown document and bad options', async () => {
    const lines: string[] = [];
    expect(await runCli(['print', 'NOPE/1', '-o', join(out, 'x.pdf'), '--data', t.dir], io(lines))).toBe(1);
    expect(lines.join('\n')).toContain('No document NOPE/1');
    expect(await runCli(['print', '--all', '--from', '2026-12-01', '--to', '2026-11-01', '-o', out, '--data', t.dir], io([]))).toBe(2);
    expect(await runCli(['print', irnA, '--data', t.dir], io([]))).toBe(2);
  });
});
