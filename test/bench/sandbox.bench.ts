/**
 * Practice IRP throughput: auth/s and generate/s (1-line and 100-line invoices) at 1, 4 and 8
 * concurrent clients over real HTTP, against `einvoice sandbox` running in its own process (so
 * client crypto does not share the server's thread), and the RS256 signing cost per invoice (the
 * floor any client meets). Each figure is the median of several timed runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { signJws } from '../../electron/sandbox/crypto';
import { CANONICAL_NAMES } from '../../electron/sandbox/fields';
import { loadOrCreateKeys } from '../../electron/sandbox/keys';
import { parseLexical } from '../../electron/sandbox/lexjson';
import { signedInvoiceData } from '../../electron/sandbox/signed';
import { admin, istDocDate, NicTestClient, sampleInvoice, type Party, type TestAccount } from '../support/nic-test-client';
import { median, microsPerCall, round, type BenchRow } from './measure';

const AREA = 'practice IRP';
const RUN_MS = 2_000;
const SAMPLES = 5;
const CONCURRENCY = [1, 4, 8];

const MH: Party = { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing', stateCode: '27', pin: 400001, loc: 'Mumbai' };
const KA: Party = { gstin: '29ABCDE1234F1ZW', name: 'Practice Traders', stateCode: '29', pin: 560001, loc: 'Bengaluru' };

async function startServer(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/einvoice.mjs', 'sandbox', '--port', '0', '--data', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`einvoice sandbox exited with ${code}`)));
  });
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected first line: ${line}`);
  return { url, child };
}

/** Runs `workers` loops of `op` for RUN_MS; returns operations per second. */
async function throughput(workers: number, op: (worker: number, i: number) => Promise<void>): Promise<number> {
  const end = Date.now() + RUN_MS;
  let done = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; Date.now() < end; i += 1) {
        await op(w, i);
        done += 1;
      }
    }),
  );
  return done / (Number(process.hrtime.bigint() - t0) / 1e9);
}

async function sampled(workers: number, op: (worker: number, i: number) => Promise<void>): Promise<number> {
  const runs: number[] = [];
  for (let s = 0; s < SAMPLES; s += 1) runs.push(await throughput(workers, op));
  return round(median(runs), 1);
}

function signingRows(dir: string): BenchRow[] {
  mkdirSync(dir, { recursive: true });
  const keys = loadOrCreateKeys(dir);
  const rows: BenchRow[] = [];
  for (const lines of [1, 100]) {
    const node = parseLexical(JSON.stringify(sampleInvoice(MH, KA, 'SIGN-1', '15/05/2026', lines)), CANONICAL_NAMES);
    const irn = 'a'.repeat(64);
    const data = signedInvoiceData(node, 132600000000001, '2026-05-15 10:00:00', irn);
    const us = microsPerCall(() => signJws(keys, data, 'NIC Sandbox'), 50, 7);
    rows.push({ area: AREA, name: `RS256 sign SignedInvoice, ${lines}-line invoice`, value: round(us / 1000, 3), unit: 'ms', note: `${data.length} chars of data` });
    const build = microsPerCall(() => signedInvoiceData(parseLexical(JSON.stringify(sampleInvoice(MH, KA, 'SIGN-1', '15/05/2026', lines)), CANONICAL_NAMES), 1, 'x', irn), 50, 7);
    rows.push({ area: AREA, name: `build SignedInvoice data (parse+order), ${lines}-line`, value: round(build / 1000, 3), unit: 'ms' });
  }
  return rows;
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'practice-irp-bench-'));
  const { url, child } = await startServer(join(dir, 'server'));
  try {
    const keys = await admin<{ encryptionPublicKeyPem: string }>(url, 'GET', 'keys');
    const accounts = await admin<TestAccount[]>(url, 'GET', 'accounts');
    const mh = accounts.find((a) => a.gstin === MH.gstin)!;
    const today = istDocDate(new Date((await admin<{ now: string }>(url, 'GET', 'clock')).now));
    const rows: BenchRow[] = [];

    for (const n of CONCURRENCY) {
      const clients = Array.from({ length: n }, () => new NicTestClient(url, mh, keys.encryptionPublicKeyPem));
      const perS = await sampled(n, async (w) => {
        const r = await clients[w]!.auth();
        if (r.env?.Status !== 1) throw new Error(`auth failed: ${r.text}`);
      });
      rows.push({ area: AREA, name: `auth v1.04, ${n} concurrent client${n > 1 ? 's' : ''}`, value: perS, unit: 'auth/s' });
    }

    let seq = 0;
    for (const lines of [1, 100]) {
      const template = JSON.stringify(sampleInvoice(MH, KA, 'DOCNO', today, lines));
      for (const n of CONCURRENCY) {
        const clients = await Promise.all(Array.from({ length: n }, async () => {
          const c = new NicTestClient(url, mh, keys.encryptionPublicKeyPem);
          await c.auth();
          return c;
        }));
        const perS = await sampled(n, async (w) => {
          seq += 1;
          const text = template.replace('"DOCNO"', JSON.stringify(`BN${seq.toString(36)}`));
          const r = await clients[w]!.generate(text);
          if (r.env?.Status !== 1) throw new Error(`generate failed: ${r.text.slice(0, 300)}`);
        });
        rows.push({ area: AREA, name: `generate IRN, ${lines}-line invoice, ${n} concurrent client${n > 1 ? 's' : ''}`, value: perS, unit: 'IRN/s' });
      }
    }
    rows.push(...signingRows(join(dir, 'signing')));
    return rows;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
