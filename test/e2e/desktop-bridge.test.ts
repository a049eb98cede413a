/**
 * The renderer inside the desktop app talks only through the preload's window.api (no HTTP token).
 * No Electron runtime can be installed here, so a stand-in bridge with the preload's shape is put
 * on the page before it loads; it records every call and forwards it to the core. The page is
 * opened WITHOUT the token: it can only work through the bridge.
 */
import { expect, test } from './fixtures';
import { shot, TOKEN } from './support';

test('the renderer uses window.api when the desktop preload provides it', async ({ page }) => {
  await page.addInitScript((token: string) => {
    const calls: string[] = [];
    (globalThis as unknown as { __bridgeCalls: string[] }).__bridgeCalls = calls;
    (globalThis as unknown as { api: unknown }).api = {
      async invoke(channel: string, request: unknown) {
        calls.push(channel);
        const res = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(request ?? {}) });
        return res.json();
      },
      onEvent() {
        calls.push('onEvent');
        return () => undefined;
      },
    };
  }, TOKEN);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New invoice' }).first()).toBeVisible();
  await expect(page.getByText('open the address', { exact: false })).toHaveCount(0);
  const calls = await page.evaluate(() => (globalThis as unknown as { __bridgeCalls: string[] }).__bridgeCalls);
  expect(calls).toContain('app:info');
  expect(calls).toContain('dashboard:summary');
  expect(calls).toContain('onEvent');
  await shot(page, '40-desktop-bridge');
});

test('the desktop menu opens screens, and unsaved editor changes hold the window', async ({ page }) => {
  await page.addInitScript((token: string) => {
    const listeners: Array<(e: unknown) => void> = [];
    (globalThis as unknown as { __menu: (command: string) => void }).__menu = (command) => listeners.forEach((l) => l({ type: 'menu:command', command }));
    (globalThis as unknown as { api: unknown }).api = {
      async invoke(channel: string, request: unknown) {
        const res = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(request ?? {}) });
        return res.json();
      },
      onEvent(listener: (e: unknown) => void) {
        listeners.push(listener);
        return () => undefined;
      },
    };
  }, TOKEN);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New invoice' }).first()).toBeVisible();
  await page.evaluate(() => (globalThis as unknown as { __menu: (c: string) => void }).__menu('settings'));
  await expect(page.getByRole('button', { name: 'Settings' })).toHaveClass(/active/);
  await page.evaluate(() => (globalThis as unknown as { __menu: (c: string) => void }).__menu('new-invoice'));
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();

  await page.getByLabel('Number', { exact: true }).fill('UNSAVED/1');
  let asked = false;
  page.on('dialog', (d) => {
    asked = d.type() === 'beforeunload';
    void d.dismiss();
  });
  // dismissing the "leave this page?" dialog cancels the reload: the unsaved number is still there
  await page.reload({ timeout: 3000 }).catch(() => undefined);
  expect(asked).toBe(true);
  await expect(page.getByLabel('Number', { exact: true })).toHaveValue('UNSAVED/1');
});
