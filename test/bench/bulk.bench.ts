/**
 * Import and export figures (issue 14). Goals: a 10,000-line .xlsx register (2,000 documents of 5
 * lines) to the preview ≤ 5 s and into the ledger ≤ 10 s; 100,000 registered documents exported
 * ≤ 10 s; memory < 500 MB. Each measurement runs in its own process (bulk-task.ts) so its peak RSS
 * is its own; three runs each, medians reported with the range. BULK_BENCH_DOCS overrides the
 * 100,000 of the export ledger (built with ledger.bench.ts's bulk loader: realistic payloads,
 * signed invoices, 2 % cancelled).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../electron/ledger';
import { writeBigRegister } from '../support/bulk-files';
import { build } from './ledger.bench';
import { median, round, type BenchRow } from './measure';

const RUNS = 3;
const TASK = join(import.meta.dirname, 'bulk-task.ts');
const TSX = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

interface TaskResult {
  ms: number;
  cpuMs: number;
  previewMs?: number;
  maxRssMb: number;
  documents: number;
  lines: number;
  imported?: number;
}

function task(...args: string[]): TaskResult {
  const out = execFileSync(TSX, [TASK, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as TaskResult;
}

function rows(area: string, name: string, values: number[], unit: string, goal: string, extra = ''): BenchRow {
  return { area, name, value: round(median(values), unit === 'MB' ? 0 : 2), unit, note: `${RUNS} runs ${round(Math.min(...values), 2)}-${round(Math.max(...values), 2)}; goal ${goal}${extra}` };
}

/** Wall time and, beside it, the process's CPU time (all its threads): on a shared machine the first measures the queue too. */
function timed(name: string, runs: TaskResult[], goal: string, extra = ''): BenchRow[] {
  return [
    rows('bulk', name, runs.map((r) => r.ms / 1000), 's', goal, extra),
    rows('bulk', `${name}: CPU time`, runs.map((r) => r.cpuMs / 1000), 's', goal),
  ];
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-bulk-bench-'));
  const out: BenchRow[] = [];
  try {
    const file = join(dir, 'register-10k.xlsx');
    const today = new Date();
    await writeBigRegister(file, 2000, 5, new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())));
    const preview: TaskResult[] = [];
    const imports: TaskResult[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      preview.push(task('preview', file, mkdtempSync(join(dir, 'p-'))));
      imports.push(task('import', file, mkdtempSync(join(dir, 'i-'))));
    }
    if (imports.some((r) => r.imported !== 2000)) throw new Error(`the import did not take all 2,000 documents: ${JSON.stringify(imports)}`);
    out.push(...timed('10,000-line .xlsx → preview (2,000 documents checked)', preview, '≤ 5 s'));
    out.push(...timed('10,000-line .xlsx → in the ledger (preview + one transaction)', imports, '≤ 10 s'));
    out.push(rows('bulk', 'import peak RSS (whole process)', imports.map((r) => r.maxRssMb), 'MB', '< 500 MB'));

    const docs = Number(process.env.BULK_BENCH_DOCS ?? 100_000);
    const ledgerFile = join(dir, 'export-ledger.sqlite');
    const ledger = openLedger(ledgerFile);
    build(ledger, docs);
    ledger.close();
    for (const [kind, label] of [['register-xlsx', 'register .xlsx (2 sheets)'], ['register-csv', 'register .csv (2 files)'], ['gstr1-xlsx', 'GSTR-1 .xlsx']] as const) {
      const runs: TaskResult[] = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(task(kind, ledgerFile, join(dir, `out-${kind}-${i}.${kind.endsWith('csv') ? 'csv' : 'xlsx'}`), '2021-04-01', '2026-03-31'));
      out.push(...timed(`export ${docs.toLocaleString('en-IN')} registered documents: ${label}`, runs, '≤ 10 s', `; ${runs[0]?.documents} documents, ${runs[0]?.lines} lines`));
      out.push(rows('bulk', `export ${label}: peak RSS`, runs.map((r) => r.maxRssMb), 'MB', '< 500 MB'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
