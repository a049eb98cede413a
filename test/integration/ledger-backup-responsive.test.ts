/**
 * No frozen window (issue 13): a backup of a 300 MB ledger runs off the main thread (copy and
 * checks in a worker) while the event loop keeps answering within 100 ms, progress arrives as it
 * goes, and the app can go on writing to the ledger meanwhile. The ledger is generated inside
 * SQLite (test/support/big-ledger.ts), so making it takes seconds, not minutes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore, type AppCore } from '../../electron/app/app-core';
import { backupLedger, type DataProgress } from '../../electron/app/backup';
import { MemorySecretStore } from '../../electron/vault';
import { fillLedger } from '../support/big-ledger';

const DOCS = 3000;
/** Random bytes per document; stored as hex, so each body is twice this (about 300 MB in all). */
const PAD = 50_000;

let dir: string;
let core: AppCore;
let attempt = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'einvoice-big-'));
  core = await openAppCore({ dataDir: dir, vault: new MemorySecretStore(), env: {} });
  // a journal as long as a ledger of this size has (its chain check is the slow part of a verify)
  fillLedger(core.ledger, { docs: DOCS, pad: PAD, journal: 50_000 });
}, 120_000);

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a backup of a 300 MB ledger', () => {
  // Retried: on a 2-core machine shared with other work, the scheduler alone can delay a timer by
  // 100 ms now and then; a backup that blocks the thread (the old one did, for 8-14 s on 330 MB)
  // fails every try.
  it('keeps the event loop answering within 100 ms, reports progress, and lets the app write meanwhile', { retry: 2, timeout: 180_000 }, async () => {
    expect(statSync(core.paths.ledger).size).toBeGreaterThan(300e6);
    const progress: DataProgress[] = [];
    attempt += 1;
    const started = performance.now();
    // The app saves a draft every 500 ms meanwhile. A save is the app's own synchronous commit (an
    // fsync, slower while the disk is busy with the copy): its time is not the backup's, so the
    // probe subtracts it. How late a 20 ms timer fires, otherwise, is how long the window waits.
    let saved = 0;
    let inSaves = 0;
    let slowestSave = 0;
    const writer = setInterval(() => {
      const t0 = performance.now();
      core.ledger.invoices.saveDraft({ businessId: 1, docType: 'INV', docNo: `DURING/${attempt}/${(saved += 1)}`, docDate: '2026-03-02', totalPaise: 100, draft: {} });
      const ms = performance.now() - t0;
      inSaves += ms;
      slowestSave = Math.max(slowestSave, ms);
    }, 500);
    let worstLateMs = 0;
    let last = performance.now();
    let savesAtLast = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      const late = now - last - 20 - (inSaves - savesAtLast);
      worstLateMs = Math.max(worstLateMs, late);
      last = now;
      savesAtLast = inSaves;
    }, 20);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let info;
    try {
      info = await backupLedger(core, (p) => progress.push(p));
      // let the probes fire once more: a block just before the end would otherwise go unseen
      // (the code after this await runs before any timer)
      await new Promise((r) => setTimeout(r, 60));
    } finally {
      clearInterval(writer);
      clearInterval(probe);
      delay.disable();
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `backup of ${(statSync(core.paths.ledger).size / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s: a 20 ms timer late by at most ${worstLateMs.toFixed(1)} ms ` +
        `(event-loop delay max ${(delay.max / 1e6).toFixed(1)} ms with the saves, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms); ` +
        `${saved} drafts saved meanwhile, slowest ${slowestSave.toFixed(1)} ms; ${progress.length} progress reports`,
    );
    expect(worstLateMs).toBeLessThan(100);
    expect(saved).toBeGreaterThan(0);
    // the copy is the snapshot it started from, verified
    expect(info.invoices).toBeGreaterThanOrEqual(DOCS);
    expect(info.bytes).toBeGreaterThan(300e6);
    // progress: the copy grows to its total, then the checks
    const copies = progress.filter((p) => p.step === 'copy');
    expect(copies.length).toBeGreaterThanOrEqual(3);
    expect(copies.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    expect(copies.at(-1)!.done).toBe(copies.at(-1)!.total);
    expect(progress.some((p) => p.step === 'integrity')).toBe(true);
    expect(progress.filter((p) => p.step === 'journal' && p.done > 0).length).toBeGreaterThanOrEqual(3);
  });
});
