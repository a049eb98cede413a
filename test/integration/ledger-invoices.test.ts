import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type DraftInput, type Ledger } from '../../electron/ledger';
import { InvoiceListRepo } from '../../electron/ledger/invoice-list.repo';

let dir: string;
let ledger: Ledger;
let businessId: number;

const SELLER = '29AAGCB1286Q000';
const irnOf = (n: number) => createHash('sha256').update(`irn ${n}`).digest('hex');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-inv-'));
  ledger = openLedger(join(dir, 'ledger.sqlite'), { clock: () => new Date('2026-03-10T05:00:00.000Z') });
  businessId = ledger.businesses.create({ gstin: SELLER, legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }).id;
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function draft(over: Partial<DraftInput> = {}): DraftInput {
  return { businessId, docType: 'INV', docNo: 'BT/25-26/001', docDate: '2026-03-09', buyerGstin: '27AAACR5055K1Z7', buyerName: 'Reliance Retail', totalPaise: 118000, draft: { lines: [{ qty: 1000 }] }, ...over };
}

/** Saves a draft and walks it through the outbox to "registered" with the given IRN. */
function registered(over: Partial<DraftInput>, irn: string): number {
  const inv = ledger.invoices.saveDraft(draft(over));
  const item = ledger.outbox.startInFlight({ invoiceId: inv.id, op: 'register', payload: { Version: '1.1', DocDtls: { No: over.docNo } } });
  ledger.outbox.completeRegistration(item.id, { irn, ackNo: 232210036754863, ackDt: '2026-03-10 10:30:00', signedInvoice: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', signedQrCode: 'eyJhbGciOiJSUzI1NiJ9.e30.qr' });
  return inv.id;
}

describe('invoices', () => {
  it('saves and edits drafts with the FY derived from the date and the seller GSTIN from the business', () => {
    const inv = ledger.invoices.saveDraft(draft());
    expect(inv).toMatchObject({ status: 'draft', sellerGstin: SELLER, fy: '2025-26', docNo: 'BT/25-26/001', totalPaise: 118000, draft: { lines: [{ qty: 1000 }] } });
    const edited = ledger.invoices.saveDraft(draft({ id: inv.id, docDate: '2026-04-02', totalPaise: 236000 }));
    expect(edited).toMatchObject({ fy: '2026-27', totalPaise: 236000 });
    const noNumber = ledger.invoices.saveDraft(draft({ docNo: undefined }));
    const noNumber2 = ledger.invoices.saveDraft(draft({ docNo: undefined }));
    expect(noNumber.docNo).toBeUndefined();
    expect(noNumber2.id).not.toBe(noNumber.id);
    expect(ledger.invoices.deleteDraft(noNumber.id)).toBe(true);
    expect(ledger.invoices.get(noNumber.id)).toBeUndefined();
    // The draft's JSON lives in invoice_bodies and goes with the invoice.
    const bodies = ledger.db.prepare('SELECT invoice_id FROM invoice_bodies ORDER BY invoice_id').all() as { invoice_id: number }[];
    expect(bodies.map((b) => b.invoice_id)).toEqual([inv.id, noNumber2.id]);
  });

  it('refuses a second document with the same IRN identity, whatever the case of the number', () => {
    ledger.invoices.saveDraft(draft({ docNo: 'abc-1' }));
    expect(() => ledger.invoices.saveDraft(draft({ docNo: 'ABC-1', docDate: '2025-12-01' }))).toThrow(expect.objectContaining({ code: 'LEDGER_DUPLICATE', path: 'docNo' }) as Error);
    // Another FY or another type is another identity.
    expect(ledger.invoices.saveDraft(draft({ docNo: 'ABC-1', docDate: '2026-04-01' })).fy).toBe('2026-27');
    expect(ledger.invoices.saveDraft(draft({ docNo: 'ABC-1', docType: 'CRN' })).docType).toBe('CRN');
    expect(ledger.invoices.findByIdentity(SELLER, 'INV', 'Abc-1', '2026-01-15')?.docNo).toBe('abc-1');
  });

  it('gives specific errors for bad numbers, dates, totals and unknown businesses', () => {
    expect(() => ledger.invoices.saveDraft(draft({ docNo: '0123' }))).toThrow(expect.objectContaining({ path: 'docNo' }) as Error);
    expect(() => ledger.invoices.saveDraft(draft({ docNo: 'X'.repeat(17) }))).toThrow(expect.objectContaining({ path: 'docNo' }) as Error);
    expect(() => ledger.invoices.saveDraft(draft({ docDate: '09/03/2026' }))).toThrow(expect.objectContaining({ path: 'docDate' }) as Error);
    expect(() => ledger.invoices.saveDraft(draft({ totalPaise: 10.5 }))).toThrow(expect.objectContaining({ path: 'totalPaise' }) as Error);
    expect(() => ledger.invoices.saveDraft(draft({ businessId: 42 }))).toThrow(expect.objectContaining({ code: 'LEDGER_NOT_FOUND', path: 'businessId' }) as Error);
    expect(() => ledger.invoices.saveDraft(draft({ id: 4242 }))).toThrow(expect.objectContaining({ code: 'LEDGER_NOT_FOUND' }) as Error);
  });

  it('locks a document once it is queued: no edit, no delete', () => {
    const inv = ledger.invoices.saveDraft(draft());
    ledger.outbox.enqueue({ invoiceId: inv.id, op: 'register', payload: { Version: '1.1' } });
    expect(() => ledger.invoices.saveDraft(draft({ id: inv.id, totalPaise: 1 }))).toThrow(expect.objectContaining({ code: 'INVOICE_LOCKED' }) as Error);
    expect(ledger.invoices.deleteDraft(inv.id)).toBe(false);
    expect(ledger.invoices.get(inv.id)!.totalPaise).toBe(118000);
  });
});

describe('registrations and e-way bills', () => {
  it('stores the IRP answer with AckNo as text and AckDt both as sent and as a UTC instant', () => {
    const id = registered({ docNo: 'R-1' }, irnOf(1));
    const reg = ledger.registrations.forInvoice(id)!;
    expect(reg).toMatchObject({ irn: irnOf(1), ackNo: '232210036754863', ackDt: '2026-03-10 10:30:00', ackAt: '2026-03-10T05:00:00.000Z', status: 'ACT', adopted: false, signatureVerified: false });
    expect(ledger.registrations.markSignatureVerified(irnOf(1))).toBe(true);
    expect(ledger.registrations.get(irnOf(1))!.signatureVerified).toBe(true);
    expect(ledger.invoices.get(id)!.status).toBe('registered');
  });

  it('refuses a malformed IRN, AckNo or AckDt and leaves the invoice in flight (the transaction rolls back)', () => {
    const inv = ledger.invoices.saveDraft(draft());
    const item = ledger.outbox.startInFlight({ invoiceId: inv.id, op: 'register', payload: {} });
    const good = { irn: irnOf(2), ackNo: '1', ackDt: '2026-03-10 10:30:00', signedInvoice: 's', signedQrCode: 'q' };
    expect(() => ledger.outbox.completeRegistration(item.id, { ...good, irn: 'XYZ' })).toThrow(expect.objectContaining({ path: 'irn' }) as Error);
    expect(() => ledger.outbox.completeRegistration(item.id, { ...good, ackNo: 1.5 })).toThrow(expect.objectContaining({ path: 'ackNo' }) as Error);
    expect(() => ledger.outbox.completeRegistration(item.id, { ...good, ackDt: '10/03/2026' })).toThrow(expect.objectContaining({ path: 'ackDt' }) as Error);
    expect(ledger.invoices.get(inv.id)!.status).toBe('in_flight');
    expect(ledger.outbox.get(item.id)!.state).toBe('in_flight');
    expect(ledger.registrations.forInvoice(inv.id)).toBeUndefined();
  });

  it('cancels through the outbox: registration CNL with date, reason, remark; invoice cancelled', () => {
    const id = registered({ docNo: 'C-1' }, irnOf(3));
    const op = ledger.outbox.startInFlight({ invoiceId: id, op: 'cancel', payload: { Irn: irnOf(3), CnlRsn: '2', CnlRem: 'Wrong rate' } });
    expect(ledger.invoices.get(id)!.status).toBe('registered');
    ledger.outbox.completeCancel(op.id, irnOf(3), { cancelDate: '2026-03-10 12:00:00', reason: '2', remark: 'Wrong rate' });
    expect(ledger.registrations.get(irnOf(3))).toMatchObject({ status: 'CNL', cancelDate: '2026-03-10 12:00:00', cancelReason: '2', cancelRemark: 'Wrong rate' });
    expect(ledger.invoices.get(id)!.status).toBe('cancelled');
    expect(() => ledger.outbox.enqueue({ invoiceId: id, op: 'cancel', payload: {} })).toThrow(expect.objectContaining({ code: 'INVOICE_LOCKED' }) as Error);
  });

  it('records e-way bills by invoice and their cancellation', () => {
    const id = registered({ docNo: 'E-1' }, irnOf(4));
    const op = ledger.outbox.startInFlight({ invoiceId: id, op: 'ewb', payload: { Irn: irnOf(4), Distance: 120 } });
    ledger.outbox.completeEwayBill(op.id, { ewbNo: 111008683051, ewbDate: '2026-03-10 11:28:00', validTill: '2026-03-11 23:59:00' });
    expect(ledger.ewaybills.forInvoice(id)).toEqual([expect.objectContaining({ ewbNo: '111008683051', status: 'ACT', validTill: '2026-03-11 23:59:00' })]);
    const c = ledger.outbox.startInFlight({ invoiceId: id, op: 'cancel_ewb', payload: { ewbNo: 111008683051, cancelRsnCode: 2 } });
    ledger.outbox.completeEwayBillCancel(c.id, '111008683051', '2026-03-10 12:10:00');
    expect(ledger.ewaybills.get('111008683051')).toMatchObject({ status: 'CNL', cancelDate: '2026-03-10 12:10:00' });
    expect(() => ledger.ewaybills.insert(id, { ewbNo: '12', ewbDate: 'x' })).toThrow(expect.objectContaining({ path: 'ewbNo' }) as Error);
    expect(ledger.invoices.get(id)!.status).toBe('registered');
  });
});

describe('invoice list and search', () => {
  beforeEach(() => {
    const buyers = ['Reliance Retail', 'Kaveri Traders', 'Godavari Mills'];
    for (let n = 1; n <= 30; n += 1) {
      const over: Partial<DraftInput> = {
        docNo: `BT-${String(n).padStart(3, '0')}`,
        docDate: `2026-02-${String(n % 28 + 1).padStart(2, '0')}`,
        buyerName: buyers[n % 3],
        buyerGstin: `2${n % 3}AAACR5055K1Z${n % 3}`,
        totalPaise: n * 1000,
      };
      if (n % 5 === 0) ledger.invoices.saveDraft(draft(over));
      else registered(over, irnOf(100 + n));
    }
  });

  it('filters by status and date range, sorts by date then id, and pages by cursor without gaps or repeats', () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = ledger.invoiceList.page({ status: 'registered', limit: 7, cursor });
      seen.push(...page.rows.map((r) => r.id));
      for (const r of page.rows) expect(r.status).toBe('registered');
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect(pages).toBe(4);
    const all = ledger.invoiceList.page({ status: 'registered', limit: 100 }).rows;
    expect(all.map((r) => r.id)).toEqual(seen);
    for (let i = 1; i < all.length; i += 1) expect(all[i - 1]!.docDate >= all[i]!.docDate).toBe(true);
    const ranged = ledger.invoiceList.page({ from: '2026-02-10', to: '2026-02-12', sort: 'number', direction: 'asc' }).rows;
    expect(ranged.map((r) => r.docNo)).toEqual(['BT-009', 'BT-010', 'BT-011']);
  });

  it('sorts by total and number both ways, pages by offset, and returns totals of the filtered set', () => {
    const byTotal = ledger.invoiceList.page({ sort: 'total', direction: 'desc', limit: 3 }).rows.map((r) => r.totalPaise);
    expect(byTotal).toEqual([30000, 29000, 28000]);
    const second = ledger.invoiceList.page({ sort: 'number', direction: 'asc', limit: 3, offset: 3 }).rows.map((r) => r.docNo);
    expect(second).toEqual(['BT-004', 'BT-005', 'BT-006']);
    const byStatus = ledger.invoiceList.page({ sort: 'status', direction: 'asc', limit: 100 }).rows.map((r) => r.status);
    expect(byStatus.slice(0, 6)).toEqual(Array(6).fill('draft'));
    expect(ledger.invoiceList.totals({ status: 'draft' })).toMatchObject({ count: 6, totalPaise: (5 + 10 + 15 + 20 + 25 + 30) * 1000 });
    expect(ledger.invoiceList.totals({ status: ['draft', 'registered'] })).toMatchObject({ count: 30, totalPaise: 465000 });
    expect(ledger.invoiceList.totals({ businessId: businessId + 1 })).toMatchObject({ count: 0, totalPaise: 0 });
    // The running per-status totals agree with counting the rows (a date filter forces the count).
    for (const status of ['draft', 'registered', 'cancelled'] as const) {
      expect(ledger.invoiceList.totals({ status, businessId })).toEqual(ledger.invoiceList.totals({ status, businessId, from: '2000-01-01' }));
    }
  });

  it('searches document numbers, party names, GSTINs and IRNs by word prefix, and the buyer filter only names/GSTINs', () => {
    const ids = (q: object) => ledger.invoiceList.page({ limit: 100, ...q }).rows.map((r) => r.docNo).sort();
    expect(ids({ search: 'BT-007' })).toEqual(['BT-007']);
    expect(ids({ search: 'kaver' })).toHaveLength(10);
    expect(ids({ search: 'kaveri BT-00' })).toEqual(['BT-001', 'BT-004', 'BT-007']);
    expect(ids({ search: irnOf(112).slice(0, 12) })).toEqual(['BT-012']);
    expect(ids({ search: irnOf(112) })).toEqual(['BT-012']);
    expect(ids({ search: '22AAACR' })).toHaveLength(10);
    expect(ids({ buyer: 'godavari', status: 'draft' })).toEqual(['BT-005', 'BT-020']);
    expect(ids({ buyer: 'BT-007' })).toEqual([]);
    expect(ids({ search: '"); DROP TABLE invoices; --' })).toEqual([]);
    const row = ledger.invoiceList.page({ search: 'BT-012' }).rows[0]!;
    expect(row).toMatchObject({ irn: irnOf(112), ackNo: '232210036754863', ackDt: '2026-03-10 10:30:00', sellerGstin: SELLER });
    expect(ledger.invoiceList.totals({ search: 'kaveri' }).count).toBe(10);
  });

  it('walks an index for a status-filtered page instead of sorting the table', () => {
    const plan = ledger.invoiceList.explain({ status: 'registered' }).join(' | ');
    expect(plan).toMatch(/USING INDEX invoices_status_date/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(ledger.invoiceList.explain({ sort: 'number', status: 'draft' }).join(' | ')).toMatch(/invoices_status_number/);
  });

  it('drives a narrow search from the FTS index and a broad one from the sort index, with the same rows', () => {
    // sort by number: the date order has its own plan (below)
    const narrow = ledger.invoiceList.explain({ search: 'kaveri', status: 'registered', sort: 'number' }).join(' | ');
    expect(narrow).toMatch(/INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(narrow).not.toMatch(/invoices_status_number/);
    const dense = new InvoiceListRepo(ledger.db, 5, 2);
    const broad = dense.explain({ search: 'kaveri', status: 'registered' }).join(' | ');
    expect(broad).toMatch(/USING INDEX invoices_status_date \(status=\?\)/);
    expect(broad).not.toMatch(/TEMP B-TREE/);
    for (const q of [{ search: 'kaveri', status: 'registered' as const }, { search: 'BT', sort: 'total' as const, limit: 4 }, { buyer: 'mills', from: '2026-02-05' }]) {
      expect(dense.page(q).rows.map((r) => r.id)).toEqual(ledger.invoiceList.page(q).rows.map((r) => r.id));
    }
    expect(dense.totals({ search: 'kaveri' })).toEqual(ledger.invoiceList.totals({ search: 'kaveri' }));
  });

  it('pages a search in date order straight from the search index, with the rows and cursors of the other plans', () => {
    const plan = ledger.invoiceList.explain({ search: 'bt' }).join(' | ');
    expect(plan).toMatch(/SCAN s VIRTUAL TABLE/);
    expect(plan).not.toMatch(/TEMP B-TREE|invoices_date|invoices_status_date/);
    // the other plans, for comparison: sparse ids (default threshold) and the sort-index walk
    const sparse = new InvoiceListRepo(ledger.db, 2000, 2);
    const dense = new InvoiceListRepo(ledger.db, 5, 2);
    const all = (repo: InvoiceListRepo, q: object) => {
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = repo.page({ limit: 4, ...q, ...(cursor ? { cursor } : {}) });
        ids.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const queries = [
      { search: 'bt' },
      { search: 'bt', direction: 'asc' as const },
      { search: 'kaveri', status: 'registered' as const },
      { search: 'bt', from: '2026-02-05', to: '2026-02-12' },
      { buyer: 'mills', businessId },
    ];
    for (const q of queries) {
      const walked = all(ledger.invoiceList, q);
      expect(walked.length).toBeGreaterThan(0);
      expect(walked).toEqual(all(sparse, q));
      expect(walked).toEqual(all(dense, q));
    }
    expect(all(ledger.invoiceList, { search: 'bt' })).toHaveLength(30);
    // a draft whose date changes moves in the index, and is found once, at its new place
    const moved = ledger.invoiceList.page({ search: 'BT-005' }).rows[0]!;
    ledger.invoices.saveDraft(draft({ id: moved.id, docNo: 'BT-005', docDate: '2026-03-01', buyerName: 'Godavari Mills' }));
    expect(ledger.invoiceList.page({ search: 'bt', limit: 1 }).rows.map((r) => [r.id, r.docDate])).toEqual([[moved.id, '2026-03-01']]);
    expect(all(ledger.invoiceList, { search: 'bt' })).toHaveLength(30);
  });

  it('leaves a rare status to the other plans, where walking the search index would visit most postings', () => {
    // drafts are 6 of 30 here; with a 50 % threshold they count as rare
    const strict = new InvoiceListRepo(ledger.db, 2000, 0.5);
    expect(strict.explain({ search: 'bt', status: 'draft' }).join(' | ')).not.toMatch(/SCAN s VIRTUAL TABLE/);
    expect(strict.explain({ search: 'bt', status: 'registered' }).join(' | ')).toMatch(/SCAN s VIRTUAL TABLE/);
    expect(strict.page({ search: 'bt', status: 'draft' }).rows.map((r) => r.id)).toEqual(ledger.invoiceList.page({ search: 'bt', status: 'draft' }).rows.map((r) => r.id));
  });

  it('rejects bad list parameters with specific errors', () => {
    expect(() => ledger.invoiceList.page({ limit: 0 })).toThrow(expect.objectContaining({ path: 'limit' }) as Error);
    expect(() => ledger.invoiceList.page({ status: 'paid' as never })).toThrow(expect.objectContaining({ path: 'status' }) as Error);
    expect(() => ledger.invoiceList.page({ cursor: 'garbage' })).toThrow(expect.objectContaining({ path: 'cursor' }) as Error);
    const c = ledger.invoiceList.page({ limit: 1 }).nextCursor!;
    expect(() => ledger.invoiceList.page({ cursor: c, sort: 'status' })).toThrow(expect.objectContaining({ path: 'cursor' }) as Error);
    expect(() => ledger.invoiceList.page({ from: 'yesterday' })).toThrow(expect.objectContaining({ path: 'from' }) as Error);
  });
});
