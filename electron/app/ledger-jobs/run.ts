/**
 * runLedgerJob(): one job of jobs.ts in a worker thread, so backups, restores and checks of a
 * large ledger never block the thread that answers the window (or the CLI's timers). The worker
 * is the bundled `ledger-worker.js` next to this code (the CLI bundle, the desktop main bundle),
 * or, when running from the TypeScript sources (tsx, vitest), worker.ts through tsx.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../handlers/table';
import type { JobArgs, JobName, JobResult } from './jobs';

export type JobProgress = (phase: string, done: number, total: number) => void;

/** The ESM entry of tsx's API (its package resolves the CommonJS one for require). */
function tsxApi(): string {
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const mjs = cjs.replace(/\.cjs$/, '.mjs');
  return pathToFileURL(existsSync(mjs) ? mjs : cjs).href;
}

function startWorker(): Worker {
  const here = import.meta.url;
  if (new URL(here).pathname.endsWith('.ts')) {
    const entry = new URL('./worker.ts', here).href;
    const code = `(async () => { const { register } = await import(${JSON.stringify(tsxApi())}); register(); await import(${JSON.stringify(entry)}); })();`;
    return new Worker(code, { eval: true });
  }
  return new Worker(new URL('./ledger-worker.js', here));
}

interface Pending {
  job: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: JobProgress;
}

/** A worker is kept this long after its last job, so a backup's copy and check share one start. */
const IDLE_MS = 30_000;

/** One worker per process, started on demand; it never keeps the process alive while idle. */
interface Pool {
  worker: Worker;
  pending: Map<number, Pending>;
  idle?: NodeJS.Timeout;
}
let shared: Pool | undefined;
let nextId = 0;

function pool(): Pool {
  if (shared) return shared;
  const worker = startWorker();
  const p: Pool = { worker, pending: new Map() };
  const failAll = (e: unknown) => {
    if (shared === p) shared = undefined;
    for (const job of p.pending.values()) job.reject(e);
    p.pending.clear();
  };
  worker.on('message', (m: { id: number; type: string; phase?: string; done?: number; total?: number; value?: unknown; error?: { name: string; code?: string; message: string; details?: unknown } }) => {
    const job = p.pending.get(m.id);
    if (!job) return;
    if (m.type === 'progress') {
      job.onProgress?.(m.phase ?? '', m.done ?? 0, m.total ?? 0);
      return;
    }
    p.pending.delete(m.id);
    if (m.type === 'result') job.resolve(m.value);
    else {
      const e = m.error!;
      job.reject(e.name === 'AppError' && e.code ? new AppError(e.code, e.message, e.details) : Object.assign(new Error(e.message), { code: e.code }));
    }
    if (p.pending.size === 0) {
      worker.unref();
      p.idle = setTimeout(() => {
        if (shared === p && p.pending.size === 0) {
          shared = undefined;
          void worker.terminate();
        }
      }, IDLE_MS);
      p.idle.unref();
    }
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new AppError('LEDGER_JOB_FAILED', `The worker for long ledger jobs stopped (exit ${code}) before it finished.`)));
  shared = p;
  return p;
}

export function runLedgerJob<K extends JobName>(job: K, args: JobArgs<K>, onProgress?: JobProgress): Promise<JobResult<K>> {
  return new Promise<JobResult<K>>((resolve, reject) => {
    const p = pool();
    clearTimeout(p.idle);
    p.worker.ref();
    const id = (nextId += 1);
    p.pending.set(id, { job, resolve: resolve as (value: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
    p.worker.postMessage({ id, job, args });
  });
}
