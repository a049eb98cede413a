/**
 * Registrations per second through the registration engine on each road to the practice IRP (in
 * its own process): direct (NIC's protocol), a plain-JSON GSP front door (Adaequare: the door does
 * NIC's crypto), a pass-through one (ClearTax GSP: this app does it, the door forwards) and Masters
 * India (its own schema, mapped both ways). Concurrency 4; medians of 3 samples, after a warm-up round over every road. What a GSP road
 * costs here is the front door's extra work on the same machine, not a real GSP's network hop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore } from '../../electron/app/app-core';
import { writeBound } from '../../electron/app/credential-binding';
import { saveProfile } from '../../electron/app/profiles';
import { PRESETS, type PresetId } from '../../electron/irp/gsp/presets';
import { GSP_CODES, gspUserName } from '../../electron/sandbox/accounts';
import { PUBLISHED } from '../../electron/sandbox/gsp/published';
import { MemorySecretStore } from '../../electron/vault';
import { spawnPracticeIrp } from '../support/practice-process';
import { practiceInvoice, SELLER_GSTIN, todayDocDate } from '../support/practice';
import { median, round, type BenchRow } from './measure';

const AREA = 'GSP roads';
const SAMPLES = 3;
const PER_SAMPLE = 60;
const CONCURRENCY = 4;
const ROADS: Array<'direct' | PresetId> = ['direct', 'adaequare', 'cleartax-gsp', 'mastersindia'];

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gsp-bench-'));
  const irp = await spawnPracticeIrp(join(dir, 'irp'));
  const rows: BenchRow[] = [];
  const rates: Record<string, number> = {};
  let seq = 0;
  try {
    const accounts = (await (await fetch(`${irp.url}/sandbox/accounts`)).json()) as Array<{ gstin: string; clientId: string; clientSecret: string; userName: string; password: string }>;
    const account = accounts.find((a) => a.gstin === SELLER_GSTIN)!;
    // two rounds over the roads, the first only warms up (JIT, the practice IRP's caches): whichever
    // road went first was otherwise measured cold, and direct looked slower than the GSPs
    for (const [round_, road] of [...ROADS, ...ROADS].map((r, i) => [i < ROADS.length ? 0 : 1, r] as const)) {
      const vault = new MemorySecretStore();
      const app = await openAppCore({ dataDir: join(dir, `${road}-${round_}`), vault, env: {}, concurrencyPerGstin: CONCURRENCY });
      try {
        const profile = road === 'direct'
          ? app.ledger.profiles.save({ name: 'bench', kind: 'practice', baseUrl: irp.url, gstin: SELLER_GSTIN, clientId: account.clientId, userName: account.userName })
          : saveProfile(app.ledger, { name: 'bench', kind: 'gsp', baseUrl: `${irp.url}/gsp/${road}`, gstin: SELLER_GSTIN, clientId: PUBLISHED[road].clientId, userName: PRESETS[road].credentials.user ? gspUserName(GSP_CODES[road], account.userName) : '', gsp: { preset: road, fields: PUBLISHED[road].fields } });
        await writeBound(vault, profile, 'client-secret', road === 'direct' ? account.clientSecret : PUBLISHED[road].clientSecret);
        await writeBound(vault, profile, 'password', account.password);
        const businessId = app.ledger.businesses.create({ gstin: SELLER_GSTIN, legalName: 'Practice Traders', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29', profileName: 'bench' }).id;
        const today = todayDocDate();
        await app.engine.registerMany([app.engine.ingest(practiceInvoice(`GW${road.length}${(seq += 1).toString(36)}`, today), businessId).id], 1);
        const samples: number[] = [];
        for (let s = 0; s < SAMPLES; s += 1) {
          const ids = Array.from({ length: PER_SAMPLE }, () => app.engine.ingest(practiceInvoice(`GB${(seq += 1).toString(36)}`, today), businessId).id);
          const t0 = performance.now();
          const out = await app.engine.registerMany(ids, CONCURRENCY);
          const secs = (performance.now() - t0) / 1000;
          if (out.some((o) => o.status !== 'registered')) throw new Error(`${road}: not all registered: ${JSON.stringify(out.find((o) => o.status !== 'registered'))}`);
          samples.push(PER_SAMPLE / secs);
        }
        if (round_ === 0) continue;
        rates[road] = median(samples);
        rows.push({ area: AREA, name: `${road === 'direct' ? 'direct (NIC protocol)' : `through ${road}`}, concurrency ${CONCURRENCY}`, value: round(rates[road], 1), unit: 'reg/s', ...(road === 'direct' ? {} : { note: `ratio to direct ${round(rates[road] / (rates.direct ?? 1), 2)}` }) });
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
