/**
 * The billing desk's channels over a real core, ledger and practice IRP (issue 17): the facts the
 * editor checks with, working copies (autosave, recovery, cleared by the draft save), numbering
 * series and taken numbers, the item and party masters with word search and the usual HSN rate,
 * buyers remembered from saved invoices, and an IRP refusal placed at its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Req, Res } from '../../shared/ipc/contract';
import { withCheckDigit } from '../../shared/gst/gstin';
import { GSTINS } from '../../electron/sandbox/taxpayers';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';
import { draft, goodsLine, serviceLine } from '../support/invoices';
import { PRACTICE_BUYER, todayDocDate } from '../support/practice';

let h: HandlerHarness;
let businessId: number;
const call = <C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> => h.call(channel, req);

beforeAll(async () => {
  h = await openHandlerHarness('einvoice-desk-');
  businessId = (await call('businesses:list', {})).businesses[0]!.id;
});

afterAll(async () => {
  await h?.close();
});

describe('editor facts', () => {
  it('the practice business is checked as the practice IRP checks it, with the account\'s turnover', async () => {
    const setup = await call('editor:setup', { businessId });
    expect(setup).toMatchObject({ profile: 'sandbox', aatoCrore: 8 });
    expect(setup.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const { codes, count } = await call('masters:hsnCodes', {});
    expect(count).toBe(h.core.hsn.size);
    expect(codes.split(',')).toContain('10063020');
  });
});

describe('working copies', () => {
  it('autosaved, offered to another session, taken over, cleared by saving the draft', async () => {
    const form = { v: 1, form: { docNo: 'WC/0001', buyer: { legalName: 'X' }, lines: [{ description: 'half-typed', qty: '1.2.3' }] }, docNoAuto: false };
    const { savedAt } = await call('drafts:autosave', { slot: 'w1-1', owner: 'w1', businessId, docType: 'INV', docNo: 'WC/0001', buyerName: 'X', lines: 1, totalPaise: 0, form });
    expect(savedAt).toMatch(/^\d{4}-/);
    expect((await call('drafts:recoverable', { owner: 'w1' })).drafts).toEqual([]);
    const offered = (await call('drafts:recoverable', { owner: 'w2' })).drafts;
    expect(offered).toEqual([expect.objectContaining({ slot: 'w1-1', docNo: 'WC/0001', businessId, lines: 1 })]);
    const taken = await call('drafts:take', { slot: 'w1-1', owner: 'w2' });
    expect(taken.form).toEqual(form);
    // now w2's: offered to w1 (say a third window), no longer to w2
    expect((await call('drafts:recoverable', { owner: 'w2' })).drafts).toEqual([]);
    const saved = await call('invoices:save', { businessId, draft: draft({ docNo: 'WC/0001', docDate: todayDocDate(), buyer: PRACTICE_BUYER }), workingCopy: 'w1-1' });
    expect(saved.invoice.docNo).toBe('WC/0001');
    expect((await call('drafts:recoverable', { owner: 'w9' })).drafts).toEqual([]);
    expect((await h.refused('drafts:take', { slot: 'w1-1', owner: 'w2' })).code).toBe('LEDGER_NOT_FOUND');
  });

  it('refuses a copy for an invoice that is not there, and bad slot names', async () => {
    expect((await h.refused('drafts:autosave', { slot: 'w1-2', owner: 'w1', invoiceId: 99_999, lines: 0, totalPaise: 0, form: {} })).code).toBe('LEDGER_NOT_FOUND');
    expect((await h.refused('drafts:autosave', { slot: '../x', owner: 'w1', lines: 0, totalPaise: 0, form: {} })).code).toBe('BAD_REQUEST');
  });
});

describe('numbering', () => {
  it('a series per FY: proposes, restarts on 1 April, refuses numbers the IRP would refuse, flags a taken one', async () => {
    expect((await h.refused('series:save', { businessId, docType: 'DBN', prefix: 'DEBITNOTE/{FYYY}/', digits: 4, suffix: '' })).code).toBe('SERIES_INVALID');
    const saved = await call('series:save', { businessId, docType: 'INV', prefix: 'NS/{FY}/', digits: 3, suffix: '' });
    expect(saved.next).toMatch(/^NS\/\d\d-\d\d\/001$/);
    expect(await call('series:next', { businessId, docType: 'INV', docDate: '31/03/2026' })).toEqual({ docNo: 'NS/25-26/001', source: 'series' });
    const line = [goodsLine()];
    await call('invoices:save', { businessId, draft: draft({ docNo: 'NS/25-26/001', docDate: '31/03/2026', lines: line }) });
    await call('invoices:save', { businessId, draft: draft({ docNo: 'NS/25-26/007', docDate: '30/03/2026', lines: line }) });
    expect(await call('series:next', { businessId, docType: 'INV', docDate: '31/03/2026' })).toEqual({ docNo: 'NS/25-26/008', source: 'series' });
    expect(await call('series:next', { businessId, docType: 'INV', docDate: '2026-04-01' })).toEqual({ docNo: 'NS/26-27/001', source: 'series' });
    // another type has no series: it follows the last number used
    await call('invoices:save', { businessId, draft: draft({ docType: 'CRN', docNo: 'CN-0041', docDate: '30/03/2026', lines: line }) });
    expect(await call('series:next', { businessId, docType: 'CRN', docDate: '31/03/2026' })).toEqual({ docNo: 'CN-0042', source: 'last' });
    expect(await call('series:next', { businessId, docType: 'DBN', docDate: '31/03/2026' })).toEqual({ source: 'none' });

    const used = await call('invoices:numberUsed', { businessId, docType: 'INV', docNo: 'ns/25-26/007', docDate: '01/03/2026' });
    expect(used.used).toMatchObject({ docNo: 'NS/25-26/007', status: 'draft', docDate: '2026-03-30' });
    // the same number in the next FY is free; and a document is not "taken" by itself
    expect((await call('invoices:numberUsed', { businessId, docType: 'INV', docNo: 'NS/25-26/007', docDate: '01/04/2026' })).used).toBeUndefined();
    expect((await call('invoices:numberUsed', { businessId, docType: 'INV', docNo: 'NS/25-26/007', docDate: '30/03/2026', exceptId: used.used!.id })).used).toBeUndefined();
    expect((await h.refused('series:next', { businessId, docType: 'INV', docDate: '31/02/2026' })).code).toBe('2144');
  });
});

describe('masters', () => {
  it('items: HSN from the master only, word search, the usual rate of an HSN', async () => {
    expect((await h.refused('products:save', { businessId, name: 'Ghost', hsn: '10069999', unit: 'NOS', unitPricePaise: 1, gstRate: 5 })).code).toBe('2176');
    const rice = await call('products:save', { businessId, name: 'Basmati rice 25 kg bag', hsn: '10063020', unit: 'bag', unitPricePaise: 185_000, gstRate: 5 });
    expect(rice).toMatchObject({ unit: 'BAG', isService: false, cessRate: 0 });
    const consulting = await call('products:save', { businessId, name: 'Management consulting', hsn: '998311', unit: 'OTH', unitPricePaise: 5_000_000, gstRate: 18 });
    expect(consulting.isService).toBe(true);
    const names = async (text: string) => (await call('products:search', { businessId, text })).items.map((i) => i.name);
    expect(await names('rice bag')).toEqual(['Basmati rice 25 kg bag']);
    expect(await names('bas')).toEqual(['Basmati rice 25 kg bag']);
    expect(await names('9983')).toEqual(['Management consulting']);
    expect(await names('consulting management')).toEqual(['Management consulting']);
    expect(await names('%')).toEqual([]);
    expect(await call('products:list', { businessId, text: 'rice' })).toMatchObject({ total: 1 });
    expect((await call('products:list', { businessId })).total).toBe(2);
    expect(await call('masters:usualRate', { businessId, hsn: '10063020' })).toEqual({ rate: 5, uses: 1, source: 'items' });
    // an HSN no item has: the rate of the latest invoices' lines
    await call('invoices:save', { businessId, draft: draft({ docNo: 'UR/0001', docDate: todayDocDate(), lines: [goodsLine({ hsn: '22029920', gstRate: 12 }), serviceLine()] }) });
    expect(await call('masters:usualRate', { businessId, hsn: '22029920' })).toEqual({ rate: 12, uses: 1, source: 'invoices' });
    expect(await call('masters:usualRate', { businessId, hsn: '0101' })).toEqual({ uses: 0 });
    expect((await call('products:delete', { id: rice.id })).deleted).toBe(true);
    expect(await names('rice')).toEqual([]);
  });

  it('parties: remembered from saved invoices, never over a GST-master record, searched by words', async () => {
    const gstin = withCheckDigit('33AABCT1332L1Z');
    await call('invoices:save', { businessId, draft: draft({ docNo: 'PB/0001', docDate: todayDocDate(), buyer: { Gstin: gstin, LglNm: 'Tamil Textiles', Pos: '33', Addr1: '1 Mill Road', Loc: 'Coimbatore', Pin: 641001, Stcd: '33' } }) });
    const list = await call('parties:list', { text: 'textiles coimbatore' });
    expect(list.parties).toEqual([expect.objectContaining({ gstin, legalName: 'Tamil Textiles', location: 'Coimbatore', pin: 641001, source: 'manual' })]);
    // looked up in the GST master, then typed differently on an invoice: the master's name stays
    const { party } = await call('parties:lookup', { gstin: PRACTICE_BUYER.Gstin, businessId });
    await call('invoices:save', { businessId, draft: draft({ docNo: 'PB/0002', docDate: todayDocDate(), buyer: { ...PRACTICE_BUYER, LglNm: 'Typo Manufacturing' } }) });
    const after = (await call('parties:list', { text: PRACTICE_BUYER.Gstin.slice(0, 8) })).parties;
    expect(after).toEqual([expect.objectContaining({ id: party.id, legalName: party.legalName, source: 'lookup' })]);
    const manual = await call('parties:save', { legalName: 'Walk-in Customer', gstin: 'URP', location: 'Bengaluru' });
    expect((await call('parties:search', { text: 'walk' })).parties.map((p) => p.legalName)).toEqual(['Walk-in Customer']);
    expect((await call('parties:delete', { id: manual.id })).deleted).toBe(true);
    expect((await h.refused('parties:save', { legalName: 'X', pin: 12 })).code).toBe('BAD_REQUEST');
  });
});

describe('IRP refusals at their field', () => {
  it('a buyer the GST master has as suspended: the IRP\'s 3029, at the buyer GSTIN, with its hint', async () => {
    // nothing the editor can know (its master is the IRP's): only the IRP says it
    const buyer = { Gstin: GSTINS.haryanaSuspended, LglNm: 'Suspended Traders Haryana', Pos: '06', Addr1: '1 Sector 14', Loc: 'Gurugram', Pin: 122001, Stcd: '06' };
    const saved = await call('invoices:save', { businessId, draft: draft({ docNo: 'IRP/0001', docDate: todayDocDate(), buyer }) });
    expect(saved.errors).toEqual([]);
    const { outcomes } = await call('invoices:register', { ids: [saved.invoice.id] });
    expect(outcomes[0]).toMatchObject({ status: 'rejected' });
    expect(outcomes[0]!.errors).toEqual([expect.objectContaining({ code: '3029', path: 'BuyerDtls.Gstin' })]);
    expect(outcomes[0]!.errors[0]!.message).toContain('sync it or confirm with the buyer');
  });
});
