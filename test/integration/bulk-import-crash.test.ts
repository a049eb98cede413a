/**
 * Issue 14: an import is one transaction. `einvoice import` of a 2,000-document register runs in a
 * child process and is killed with SIGKILL while it writes (after it reported 500 documents saved,
 * before it reported the last): the ledger afterwards holds nothing of it (no invoice, party,
 * product or journal entry). Run again, the whole file imports.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/ledger';
import { writeBigRegister } from '../support/bulk-files';
import { openTestApp, startPractice, type Practice } from '../support/practice';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'einvoice.mjs');
const DOCS = 2000;

let practice: Practice;
let dir: string;
let file: string;

beforeAll(async () => {
  practice = await startPractice();
  const t = await openTestApp(practice);
  dir = t.dir;
  await t.app.close();
  file = join(dir, 'big.xlsx');
  await writeBigRegister(file, DOCS, 5, new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate())), 'KX');
}, 120_000);

afterAll(async () => {
  await practice.close();
});

function run(killAt?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [BIN, 'import', file, '--json', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EINVOICE_HOME: '' } });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    const saved = [...stderr.matchAll(/importing (\d+)\//g)].map((m) => Number(m[1]));
    if (killAt !== undefined && saved.some((n) => n >= killAt) && child.exitCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr, stdout })));
}

function counts() {
  const ledger = openLedger(join(dir, 'ledger.sqlite'));
  try {
    const one = (sql: string) => (ledger.db.prepare(sql).get() as { n: number }).n;
    return {
      invoices: one('SELECT count(*) AS n FROM invoices'),
      bodies: one('SELECT count(*) AS n FROM invoice_bodies'),
      parties: one('SELECT count(*) AS n FROM parties'),
      products: one('SELECT count(*) AS n FROM products'),
      imported: one("SELECT count(*) AS n FROM journal WHERE kind IN ('invoice.imported', 'import.done')"),
      totals: one('SELECT coalesce(sum(count), 0) AS n FROM invoice_totals'),
      chain: ledger.journal.verifyChain().ok,
    };
  } finally {
    ledger.close();
  }
}

describe('a killed import', () => {
  it('leaves nothing half-imported; the next run imports the whole file', async () => {
    const killed = await run(500);
    expect(killed.signal).toBe('SIGKILL');
    const reported = [...killed.stderr.matchAll(/importing (\d+)\//g)].map((m) => Number(m[1]));
    expect(Math.max(...reported)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...reported)).toBeLessThan(DOCS);
    expect(killed.stdout).toBe('');
    expect(counts()).toEqual({ invoices: 0, bodies: 0, parties: 0, products: 0, imported: 0, totals: 0, chain: true });

    const whole = await run();
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.stdout)).toMatchObject({ documents: DOCS, lines: DOCS * 5, imported: DOCS, skipped: 0, problems: [] });
    expect(counts()).toEqual({ invoices: DOCS, bodies: DOCS, parties: 1, products: 5, imported: DOCS + 1, totals: DOCS, chain: true });
  }, 180_000);
});
