/**
 * How long the `einvoice` command takes from spawn to exit, as a shell or an ERP's scheduler sees
 * it: `validate` of one invoice and `ledger list` of a small ledger, from the bundle (the default:
 * dist/cli-<id>, scripts/cli-bundle.mjs) and from the sources through tsx (EINVOICE_CLI_BUNDLE=0,
 * what every run cost before), next to a bare `node -e 0` on the same machine at the same moment.
 * Goal (issue 13): validate and ledger list under 300 ms. CLI_BENCH_RUNS (default 15) per figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../electron/ledger';
import { BIN } from '../support/cli-process';
import { practiceInvoice } from '../support/practice';
import { median, round, type BenchRow } from './measure';

const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 15);

function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 300)}`);
  return ms;
}

export function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cli-bench-'));
  try {
    const invoice = join(dir, 'invoice.json');
    writeFileSync(invoice, JSON.stringify(practiceInvoice('CLI/1')));
    const ledger = openLedger(join(dir, 'ledger.sqlite'));
    const businessId = ledger.businesses.create({ gstin: '29ABCDE1234F1ZW', legalName: 'Practice Traders', address1: 'MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29' }).id;
    for (let n = 1; n <= 200; n += 1) ledger.invoices.saveDraft({ businessId, docType: 'INV', docNo: `CLI/${n}`, docDate: '2026-03-01', totalPaise: n * 100, draft: {} });
    ledger.close();
    const bundled = { ...process.env };
    const sources = { ...process.env, EINVOICE_CLI_BUNDLE: '0' };
    // the first run builds the bundle when a source changed; not measured
    timed([BIN, 'validate', invoice], bundled);
    const cases: Array<[string, string[], NodeJS.ProcessEnv]> = [
      ['bare node -e 0 (the floor)', ['-e', '0'], bundled],
      ['einvoice validate FILE (bundle)', [BIN, 'validate', invoice], bundled],
      ['einvoice ledger list, 200 invoices (bundle)', [BIN, 'ledger', 'list', '--data', dir], bundled],
      ['einvoice validate FILE (sources through tsx)', [BIN, 'validate', invoice], sources],
      ['einvoice ledger list, 200 invoices (sources through tsx)', [BIN, 'ledger', 'list', '--data', dir], sources],
    ];
    const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    // interleaved, so a burst of load on the machine hits every case alike
    for (let r = 0; r < RUNS; r += 1) for (const [name, args, env] of cases) samples.get(name)!.push(timed(args, env));
    const floor = median(samples.get(cases[0]![0])!);
    return Promise.resolve(
      cases.map(([name]) => {
        const ms = samples.get(name)!;
        const sorted = [...ms].sort((a, b) => a - b);
        return { area: 'cli start', name, value: round(median(ms), 0), unit: 'ms', note: `range ${round(sorted[0]!, 0)}-${round(sorted.at(-1)!, 0)}; ${round(median(ms) / floor, 1)}× bare node${name.includes('bundle') ? '; goal < 300 ms' : ''}` };
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
