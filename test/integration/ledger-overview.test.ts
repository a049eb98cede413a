/**
 * Issue 17 in the ledger: totals that subtract credit notes, add debit notes and leave cancelled
 * documents out (running totals and counted totals agree); the dashboard's figures, each from an
 * index; the list filters behind the dashboard's links; e-way bill transport and Part-B history.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type DraftInput, type Ledger } from '../../electron/ledger';
import { openDatabase } from '../../electron/ledger/connection';
import { MIGRATIONS } from '../../electron/ledger/migrations';

let dir: string;
let ledger: Ledger;
let businessId: number;
let clock = new Date('2026-03-10T05:00:00.000Z'); // 10:30 IST

const SELLER = '29AAGCB1286Q000';
const irnOf = (n: string) => createHash('sha256').update(`irn ${n}`).digest('hex');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-ovw-'));
  clock = new Date('2026-03-10T05:00:00.000Z');
  ledger = openLedger(join(dir, 'ledger.sqlite'), { clock: () => clock });
  businessId = ledger.businesses.create({ gstin: SELLER, legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }).id;
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function draft(over: Partial<DraftInput>): DraftInput {
  return { businessId, docType: 'INV', docNo: 'X', docDate: '2026-03-10', buyerGstin: '27AAACR5055K1Z7', buyerName: 'Reliance Retail', totalPaise: 100_00, draft: {}, ...over };
}

/** A registered document acknowledged at `ackAt` (ISO UTC). */
function registered(over: Partial<DraftInput>, ackAt = '2026-03-10T04:00:00.000Z'): number {
  const inv = ledger.invoices.saveDraft(draft(over));
  const item = ledger.outbox.startInFlight({ invoiceId: inv.id, op: 'register', payload: { DocDtls: { No: over.docNo } } });
  const ist = new Date(Date.parse(ackAt) + 330 * 60_000).toISOString().replace('T', ' ').slice(0, 19);
  ledger.outbox.completeRegistration(item.id, { irn: irnOf(String(over.docNo)), ackNo: 1234, ackDt: ist, signedInvoice: 'a.b.c', signedQrCode: 'a.b.c' });
  return inv.id;
}

function cancelled(id: number): void {
  const reg = ledger.registrations.forInvoice(id)!;
  const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'cancel', payload: { Irn: reg.irn } });
  ledger.outbox.completeCancel(item.id, reg.irn, { cancelDate: '2026-03-10 11:00:00', reason: '2', remark: 'typo' });
}

describe('totals', () => {
  it('subtract credit notes, add debit notes and leave cancelled documents out, from the running totals and by counting alike', () => {
    registered({ docNo: 'I1', totalPaise: 1000_00 });
    registered({ docNo: 'I2', totalPaise: 500_00 });
    cancelled(registered({ docNo: 'I3', totalPaise: 700_00 }));
    registered({ docNo: 'C1', docType: 'CRN', totalPaise: 200_00 });
    registered({ docNo: 'D1', docType: 'DBN', totalPaise: 50_00 });
    ledger.invoices.saveDraft(draft({ docNo: 'DR1', totalPaise: 30_00 }));

    const all = ledger.invoiceList.totals({});
    expect(all).toEqual({
      count: 6,
      totalPaise: 1000_00 + 500_00 - 200_00 + 50_00 + 30_00,
      byType: { INV: { count: 3, totalPaise: 1530_00 }, CRN: { count: 1, totalPaise: 200_00 }, DBN: { count: 1, totalPaise: 50_00 } },
      cancelled: { count: 1, totalPaise: 700_00 },
    });
    // The same set counted row by row (a date filter forces the count) gives the same figures.
    expect(ledger.invoiceList.totals({ from: '2000-01-01' })).toEqual(all);
    expect(ledger.invoiceList.totals({ status: 'registered' }).totalPaise).toBe(1000_00 + 500_00 - 200_00 + 50_00);
    expect(ledger.invoiceList.totals({ status: 'cancelled' })).toMatchObject({ count: 1, totalPaise: 0, cancelled: { count: 1, totalPaise: 700_00 } });
    // a search goes through the counted path too
    expect(ledger.invoiceList.totals({ search: 'C1' })).toMatchObject({ count: 1, totalPaise: -200_00 });
  });
});

describe('dashboard figures', () => {
  const query = () => ({
    today: '2026-03-10', monthStart: '2026-03-01', draftWarnDate: '2026-02-13', draftLimitDate: '2026-02-08',
    cancelOpenAfter: new Date(clock.getTime() - 86_400_000).toISOString(), cancelClosingBy: new Date(clock.getTime() - 22 * 3_600_000).toISOString(),
    nowIst: '2026-03-10 10:30:00', ewbSoonIst: '2026-03-11 10:30:00', ewbExpiredSinceIst: '2026-03-09 10:30:00',
  });

  it('nets the month and today, ages drafts against the 30-day limit, finds closing cancel windows, the queue and expiring e-way bills', () => {
    registered({ docNo: 'T1', totalPaise: 1000_00 });
    registered({ docNo: 'TC', docType: 'CRN', totalPaise: 300_00 });
    registered({ docNo: 'M1', docDate: '2026-03-02', totalPaise: 400_00 }, '2026-03-09T02:00:00.000Z'); // 27 h ago: window closed
    const closing = registered({ docNo: 'M2', docDate: '2026-03-09', totalPaise: 50_00 }, '2026-03-09T06:00:00.000Z'); // 23 h ago
    cancelled(registered({ docNo: 'M3', docDate: '2026-03-05', totalPaise: 999_00 }));
    registered({ docNo: 'OLD', docDate: '2026-02-20', totalPaise: 1_00 }, '2026-02-20T06:00:00.000Z');
    ledger.invoices.saveDraft(draft({ docNo: 'D1', docDate: '2026-03-09' }));
    ledger.invoices.saveDraft(draft({ docNo: 'D2', docDate: '2026-02-12' })); // 26 days old
    ledger.invoices.saveDraft(draft({ docNo: 'D3', docDate: '2026-02-01' })); // 37 days old
    const queued = ledger.invoices.saveDraft(draft({ docNo: 'Q1' }));
    ledger.outbox.enqueue({ invoiceId: queued.id, op: 'register', payload: { a: 1 } });
    const rejected = ledger.invoices.saveDraft(draft({ docNo: 'R1' }));
    ledger.outbox.fail(ledger.outbox.startInFlight({ invoiceId: rejected.id, op: 'register', payload: { a: 2 } }).id, [{ code: '2176', message: 'HSN' }]);
    // an e-way bill on T1 valid till tomorrow morning (expiring soon), one Part-A only bill on M1
    const t1 = ledger.invoiceList.page({ search: 'T1' }).rows[0]!.id;
    ledger.ewaybills.insert(t1, { ewbNo: '391009149369', ewbDate: '2026-03-10 10:00:00', validTill: '2026-03-10 23:59:00', distanceKm: 120 });
    const m1 = ledger.invoiceList.page({ search: 'M1' }).rows[0]!.id;
    ledger.ewaybills.insert(m1, { ewbNo: '391009149370', ewbDate: '2026-03-09 08:00:00', validTill: null });

    const o = ledger.overview.summary(query());
    expect(o.today).toMatchObject({ count: 2, totalPaise: 1000_00 - 300_00 });
    expect(o.month).toMatchObject({ count: 4, totalPaise: 1000_00 - 300_00 + 400_00 + 50_00 });
    expect(o.drafts).toEqual({ count: 3, oldestDate: '2026-02-01', nearLimit: 1, pastLimit: 1 });
    // T1 and TC are inside the window, T1 is blocked by its e-way bill; M2 closes within 2 hours
    expect(o.cancelWindow).toMatchObject({ open: 2, closingSoon: 1, blockedByEwb: 1, firstClosesAt: '2026-03-10T06:00:00.000Z' });
    expect(o.queue).toEqual({ waiting: 1, failed: 1 });
    expect(o.ewaybills).toEqual({ active: 1, expiringSoon: 1, expired: 0, partAOnly: 1 });

    // The figures' links: the list with the same filters finds the same documents.
    const closingRows = ledger.invoiceList.page({ cancelWindow: { after: query().cancelOpenAfter, before: query().cancelClosingBy } }).rows;
    expect(closingRows.map((r) => r.id)).toEqual([closing]);
    expect(ledger.invoiceList.totals({ cancelWindow: { after: query().cancelOpenAfter } }).count).toBe(2);
    expect(ledger.invoiceList.page({ ewbValid: { from: query().ewbExpiredSinceIst, to: query().ewbSoonIst } }).rows.map((r) => r.docNo)).toEqual(['T1']);
    expect(ledger.invoiceList.totals({ status: 'registered', from: '2026-03-01', to: '2026-03-10' })).toMatchObject({ count: 4, totalPaise: o.month.totalPaise });
    // rows say when an e-way bill is active
    const t1Row = ledger.invoiceList.page({ search: 'T1' }).rows[0]!;
    expect(t1Row).toMatchObject({ ewbActive: true, ewbValidTill: '2026-03-10 23:59:00' });
    expect(ledger.invoiceList.page({ search: 'TC' }).rows[0]!.ewbActive).toBeUndefined();

    // per business: another business sees nothing
    expect(ledger.overview.summary({ ...query(), businessId: businessId + 1 }).month.count).toBe(0);
  });

  it('reads every figure from an index: no plan scans the invoices table', () => {
    const plans = ledger.overview.plans();
    expect(plans.length).toBeGreaterThan(4);
    expect(plans.filter((p) => /^SCAN (i|invoices)\b/.test(p) && !/USING/.test(p))).toEqual([]);
    expect(plans.some((p) => p.includes('COVERING INDEX invoices_status_date_value'))).toBe(true);
    expect(plans.some((p) => p.includes('registrations_status_ack'))).toBe(true);
    expect(plans.some((p) => p.includes('ewaybills_status_valid'))).toBe(true);
  });
});

describe('e-way bills', () => {
  it('keep the distance and transport, the cancel reason, and every Part-B update in order', () => {
    const id = registered({ docNo: 'E1' });
    ledger.ewaybills.insert(id, { ewbNo: 111008683051, ewbDate: '2026-03-10 10:00:00', validTill: null, distanceKm: 342, transporterId: '29AAGCB1286Q1Z5', transporterName: 'Fast Movers' });
    expect(ledger.ewaybills.get('111008683051')).toMatchObject({ distanceKm: 342, transporterId: '29AAGCB1286Q1Z5', validTill: undefined });
    ledger.ewaybills.recordPartB('111008683051', { updatedAt: '2026-03-10 11:00:00', transMode: '1', vehicleNo: 'KA01AB1234', fromPlace: 'Bengaluru', fromState: '29', reasonCode: '4', validTill: '2026-03-12 23:59:00' });
    ledger.ewaybills.recordPartB('111008683051', { updatedAt: '2026-03-10 15:00:00', transMode: '1', vehicleNo: 'KA02CD5678', fromPlace: 'Tumakuru', fromState: '29', reasonCode: '1', remark: 'breakdown' });
    // the bill keeps what it was raised with (no vehicle: Part A only) and takes the validity the IRP gave
    const bill = ledger.ewaybills.get('111008683051')!;
    expect(bill.validTill).toBe('2026-03-12 23:59:00');
    expect(bill.vehicleNo).toBeUndefined();
    expect(ledger.ewaybills.updates('111008683051').map((u) => [u.vehicleNo, u.reasonCode, u.validTill])).toEqual([
      ['KA01AB1234', '4', '2026-03-12 23:59:00'],
      ['KA02CD5678', '1', undefined],
    ]);
    ledger.ewaybills.markCancelled('111008683051', '2026-03-10 16:00:00');
    ledger.ewaybills.noteCancel('111008683051', '3', 'Data entry mistake');
    expect(ledger.ewaybills.get('111008683051')).toMatchObject({ status: 'CNL', cancelReason: '3', cancelRemark: 'Data entry mistake' });
  });
});

describe('migration 012 overview', () => {
  it('rebuilds invoice_totals by status and document type from the rows already there', () => {
    const at = MIGRATIONS.findIndex((m) => m.name === 'overview');
    expect(at).toBeGreaterThan(0);
    const file = join(dir, 'before.sqlite');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, at) }).close();
    const raw = new Database(file);
    const now = '2026-01-01T00:00:00.000Z';
    raw.prepare("INSERT INTO businesses (id, gstin, legal_name, address1, location, pin, state_code, created_at, updated_at) VALUES (1,'29AAGCB1286Q000','B','a','l',560001,'29',?,?)").run(now, now);
    const ins = raw.prepare("INSERT INTO invoices (business_id, seller_gstin, doc_type, doc_no, doc_date, fy, total_paise, status, created_at, updated_at) VALUES (1,'29AAGCB1286Q000',?,?,'2025-07-01','2025-26',?,?,?,?)");
    ins.run('INV', 'A1', 1000, 'registered', now, now);
    ins.run('CRN', 'C1', 300, 'registered', now, now);
    ins.run('INV', 'A2', 500, 'cancelled', now, now);
    raw.close();
    const migrated = openLedger(file);
    expect(migrated.db.prepare('SELECT status, doc_type, count, total_paise FROM invoice_totals ORDER BY status, doc_type').all()).toEqual([
      { status: 'cancelled', doc_type: 'INV', count: 1, total_paise: 500 },
      { status: 'registered', doc_type: 'CRN', count: 1, total_paise: 300 },
      { status: 'registered', doc_type: 'INV', count: 1, total_paise: 1000 },
    ]);
    // a type change moves the row between buckets
    migrated.db.prepare("UPDATE invoices SET doc_type = 'DBN' WHERE doc_no = 'C1'").run();
    expect(migrated.invoiceList.totals({})).toMatchObject({ count: 3, totalPaise: 1300 });
    const cols = (migrated.db.prepare("SELECT name FROM pragma_table_info('ewaybills')").all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['distance_km', 'vehicle_no', 'trans_doc_no', 'transporter_id', 'cancel_reason']));
    migrated.close();
  });
});
