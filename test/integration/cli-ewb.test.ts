/**
 * `einvoice ewb-partb`, `ewb-print`, `ewb-cancel` and `print --copies` against the practice IRP:
 * a Part-A only e-way bill gets its vehicle and validity, prints with it, and is cancelled.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
let t: TestApp;
let ewbNo = '';
let irn = '';
const out = mkdtempSync(join(tmpdir(), 'einvoice-cli-ewb-'));

function io(lines: string[]) {
  const account = practice.account(SELLER_GSTIN);
  return { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s), stdin: new PassThrough(), env: { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password }, now: () => new Date() };
}

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice);
  const doc = `CLE/${process.pid % 1000}/1`;
  const [r] = await t.app.engine.registerMany([t.app.engine.ingest(practiceInvoice(doc, undefined, 1), t.businessId).id]);
  irn = r!.irn!;
  const ewb = await t.app.operations.ewayBill(irn, { Distance: 0, TransId: '29AAGCB1286Q1Z5' });
  ewbNo = ewb.ewbNo;
  expect(ewb.ewbValidTill).toBeNull();
  await t.app.close();
});

afterAll(async () => {
  await practice.close();
});

describe('einvoice e-way bill commands', () => {
  it('enters Part-B, prints the bill with it, then cancels it', async () => {
    const lines: string[] = [];
    expect(await runCli(['ewb-partb', ewbNo, '--vehicle', 'ka01ab1234', '--from-place', 'Bengaluru', '--from-state', '29', '--reason', '4', '--json', '--data', t.dir], io(lines))).toBe(0);
    const res = JSON.parse(lines.at(-1)!) as { ok: boolean; validTill: string; updates: number };
    expect(res).toMatchObject({ ok: true, updates: 1 });
    expect(res.validTill).toMatch(/^\d{4}-\d{2}-\d{2} 23:59:00$/);

    const file = join(out, 'ewb.pdf');
    expect(await runCli(['ewb-print', ewbNo, '-o', file, '--data', t.dir], io([]))).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`E-Way Bill No: ${ewbNo}`);
    expect(text).toContain('KA01AB1234');
    expect(text).toContain('29AAGCB1286Q1Z5');

    const cancel: string[] = [];
    expect(await runCli(['ewb-cancel', ewbNo, '--reason', '3', '--remark', 'Data entry mistake', '--json', '--data', t.dir], io(cancel))).toBe(0);
    expect(JSON.parse(cancel.at(-1)!)).toMatchObject({ ok: true, ewbNo, status: 'CNL' });
    // a cancelled bill takes no new vehicle: the refusal has its code and a sentence, exit 1
    const late: string[] = [];
    expect(await runCli(['ewb-partb', ewbNo, '--vehicle', 'KA01AB1234', '--from-place', 'Bengaluru', '--from-state', '29', '--reason', '3', '--data', t.dir], io(late))).toBe(1);
    expect(late.join('\n')).toMatch(/^\[312\] E-way bill \d{12} is cancelled/m);
  });

  it('refuses bad input before opening anything, and prints invoices with copy labels', async () => {
    const lines: string[] = [];
    expect(await runCli(['ewb-partb', '123', '--data', t.dir], io(lines))).toBe(2);
    expect(lines.join('\n')).toContain('12-digit e-way bill number');
    expect(await runCli(['print', irn, '-o', join(out, 'x.pdf'), '--copies', 'original,fourth', '--data', t.dir], io([]))).toBe(2);
    const file = join(out, 'inv.pdf');
    expect(await runCli(['print', irn, '-o', file, '--copies', 'original,duplicate', '--data', t.dir], io([]))).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('ORIGINAL FOR RECIPIENT');
    expect(text).toContain('DUPLICATE FOR TRANSPORTER');
    expect(text).not.toContain('TRIPLICATE');
  });
});
