/**
 * Issue 17 through the handler table over a real core and the practice IRP: the e-way bill
 * lifecycle (raised with distance 0 → the IRP's PIN-to-PIN figure kept; Part-B update; cancel, and
 * the IRN cancel refused while it is active), its PDF, the dashboard figures, list totals with a
 * credit note and a cancelled invoice, batch print with copy labels, plain activity details.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Req, Res } from '../../shared/ipc/contract';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';
import { draft, goodsLine } from '../support/invoices';
import { PRACTICE_BUYER, todayDocDate } from '../support/practice';

let h: HandlerHarness;
let businessId: number;
let tmp: string;
const call = <C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> => h.call(channel, req);

function pdfText(base64: string): string {
  const file = join(tmp, `p${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function registered(docNo: string, docType: 'INV' | 'CRN' = 'INV', qtyMilli = 10_000): Promise<number> {
  const d = draft({ docNo, docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine({ qtyMilli })] });
  const sent = docType === 'CRN' ? { ...d, docType, precedingDocs: [] } : d;
  const saved = await call('invoices:save', { businessId, draft: sent });
  const { outcomes } = await call('invoices:register', { ids: [saved.invoice.id] });
  expect(outcomes[0]!.status).toBe('registered');
  return saved.invoice.id;
}

beforeAll(async () => {
  h = await openHandlerHarness('einvoice-overview-');
  tmp = mkdtempSync(join(tmpdir(), 'overview-pdf-'));
  businessId = (await call('businesses:list', {})).businesses[0]!.id;
});
afterAll(async () => {
  await h?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('e-way bill lifecycle', () => {
  it('raises with distance 0 (the IRP computes it), updates Part-B, prints, blocks the IRN cancel, then cancels', async () => {
    const id = await registered('EWB/OVW/1');
    const before = await call('invoices:get', { id });
    // Bengaluru 560001 → Mumbai 400001: the practice IRP's PIN-to-PIN figure, shown before raising
    expect(before.ewbEstimate).toMatchObject({ fromPin: 560001, toPin: 400001, samePin: false });
    const km = before.ewbEstimate!.km!;
    expect(km).toBeGreaterThan(800);
    // Part A only (transporter id, no vehicle): no validity yet
    const raised = await call('invoices:ewb', { id, distance: 0, transporterId: '29AAGCB1286Q1Z5' });
    expect(raised.ewbValidTill).toBeNull();
    let bill = (await call('invoices:get', { id })).ewaybills[0]!;
    expect(bill).toMatchObject({ ewbNo: raised.ewbNo, status: 'ACT', distanceKm: km, transporterId: '29AAGCB1286Q1Z5', partB: [] });
    expect(bill.cancelBy).toBeDefined();

    // the IRN cannot be cancelled while the e-way bill is active; the list row says so
    const refusal = await h.refused('invoices:cancel', { id, reason: '2', remark: 'typo' });
    expect(refusal.code).toBe('2230');
    const row = (await call('invoices:list', { search: 'EWB/OVW/1' })).rows[0]!;
    expect(row.ewbActive).toBe(true);

    // Part-B: a road vehicle, first time → validity from today: ceil(km / 200) days, ending 23:59
    const updated = await call('invoices:ewbPartB', { id, ewbNo: raised.ewbNo, mode: '1', vehicleNo: 'ka01ab1234', fromPlace: 'Bengaluru', fromState: '29', reason: '4', remark: '' });
    expect(updated.vehicleNo).toBe('KA01AB1234');
    expect(updated.validTill).toMatch(/ 23:59:00$/);
    expect(updated.partB).toHaveLength(1);
    expect(updated.partB[0]).toMatchObject({ vehicleNo: 'KA01AB1234', reasonCode: '4', fromPlace: 'Bengaluru' });
    // a breakdown: another vehicle, same validity
    const again = await call('invoices:ewbPartB', { id, ewbNo: raised.ewbNo, mode: '1', vehicleNo: 'KA02CD5678', fromPlace: 'Tumakuru', fromState: '29', reason: '1', remark: 'breakdown' });
    expect(again.validTill).toBe(updated.validTill);
    expect(again.partB.map((u) => u.vehicleNo)).toEqual(['KA01AB1234', 'KA02CD5678']);
    // a bad vehicle number is refused before it leaves (contract), the IRP's own refusal has a code
    expect((await h.refused('invoices:ewbPartB', { id, ewbNo: raised.ewbNo, mode: '1', vehicleNo: 'K1', fromPlace: 'Bengaluru', fromState: '29', reason: '3', remark: '' })).code).toBe('BAD_REQUEST');
    expect((await h.refused('invoices:ewbPartB', { id, ewbNo: raised.ewbNo, mode: '1', vehicleNo: 'ABCDEFG', fromPlace: 'Bengaluru', fromState: '29', reason: '3', remark: '' })).code).toBe('240');

    // the printable e-way bill: number, distance, both vehicles, validity
    const pdf = await call('pdf:ewb', { id, ewbNo: raised.ewbNo });
    expect(pdf.fileName).toBe(`EWB-${raised.ewbNo}.pdf`);
    const text = pdfText(pdf.base64);
    expect(text).toContain(`E-Way Bill No: ${raised.ewbNo}`);
    expect(text).toContain(`${km} km`);
    expect(text).toContain('KA01AB1234');
    expect(text).toContain('KA02CD5678');
    expect(text).toContain('EWB/OVW/1');

    // cancel within 24 h (EWB reason 3), then the IRN can be cancelled
    bill = await call('invoices:ewbCancel', { id, ewbNo: raised.ewbNo, reason: '3', remark: 'Data entry mistake' });
    expect(bill).toMatchObject({ status: 'CNL', cancelReason: '3', cancelRemark: 'Data entry mistake' });
    expect(bill.cancelDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(pdfText((await call('pdf:ewb', { id, ewbNo: raised.ewbNo })).base64)).toContain('CANCELLED');
    // Part-B on a cancelled bill is refused with a plain sentence
    const late = await h.refused('invoices:ewbPartB', { id, ewbNo: raised.ewbNo, mode: '1', vehicleNo: 'KA01AB1234', fromPlace: 'Bengaluru', fromState: '29', reason: '3', remark: '' });
    expect(late).toMatchObject({ code: '312' });
    expect((await call('invoices:cancel', { id, reason: '2', remark: 'typo' })).status).toBe('CNL');
    // the journal carries the Part-B steps, and activity names the document
    const { entries } = await call('activity:list', { invoiceId: id });
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['ewb_partb.sent', 'ewb_partb.ok', 'ewb_partb.failed', 'cancel_ewb.ok', 'cancel.ok']));
    expect(entries[0]!.document).toEqual({ docType: 'INV', docNo: 'EWB/OVW/1' });
  });
});

describe('totals, dashboard and batch print', () => {
  it('nets a credit note, leaves a cancelled invoice out, and the dashboard agrees with the list it links to', async () => {
    const a = await registered('TOT/1', 'INV', 10_000);
    await registered('TOT/2', 'INV', 20_000);
    const c = await registered('TOT/C1', 'CRN', 5_000);
    const cancelledId = await registered('TOT/3', 'INV', 40_000);
    await call('invoices:cancel', { id: cancelledId, reason: '1', remark: 'duplicate' });
    const get = async (id: number) => (await call('invoices:get', { id })).invoice.totalPaise;
    const [ta, tc, tx] = [await get(a), await get(c), await get(cancelledId)];

    const list = await call('invoices:list', { search: 'TOT', withTotals: true });
    expect(list.totals).toMatchObject({ count: 4, cancelled: { count: 1, totalPaise: tx } });
    expect(list.totals!.totalPaise).toBe(ta + 2 * ta - tc);
    expect(list.totals!.byType).toMatchObject({ CRN: { count: 1, totalPaise: tc } });

    const o = await call('dashboard:summary', {});
    // today's registered net value = the list's "registered, dated today" total (its link)
    const linked = await call('invoices:list', { status: ['registered'], from: o.today, to: o.today, withTotals: true });
    expect(o.registeredToday.totalPaise).toBe(linked.totals!.totalPaise);
    expect(o.registeredToday.count).toBe(linked.totals!.count);
    expect(o.registeredToday.byType!.CRN.count).toBeGreaterThanOrEqual(1);
    expect(o.registeredMonth.totalPaise).toBeGreaterThanOrEqual(o.registeredToday.totalPaise);
    // every registered IRN of this test is in its cancel window (the first one's e-way bill was cancelled, its IRN too)
    const open = await call('invoices:list', { cancelWindow: { after: o.cancelWindow.openAfter }, withTotals: true });
    expect(o.cancelWindow.open).toBe(open.totals!.count);
    expect(o.cancelWindow.open).toBe(3);
    expect(o.queue).toEqual({ waiting: 0, failed: 0 });
  });

  it('prints selected invoices into one PDF with the copy labels, naming what it skipped', async () => {
    const ids = (await call('invoices:list', { search: 'TOT', sort: 'number', direction: 'asc' })).rows.map((r) => r.id);
    const empty = await call('invoices:save', { businessId, draft: draft({ docNo: 'TOT/DRAFT', docDate: todayDocDate(), buyer: PRACTICE_BUYER, lines: [goodsLine()] }) });
    const r = await call('pdf:batch', { ids: [...ids, empty.invoice.id, 999_999], copies: ['original', 'duplicate', 'triplicate'] });
    expect(r.printed).toBe(5);
    expect(r.skipped).toEqual([{ id: 999_999, docNo: '999999', reason: 'not in the ledger' }]);
    expect(r.pages).toBe(15);
    const text = pdfText(r.base64);
    for (const label of ['ORIGINAL FOR RECIPIENT', 'DUPLICATE FOR TRANSPORTER', 'TRIPLICATE FOR SUPPLIER']) expect(text.split(label).length - 1).toBe(5);
    for (const no of ['TOT/1', 'TOT/2', 'TOT/3', 'TOT/C1', 'TOT/DRAFT']) expect(text).toContain(no);
    // a single invoice with two copies: two pages, each labelled
    const one = await call('pdf:render', { id: ids[0]!, copies: ['original', 'triplicate'] });
    expect(one.pages).toBe(2);
    const t1 = pdfText(one.base64);
    expect(t1).toContain('ORIGINAL FOR RECIPIENT');
    expect(t1).toContain('TRIPLICATE FOR SUPPLIER');
    expect(t1).not.toContain('DUPLICATE FOR TRANSPORTER');
  });
});
