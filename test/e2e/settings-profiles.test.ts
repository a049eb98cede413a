/**
 * Settings in the browser: the practice business gets an AATO band, bank details (a bad IFSC is
 * refused at the field), terms and a logo (preview, then the thumbnail in the table); a NIC sandbox
 * profile is added, NIC's key (PEM) and certificate (DER) files are imported (a swapped file is refused), the
 * thumbprint shows, and the business is switched to the new profile.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSigningIdentity } from '../support/signed-fixtures';
import { expect, test } from './fixtures';
import { api, shot, TOKEN } from './support';

const LOGO = join(process.cwd(), 'test', 'fixtures', 'logo-160x64.png');

test('business print details, logo, a NIC sandbox profile with imported keys', async ({ page, request }) => {
  const { businesses } = await api<{ businesses: Array<{ id: number; gstin: string; legalName: string }> }>(request, 'businesses:list', {});
  const business = businesses.find((b) => b.gstin === '29ABCDE1234F1ZW')!;

  await page.goto(`/#token=${TOKEN}`);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: `Edit ${business.legalName}` }).click();
  const form = page.getByRole('form', { name: `Edit ${business.legalName}` });

  await form.getByLabel('Turnover band (AATO)').selectOption({ label: '₹10–20 crore' });
  await expect(form.getByText(/must be registered within 30 days of their date/)).toBeVisible();
  // a date typed day first (1.8.2023 works too), shown dd/mm/yyyy once the field is left
  const startDate = form.getByLabel('E-invoicing start date');
  await startDate.fill('1.8.2023');
  await startDate.press('Tab');
  await expect(startDate).toHaveValue('01/08/2023');
  await form.getByLabel('Bank name').fill('State Bank of India');
  await form.getByLabel('Account number').fill('30123456789');
  await form.getByLabel('IFSC').fill('sbin1234');
  await form.getByLabel('Branch').fill('MG Road, Bengaluru');
  await form.getByLabel('Terms and conditions').fill('Goods once sold will not be taken back.\nInterest @18% p.a. after 30 days.');
  await form.getByLabel('Logo (PNG or JPEG, up to 1 MB)').setInputFiles(LOGO);
  await expect(form.getByRole('img', { name: 'Logo preview' })).toBeVisible();

  // the core refuses the IFSC and says why, at the field; the entry is upper-cased as typed
  await form.getByRole('button', { name: 'Save business' }).click();
  await expect(form.getByLabel('IFSC')).toHaveValue('SBIN1234');
  await expect(form.getByRole('alert')).toContainText('IFSC "SBIN1234" is not an IFSC');
  await expect(form.getByLabel('IFSC')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('IFSC').fill('SBIN0001234');
  await form.getByRole('button', { name: 'Save business' }).click();
  await expect(page.getByRole('status')).toHaveText('Business saved with its logo.');
  const row = page.locator('table.plain').first().getByRole('row', { name: new RegExp(business.legalName) });
  await expect(row.getByRole('img', { name: `Logo of ${business.legalName}` })).toBeVisible();
  await expect(row).toContainText('₹10–20 crore');

  // reopened: everything came back from the core, the stored logo is previewed
  await page.getByRole('button', { name: `Edit ${business.legalName}` }).click();
  await expect(form.getByLabel('IFSC')).toHaveValue('SBIN0001234');
  await expect(startDate).toHaveValue('01/08/2023');
  await expect(form.getByText('Logo on file')).toBeVisible();
  const preview = form.getByRole('img', { name: 'Logo preview' });
  await expect(preview).toBeVisible();
  expect(await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(160);
  await shot(page, '13-settings-business');
  await form.getByRole('button', { name: 'Close' }).click();

  // a NIC sandbox profile: the URL follows the chosen endpoint
  await page.getByRole('button', { name: 'Add profile' }).click();
  const pform = page.getByRole('form', { name: 'New profile' });
  await pform.getByRole('radio', { name: /^Direct NIC API/ }).check();
  await pform.getByLabel('Profile name').fill('nic-sandbox');
  await expect(pform.getByLabel('Base URL')).toHaveValue('https://einv-apisandbox.nic.in');
  await pform.getByRole('combobox', { name: /^Endpoint/ }).selectOption({ label: 'NIC production, IRP-2' });
  await expect(pform.getByLabel('Base URL')).toHaveValue('https://api.einvoice2.gst.gov.in');
  await pform.getByRole('combobox', { name: /^Endpoint/ }).selectOption({ label: 'NIC sandbox' });
  await expect(pform.getByLabel('Base URL')).toHaveValue('https://einv-apisandbox.nic.in');
  await pform.getByLabel('Profile GSTIN').fill('29ABCDE1234F1ZW');
  await pform.getByLabel('Client id').fill('AAACL09TXPMZSZC');
  await pform.getByLabel('API user name').fill('shop_api');
  await pform.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Profile nic-sandbox saved.');
  await expect(page.getByTestId('keys-nic-sandbox')).toContainText('keys: missing');

  // NIC's files: first the certificate in the key's place (refused, with the reason), then right
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-keys-'));
  const identity = makeSigningIdentity('e2e NIC sandbox signing');
  const keyFile = join(dir, 'einv_sandbox.pem');
  const certFile = join(dir, 'einv_sandbox_sign.cer');
  writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // NIC's .cer may be binary DER: the page wraps it as PEM before the core checks it
  writeFileSync(certFile, new X509Certificate(identity.certPem).raw);
  const keys = page.getByRole('group', { name: 'NIC keys for nic-sandbox' });
  await keys.getByLabel('Encryption public key').setInputFiles(certFile);
  await keys.getByRole('button', { name: 'Import keys' }).click();
  await expect(page.getByRole('status')).toContainText('is a certificate');
  await keys.getByLabel('Encryption public key').setInputFiles(keyFile);
  await keys.getByLabel('Signing certificate').setInputFiles(certFile);
  await keys.getByRole('button', { name: 'Import keys' }).click();
  await expect(page.getByRole('status')).toHaveText('Imported for nic-sandbox: encryption public key and signing certificate.');
  const cell = page.getByTestId('keys-nic-sandbox');
  await expect(cell).toContainText('keys: imported');
  const thumbprint = identity.kid.replace(/(..)(?!$)/g, '$1:');
  await expect(cell).toContainText(thumbprint);
  await expect(cell).toContainText('valid to 01/01/2040');
  expect(await page.content()).not.toContain('BEGIN');
  await shot(page, '14-settings-profiles');
  await page.getByRole('form', { name: 'Edit profile nic-sandbox' }).getByRole('button', { name: 'Close' }).click();

  // the business now registers through the new profile
  await page.getByRole('button', { name: `Edit ${business.legalName}` }).click();
  await form.getByLabel('Endpoint profile').selectOption('nic-sandbox');
  await form.getByRole('button', { name: 'Save business' }).click();
  await expect(page.getByRole('status')).toHaveText('Business saved.');
  await expect(row).toContainText('nic-sandbox');
  const after = await api<{ businesses: Array<{ gstin: string; profileName?: string; hasLogo: boolean; bank?: { ifsc?: string }; aatoCrore?: number }> }>(request, 'businesses:list', {});
  expect(after.businesses.find((b) => b.gstin === business.gstin)).toMatchObject({ profileName: 'nic-sandbox', hasLogo: true, bank: { ifsc: 'SBIN0001234' } });

  // deleting: a profile in use is refused with the business named; an unused one goes after a confirmation
  const profilesTable = page.locator('table.settings-profiles');
  await page.getByRole('button', { name: 'Delete profile nic-sandbox' }).click();
  const dialog = page.getByTestId('delete-profile-dialog');
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByRole('status')).toContainText('(PROFILE_IN_USE)');
  await expect(page.getByRole('status')).toContainText(business.gstin);
  await expect(profilesTable).toContainText('nic-sandbox');

  await page.getByRole('button', { name: 'Delete profile practice' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(profilesTable.locator('tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete profile practice' }).click();
  await dialog.getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Profile practice deleted, with its credentials.');
  await expect(profilesTable.locator('tbody tr')).toHaveCount(1);
  const left = await api<{ profiles: Array<{ name: string }> }>(request, 'profiles:list', {});
  expect(left.profiles.map((p) => p.name)).toEqual(['nic-sandbox']);
});
