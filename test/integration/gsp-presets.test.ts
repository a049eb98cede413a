/**
 * Every GSP preset against the practice IRP's front door in that GSP's style (issue 12, done-when):
 * sign-in and its failures (wrong GSP key, wrong API password, an API user made for another GSP),
 * generate, a response dropped after the IRP committed (recovered, registered once) and a 2150 from a
 * second ledger (adopted after comparing signed data), cancel, get by IRN, GSTIN look-up, e-way bill
 * where the preset offers it, a NIC code in the GSP's envelope with the direct road's code and hint,
 * a tampered signed QR refused, and the GSP's own failures with their own meaning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../electron/app/connection-test';
import { IrpClient, isIrpError, practiceProfile, type IrpError } from '../../electron/irp';
import { connectionSupports, type IrpConnection } from '../../electron/irp/connection';
import { PRESET_IDS, type PresetId } from '../../electron/irp/gsp/presets';
import { GSP_CODES, gspUserName } from '../../electron/sandbox/accounts';
import type { Invoice } from '../../shared/einvoice/schema';
import { gspUser, openGspApp, SELLER_USER } from '../support/gsp-practice';
import { PRACTICE_BUYER, practiceInvoice, SELLER_GSTIN, startPractice, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
beforeAll(async () => {
  practice = await startPractice();
});
afterAll(async () => {
  await practice.close();
});

const EXPECTED_QUOTA: Record<PresetId, string> = {
  adaequare: 'GSP_QUOTA', taxpro: 'GSP_QUOTA', mastergst: 'GSP_QUOTA', mastersindia: 'GSP_QUOTA',
  'cleartax-gsp': 'GSP_RATE_LIMIT', 'cleartax-asp': 'GSP_RATE_LIMIT', vayana: 'GSP_RATE_LIMIT', 'vayana-eas': 'GSP_RATE_LIMIT',
};

async function rejection(p: Promise<unknown>): Promise<IrpError> {
  try {
    await p;
  } catch (e) {
    if (isIrpError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

function badHsn(docNo: string): Invoice {
  const inv = practiceInvoice(docNo);
  return { ...inv, ItemList: inv.ItemList.map((i) => ({ ...i, HsnCd: '10069999' })) };
}

describe.each(PRESET_IDS.map((p, i) => [p, i] as const))('GSP preset %s through its practice front door', (preset, n) => {
  let t: TestApp & { profileName: string };
  let conn: IrpConnection;
  const doc = (k: string) => `G${n}/${process.pid % 1000}/${k}`;
  const profile = () => t.app.ledger.profiles.get(t.profileName)!;

  beforeAll(async () => {
    t = await openGspApp(practice, preset);
    conn = await t.app.endpoints.client(profile(), 'any');
  });
  afterAll(async () => {
    await practice.admin('DELETE', '/sandbox/faults');
    await t.app.close();
  });

  it('signs in, looks up its own GSTIN, and says so in one sentence', async () => {
    const r = await testConnection(t.app, profile());
    expect(r.ok, r.sentence).toBe(true);
    expect(r.sentence).toMatch(/^Connected through /);
    expect(r.steps.map((s) => s.step)).toEqual(['keys', 'sign-in', 'lookup']);
  });

  it('names what to fix when the sign-in fails: the GSP key, the API password, a user made for another GSP', async () => {
    const wrongKey = await openGspApp(practice, preset, { clientSecret: 'not-the-gsp-secret' });
    const key = await testConnection(wrongKey.app, wrongKey.app.ledger.profiles.get(wrongKey.profileName)!);
    expect(key.ok).toBe(false);
    expect(key.code).toBe('GSP_CREDENTIALS');
    expect(key.sentence).toMatch(/refused its GSP key/);
    await wrongKey.app.close();
    if (preset === 'cleartax-asp') return; // ClearTax holds the GSTIN's API user itself
    const wrongPassword = await openGspApp(practice, preset, { password: 'Wrong@123' });
    const pw = await testConnection(wrongPassword.app, wrongPassword.app.ledger.profiles.get(wrongPassword.profileName)!);
    expect(pw.ok).toBe(false);
    // Masters India signs its own account in; the others pass NIC's 1019 on unchanged
    if (preset === 'mastersindia') expect(pw.code).toBe('GSP_CREDENTIALS');
    else expect([pw.code, pw.sentence]).toEqual(['1019', expect.stringMatching(/password of API user .* is wrong/)]);
    await wrongPassword.app.close();
    const otherGsp = preset === 'taxpro' ? 'ADQ' : 'TXP';
    const foreign = await openGspApp(practice, preset, { userName: gspUserName(otherGsp, SELLER_USER) });
    const f = await testConnection(foreign.app, foreign.app.ledger.profiles.get(foreign.profileName)!);
    expect(f.ok).toBe(false);
    if (preset === 'mastersindia') expect(f.code).toBe('GSP_CREDENTIALS');
    else expect([f.code, f.sentence]).toEqual(['1017', expect.stringMatching(/does not exist for .*Create API User/)]);
    await foreign.app.close();
  });

  it('registers, verifies NIC\'s signatures, fetches by IRN and cancels', async () => {
    const inv = t.app.engine.ingest(practiceInvoice(doc('R')), t.businessId);
    const out = await t.app.engine.register(inv.id);
    expect(out).toMatchObject({ status: 'registered', errors: [] });
    expect(t.app.ledger.registrations.forInvoice(inv.id)).toMatchObject({ signatureVerified: true, irn: out.irn });
    const fetched = await t.app.operations.fetch(out.irn!);
    expect(fetched.irn).toBe(out.irn);
    expect(fetched.signedQrData.Irn).toBe(out.irn);
    const cancelled = await t.app.operations.cancel(out.irn!, '2', 'Data entry mistake');
    expect(cancelled.status).toBe('CNL');
    expect((await practice.registrations()).find((r) => r.irn === out.irn)?.status).toBe('CNL');
  });

  it('recovers a response dropped after the IRP committed, and adopts a 2150 from another ledger: registered once', async () => {
    await practice.admin('POST', '/sandbox/faults', { dropAfterCommitRate: 1, seed: 7 });
    const inv = t.app.engine.ingest(practiceInvoice(doc('D')), t.businessId);
    const out = await t.app.engine.register(inv.id);
    await practice.admin('DELETE', '/sandbox/faults');
    expect(out.status).toBe('registered');
    expect(t.app.ledger.journal.recent(20)).toContainEqual(expect.objectContaining({ kind: 'register.recovered', invoiceId: inv.id }));
    const other = await openGspApp(practice, preset);
    const again = other.app.engine.ingest(practiceInvoice(doc('D')), other.businessId);
    const adopted = await other.app.engine.register(again.id);
    expect(adopted).toMatchObject({ status: 'adopted', irn: out.irn });
    await other.app.close();
    expect((await practice.registrations()).filter((r) => r.docNo === doc('D'))).toHaveLength(1);
  });

  it('looks up a buyer GSTIN and raises an e-way bill where the GSP offers them, and says so in plain words where not', async () => {
    if (connectionSupports(conn, 'gstinDetails')) {
      const { party, source } = await t.app.operations.lookupGstin(PRACTICE_BUYER.Gstin, SELLER_GSTIN, { maxAgeMs: 0 });
      expect(source).toBe('irp');
      expect(party.legalName).toBe(PRACTICE_BUYER.LglNm);
    } else {
      const e = await rejection(t.app.operations.lookupGstin(PRACTICE_BUYER.Gstin, SELLER_GSTIN, { maxAgeMs: 0 }));
      expect(e.code).toBe('NOT_SUPPORTED');
      expect(e.message).toMatch(/cannot look up GSTINs/);
    }
    const inv = t.app.engine.ingest(practiceInvoice(doc('E')), t.businessId);
    const out = await t.app.engine.register(inv.id);
    if (connectionSupports(conn, 'generateEwb')) {
      const ewb = await t.app.operations.ewayBill(out.irn!, { Distance: 0, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' });
      expect(ewb.ewbNo).toMatch(/^\d{12}$/);
      expect(t.app.ledger.ewaybills.forInvoice(inv.id)).toHaveLength(1);
    } else {
      expect((await rejection(t.app.operations.ewayBill(out.irn!, { Distance: 0 }))).code).toBe('NOT_SUPPORTED');
      expect(t.app.ledger.outbox.forInvoice(inv.id).filter((r) => r.op === 'ewb')).toHaveLength(0);
    }
  });

  it('passes a NIC error code on with the same code and hint as the direct road', async () => {
    const account = practice.account(SELLER_GSTIN);
    const direct = new IrpClient({ profile: await practiceProfile(practice.irp.url), gstin: SELLER_GSTIN, credentials: () => Promise.resolve({ clientId: account.clientId, clientSecret: account.clientSecret, userName: account.userName, password: account.password }) });
    const viaDirect = await rejection(direct.generateIrn(badHsn(doc('X1'))));
    const viaGsp = await rejection(conn.generateIrn(badHsn(doc('X2'))));
    expect(viaDirect.code).toBe('2176');
    expect({ code: viaGsp.code, hint: viaGsp.hint, kind: viaGsp.kind, codes: viaGsp.details?.map((d) => d.code) }).toEqual({ code: viaDirect.code, hint: viaDirect.hint, kind: viaDirect.kind, codes: viaDirect.details?.map((d) => d.code) });
    expect(viaGsp.hint).toBeTruthy();
  });

  it('refuses a signed QR the GSP altered, registers nothing on its word, and recovers once the answers are genuine', async () => {
    await practice.admin('POST', '/sandbox/faults', { tamperSignedQr: true });
    const inv = t.app.engine.ingest(practiceInvoice(doc('T')), t.businessId);
    const out = await t.app.engine.register(inv.id);
    await practice.admin('DELETE', '/sandbox/faults');
    expect(out.status).toBe('queued');
    expect(out.errors[0]?.code).toBe('BAD_SIGNATURE');
    expect(t.app.ledger.registrations.forInvoice(inv.id)).toBeUndefined();
    const [recovered] = await t.app.engine.reconcile();
    expect(recovered).toMatchObject({ invoiceId: inv.id, status: 'registered' });
    expect((await practice.registrations()).filter((r) => r.docNo === doc('T'))).toHaveLength(1);
  });

  it('tells the GSP\'s own failures apart: down is retried, credits used up are the user\'s to fix; an expired IRP session is renewed', async () => {
    await practice.admin('POST', '/sandbox/faults', { gsp: 'down' });
    const down = await rejection(conn.getByIrn('a'.repeat(64)));
    expect({ kind: down.kind, retriable: down.retriable }).toEqual({ kind: 'down', retriable: true });
    const queued = await t.app.engine.register(t.app.engine.ingest(practiceInvoice(doc('Q')), t.businessId).id);
    expect(queued.status).toBe('queued');
    await practice.admin('POST', '/sandbox/faults', { gsp: 'quota' });
    const quota = await rejection(conn.getByIrn('a'.repeat(64)));
    expect(quota.code).toBe(EXPECTED_QUOTA[preset]);
    expect(quota.retriable).toBe(quota.code === 'GSP_RATE_LIMIT');
    await practice.admin('DELETE', '/sandbox/faults');
    await practice.admin('POST', '/sandbox/tokens/expire');
    const notFound = await rejection(conn.getByIrn('a'.repeat(64)));
    expect(notFound.code).toBe('2148');
  });
});

it('uses each GSP\'s own API user name', () => {
  expect(gspUser('adaequare')).toBe(`API_${GSP_CODES.adaequare}_${SELLER_USER}`);
  expect(gspUser('cleartax-asp')).toBe('');
});
