/**
 * End-to-end tests: Debian's chromium against the browser host (`npm start` without Electron) on a
 * fresh temp data dir with the practice IRP. The port, token and data dir are chosen once by the
 * runner and reach the workers through the environment.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 30_000));
process.env.E2E_TOKEN ??= randomBytes(32).toString('base64url');
process.env.E2E_DATA ??= mkdtempSync(join(tmpdir(), 'einvoice-e2e-'));
const port = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'artifacts/e2e/results',
  globalTeardown: './test/e2e/global-teardown.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `node scripts/start.mjs --no-open --data "${process.env.E2E_DATA}" --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    env: { EINVOICE_HOST_TOKEN: process.env.E2E_TOKEN },
  },
});
