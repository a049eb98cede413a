/**
 * The Playground (issue 15): open it from the navigation, trace an auth against the practice IRP
 * (secrets shown, with the reason; hex toggle; copy), paste a deliberately wrong encrypted payload
 * and read its verdict, run the scenario catalogue and download the Test Summary Report (the PDF is
 * read back with pdftotext).
 */
import { execFileSync } from 'node:child_process';
import { constants, publicEncrypt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { api, shot, TOKEN } from './support';

test('trace an auth, check a wrong payload, run the catalogue and download the report', async ({ page, request, context }) => {
  test.setTimeout(150_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Playground', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Playground' })).toBeVisible();

  // 1. trace an auth on the practice profile: every step a column, secrets shown and why
  await expect(page.getByLabel('Profile')).toHaveValue('practice');
  await page.getByRole('button', { name: 'Run trace' }).click();
  await expect(page.getByTestId('trace-outcome')).toContainText('OK: Signed in');
  await expect(page.getByTestId('trace-reveal')).toContainText('protect nothing');
  const steps = page.locator('.pg-step');
  await expect(steps).toHaveCount(8);
  await expect(steps.nth(0)).toContainText('AppKey (generated)');
  await expect(steps.nth(7)).toContainText('The SEK, received and decrypted');
  const appKey = steps.nth(0).locator('pre');
  const b64 = (await appKey.innerText()).trim();
  expect(Buffer.from(b64, 'base64')).toHaveLength(32);
  await steps.nth(0).getByRole('button', { name: 'hex' }).click();
  await expect(appKey).toHaveText(Buffer.from(b64, 'base64').toString('hex'));
  await steps.nth(0).getByRole('button', { name: 'Copy AppKey' }).click();
  await expect(steps.nth(0).getByRole('button', { name: 'Copy AppKey' })).toHaveText('Copied');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(Buffer.from(b64, 'base64').toString('hex'));
  await shot(page, 'playground-trace');

  // 2. a payload encrypted with RSA-OAEP instead of PKCS#1 v1.5: the verdict says so
  const info = await api<{ practicePublicKeyPem: string }>(request, 'playground:info', {});
  const json = JSON.stringify({ UserName: 'practice_ka', Password: 'x', AppKey: Buffer.alloc(32, 1).toString('base64'), ForceRefreshAccessToken: false });
  const wrong = publicEncrypt({ key: info.practicePublicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(Buffer.from(json).toString('base64'))).toString('base64');
  await page.getByRole('tab', { name: 'Check my encryption' }).click();
  await page.getByLabel('Encrypted payload').fill(JSON.stringify({ Data: wrong }));
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict-code')).toHaveText('OAEP_PADDING');
  await expect(page.getByTestId('check-verdict')).toContainText('PKCS#1 v1.5');
  await shot(page, 'playground-check');

  // 3. the catalogue, then the report
  await page.getByRole('tab', { name: 'Scenarios and test report' }).click();
  const runAll = page.getByRole('button', { name: /^Run all \d+ scenarios$/ });
  const total = Number(/\d+/.exec(await runAll.innerText())?.[0]);
  expect(total).toBeGreaterThanOrEqual(40);
  await runAll.click();
  await expect(page.getByTestId('scenario-summary')).toHaveText(`${total} of ${total} passed`, { timeout: 120_000 });
  await expect(page.locator('tr[data-scenario="generate-duplicate"]')).toContainText('2150 Duplicate IRN');
  await shot(page, 'playground-scenarios');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report (PDF)' }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'einvoice-e2e-report-')), (await download).suggestedFilename());
  await (await download).saveAs(file);
  expect(file).toMatch(/test-summary-report-\d{8}-\d{4}\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('e-Invoice API integration: Test Summary Report');
  expect(text).toContain(`${total} scenarios: ${total} passed, 0 failed`);
  expect(text).toContain('Cancel an IRN already cancelled');
  expect(text.match(/\bPASS\b/g)).toHaveLength(total);
});
