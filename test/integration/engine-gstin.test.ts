/** GSTIN lookups through the practice IRP: stored in the ledger, served from it until 30 days old. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationError } from '../../electron/app/engine/irn-operations';
import { GSTINS } from '../../electron/sandbox/taxpayers';
import { openTestApp, SELLER_GSTIN, startPractice, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
let t: TestApp;

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice);
});

afterAll(async () => {
  await t.app.close();
  await practice.close();
});

describe('GSTIN lookup', () => {
  it('asks the IRP once, then serves the ledger copy until it is 30 days old', async () => {
    const first = await t.app.operations.lookupGstin(GSTINS.maharashtra, SELLER_GSTIN);
    expect(first.source).toBe('irp');
    expect(first.party).toMatchObject({ gstin: GSTINS.maharashtra, legalName: 'Practice Manufacturing Private Limited', stateCode: '27', pin: 400001, status: 'ACT', taxpayerType: 'REG', source: 'lookup' });
    expect((await t.app.operations.lookupGstin(GSTINS.maharashtra.toLowerCase(), SELLER_GSTIN)).source).toBe('cache');
    t.advance(31 * 86_400_000);
    try {
      expect((await t.app.operations.lookupGstin(GSTINS.maharashtra, SELLER_GSTIN)).source).toBe('irp');
    } finally {
      t.advance(-31 * 86_400_000);
    }
    expect((await t.app.operations.lookupGstin(GSTINS.maharashtra, SELLER_GSTIN, { sync: true })).source).toBe('irp');
  });

  it('keeps status and dates for the rules (a cancelled GSTIN)', async () => {
    const { party } = await t.app.operations.lookupGstin(GSTINS.bengalCancelled, SELLER_GSTIN);
    expect(party).toMatchObject({ status: 'CNL', deregisteredOn: '2024-03-31' });
    expect(t.app.ledger.parties.freshTaxpayer(GSTINS.bengalCancelled, 86_400_000)).toMatchObject({ status: 'CNL', deregisteredOn: '2024-03-31' });
  });

  it('says plainly when a GSTIN is malformed or unknown', async () => {
    await expect(t.app.operations.lookupGstin('27AADCP', SELLER_GSTIN)).rejects.toThrow(/not a 15-character GSTIN/);
    const unknown = t.app.operations.lookupGstin('29AAAAA0000A1Z0', SELLER_GSTIN);
    await expect(unknown).rejects.toBeInstanceOf(OperationError);
    await expect(t.app.operations.lookupGstin('29AAAAA0000A1Z0', SELLER_GSTIN)).rejects.toThrow(/not in the GST master/);
  });
});
