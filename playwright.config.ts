/**
 * End-to-end tests: Debian's chromium against the browser host (`npm start` without Electron). Each
 * test starts its own host on a fresh temp data folder with its own practice IRP (test/e2e/fixtures.ts);
 * the access token is chosen once by the runner and reaches the workers through the environment.
 */
import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

process.env.E2E_TOKEN ??= randomBytes(32).toString('base64url');

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'artifacts/e2e/results',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 60_000,
  workers: 1,
  // CI shares a 2-core machine with other jobs: one retry, and the list reporter names any test
  // that needed it as "flaky" (a test failing twice still fails the run).
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
