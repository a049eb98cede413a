/**
 * A profile repointed while the app runs (Settings, or `einvoice profile add` from another process)
 * is followed by the registration engine at once: the next document goes to the new endpoint, not
 * through a connection kept from before the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBound } from '../../electron/app/credential-binding';
import { MemorySecretStore } from '../../electron/vault';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, type Practice, type TestApp } from '../support/practice';

let a: Practice;
let b: Practice;
let t: TestApp;
const vault = new MemorySecretStore();

async function storeSecrets(practice: Practice) {
  const profile = t.app.ledger.profiles.get('practice-ka')!;
  const account = practice.account(SELLER_GSTIN);
  await writeBound(vault, profile, 'client-secret', account.clientSecret);
  await writeBound(vault, profile, 'password', account.password);
}

beforeAll(async () => {
  [a, b] = await Promise.all([startPractice(), startPractice()]);
  t = await openTestApp(a, { vault, secretsInEnv: false });
  await storeSecrets(a);
});
afterAll(async () => {
  await t.app.close();
  await Promise.all([a.close(), b.close()]);
});

describe('a repointed profile', () => {
  it('sends the next registration to the new endpoint', async () => {
    const first = t.app.engine.ingest(practiceInvoice(`RPT/${process.pid}/1`), t.businessId);
    const one = await t.app.engine.register(first.id);
    expect(one.status).toBe('registered');

    const before = t.app.ledger.profiles.get('practice-ka')!;
    t.app.ledger.profiles.save({ name: before.name, kind: before.kind, baseUrl: b.irp.url, gstin: before.gstin, clientId: b.account(SELLER_GSTIN).clientId, userName: before.userName });
    await storeSecrets(b);

    const second = t.app.engine.ingest(practiceInvoice(`RPT/${process.pid}/2`), t.businessId);
    const two = await t.app.engine.register(second.id);
    expect(two.status).toBe('registered');

    expect((await a.registrations()).map((r) => r.docNo)).toEqual([`RPT/${process.pid}/1`]);
    expect((await b.registrations()).map((r) => r.docNo)).toEqual([`RPT/${process.pid}/2`]);
  });
});
