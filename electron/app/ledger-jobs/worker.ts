/** The worker thread of run.ts: runs the jobs of jobs.ts it is sent, one at a time, and posts progress and results. */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { JOBS, type JobName } from './jobs';

// Long jobs yield the CPU to the thread that answers the window. On Linux a nice value belongs to
// a thread, and setpriority(pid 0) changes only the calling one; elsewhere it would lower the
// whole app, so it is left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not allowed here: run at normal priority
  }
}

const port = parentPort!;
port.on('message', ({ id, job, args }: { id: number; job: JobName; args: unknown }) => {
  try {
    const run = JOBS[job] as (a: unknown, progress: (phase: string, done: number, total: number) => void) => unknown;
    const value = run(args, (phase, done, total) => port.postMessage({ id, type: 'progress', phase, done, total }));
    port.postMessage({ id, type: 'result', value });
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string; details?: unknown };
    port.postMessage({ id, type: 'error', error: { name: err.name ?? 'Error', code: err.code, message: err.message ?? String(e), details: err.details } });
  }
});
