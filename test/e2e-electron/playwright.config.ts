/**
 * The desktop smoke test: Playwright's `_electron` driving the built app (npm run build) in a real
 * Electron window. Where no Electron runtime exists (its binary download is opt-in, see
 * scripts/fetch-electron.mjs) the test reports itself skipped.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.test.ts',
  outputDir: '../../artifacts/e2e-electron/results',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
});
