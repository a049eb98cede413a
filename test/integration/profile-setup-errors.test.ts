/**
 * A business whose endpoint profile is not ready (no NIC keys imported, no credentials in the
 * vault) gets a specific, fixable answer on Register: the code, the place in Settings to fix it,
 * no false "queued, will be retried" for a document that was never sent, and no "IRP down" banner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';
import { draft, goodsLine } from '../support/invoices';
import { PRACTICE_BUYER, todayDocDate } from '../support/practice';

let h: HandlerHarness;
beforeAll(async () => {
  h = await openHandlerHarness('einvoice-setup-');
});
afterAll(async () => {
  await h?.close();
});

/** Points the practice business at `profileName` and saves a valid draft for it. */
async function draftFor(profileName: string, docNo: string): Promise<number> {
  const { businesses } = await h.call('businesses:list', {});
  const { hasLogo: _l, createdAt: _c, updatedAt: _u, ...business } = businesses[0]!;
  await h.call('businesses:save', { ...business, profileName });
  const saved = await h.call('invoices:save', { businessId: business.id, draft: draft({ docNo, docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine()] }) });
  expect(saved.errors).toEqual([]);
  return saved.invoice.id;
}

describe('a profile that is not ready', () => {
  it('without NIC keys: not sent, at once, with PROFILE_KEYS_MISSING; the draft stays a draft', async () => {
    await h.call('profiles:save', { name: 'nic', kind: 'nic-sandbox', baseUrl: 'https://einv-apisandbox.nic.in', gstin: '29ABCDE1234F1ZW', clientId: 'AAACLIENT', userName: 'api_user' });
    const id = await draftFor('nic', 'SET/0001');
    const { outcomes } = await h.call('invoices:register', { ids: [id] });
    expect(outcomes).toEqual([expect.objectContaining({ invoiceId: id, docNo: 'SET/0001', status: 'not_sent' })]);
    expect(outcomes[0]!.errors).toEqual([expect.objectContaining({ code: 'PROFILE_KEYS_MISSING' })]);
    expect(outcomes[0]!.errors[0]!.message).toContain('Settings → IRP endpoint profiles');
    expect((await h.call('invoices:get', { id })).invoice.status).toBe('draft');
    expect(await h.call('health', {})).toMatchObject({ queued: 0, irpDown: false });
  });

  it('without credentials: the IRP client code CREDENTIALS names Settings and the CLI, and the IRP is not called down', async () => {
    const { profiles } = await h.call('profiles:list', {});
    const practiceUrl = profiles.find((p) => p.name === 'practice')!.baseUrl;
    await h.call('profiles:save', { name: 'bare', kind: 'practice', baseUrl: practiceUrl, gstin: '29ABCDE1234F1ZW', clientId: 'AAACLIENT', userName: 'practice_ka' });
    const id = await draftFor('bare', 'SET/0002');
    const { outcomes } = await h.call('invoices:register', { ids: [id] });
    expect(outcomes[0]!.errors).toEqual([expect.objectContaining({ code: 'CREDENTIALS' })]);
    expect(outcomes[0]!.errors[0]!.message).toMatch(/Settings → IRP endpoint profiles, or run "einvoice credentials set bare"/);
    const health = await h.call('health', {});
    expect(health.irpDown).toBe(false);
    // whatever the engine made of it, the outcome matches the ledger: queued only if it is queued
    const status = (await h.call('invoices:get', { id })).invoice.status;
    expect(outcomes[0]!.status === 'queued').toBe(status === 'queued');
  });
});
