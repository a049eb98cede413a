/** Helpers for the end-to-end tests: the token, screenshots under artifacts/e2e, direct API calls. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';

export const TOKEN = process.env.E2E_TOKEN ?? '';
const SHOTS = join(process.cwd(), 'artifacts', 'e2e');

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A contract call the way the page makes it (for checks the screen cannot show, like the raw signed QR). */
export async function api<T>(request: APIRequestContext, channel: string, body: unknown): Promise<T> {
  const res = await request.post(`/api/${channel}`, { data: body, headers: { authorization: `Bearer ${TOKEN}` } });
  const json = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!json.ok) throw new Error(`${channel}: ${json.error?.message ?? 'failed'}`);
  return json.value;
}

/** Today in IST as dd/mm/yyyy (the practice IRP refuses documents older than 30 days). */
export function todayIst(): string {
  const d = new Date(Date.now() + 330 * 60_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
