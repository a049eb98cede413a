/**
 * The scenario catalogue against the practice IRP (issue 15): every scenario green, each answer the
 * code irp-protocol.md gives for it; the Test Summary Report as PDF (read back with pdftotext) and
 * .xlsx (read back with exceljs); `einvoice trace report|scenario` and their exit codes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../shared/ipc/playground.schema';
import { runCli } from '../../electron/cli/main';
import { CATALOGUE } from '../../electron/playground/scenarios/catalogue';
import { startPracticeIrp, type PracticeIrp } from '../../electron/sandbox';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';

/** What the protocol spec says NIC answers, per scenario: the code that must appear in the actual answer. */
const SPEC_CODES: Record<string, string> = {
  'auth-wrong-secret': '1010', 'auth-wrong-password': '1019', 'auth-unknown-user': '1017', 'auth-gstin-mismatch': '1015',
  'auth-inactive-user': '1014', 'auth-wrong-public-key': '1013', 'auth-missing-client-id': '1011', 'auth-missing-gstin': '1004',
  'auth-empty-body': '5003', 'token-missing': '1005', 'token-expired': '1005', 'generate-missing-fields': '5002',
  'generate-invalid-gstin': '3028', 'generate-duplicate': '2150', 'generate-other-seller': '2143', 'generate-future-date': '2163',
  'generate-wrong-total': '2189', 'generate-ewb-error': '4019', 'generate-after-cancel': '2278', 'get-by-irn-unknown': '2148',
  'get-by-doc-unknown': '2154', 'get-after-window': '2283', 'cancel-twice': '9999', 'cancel-after-24h': '2270',
  'cancel-with-ewb': '2230', 'gstin-unknown': '3001', 'gstin-invalid': '3030', 'ewb-part-a-no-transporter': '4019',
  'ewb-duplicate': '4002', 'ewb-cancelled-irn': '4000', 'irp-down': 'HTTP 503',
};

const io = (out: string[], err: string[] = out) => ({ out: (s: string) => out.push(s), err: (s: string) => err.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() });

let h: HandlerHarness;
let results: ScenarioResult[];
let runId: string;

beforeAll(async () => {
  h = await openHandlerHarness('einvoice-pg-catalogue-');
  const all = CATALOGUE.map((s) => s.id);
  const first = await h.call('playground:run', { ids: all.slice(0, 20) });
  const rest = await h.call('playground:run', { runId: first.runId, ids: all.slice(20) });
  results = [...first.results, ...rest.results];
  runId = first.runId;
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('the scenario catalogue on the practice IRP', () => {
  it('runs every scenario green, in catalogue order', () => {
    expect(results.map((r) => r.id)).toEqual(CATALOGUE.map((s) => s.id));
    expect(results.length).toBeGreaterThanOrEqual(40);
    const failed = results.filter((r) => !r.pass).map((r) => `${r.id}: ${r.actual}`);
    expect(failed).toEqual([]);
  });

  it('gets the answer the protocol spec gives for each refusal', () => {
    for (const [id, code] of Object.entries(SPEC_CODES)) {
      const r = results.find((x) => x.id === id);
      expect(r?.actual, id).toContain(code);
      expect(r?.expected, id).toContain(code.replace('HTTP ', ''));
    }
  });

  it('shows the exact requests and answers, and what the client did', () => {
    const dup = results.find((r) => r.id === 'generate-duplicate')!;
    const last = dup.exchanges.at(-1)!;
    expect(last.label).toBe('generate');
    expect(last.request.url).toMatch(/\/eicore\/v1\.03\/Invoice$/);
    expect(last.request.headers).toMatchObject({ user_name: 'practice_ka' });
    expect(JSON.parse(last.request.plainBody ?? '{}')).toHaveProperty('DocDtls');
    expect(last.response?.body).toContain('DUPIRN');
    expect(dup.exchanges.some((x) => x.label.startsWith('setup: '))).toBe(true);
    expect(dup.clientAction).toContain('adopts');
    const expired = results.find((r) => r.id === 'token-expired')!;
    expect(expired.exchanges.map((x) => x.label)).toEqual(expect.arrayContaining(['get', 'auth', 'get (sent again)']));
    expect(expired.clientAction).toBe('signed in again (1 auth) and re-sent the same request once');
    const late = results.find((r) => r.id === 'cancel-after-24h')!;
    expect(late.exchanges.at(-1)?.response?.body).toContain('"2270"');
  });

  it('never touches the practice IRP the user works with (its clock and registrations)', async () => {
    const res = await fetch(`${h.practice.irp.url}/sandbox/registrations`);
    expect(await res.json()).toEqual([]);
    const clock = (await (await fetch(`${h.practice.irp.url}/sandbox/clock`)).json()) as { now: string };
    expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(60_000);
  });

  it('makes the Test Summary Report as a PDF that pdftotext reads back', async () => {
    const r = await h.call('playground:report', { runId, format: 'pdf' });
    expect(r).toMatchObject({ scenarios: results.length, passed: results.length, failed: 0 });
    expect(r.fileName).toMatch(/^test-summary-report-\d{8}-\d{4}\.pdf$/);
    const file = join(h.dir, r.fileName);
    writeFileSync(file, Buffer.from(r.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Test Summary Report');
    expect(text).toContain(`${results.length} scenarios: ${results.length} passed, 0 failed`);
    expect(text).toContain('practice IRP (local simulator');
    expect(text).toMatch(/Date of testing\s+\d{2}\/\d{2}\/\d{4}/);
    for (const s of ['Wrong client secret', 'Cancel more than 24 hours', 'Duplicate IRN']) expect(text.replace(/\s+/g, ' ')).toContain(s);
    expect(text.match(/\bPASS\b/g)?.length).toBe(results.length);
  });

  it('makes the report as an .xlsx with one row per scenario', async () => {
    const r = await h.call('playground:report', { runId, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.base64, 'base64') as unknown as ArrayBuffer);
    const cases = wb.getWorksheet('Test cases')!;
    expect(cases.rowCount).toBe(results.length + 1);
    expect(cases.getRow(1).values).toEqual(expect.arrayContaining(['API', 'Scenario', 'Expected result', 'Actual result', 'Pass/Fail', 'Date and time (IST)']));
    const wrongSecret = cases.getRows(2, results.length)!.find((row) => row.getCell(10).value === 'auth-wrong-secret')!;
    expect(wrongSecret.getCell(2).value).toBe('Authentication');
    expect(wrongSecret.getCell(6).text).toContain('1010');
    expect(wrongSecret.getCell(8).value).toBe('PASS');
    expect(wb.getWorksheet('Summary')!.getCell('B7').text).toContain(`${results.length} scenarios`);
  });

  it('refuses a report of a run that does not exist, and an unknown scenario', async () => {
    expect((await h.refused('playground:report', { runId: 'nope', format: 'pdf' })).code).toBe('RUN_NOT_FOUND');
    expect((await h.refused('playground:run', { ids: ['no-such-scenario'] })).code).toBe('UNKNOWN_SCENARIO');
  });
});

describe('einvoice trace report and trace scenario', () => {
  let slow: PracticeIrp;
  const data = mkdtempSync(join(tmpdir(), 'einvoice-pg-cli-'));
  beforeAll(async () => {
    // a practice IRP whose tokens live 5 minutes: the sign-in scenario expects a sandbox's 60
    slow = await startPracticeIrp({ dataDir: join(data, 'irp-5min'), port: 0, tokenTtlMinutes: 5 });
  });
  afterAll(() => slow.close());

  it('writes the PDF and answers {scenarios, passed, failed, file}; exit 0 when all passed', async () => {
    const out: string[] = [];
    const file = join(data, 'report.pdf');
    expect(await runCli(['trace', 'report', '-o', file, '--json', '--data', data], io(out, []))).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toEqual({ scenarios: CATALOGUE.length, passed: CATALOGUE.length, failed: 0, file });
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(existsSync(join(data, 'playground-irp', 'encryption-public-key.pem'))).toBe(true);
  }, 120_000);

  it('exits 1 when a scenario fails (an IRP whose tokens live 5 minutes), and lists it', async () => {
    const out: string[] = [];
    const file = join(data, 'report.xlsx');
    expect(await runCli(['trace', 'report', '-o', file, '--irp', slow.url, '--data', data], io(out, []))).toBe(1);
    expect(out.join('\n')).toContain('FAIL auth-ok');
    expect(out.at(-1)).toMatch(new RegExp(`^${CATALOGUE.length} scenarios: ${CATALOGUE.length - 1} passed, 1 failed`));
  }, 120_000);

  it('runs one scenario by its id; an unknown id or a bad -o is a usage refusal', async () => {
    const out: string[] = [];
    expect(await runCli(['trace', 'scenario', 'cancel-after-24h', '--json', '--data', data], io(out, []))).toBe(0);
    const run = JSON.parse(out.at(-1)!) as { results: ScenarioResult[] };
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({ id: 'cancel-after-24h', pass: true });
    expect(await runCli(['trace', 'scenario', 'nope', '--data', data], io([]))).toBe(2);
    expect(await runCli(['trace', 'report', '-o', join(data, 'r.txt'), '--data', data], io([]))).toBe(2);
    const list: string[] = [];
    expect(await runCli(['trace', 'scenario', '--list', '--json'], io(list))).toBe(0);
    expect((JSON.parse(list[0]!) as unknown[]).length).toBe(CATALOGUE.length);
  }, 60_000);
});
