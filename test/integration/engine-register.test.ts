/**
 * The registration engine against the practice IRP over real HTTP, with a real SQLite ledger:
 * register, idempotence, duplicate adoption, local rejection, cancel (and the local 24-hour
 * refusal), token expiry mid-batch (1005 → re-auth), IRP down then back, a dropped connection
 * after the IRP committed.
 */
import { writeBound } from '../../electron/app/credential-binding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { irnOfInvoice } from '../../shared/einvoice/irn';
import { istDateOf } from '../../shared/dates';
import { OperationError } from '../../electron/app/engine/irn-operations';
import { openTestApp, practiceInvoice, startPractice, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
let t: TestApp;
let seq = 0;
const docNo = (prefix: string) => `${prefix}/${process.pid % 1000}/${(seq += 1)}`;

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice);
});

afterAll(async () => {
  await t.app.close();
  await practice.close();
});

const ingest = (inv = practiceInvoice(docNo('E'))) => t.app.engine.ingest(inv, t.businessId);
const countAtIrp = async (no: string) => (await practice.registrations()).filter((r) => r.docNo.toUpperCase() === no.toUpperCase()).length;

describe('registration engine', () => {
  it('registers, stores what the IRP returned, and never registers twice', async () => {
    const inv = practiceInvoice(docNo('REG'));
    const row = ingest(inv);
    const first = await t.app.engine.register(row.id);
    expect(first.status).toBe('registered');
    expect(first.irn).toBe(irnOfInvoice(inv, istDateOf(new Date())));
    expect(String(first.ackNo)).toMatch(/^\d{15}$/);
    const reg = t.app.ledger.registrations.get(first.irn!);
    expect(reg).toMatchObject({ status: 'ACT', signatureVerified: true, adopted: false });
    expect(reg!.signedQrCode.split('.')).toHaveLength(3);
    expect(t.app.ledger.invoices.get(row.id)!.status).toBe('registered');

    const again = await t.app.engine.register(ingest(inv).id);
    expect(again).toMatchObject({ status: 'registered', irn: first.irn });
    expect(await countAtIrp(inv.DocDtls.No)).toBe(1);
    expect(t.app.ledger.journal.verifyChain().ok).toBe(true);
  });

  it('refuses locally what the IRP would reject, without sending it ("not sent", not "rejected")', async () => {
    const inv = practiceInvoice(docNo('BAD'));
    inv.ItemList[0]!.HsnCd = '12345678';
    const out = await t.app.engine.register(ingest(inv).id);
    expect(out.status).toBe('not_sent');
    expect(out.errors.map((e) => [e.code, e.path])).toEqual([['2176', 'ItemList[0].HsnCd']]);
    expect(await countAtIrp(inv.DocDtls.No)).toBe(0);
  });

  it('adopts a 2150 duplicate only when the IRP\'s signed invoice is ours', async () => {
    const other = await openTestApp(practice);
    try {
      const inv = practiceInvoice(docNo('DUP'));
      expect((await other.app.engine.register(other.app.engine.ingest(inv, other.businessId).id)).status).toBe('registered');
      const adopted = await t.app.engine.register(ingest(inv).id);
      expect(adopted.status).toBe('adopted');
      expect(t.app.ledger.registrations.get(adopted.irn!)).toMatchObject({ adopted: true, signatureVerified: true });

      const changed = practiceInvoice(docNo('DUP2'));
      expect((await other.app.engine.register(other.app.engine.ingest(changed, other.businessId).id)).status).toBe('registered');
      const mine = practiceInvoice(changed.DocDtls.No, changed.DocDtls.Dt, 1);
      const refused = await t.app.engine.register(ingest(mine).id);
      expect(refused.status).toBe('rejected');
      expect(refused.errors[0]!.code).toBe('2150');
      expect(refused.errors[0]!.message).toMatch(/different content \(invoice total: ours .*; item count: ours 1, IRP 2\)/);
    } finally {
      await other.app.close();
    }
  });

  it('cancels within 24 hours, is idempotent, and refuses locally after the deadline', async () => {
    const ok = await t.app.engine.register(ingest().id);
    const cancelled = await t.app.operations.cancel(ok.irn!, '2', 'Data entry mistake');
    expect(cancelled.status).toBe('CNL');
    expect((await practice.registrations()).find((r) => r.irn === ok.irn)!.status).toBe('CNL');
    expect((await t.app.operations.cancel(ok.irn!, '2', 'again')).status).toBe('CNL');

    const late = await t.app.engine.register(ingest().id);
    t.advance(24 * 3600_000 + 60_000);
    try {
      await expect(t.app.operations.cancel(late.irn!, '1', 'too late')).rejects.toThrow(OperationError);
      await expect(t.app.operations.cancel(late.irn!, '1', 'too late')).rejects.toThrow(/window closed on \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} [AP]M IST/);
      expect((await practice.registrations()).find((r) => r.irn === late.irn)!.status).toBe('ACT');
    } finally {
      t.advance(-(24 * 3600_000 + 60_000));
    }
  });

  it('survives token expiry in the middle of a batch (1005, then one re-auth)', async () => {
    let expired = false;
    const withHook = await openTestApp(practice, {
      onEvent: (e) => {
        if (e.type === 'register:progress' && e.done === 3 && !expired) {
          expired = true;
          void practice.admin('POST', '/sandbox/tokens/expire');
        }
      },
      concurrencyPerGstin: 1,
    });
    try {
      const ids = Array.from({ length: 8 }, () => withHook.app.engine.ingest(practiceInvoice(docNo('TOK')), withHook.businessId).id);
      const outcomes = await withHook.app.engine.registerMany(ids, 1);
      expect(expired).toBe(true);
      expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill('registered'));
    } finally {
      await withHook.app.close();
    }
  });

  it('keeps invoices queued (not rejected) when the IRP refuses the credentials', async () => {
    const bad = await openTestApp(practice, { secretsInEnv: false });
    try {
      const account = practice.account('29ABCDE1234F1ZW');
      const profile = bad.app.ledger.profiles.get('practice-ka')!;
      await writeBound(bad.app.vault, profile, 'client-secret', account.clientSecret);
      await writeBound(bad.app.vault, profile, 'password', 'not-the-password');
      const inv = practiceInvoice(docNo('AUTH'));
      const out = await bad.app.engine.register(bad.app.engine.ingest(inv, bad.businessId).id);
      expect(out.status).toBe('queued');
      expect(['1008', '1019']).toContain(out.errors[0]!.code);
      expect(out.errors[0]!.message).not.toContain('not-the-password');
      expect(await countAtIrp(inv.DocDtls.No)).toBe(0);
    } finally {
      await bad.app.close();
    }
  });

  it('keeps invoices queued with a plain message while the IRP is down, then registers them', async () => {
    await practice.admin('POST', '/sandbox/faults', { down: true });
    const inv = practiceInvoice(docNo('DOWN'));
    let out;
    try {
      out = await t.app.engine.register(ingest(inv).id);
    } finally {
      await practice.admin('DELETE', '/sandbox/faults');
    }
    expect(out.status).toBe('queued');
    expect(out.errors[0]!.message).toMatch(/IRP|unavailable|down/i);
    expect(t.app.ledger.invoices.get(out.invoiceId)!.status).toBe('queued');
    const after = await t.app.engine.reconcile();
    expect(after.find((o) => o.invoiceId === out.invoiceId)?.status).toBe('registered');
    expect(await countAtIrp(inv.DocDtls.No)).toBe(1);
  });

  it('after a connection dropped post-commit, finds the IRN by document details instead of resending', async () => {
    await practice.admin('POST', '/sandbox/faults', { dropAfterCommitRate: 1, seed: 7 });
    const inv = practiceInvoice(docNo('DROP'));
    let out;
    try {
      out = await t.app.engine.register(ingest(inv).id);
    } finally {
      await practice.admin('DELETE', '/sandbox/faults');
    }
    expect(out.status).toBe('registered');
    expect(await countAtIrp(inv.DocDtls.No)).toBe(1);
    const kinds = t.app.ledger.journal.forInvoice(out.invoiceId).map((j) => j.kind);
    expect(kinds.filter((k) => k === 'register.sent')).toHaveLength(1);
    expect(kinds).toContain('register.recovered');
  });
});
