/**
 * Every end-to-end test gets its own browser host: a fresh temp data folder, its own practice IRP
 * and its own port (issue 5: "each with a fresh data directory and practice IRP"), so no test sees
 * another's invoices, outages or clock. The renderer is built once, in global-setup.ts; a host here
 * is `scripts/start.mjs` exactly as `npm start` runs it, with the shared access token.
 *
 *   import { expect, test } from './fixtures';
 *   test('…', async ({ page, host }) => { await page.goto(`/#token=${TOKEN}`); host.dataDir; });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { TOKEN } from './support';

export interface Host {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The host's data folder (ledger.sqlite, practice-irp/, ...). */
  dataDir: string;
  /** Everything the host printed so far. */
  output: () => string;
  /** Process spawn → its "running at" line, in ms. */
  startMs: number;
}

/**
 * Starts `scripts/start.mjs --no-open` on a fresh data folder (or on `existingDir`, which stop()
 * then leaves in place) and waits for its address. kill() ends it with SIGKILL, as a crash would.
 */
export async function startHost(existingDir?: string): Promise<{ host: Host; stop: () => Promise<void>; kill: () => Promise<void> }> {
  const dataDir = existingDir ?? mkdtempSync(join(tmpdir(), 'einvoice-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs', '--no-open', '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EINVOICE_HOST_TOKEN: TOKEN },
  });
  let out = '';
  const spawnedAt = Date.now();
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start within 60 s:\n${out}`)), 60_000);
    const onData = (c: Buffer) => {
      out += c.toString('utf8');
      const m = /e-Invoice Desk is running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with ${code} before it was ready:\n${out}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (existingDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  const startMs = Date.now() - spawnedAt;
  return { host: { origin, dataDir, output: () => out, startMs }, stop, kill };
}

export const test = base.extend<{ host: Host }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  host: async ({}, use) => {
    const { host, stop } = await startHost();
    try {
      await use(host);
    } finally {
      await stop();
    }
  },
  baseURL: async ({ host }, use) => {
    await use(host.origin);
  },
});

export { expect } from '@playwright/test';
