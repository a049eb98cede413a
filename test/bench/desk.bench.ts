/**
 * The billing desk's searches per keystroke (issue 17: item search in a 10,000-item master ≤ 20 ms
 * per keystroke): what the editor's item picker asks (`products:search` through the handler table:
 * contract parse, FTS5 word-prefix query, mapping), typed one character at a time, on a ledger of
 * 10,000 items of one business; the same for the HSN word search over the 18,687-code master and
 * the party search over 5,000 parties. Medians over every keystroke of several typed phrases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, HANDLERS, type HandlerContext } from '../../electron/app/handlers';
import { loadHsnMaster } from '../../electron/app/masters';
import { openLedger } from '../../electron/ledger';
import type { Channel } from '../../shared/ipc/contract';
import { median, round, type BenchRow } from './measure';

const ITEMS = 10_000;
const PARTIES = 5_000;
const KIND = ['Basmati rice', 'Sona masoori rice', 'Toor dal', 'Moong dal', 'Sunflower oil', 'Mustard oil', 'Wheat atta', 'Sugar', 'Jaggery', 'Tea powder', 'Coffee beans', 'Steel pipe', 'PVC pipe', 'Copper wire', 'Bench vice', 'Hand drill', 'Cotton shirt', 'Denim jeans', 'LED bulb', 'Ceiling fan'];
const BRAND = ['Kaveri', 'Godavari', 'Narmada', 'Tapti', 'Krishna', 'Yamuna', 'Sutlej', 'Beas', 'Ravi', 'Chenab', 'Mahanadi', 'Sabarmati', 'Periyar', 'Tunga', 'Bhadra', 'Sharavati', 'Netravati', 'Hemavati', 'Kabini', 'Pennar'];
const SIZE = ['1 kg', '5 kg', '25 kg bag', '500 g', '1 litre', '15 litre tin', '1 inch', '2 inch', '6 inch', 'XL', 'L', 'M', '9 W', '1200 mm', '50 m coil'];
const HSN = ['10063020', '10061010', '07133100', '15121110', '11010000', '17011490', '09023020', '73063090', '39172390', '74081990', '82055100', '82072000', '62052000', '62034200', '85395000', '84145110'];
const TYPED = ['basmati rice 25', 'kaveri toor', 'steel pipe 2 inch', '8205', 'led bulb 9', 'sona masoori 5 kg'];

async function perKeystroke(ctx: HandlerContext, channel: Channel, body: (text: string) => unknown): Promise<{ median: number; max: number; keystrokes: number }> {
  const samples: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const phrase of TYPED) {
      for (let n = 1; n <= phrase.length; n += 1) {
        const t0 = process.hrtime.bigint();
        const r = await dispatch(HANDLERS, channel, body(phrase.slice(0, n)), ctx);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      }
    }
  }
  return { median: median(samples), max: Math.max(...samples), keystrokes: samples.length };
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
  const ledger = openLedger(join(dir, 'ledger.sqlite'));
  try {
    const business = ledger.businesses.create({ gstin: '29ABCDE1234F1ZW', legalName: 'Bench Traders', address1: '1 Road', location: 'Bengaluru', pin: 560001, stateCode: '29' });
    const t0 = Date.now();
    ledger.transaction(() => {
      for (let i = 0; i < ITEMS; i += 1) {
        const name = `${BRAND[i % 20]} ${KIND[Math.floor(i / 20) % 20]} ${SIZE[Math.floor(i / 400) % 15]} ${Math.floor(i / 6000) + 1}`;
        ledger.products.create({ businessId: business.id, name, hsn: HSN[i % HSN.length]!, isService: false, unit: 'NOS', unitPricePaise: 10_000 + i, gstRate: 5 });
      }
      for (let i = 0; i < PARTIES; i += 1) {
        ledger.parties.saveManual({ legalName: `${BRAND[i % 20]} ${KIND[Math.floor(i / 20) % 20]} Traders ${i}`, location: BRAND[(i + 7) % 20]! });
      }
    });
    const loadMs = Date.now() - t0;
    const ctx = { core: { ledger, hsn: loadHsnMaster() } } as unknown as HandlerContext;
    const items = await perKeystroke(ctx, 'products:search', (text) => ({ businessId: business.id, text, limit: 8 }));
    const hsn = await perKeystroke(ctx, 'masters:hsnSearch', (query) => ({ query, limit: 12 }));
    const parties = await perKeystroke(ctx, 'parties:search', (text) => ({ text, limit: 8 }));
    const note = (r: { max: number; keystrokes: number }) => `max ${round(r.max, 1)} ms over ${r.keystrokes} keystrokes`;
    return [
      { area: 'desk', name: `item search, ${ITEMS.toLocaleString('en-IN')} items, per keystroke (goal ≤ 20 ms)`, value: round(items.median, 2), unit: 'ms', note: note(items) },
      { area: 'desk', name: 'HSN word search, 18,687 codes, per keystroke', value: round(hsn.median, 2), unit: 'ms', note: note(hsn) },
      { area: 'desk', name: `party search, ${PARTIES.toLocaleString('en-IN')} parties, per keystroke`, value: round(parties.median, 2), unit: 'ms', note: note(parties) },
      { area: 'desk', name: `loading ${ITEMS} items + ${PARTIES} parties (one transaction, FTS triggers)`, value: loadMs, unit: 'ms' },
    ];
  } finally {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
