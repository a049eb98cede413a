/**
 * The GSP road in the guided settings (issue 12): a person picks "Through my GSP", chooses the
 * Adaequare preset on the practice IRP's front door, types what Adaequare and the portal gave them,
 * tests the connection (first with a wrong password: the sentence says what to fix), is asked before
 * a change would remove the saved secrets, uses the profile for the business and registers an
 * invoice through it. Afterwards no secret is in the data folder, the host's log or the exported PDF.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED } from '../../electron/sandbox/gsp/published';
import { expect, test } from './fixtures';
import { api, shot, todayIst, TOKEN } from './support';

const PASSWORD = 'Practice@229';

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const p = join(root, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('pick a GSP preset, test the connection, register an invoice through it', async ({ page, request, host }) => {
  const { businesses } = await api<{ businesses: Array<{ id: number; legalName: string }> }>(request, 'businesses:list', {});
  const draft = {
    docType: 'INV', docNo: 'GSP/0001', docDate: todayIst(), supplyType: 'B2B', seller: {},
    buyer: { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pos: '27', Addr1: 'Plot 4', Loc: 'Mumbai', Pin: 400001, Stcd: '27' },
    lines: [{ description: 'Basmati rice 25 kg bag', hsn: '10063020', isService: false, qtyMilli: 10_000, unit: 'BAG', unitPricePaise: 185_000, gstRate: 5 }],
  };
  const saved = await api<{ invoice: { id: number } }>(request, 'invoices:save', { businessId: businesses[0]!.id, draft });

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add profile' }).click();
  const form = page.getByRole('form', { name: 'New profile' });
  await expect(form.getByRole('group', { name: 'How do you connect to the IRP?' })).toBeVisible();
  await form.getByRole('radio', { name: /^Through my GSP/ }).check();
  await form.getByLabel('Profile name').fill('adq');
  await form.getByLabel('Your GSP').selectOption({ label: 'Adaequare (enriched API)' });
  await expect(form.getByText('Adaequare Info Private Limited')).toBeVisible();
  await expect(form.getByLabel('Which of its systems')).toHaveValue('practice');
  await form.getByLabel('Client id').fill(PUBLISHED.adaequare.clientId);
  await form.getByLabel('API user name').fill('API_ADQ_practice_ka');
  await form.getByLabel('Client secret', { exact: true }).fill(PUBLISHED.adaequare.clientSecret);
  await form.getByLabel('API password', { exact: true }).fill('Wrong@123');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Credentials for adq saved.');

  const edit = page.getByRole('form', { name: 'Edit profile adq' });
  const result = edit.getByTestId('test-result-adq');
  await edit.getByRole('button', { name: 'Test connection adq' }).click();
  await expect(result).toContainText('✗ The password of API user "API_ADQ_practice_ka" is wrong (NIC 1019)');
  await edit.getByLabel('API password', { exact: true }).fill(PASSWORD);
  await edit.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Credentials for adq saved.');
  await expect(edit.getByLabel('API password', { exact: true })).toHaveValue('');
  await edit.getByRole('button', { name: 'Test connection adq' }).click();
  await expect(result).toContainText('✓ Connected through Adaequare (enriched API): signed in as API_ADQ_practice_ka and looked up 29ABCDE1234F1ZW');
  await shot(page, '15-settings-gsp');

  // pointing it elsewhere would take the saved secrets away: asked first, nothing saved on "keep"
  await edit.getByLabel('Which of its systems').selectOption('other');
  await edit.getByLabel('Base URL').fill('https://gsp.example.in');
  await edit.getByRole('button', { name: 'Save profile' }).click();
  const dialog = page.getByTestId('confirm-removal-dialog');
  await expect(dialog).toContainText('Changing the address removes the saved password and client secret for profile "adq"; you will be asked for them again.');
  await dialog.getByRole('button', { name: 'Keep things as they are' }).click();
  await expect(dialog).toHaveCount(0);
  await edit.getByLabel('Which of its systems').selectOption('practice');
  await expect(page.getByTestId('credentials-adq')).toHaveText('set');

  await edit.getByRole('button', { name: `Use for ${businesses[0]!.legalName}` }).click();
  await expect(page.getByRole('status')).toHaveText('Business saved.');
  await expect(page.locator('table.settings-profiles')).toContainText('GSP: Adaequare (enriched API)');

  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await page.getByLabel('Search invoices').fill('GSP/0001');
  await page.locator('.grid-row').filter({ hasText: 'GSP/0001' }).getByText('GSP/0001').click();
  await page.getByRole('button', { name: /^Register/ }).click();
  await page.getByRole('button', { name: 'Register with the IRP' }).click();
  await expect(page.getByTestId('irn')).toHaveText(/^[0-9a-f]{64}$/, { timeout: 20_000 });
  const detail = await api<{ registration: { signatureVerified: boolean } }>(request, 'invoices:get', { id: saved.invoice.id });
  expect(detail.registration.signatureVerified).toBe(true);

  const pdf = await api<{ base64: string }>(request, 'pdf:render', { id: saved.invoice.id });
  const secrets = [PUBLISHED.adaequare.clientSecret, PASSWORD];
  for (const secret of secrets) {
    expect(host.output()).not.toContain(secret);
    expect(Buffer.from(pdf.base64, 'base64').includes(secret)).toBe(false);
    for (const f of filesUnder(host.dataDir)) expect(readFileSync(f).includes(secret), f).toBe(false);
  }
});
