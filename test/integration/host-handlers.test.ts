/**
 * The handler table against a real app core (SQLite in a temp dir) and the practice IRP over
 * loopback HTTP, set up exactly as `npm start` does: the journey the UI makes, channel by channel.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/app/app-core';
import { readBound } from '../../electron/app/credential-binding';
import { dispatch, HANDLERS, type HandlerContext } from '../../electron/app/handlers';
import type { PracticeSetup } from '../../electron/host/practice-setup';
import { dueRegistrations } from '../../electron/host/retry-loop';
import type { AppEvent, Channel, Req, Res } from '../../shared/ipc/contract';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';
import { goodsLine, draft } from '../support/invoices';
import { PRACTICE_BUYER, todayDocDate } from '../support/practice';

let h: HandlerHarness;
let dir: string;
let core: AppCore;
let practice: PracticeSetup;
let events: AppEvent[];
let ctx: HandlerContext;
const call = <C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> => h.call(channel, req);

beforeAll(async () => {
  h = await openHandlerHarness('einvoice-handlers-');
  ({ dir, core, practice, events, ctx } = h);
});

afterAll(async () => {
  await h?.close();
});

describe('handler table over a practice setup', () => {
  it('starts with a ready practice business whose credentials are set but never shown', async () => {
    const { businesses } = await call('businesses:list', {});
    expect(businesses).toHaveLength(1);
    expect(businesses[0]).toMatchObject({ gstin: '29ABCDE1234F1ZW', profileName: 'practice', hasLogo: false });
    const { profiles } = await call('profiles:list', {});
    expect(profiles).toEqual([expect.objectContaining({ name: 'practice', kind: 'practice', credentialsSet: true, hasKeys: true })]);
    const secret = (await readBound(core.vault, core.ledger.profiles.get('practice')!, 'client-secret'))!;
    expect(secret.length).toBeGreaterThan(5);
    expect(JSON.stringify(profiles)).not.toContain(secret);
    expect(await call('credentials:status', { profileName: 'practice' })).toEqual({ profileName: 'practice', set: true });
    const info = await call('app:info', {});
    expect(info).toMatchObject({ dataDir: dir, practice: true, vault: { kind: 'memory' } });
  });

  it('credentials:set writes to the vault and answers only "set"', async () => {
    const before = (await readBound(core.vault, core.ledger.profiles.get('practice')!, 'password'))!;
    const r = await dispatch(HANDLERS, 'credentials:set', { profileName: 'nope', clientSecret: 'a', password: 'b' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'LEDGER_NOT_FOUND' } });
    const ok = await dispatch(HANDLERS, 'credentials:set', { profileName: 'practice', clientSecret: (await readBound(core.vault, core.ledger.profiles.get('practice')!, 'client-secret'))!, password: before }, ctx);
    expect(ok).toEqual({ ok: true, value: { profileName: 'practice', set: true } });
  });

  it('saves a draft with an inline rule error, fixes it, registers, shows the IRN and cancels', async () => {
    const businessId = (await call('businesses:list', {})).businesses[0]!.id;
    const bad = draft({ docNo: 'UI/0001', docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine({ hsn: '10069999' })] });
    const saved = await call('invoices:save', { businessId, draft: bad });
    expect(saved.invoice.status).toBe('draft');
    expect(saved.errors).toContainEqual(expect.objectContaining({ code: '2176', path: 'ItemList[0].HsnCd' }));
    // the seller block comes from the business, whatever the page sent
    expect(saved.invoice.draft?.seller.Gstin).toBe('29ABCDE1234F1ZW');

    const fixed = await call('invoices:save', { id: saved.invoice.id, businessId, draft: { ...bad, lines: [goodsLine()] } });
    expect(fixed.errors).toEqual([]);
    expect(fixed.invoice.id).toBe(saved.invoice.id);
    // 10 bags × ₹1,850 + 5% IGST = ₹19,425
    expect(fixed.invoice.totalPaise).toBe(1_942_500);

    events.length = 0;
    const { outcomes } = await call('invoices:register', { ids: [fixed.invoice.id] });
    expect(outcomes).toEqual([expect.objectContaining({ status: 'registered', errors: [] })]);
    expect(outcomes[0]!.irn).toMatch(/^[0-9a-f]{64}$/);
    expect(events).toContainEqual(expect.objectContaining({ type: 'register:progress', done: 1, total: 1 }));
    expect(events).toContainEqual({ type: 'ledger:changed', invoiceId: fixed.invoice.id });

    const detail = await call('invoices:get', { id: fixed.invoice.id });
    expect(detail.invoice.status).toBe('registered');
    expect(detail.registration).toMatchObject({ irn: outcomes[0]!.irn, status: 'ACT', signatureVerified: true });
    expect(detail.registration!.signedQrCode.split('.')).toHaveLength(3);
    const windowMs = Date.parse(detail.registration!.cancelBy) - Date.now();
    expect(windowMs).toBeGreaterThan(23 * 3600_000);
    expect(windowMs).toBeLessThanOrEqual(24 * 3600_000);
    expect(detail.journal.map((j) => j.kind)).toEqual(expect.arrayContaining(['invoice.saved', 'register.sent', 'register.ok']));

    const list = await call('invoices:list', { status: ['registered'], withTotals: true });
    expect(list.totals).toMatchObject({ count: 1, totalPaise: 1_942_500 });
    expect(list.rows[0]).toMatchObject({ id: fixed.invoice.id, irn: outcomes[0]!.irn, cancelBy: detail.registration!.cancelBy });

    const locked = await dispatch(HANDLERS, 'invoices:save', { id: fixed.invoice.id, businessId, draft: bad }, ctx);
    expect(locked).toMatchObject({ ok: false, error: { code: 'INVOICE_LOCKED' } });

    const cancelled = await call('invoices:cancel', { id: fixed.invoice.id, reason: '2', remark: 'Data entry mistake' });
    expect(cancelled).toMatchObject({ status: 'CNL', cancelReason: '2' });
    expect((await call('invoices:get', { id: fixed.invoice.id })).invoice.status).toBe('cancelled');
    const again = await dispatch(HANDLERS, 'invoices:cancel', { id: 999_999, reason: '1', remark: 'x' }, ctx);
    expect(again).toMatchObject({ ok: false, error: { code: 'LEDGER_NOT_FOUND' } });

    const health = await call('health', {});
    expect(health).toMatchObject({ queued: 0, inFlight: 0, irpDown: false, lastSuccess: { kind: 'cancel.ok' } });
    const activity = await call('activity:list', { limit: 3 });
    expect(activity.entries[0]!.kind).toBe('cancel.ok');
  });

  it('reports the IRP down with the queued count, and recovers', async () => {
    const businessId = (await call('businesses:list', {})).businesses[0]!.id;
    const { invoice } = await call('invoices:save', { businessId, draft: draft({ docNo: 'UI/0002', docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine()] }) });
    const faults = (body?: unknown) =>
      fetch(`${practice.irp.url}/sandbox/faults`, { method: body ? 'POST' : 'DELETE', headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    await faults({ down: true });
    try {
      const { outcomes } = await call('invoices:register', { ids: [invoice.id] });
      expect(outcomes[0]).toMatchObject({ status: 'queued' });
      expect(await call('health', {})).toMatchObject({ queued: 1, irpDown: true, lastFailure: { kind: 'register.retry' } });
      // backoff: the first retry is due 30 s later, not at once
      expect(dueRegistrations(core)).toEqual([]);
    } finally {
      await faults();
    }
    const [again] = await core.engine.registerMany([invoice.id]);
    expect(again).toMatchObject({ status: 'registered' });
    expect(await call('health', {})).toMatchObject({ queued: 0, irpDown: false, lastSuccess: { kind: 'register.ok' } });
  });

  it('looks a buyer GSTIN up through the IRP once, then from the ledger, and finds past parties', async () => {
    const businessId = (await call('businesses:list', {})).businesses[0]!.id;
    const first = await call('parties:lookup', { gstin: '27aadcp1234m1zd', businessId });
    expect(first.source).toBe('irp');
    expect(first.party).toMatchObject({ gstin: '27AADCP1234M1ZD', legalName: 'Practice Manufacturing Private Limited', stateCode: '27', status: 'ACT', source: 'lookup' });
    expect((await call('parties:lookup', { gstin: '27AADCP1234M1ZD', businessId })).source).toBe('cache');
    const found = await call('parties:search', { text: 'practice manu' });
    expect(found.parties.map((p) => p.gstin)).toContain('27AADCP1234M1ZD');
    const bad = await dispatch(HANDLERS, 'parties:lookup', { gstin: '27AADCP', businessId }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('searches the HSN master by code and by words', async () => {
    const byCode = await call('masters:hsnSearch', { query: '1006', limit: 5 });
    expect(byCode.entries.length).toBeGreaterThan(0);
    expect(byCode.entries.every((e) => e.code.startsWith('1006'))).toBe(true);
    const byWords = await call('masters:hsnSearch', { query: 'rice', limit: 50 });
    expect(byWords.entries.some((e) => e.code.startsWith('1006'))).toBe(true);
  });

  it('keeps every secret out of the ledger files', async () => {
    const secrets = [(await readBound(core.vault, core.ledger.profiles.get('practice')!, 'client-secret'))!, (await readBound(core.vault, core.ledger.profiles.get('practice')!, 'password'))!];
    for (const f of readdirSync(dir).filter((n) => n.startsWith('ledger.sqlite'))) {
      const bytes = readFileSync(join(dir, f)).toString('latin1');
      for (const s of secrets) expect(bytes.includes(s), `${f} holds a secret`).toBe(false);
    }
  });
});
