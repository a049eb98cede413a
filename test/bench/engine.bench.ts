/**
 * Registration throughput against the practice IRP in its own process, with a NIC-like service
 * time (ENGINE_BENCH_LATENCY_MS, default 200 ms: every IRP call waits that long before it is
 * handled; see docs/benchmarks.md for why 200).
 *
 * - The ceiling: the practice IRP driven by the raw test client (already authenticated, nothing
 *   stored) at the same concurrency, just before and just after each sample.
 * - `einvoice register FILE --concurrency N` as a user runs it: a child process, wall time from
 *   spawn to exit (start-up, reading the file, ingest, auth, every registration on disk).
 *   Goal (issue 13): ≥ 0.7 of the ceiling at concurrency 8 for 500 and for 5,000 documents.
 * - The same at concurrency 4, 8 and 16, to choose the default (DEFAULT_CONCURRENCY).
 * - Group commit in the engine: outbox writes per commit at concurrency 8.
 *
 * ENGINE_BENCH_SIZES (default "500,5000"), ENGINE_BENCH_SAMPLES (default 3), ENGINE_BENCH_SWEEP=0
 * skips the concurrency sweep.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/app/app-core';
import { MemorySecretStore } from '../../electron/vault';
import { BIN } from '../support/cli-process';
import { admin, istDocDate, NicTestClient, sampleInvoice, type Party, type TestAccount } from '../support/nic-test-client';
import { spawnPracticeIrp } from '../support/practice-process';
import { practiceInvoice } from '../support/practice';
import { median, round, type BenchRow } from './measure';

const AREA = 'registration';
const SELLER: Party = { gstin: '29ABCDE1234F1ZW', name: 'Practice Traders', stateCode: '29', pin: 560001, loc: 'Bengaluru' };
const BUYER: Party = { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing', stateCode: '27', pin: 400001, loc: 'Mumbai' };
const LATENCY_MS = Number(process.env.ENGINE_BENCH_LATENCY_MS ?? 200);
const SIZES = (process.env.ENGINE_BENCH_SIZES ?? '500,5000').split(',').map(Number);
const SAMPLES = Number(process.env.ENGINE_BENCH_SAMPLES ?? 3);

interface Ctx {
  url: string;
  dir: string;
  account: TestAccount;
  keys: string;
  seq: number;
}

/** Raw generate calls per second by `n` authenticated clients (the IRP's own ceiling). */
async function ceiling(c: Ctx, n: number, requests: number): Promise<number> {
  const today = istDocDate(new Date());
  const clients = await Promise.all(Array.from({ length: n }, async () => {
    const client = new NicTestClient(c.url, c.account, c.keys);
    await client.auth();
    return client;
  }));
  const template = JSON.stringify(sampleInvoice(SELLER, BUYER, 'DOCNO', today, 2));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(clients.map(async (client) => {
    while (next < requests) {
      next += 1;
      const r = await client.generate(template.replace('"DOCNO"', JSON.stringify(`CB${(c.seq += 1).toString(36)}`)));
      if (r.env?.Status !== 1) throw new Error(`generate failed: ${r.text.slice(0, 200)}`);
    }
  }));
  return requests / ((performance.now() - t0) / 1000);
}

/** A data folder with a practice profile for the bench's IRP. */
async function dataFolder(c: Ctx, name: string): Promise<string> {
  const dataDir = join(c.dir, name);
  const app = await openAppCore({ dataDir, vault: new MemorySecretStore(), env: {} });
  try {
    app.ledger.profiles.save({ name: 'bench', kind: 'practice', baseUrl: c.url, gstin: SELLER.gstin, clientId: c.account.clientId, userName: c.account.userName });
    app.ledger.businesses.create({ gstin: SELLER.gstin, legalName: 'Practice Traders', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29', profileName: 'bench' });
  } finally {
    await app.close();
  }
  return dataDir;
}

/** `einvoice register` of `count` new documents in one file; registrations per second, wall time. */
async function cliRun(c: Ctx, count: number, concurrency: number): Promise<number> {
  const dataDir = await dataFolder(c, `cli-${(c.seq += 1)}`);
  const today = istDocDate(new Date());
  const file = join(dataDir, 'batch.json');
  writeFileSync(file, JSON.stringify(Array.from({ length: count }, () => practiceInvoice(`R${(c.seq += 1).toString(36)}`, today))));
  const env = { ...process.env, EINVOICE_CLIENT_SECRET: c.account.clientSecret, EINVOICE_PASSWORD: c.account.password };
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'register', file, '--profile', 'bench', '--concurrency', String(concurrency), '--json', '--data', dataDir], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', resolve);
  });
  const secs = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`einvoice register exited ${code}`);
  rmSync(dataDir, { recursive: true, force: true });
  return count / secs;
}

/** The engine in this process at concurrency 8: how many outbox writes shared each commit. */
async function groupCommit(c: Ctx, count: number): Promise<BenchRow> {
  const dataDir = await dataFolder(c, 'engine');
  const app = await openAppCore({ dataDir, vault: new MemorySecretStore(), concurrencyPerGstin: 8, env: { EINVOICE_CLIENT_SECRET: c.account.clientSecret, EINVOICE_PASSWORD: c.account.password } });
  try {
    const businessId = app.ledger.businesses.getByGstin(SELLER.gstin)!.id;
    const today = istDocDate(new Date());
    const ids = app.engine.ingestMany(Array.from({ length: count }, () => ({ payload: practiceInvoice(`G${(c.seq += 1).toString(36)}`, today), businessId: () => businessId }))).map((r) => r.invoice!.id);
    const before = { ...app.engine.commits.stats };
    const out = await app.engine.registerMany(ids, 8);
    if (out.some((o) => o.status !== 'registered')) throw new Error('not all registered');
    const commits = app.engine.commits.stats.commits - before.commits;
    const writes = app.engine.commits.stats.writes - before.writes;
    return { area: AREA, name: `engine group commit at concurrency 8 (${count} documents)`, value: round(writes / commits, 2), unit: 'writes/commit', note: `${writes} outbox writes in ${commits} commits (synchronous=FULL)` };
  } finally {
    await app.close();
  }
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
  const irp = await spawnPracticeIrp(join(dir, 'irp'));
  const rows: BenchRow[] = [];
  try {
    const keys = (await admin<{ encryptionPublicKeyPem: string }>(irp.url, 'GET', 'keys')).encryptionPublicKeyPem;
    const account = (await admin<TestAccount[]>(irp.url, 'GET', 'accounts')).find((a) => a.gstin === SELLER.gstin)!;
    await admin(irp.url, 'POST', 'faults', { latencyMs: LATENCY_MS });
    const c: Ctx = { url: irp.url, dir, account, keys, seq: Date.now() % 1_000_000 };
    const note = `service time ${LATENCY_MS} ms`;

    for (const size of SIZES) {
      const ceilings: number[] = [];
      const cli: number[] = [];
      for (let s = 0; s < SAMPLES; s += 1) {
        // the ceiling just before and just after each sample (their mean): the load of the shared
        // machine changes from minute to minute
        const before = await ceiling(c, 8, Math.min(size, 600));
        cli.push(await cliRun(c, size, 8));
        const after = await ceiling(c, 8, Math.min(size, 600));
        ceilings.push((before + after) / 2);
        process.stderr.write(`  ${size} documents, sample ${s + 1}: ceiling ${round(before, 1)} / ${round(after, 1)} IRN/s, einvoice register ${round(cli.at(-1)!, 1)} reg/s\n`);
      }
      const ratios = cli.map((r, i) => r / ceilings[i]!);
      rows.push({ area: AREA, name: `practice IRP ceiling at concurrency 8 (raw generate), ${note}`, value: round(median(ceilings), 1), unit: 'IRN/s', note: `${SAMPLES} samples: ${ceilings.map((x) => round(x, 1)).join(', ')}` });
      rows.push({
        area: AREA, name: `einvoice register, ${size} documents, --concurrency 8 (wall time from spawn)`, value: round(median(cli), 1), unit: 'reg/s',
        note: `ratio median ${round(median(ratios), 2)} (samples ${ratios.map((x) => round(x, 2)).join(', ')}); goal ≥ 0.7`,
      });
    }

    if (process.env.ENGINE_BENCH_SWEEP !== '0') {
      for (const n of [4, 8, 16]) {
        const ceil = await ceiling(c, n, 400);
        const rate = await cliRun(c, 500, n);
        rows.push({ area: AREA, name: `einvoice register, 500 documents, --concurrency ${n}`, value: round(rate, 1), unit: 'reg/s', note: `ceiling at ${n}: ${round(ceil, 1)} IRN/s, ratio ${round(rate / ceil, 2)}; ${note}` });
      }
    }
    rows.push(await groupCommit(c, 300));
    return rows;
  } finally {
    await irp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
