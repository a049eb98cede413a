/**
 * End-to-end registrations per second through the registration engine (validation, outbox rows
 * with synchronous=FULL, encryption, both JWS verified, ledger writes) against the practice IRP
 * in its own process, at concurrency 1, 4 and 8; and the practice IRP's own ceiling at the same
 * concurrency, measured in the same run with the minimal test client. Goal: engine ≥ 0.7 × ceiling
 * at concurrency 8.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/app/app-core';
import { MemorySecretStore } from '../../electron/vault';
import { admin, istDocDate, NicTestClient, sampleInvoice, type Party, type TestAccount } from '../support/nic-test-client';
import { spawnPracticeIrp } from '../support/practice-process';
import { practiceInvoice } from '../support/practice';
import { median, round, type BenchRow } from './measure';

const AREA = 'registration engine';
const SELLER: Party = { gstin: '29ABCDE1234F1ZW', name: 'Practice Traders', stateCode: '29', pin: 560001, loc: 'Bengaluru' };
const BUYER: Party = { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing', stateCode: '27', pin: 400001, loc: 'Mumbai' };
const SAMPLES = 3;
const PER_SAMPLE = 150;

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
  const irp = await spawnPracticeIrp(join(dir, 'irp'));
  const rows: BenchRow[] = [];
  try {
    const keys = await admin<{ encryptionPublicKeyPem: string }>(irp.url, 'GET', 'keys');
    const account = (await admin<TestAccount[]>(irp.url, 'GET', 'accounts')).find((a) => a.gstin === SELLER.gstin)!;
    const today = istDocDate(new Date());
    let seq = 0;

    for (const n of [1, 4, 8]) {
      // the ceiling: raw generate calls, already authenticated, nothing stored
      const clients = await Promise.all(Array.from({ length: n }, async () => {
        const c = new NicTestClient(irp.url, account, keys.encryptionPublicKeyPem);
        await c.auth();
        return c;
      }));
      const template = JSON.stringify(sampleInvoice(SELLER, BUYER, 'DOCNO', today, 2));
      const ceiling: number[] = [];
      for (let s = 0; s < SAMPLES; s += 1) {
        let next = 0;
        const t0 = performance.now();
        await Promise.all(clients.map(async (c) => {
          while (next < PER_SAMPLE) {
            next += 1;
            const r = await c.generate(template.replace('"DOCNO"', JSON.stringify(`CB${(seq += 1).toString(36)}`)));
            if (r.env?.Status !== 1) throw new Error(`generate failed: ${r.text.slice(0, 200)}`);
          }
        }));
        ceiling.push(PER_SAMPLE / ((performance.now() - t0) / 1000));
      }

      // the engine: ingest, then registerMany with the same concurrency
      const app = await openAppCore({
        dataDir: join(dir, `app-${n}`), vault: new MemorySecretStore(), concurrencyPerGstin: n,
        env: { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password },
      });
      try {
        app.ledger.profiles.save({ name: 'bench', kind: 'practice', baseUrl: irp.url, gstin: SELLER.gstin, clientId: account.clientId, userName: account.userName });
        const businessId = app.ledger.businesses.create({ gstin: SELLER.gstin, legalName: 'Practice Traders', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29', profileName: 'bench' }).id;
        await app.engine.registerMany([app.engine.ingest(practiceInvoice(`EW${n}`, today), businessId).id], 1);
        const engine: number[] = [];
        for (let s = 0; s < SAMPLES; s += 1) {
          const ids = Array.from({ length: PER_SAMPLE }, () => app.engine.ingest(practiceInvoice(`EB${(seq += 1).toString(36)}`, today), businessId).id);
          const t0 = performance.now();
          const out = await app.engine.registerMany(ids, n);
          const secs = (performance.now() - t0) / 1000;
          if (out.some((o) => o.status !== 'registered')) throw new Error(`not all registered: ${JSON.stringify(out.find((o) => o.status !== 'registered'))}`);
          engine.push(PER_SAMPLE / secs);
        }
        const c = median(ceiling);
        const e = median(engine);
        rows.push({ area: AREA, name: `practice IRP ceiling (raw generate), concurrency ${n}`, value: round(c, 1), unit: 'IRN/s' });
        rows.push({ area: AREA, name: `engine end-to-end registrations, concurrency ${n}`, value: round(e, 1), unit: 'reg/s', note: `ratio ${round(e / c, 2)}${n === 8 ? ', goal ≥ 0.7' : ''}` });
      } finally {
        await app.close();
      }
    }
    return rows;
  } finally {
    await irp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
