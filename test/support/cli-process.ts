/** `einvoice` in a child process, as an ERP's scheduler or a second terminal runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'einvoice.mjs');

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { child, done };
}

/** The rows of `einvoice register|reconcile --json`. */
export function jsonRows(out: string): Array<{ docNo: string; status: string; irn: string | null; note?: string; errors: Array<{ code: string }> }> {
  const line = out.trim().split('\n').pop() ?? '[]';
  return JSON.parse(line) as Array<{ docNo: string; status: string; irn: string | null; note?: string; errors: Array<{ code: string }> }>;
}

/** A pid that surely belongs to no running process: one that has just exited. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}
