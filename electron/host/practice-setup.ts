/**
 * The practice setup `npm start` gives a first-time user: the practice IRP running on this
 * machine (its data in <data>/practice-irp), a profile pointing at it, the practice API user's
 * credentials in the vault and a business for that account's GSTIN, ready to draft and register.
 *
 * The profile stores the running IRP's URL rather than the "practice" keyword because the ledger
 * accepts only http(s) URLs as profile endpoints; the port changes per launch, so the profile is
 * rewritten on every start. The credentials are published practice ones (they protect nothing)
 * and are written again on each start, which keeps a memory-only vault usable.
 */
import type { AppCore } from '../app/app-core';
import { startPracticeIrp, type PracticeIrp } from '../sandbox';
import { removeSecrets, writeBound } from '../app/credential-binding';
import type { PracticeAccount } from '../sandbox/accounts';

export const PRACTICE_PROFILE = 'practice';
/** The Karnataka practice account: a valid GSTIN with check digit, small turnover. */
export const PRACTICE_SELLER_USER = 'practice_ka';

type Account = PracticeAccount;

export interface PracticeSetup {
  irp: PracticeIrp;
  businessId: number;
  close(): Promise<void>;
}

export async function setUpPractice(core: AppCore): Promise<PracticeSetup> {
  const irp = await startPracticeIrp({ dataDir: core.paths.practiceIrp, port: 0 });
  try {
    const res = await fetch(`${irp.url}/sandbox/accounts`);
    if (!res.ok) throw new Error(`the practice IRP did not list its accounts (HTTP ${res.status})`);
    const accounts = (await res.json()) as Account[];
    const account = accounts.find((a) => a.userName === PRACTICE_SELLER_USER) ?? accounts[0];
    if (!account) throw new Error('the practice IRP has no accounts');
    const { ledger, vault } = core;
    // "practice" and "practice-gsp" profiles use this running IRP, not a second one on the same files
    core.endpoints.usePracticeIrp(irp.url);
    // the port changes per launch, and with it the binding: last launch's entries would pile up
    const before = ledger.profiles.get(PRACTICE_PROFILE);
    if (before) await removeSecrets(vault, before);
    const profile = ledger.profiles.save({ name: PRACTICE_PROFILE, kind: 'practice', baseUrl: irp.url, gstin: account.gstin, clientId: account.clientId, userName: account.userName });
    await writeBound(vault, profile, 'client-secret', account.clientSecret);
    await writeBound(vault, profile, 'password', account.password);
    const existing = ledger.businesses.getByGstin(account.gstin);
    // a business set up before the practice IRP told its turnover gets it (never overwriting one stated)
    if (existing && existing.aatoCrore === undefined && account.aatoCrore !== undefined) {
      const { id, createdAt: _c, updatedAt: _u, ...input } = existing;
      ledger.businesses.update(id, { ...input, aatoCrore: account.aatoCrore });
    }
    const business =
      existing ??
      ledger.businesses.create({
        gstin: account.gstin,
        legalName: account.legalName,
        address1: '12 MG Road',
        location: 'Bengaluru',
        pin: 560001,
        stateCode: account.stateCode,
        ...(account.aatoCrore !== undefined ? { aatoCrore: account.aatoCrore } : {}),
        profileName: PRACTICE_PROFILE,
      });
    return { irp, businessId: business.id, close: () => irp.close() };
  } catch (e) {
    await irp.close();
    throw e;
  }
}
