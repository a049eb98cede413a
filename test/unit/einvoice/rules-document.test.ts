import { describe, expect, it } from 'vitest';
import * as r from '../../../shared/einvoice/rules/document';
import { clone, serviceLine, validInvoice } from '../../support/invoices';
import { codes, runRule } from '../../support/rules';

const dated = (docDate: string) => clone(validInvoice({ docDate }));

describe('document rules (irp-protocol §6.3, §6.6)', () => {
  it('2163 no future date (IST "today" is an input)', () => {
    expect(runRule(r.dateNotInFuture, dated('21/11/2026')).errors).toEqual([]);
    expect(codes(runRule(r.dateNotInFuture, dated('22/11/2026')).errors)).toEqual(['2163']);
    expect(runRule(r.dateNotInFuture, dated('22/11/2026'), { today: '2026-11-22' }).errors).toEqual([]);
  });

  it('rejects documents dated before e-invoicing began (01/10/2020)', () => {
    expect(runRule(r.dateAfterGoLive, dated('01/10/2020')).errors).toEqual([]);
    expect(codes(runRule(r.dateAfterGoLive, dated('30/09/2020')).errors)).toEqual(['5002']);
  });

  it('2305 the 30-day limit: ≥ ₹10 Cr from 1-Apr-2025, ≥ ₹100 Cr from 1-Nov-2023', () => {
    const old = dated('22/10/2026');
    expect(runRule(r.withinReportingWindow, dated('23/10/2026'), { seller: { aatoCrore: 500 } }).errors).toEqual([]);
    expect(codes(runRule(r.withinReportingWindow, old, { seller: { aatoCrore: 10 } }).errors)).toEqual(['2305']);
    expect(runRule(r.withinReportingWindow, old, { seller: { aatoCrore: 9.5 } }).errors).toEqual([]);
    const march = dated('01/03/2025');
    expect(runRule(r.withinReportingWindow, march, { seller: { aatoCrore: 50 }, today: '2025-03-31' }).errors).toEqual([]);
    expect(codes(runRule(r.withinReportingWindow, march, { seller: { aatoCrore: 150 }, today: '2025-03-31' }).errors)).toEqual(['2305']);
    expect(codes(runRule(r.withinReportingWindow, march, { seller: { aatoCrore: 50 }, today: '2025-04-01' }).errors)).toEqual(['2305']);
    const oct = dated('01/10/2023');
    expect(runRule(r.withinReportingWindow, oct, { seller: { aatoCrore: 150 }, today: '2023-10-31' }).errors).toEqual([]);
    expect(codes(runRule(r.withinReportingWindow, oct, { seller: { aatoCrore: 150 }, today: '2023-11-01' }).errors)).toEqual(['2305']);
  });

  it('2305 warns when the seller AATO is unknown', () => {
    expect(codes(runRule(r.withinReportingWindow, dated('22/10/2026')).warnings)).toEqual(['2305']);
  });

  it('warns when the document predates the seller\'s own e-invoicing start', () => {
    expect(runRule(r.dateAfterSellerStart, dated('14/11/2026'), { seller: { einvoiceStartDate: '2026-11-01' } }).warnings).toEqual([]);
    expect(runRule(r.dateAfterSellerStart, dated('14/10/2026'), { seller: { einvoiceStartDate: '2026-11-01' } }).warnings).toHaveLength(1);
  });

  it('2191 credit/debit notes should name the original invoice; 2210 invoices should not', () => {
    const note = clone(validInvoice({ docType: 'CRN', precedingDocs: [{ InvNo: 'ST/25-26/0001', InvDt: '01/11/2026' }] }));
    expect(runRule(r.notesReferToOriginal, note).warnings).toEqual([]);
    const bare = clone(validInvoice({ docType: 'DBN' }));
    expect(codes(runRule(r.notesReferToOriginal, bare).warnings)).toEqual(['2191']);
    const inv = clone(validInvoice({ precedingDocs: [{ InvNo: 'ST/25-26/0001', InvDt: '01/11/2026' }] }));
    expect(codes(runRule(r.notesReferToOriginal, inv).warnings)).toEqual(['2210']);
  });

  it('2252 / 2251 e-way bill details on a note or a services-only invoice are flagged', () => {
    const ewb = { Distance: 100, TransMode: '1' as const, VehNo: 'KA01AB1234', VehType: 'R' as const };
    expect(runRule(r.ewayBillApplies, clone(validInvoice({ ewb }))).warnings).toEqual([]);
    expect(codes(runRule(r.ewayBillApplies, clone(validInvoice({ docType: 'CRN', ewb }))).warnings)).toEqual(['2252']);
    expect(codes(runRule(r.ewayBillApplies, clone(validInvoice({ lines: [serviceLine()], ewb }))).warnings)).toEqual(['2251']);
  });

  it('the IRN is never sent by the client', () => {
    const inv = validInvoice();
    expect(runRule(r.irnNotSent, inv).errors).toEqual([]);
    expect(codes(runRule(r.irnNotSent, { ...inv, Irn: 'x' } as typeof inv).errors)).toEqual(['5002']);
  });
});
