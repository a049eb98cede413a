import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type BusinessInput, type Ledger } from '../../electron/ledger';

let dir: string;
let ledger: Ledger;
let now: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-masters-'));
  now = Date.parse('2026-03-10T05:00:00.000Z');
  ledger = openLedger(join(dir, 'ledger.sqlite'), { clock: () => new Date(now) });
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

const business: BusinessInput = {
  gstin: '29AAGCB1286Q000',
  legalName: 'Bharat Tools Private Limited',
  tradeName: 'Bharat Tools',
  address1: '12, 4th Cross, Peenya',
  location: 'Bengaluru',
  pin: 560058,
  stateCode: '29',
  email: 'accounts@bharat.example',
  aatoCrore: 12.5,
  einvoiceStartDate: '2025-04-01',
  bank: { name: 'Canara Bank', account: '0123456789', ifsc: 'CNRB0000123', branch: 'Peenya' },
  logoPng: PNG,
  terms: 'Payment within 30 days.',
};

describe('businesses', () => {
  it('stores every field, including the PNG logo bytes and bank details, and finds by GSTIN', () => {
    const b = ledger.businesses.create(business);
    expect(b.id).toBeGreaterThan(0);
    const back = ledger.businesses.getByGstin('29AAGCB1286Q000')!;
    expect(back.legalName).toBe('Bharat Tools Private Limited');
    expect(back.aatoCrore).toBe(12.5);
    expect(back.bank).toEqual({ name: 'Canara Bank', account: '0123456789', ifsc: 'CNRB0000123', branch: 'Peenya' });
    expect(Buffer.from(back.logoPng!).equals(PNG)).toBe(true);
    expect(back.createdAt).toBe('2026-03-10T05:00:00.000Z');
    now += 60_000;
    const updated = ledger.businesses.update(b.id, { ...business, tradeName: 'BT', logoPng: undefined });
    expect(updated.tradeName).toBe('BT');
    expect(updated.logoPng).toBeUndefined();
    expect(updated.updatedAt).toBe('2026-03-10T05:01:00.000Z');
    expect(ledger.businesses.list().map((x) => x.gstin)).toEqual(['29AAGCB1286Q000']);
  });

  it('refuses a duplicate GSTIN, a non-PNG logo, a bad PIN and an unknown profile with specific errors', () => {
    ledger.businesses.create(business);
    expect(() => ledger.businesses.create(business)).toThrow(expect.objectContaining({ code: 'LEDGER_DUPLICATE', path: 'gstin' }) as Error);
    expect(() => ledger.businesses.create({ ...business, gstin: '27AAGCB1286Q000', logoPng: Buffer.from('GIF89a....') })).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_INPUT', path: 'logoPng' }) as Error);
    expect(() => ledger.businesses.create({ ...business, gstin: '27AAGCB1286Q000', pin: 5600 })).toThrow(expect.objectContaining({ path: 'pin' }) as Error);
    expect(() => ledger.businesses.create({ ...business, gstin: '27AAGCB1286Q000', profileName: 'nope' })).toThrow(expect.objectContaining({ code: 'LEDGER_NOT_FOUND', path: 'profileName' }) as Error);
    expect(() => ledger.businesses.update(999, business)).toThrow(expect.objectContaining({ code: 'LEDGER_NOT_FOUND' }) as Error);
  });
});

describe('profiles', () => {
  const profile = { name: 'nic-sandbox', kind: 'nic-sandbox' as const, baseUrl: 'https://einv-apisandbox.nic.in', gstin: '29AAGCB1286Q000', clientId: 'AAGCB29TXPXXXX', userName: 'bharat_api' };

  it('saves, replaces by name, lists and deletes; a business keeps existing when its profile goes', () => {
    ledger.profiles.save(profile);
    const b = ledger.businesses.create({ ...business, profileName: 'nic-sandbox' });
    const replaced = ledger.profiles.save({ ...profile, kind: 'gsp', baseUrl: 'https://gsp.example/einv', extraHeaders: { 'x-gsp-client': 'bharat' } });
    expect(replaced.kind).toBe('gsp');
    expect(replaced.extraHeaders).toEqual({ 'x-gsp-client': 'bharat' });
    expect(ledger.profiles.list()).toHaveLength(1);
    expect(ledger.profiles.delete('nic-sandbox')).toBe(true);
    expect(ledger.businesses.get(b.id)!.profileName).toBeUndefined();
  });

  it('refuses secrets: URLs with credentials, secret-named or token-valued headers, private keys', () => {
    expect(() => ledger.profiles.save({ ...profile, baseUrl: 'https://user:pw@einv.example' })).toThrow(expect.objectContaining({ path: 'baseUrl' }) as Error);
    expect(() => ledger.profiles.save({ ...profile, extraHeaders: { client_secret: 'abc' } })).toThrow(expect.objectContaining({ code: 'LEDGER_SECRET_REFUSED' }) as Error);
    expect(() => ledger.profiles.save({ ...profile, extraHeaders: { 'x-auth': 'Bearer abcdefghijklmnop' } })).toThrow(expect.objectContaining({ code: 'LEDGER_SECRET_REFUSED' }) as Error);
    expect(() => ledger.profiles.save({ ...profile, signingCertPem: '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----' })).toThrow(expect.objectContaining({ path: 'signingCertPem' }) as Error);
    expect(() => ledger.profiles.save({ ...profile, kind: 'ftp' as never })).toThrow(expect.objectContaining({ path: 'kind' }) as Error);
    expect(ledger.profiles.list()).toEqual([]);
  });
});

describe('parties', () => {
  it('caches a GSTIN lookup with its time, ages it and serves it as TaxpayerInfo while fresh', () => {
    ledger.parties.saveLookup({ gstin: '27AAACR5055K1Z7', legalName: 'Reliance Retail', location: 'Mumbai', pin: 400001, stateCode: '27', status: 'ACT', taxpayerType: 'REG', registeredOn: '2017-07-01', blocked: false });
    expect(ledger.parties.lookupAgeMs('27AAACR5055K1Z7')).toBe(0);
    now += 3 * 3600_000;
    expect(ledger.parties.lookupAgeMs('27AAACR5055K1Z7')).toBe(3 * 3600_000);
    expect(ledger.parties.freshTaxpayer('27AAACR5055K1Z7', 24 * 3600_000)).toEqual({ gstin: '27AAACR5055K1Z7', status: 'ACT', txpType: 'REG', registeredOn: '2017-07-01', deregisteredOn: null, blocked: false });
    expect(ledger.parties.freshTaxpayer('27AAACR5055K1Z7', 3600_000)).toBeUndefined();
    // A refreshed lookup replaces the facts and the time.
    ledger.parties.saveLookup({ gstin: '27AAACR5055K1Z7', legalName: 'Reliance Retail Ltd', status: 'CNL', taxpayerType: 'REG', blocked: true });
    const p = ledger.parties.getByGstin('27AAACR5055K1Z7')!;
    expect(p).toMatchObject({ legalName: 'Reliance Retail Ltd', status: 'CNL', blocked: true, source: 'lookup', lookedUpAt: '2026-03-10T08:00:00.000Z' });
  });

  it('keeps parties typed by hand (never marked as looked up), URP buyers without a GSTIN, and searches by prefix', () => {
    const manual = ledger.parties.saveManual({ gstin: '33AABCT1332L1ZZ', legalName: 'Tamil Textiles', pin: 600001 });
    expect(manual.source).toBe('manual');
    expect(manual.lookedUpAt).toBeUndefined();
    expect(ledger.parties.lookupAgeMs('33AABCT1332L1ZZ')).toBeUndefined();
    expect(ledger.parties.freshTaxpayer('33AABCT1332L1ZZ', 1e12)).toBeUndefined();
    ledger.parties.saveManual({ gstin: 'URP', legalName: 'Walk-in Customer A' });
    ledger.parties.saveManual({ gstin: 'URP', legalName: 'Walk-in Customer B' });
    expect(ledger.parties.search('walk').map((x) => [x.legalName, x.gstin])).toEqual([
      ['Walk-in Customer A', undefined],
      ['Walk-in Customer B', undefined],
    ]);
    expect(ledger.parties.search('33AAB').map((x) => x.legalName)).toEqual(['Tamil Textiles']);
    expect(ledger.parties.search('100%')).toEqual([]);
    expect(() => ledger.parties.saveManual({ gstin: 'bad', legalName: 'X' })).toThrow(expect.objectContaining({ path: 'gstin' }) as Error);
  });
});

describe('products', () => {
  it('stores products per business with paise prices and rates; names are unique per business', () => {
    const b = ledger.businesses.create(business);
    const b2 = ledger.businesses.create({ ...business, gstin: '27AAGCB1286Q000' });
    const p = ledger.products.create({ businessId: b.id, name: 'Bench vice 6"', hsn: '82055100', isService: false, unit: 'NOS', unitPricePaise: 245050, gstRate: 18 });
    ledger.products.create({ businessId: b.id, name: 'Annual maintenance', hsn: '998717', isService: true, unit: 'OTH', unitPricePaise: 1200000, gstRate: 18, cessRate: 0 });
    ledger.products.create({ businessId: b2.id, name: 'Bench vice 6"', hsn: '82055100', isService: false, unit: 'NOS', unitPricePaise: 250000, gstRate: 18 });
    expect(ledger.products.get(p.id)).toMatchObject({ unitPricePaise: 245050, gstRate: 18, cessRate: 0, isService: false });
    expect(ledger.products.list(b.id).map((x) => x.name)).toEqual(['Annual maintenance', 'Bench vice 6"']);
    expect(ledger.products.search(b.id, '9987').map((x) => x.name)).toEqual(['Annual maintenance']);
    expect(() => ledger.products.create({ businessId: b.id, name: 'Bench vice 6"', hsn: '82055100', isService: false, unit: 'NOS', unitPricePaise: 1, gstRate: 18 })).toThrow(expect.objectContaining({ code: 'LEDGER_DUPLICATE' }) as Error);
    expect(() => ledger.products.create({ businessId: b.id, name: 'Float', hsn: '82055100', isService: false, unit: 'NOS', unitPricePaise: 10.5, gstRate: 18 })).toThrow(expect.objectContaining({ path: 'unitPricePaise' }) as Error);
    expect(() => ledger.products.create({ businessId: 999, name: 'Orphan', hsn: '82055100', isService: false, unit: 'NOS', unitPricePaise: 1, gstRate: 18 })).toThrow(expect.objectContaining({ code: 'LEDGER_NOT_FOUND' }) as Error);
    const updated = ledger.products.update(p.id, { businessId: b.id, name: 'Bench vice 8"', hsn: '82055100', isService: false, unit: 'NOS', unitPricePaise: 300000, gstRate: 12 });
    expect(updated).toMatchObject({ name: 'Bench vice 8"', gstRate: 12 });
    expect(ledger.products.delete(p.id)).toBe(true);
    expect(ledger.products.list(b.id)).toHaveLength(1);
  });
});
