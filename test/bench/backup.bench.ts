/**
 * Long ledger jobs and the window (issue 13): a backup of a ~330 MB ledger (test/support/big-ledger.ts,
 * BACKUP_BENCH_DOCS × 100 KB bodies and a 100,000-entry journal), made the way Settings → Data
 * makes it (copy and checks in a worker thread), while this thread runs a 20 ms timer: how long
 * the backup takes, and how late the timer ever fires (what a click would wait). For comparison,
 * how long the same checks block when they run on the calling thread, as they did before.
 * BACKUP_BENCH_RUNS (default 3).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/app/app-core';
import { backupLedger } from '../../electron/app/backup';
import { verifyLedgerFile } from '../../electron/app/backup-check';
import { MemorySecretStore } from '../../electron/vault';
import { fillLedger } from '../support/big-ledger';
import { median, round, type BenchRow } from './measure';

const RUNS = Number(process.env.BACKUP_BENCH_RUNS ?? 3);
const DOCS = Number(process.env.BACKUP_BENCH_DOCS ?? 3000);

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'backup-bench-'));
  const core = await openAppCore({ dataDir: dir, vault: new MemorySecretStore(), env: {} });
  try {
    fillLedger(core.ledger, { docs: DOCS, pad: 50_000, journal: 100_000 });
    const mb = statSync(core.paths.ledger).size / 1e6;
    const seconds: number[] = [];
    const late: number[] = [];
    const blocked: number[] = [];
    for (let r = 0; r < RUNS; r += 1) {
      let worst = 0;
      let last = performance.now();
      const probe = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last - 20);
        last = now;
      }, 20);
      const t0 = performance.now();
      const info = await backupLedger(core);
      seconds.push((performance.now() - t0) / 1000);
      await new Promise((resolve) => setTimeout(resolve, 60));
      clearInterval(probe);
      late.push(worst);
      // the old way: the same checks on this thread
      const b0 = performance.now();
      verifyLedgerFile(info.path, info.fileName);
      blocked.push(performance.now() - b0);
      rmSync(info.path, { force: true });
    }
    const note = `${RUNS} runs, ledger ${round(mb, 0)} MB`;
    return [
      { area: 'long ledger jobs', name: `backup of the ${round(mb, 0)} MB ledger (copy + integrity + journal chain, in a worker)`, value: round(median(seconds), 2), unit: 's', note: `${note}: ${seconds.map((x) => round(x, 2)).join(', ')}` },
      { area: 'long ledger jobs', name: 'during it: a 20 ms timer on the main thread late by at most', value: round(median(late), 1), unit: 'ms', note: `${note}: ${late.map((x) => round(x, 1)).join(', ')}; goal < 100 ms` },
      { area: 'long ledger jobs', name: 'the same checks on the main thread (before): the thread blocked for', value: round(median(blocked), 0), unit: 'ms', note: `${note}: ${blocked.map((x) => round(x, 0)).join(', ')}` },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
