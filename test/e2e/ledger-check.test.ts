/**
 * Settings → Data → "Check the ledger" (issue 16 item 6): the full integrity check, answered in
 * green only when the ledger passed, naming the file.
 */
import { expect, test } from './fixtures';
import { shot, TOKEN } from './support';

test('checks the ledger from Settings → Data and says it passed', async ({ page, host }) => {
  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Data' })).toBeVisible();
  await page.getByRole('button', { name: 'Check the ledger' }).click();
  const result = page.getByTestId('ledger-check-result');
  await expect(result).toContainText(`The ledger ${host.dataDir}/ledger.sqlite passed SQLite's full integrity check and its journal verifies.`);
  await expect(result).toHaveClass(/notice-ok/);
  await shot(page, 'ledger-check');
});
